import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { StatementQuery } from '../types.js';
import { ftsSearch, tsSearch } from './search-query.js';

/** KB ids for an id, name or alias (the store's lookup, passed in so filters stay free of its cache). */
export type EntityIds = (key: string) => Promise<string[]>;

/** The filters of a statement query other than its words: the query is "words only" when none is set. */
const FILTERS = ['speaker', 'entity', 'from', 'to', 'outlet', 'type', 'articleId', 'utteranceId', 'addressee', 'via'] as const;

export function hasFilters(query: StatementQuery): boolean {
  return FILTERS.some((k) => Boolean(query[k]));
}

/** SQLite's full-text match of a statement row, as a condition on `s.rowid` (src/store/search-query.ts for the language). */
export function ftsMatch(q: string) {
  return sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsSearch(q)})`;
}

/** PostgreSQL's full-text match of a statement row: to_tsquery, as plainto/websearch_to_tsquery know no prefixes. */
export function tsMatch(q: string) {
  return sql<boolean>`s.tsv @@ to_tsquery('english', ${tsSearch(q)})`;
}

/** LIKE wildcards in user text are literal characters (escaped with `\`). */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive: `prefix` starts the column, else it occurs anywhere in it. */
function like(column: string, text: string, prefix: boolean) {
  const pattern = `${prefix ? '' : '%'}${likeEscape(text.toLowerCase())}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/**
 * Every filter of a statement query as conditions on `statements as s`, one place for the list pages,
 * counts and exports. Filters touch statements only; articles are joined by whoever needs their columns.
 */
export async function filteredStatements(db: Kysely<any>, dialect: 'sqlite' | 'postgres', query: StatementQuery, entityIds: EntityIds): Promise<SelectQueryBuilder<any, any, any>> {
  let q: SelectQueryBuilder<any, any, any> = db.selectFrom('statements as s');
  if (query.speaker) {
    const ids = await entityIds(query.speaker);
    q = q.where('s.speaker_kb_id', 'in', ids.length ? ids : ['']);
  }
  if (query.entity) {
    const ids = await entityIds(query.entity);
    q = q.where('s.id', 'in', db.selectFrom('statement_entities').select('statement_id').where('entity_id', 'in', ids.length ? ids : ['']));
  }
  if (query.q) q = q.where(dialect === 'postgres' ? tsMatch(query.q) : ftsMatch(query.q));
  if (query.from) q = q.where('s.sort_date', '>=', query.from);
  if (query.to) q = q.where('s.sort_date', '<=', query.to + '\uffff');
  // By prefix: "daily" finds every outlet whose name starts so; the page offers the names to choose from.
  if (query.outlet) q = q.where(like('s.outlet', query.outlet, true));
  // Addressee and via are free text ("the city council", "a spokesperson for the port"): any part of them.
  if (query.addressee) q = q.where(like('s.addressee', query.addressee, false));
  if (query.via) q = q.where(like('s.via', query.via, false));
  if (query.type) q = q.where('s.type', '=', query.type);
  if (query.articleId) q = q.where('s.article_id', '=', query.articleId);
  if (query.utteranceId) q = q.where('s.utterance_id', '=', query.utteranceId);
  return q;
}
