import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { StatementQuery } from '../types.js';
import { ftsQuery } from './words.js';

/** KB ids for an id, name or alias (the store's lookup, passed in so filters stay free of its cache). */
export type EntityIds = (key: string) => Promise<string[]>;

/** The filters of a statement query other than its words: the query is "words only" when none is set. */
const FILTERS = ['speaker', 'entity', 'from', 'to', 'outlet', 'type', 'articleId', 'utteranceId', 'addressee', 'via'] as const;

export function hasFilters(query: StatementQuery): boolean {
  return FILTERS.some((k) => Boolean(query[k]));
}

/** SQLite's full-text match of a statement row, as a condition on `s.rowid`. */
export function ftsMatch(q: string) {
  return sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(q)})`;
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
  if (query.q) q = dialect === 'postgres' ? q.where(sql<boolean>`s.tsv @@ plainto_tsquery('english', ${query.q})`) : q.where(ftsMatch(query.q));
  if (query.from) q = q.where('s.sort_date', '>=', query.from);
  if (query.to) q = q.where('s.sort_date', '<=', query.to + '\uffff');
  if (query.outlet) q = q.where(sql`lower(s.outlet)`, '=', query.outlet.toLowerCase());
  if (query.type) q = q.where('s.type', '=', query.type);
  if (query.articleId) q = q.where('s.article_id', '=', query.articleId);
  if (query.utteranceId) q = q.where('s.utterance_id', '=', query.utteranceId);
  // Exact values, as the addressee and via facets give them (src/store/aggregates.ts).
  if (query.addressee) q = q.where(sql`lower(s.addressee)`, '=', query.addressee.toLowerCase());
  if (query.via) q = q.where(sql`lower(s.via)`, '=', query.via.toLowerCase());
  return q;
}
