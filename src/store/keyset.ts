import { CompiledQuery, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DatedRole, ExportedStatement, StatementQuery } from '../types.js';
import { filteredStatements, type EntityIds } from './filters.js';
import { toStatement } from './rows.js';

/** Rows per keyset batch: large enough that a batch's query costs little per row, small enough to keep memory flat. */
export const EXPORT_BATCH = 1000;

interface Cursor { readonly d: string | null; readonly a: string; readonly n: number }

/**
 * After the cursor in page order (sort_date in `dir`, then article_id and seq ascending), written out because
 * a row comparison cannot mix directions. The plain `sort_date <=` bound lets either planner range the index.
 */
function after(eb: ExpressionBuilder<any, any>, c: Cursor, desc: boolean): Expression<SqlBool> {
  const sameArticle = eb.and([eb('s.article_id', '=', c.a), eb('s.seq', '>', c.n)]);
  const within = eb.or([eb('s.article_id', '>', c.a), sameArticle]);
  if (c.d === null) return within;
  return eb.and([
    eb('s.sort_date', desc ? '<=' : '>=', c.d),
    eb.or([eb('s.sort_date', desc ? '<' : '>', c.d), eb.and([eb('s.sort_date', '=', c.d), within])]),
  ]);
}

/**
 * Words (with at most dates, outlet or type besides) in SQLite: walk the date index and keep the rows that match,
 * as statements() does for a common word. Left to itself SQLite reads every match and sorts them all again for
 * each batch (380 ms a batch for 16,000 matches). The planner takes no hint through Kysely, so the compiled
 * text gets the two that statements() writes by hand: INDEXED BY, and `+` so the match is a filter, not a lookup.
 */
async function run(db: Kysely<any>, q: SelectQueryBuilder<any, any, any>, walk: boolean): Promise<any[]> {
  if (!walk) return q.execute();
  const compiled = q.compile();
  const from = 'from "statements" as "s"';
  const match = 's.rowid in (select rowid from statements_fts';
  if (!compiled.sql.includes(from) || !compiled.sql.includes(match)) return q.execute();
  const text = compiled.sql.replace(from, `${from} indexed by "statements_sort_date"`).replace(match, `+${match}`);
  return (await db.executeQuery(CompiledQuery.raw(text, [...compiled.parameters]))).rows as any[];
}

/** Most articles and speakers an export remembers; beyond, the least recently read are read again when needed. */
const REMEMBERED = 5000;

/** Article columns and speaker roles of an export's rows, read in one query per batch for those not yet known. */
class Lookups {
  readonly #articles = new Map<string, { a_title: string | null; a_url: string | null; a_published: string | null }>();
  readonly #roles = new Map<string, DatedRole[]>();
  constructor(private readonly db: Kysely<any>) {}

  async fill(rows: readonly any[]): Promise<void> {
    // Those known are touched, so that the ones this batch needs are the last to be forgotten.
    for (const id of new Set(rows.map((r) => r.article_id as string))) {
      const known = this.#articles.get(id);
      if (known) { this.#articles.delete(id); this.#articles.set(id, known); }
    }
    const articles = [...new Set(rows.map((r) => r.article_id as string))].filter((id) => !this.#articles.has(id));
    const speakers = [...new Set(rows.map((r) => r.speaker_kb_id as string | null))].filter((id): id is string => !!id && !this.#roles.has(id));
    if (articles.length) {
      for (const r of await this.db.selectFrom('articles').select(['id', 'title', 'url', 'published']).where('id', 'in', articles).execute()) {
        remember(this.#articles, r.id, { a_title: r.title, a_url: r.url, a_published: r.published });
      }
    }
    if (speakers.length) {
      for (const r of await this.db.selectFrom('kb_entities').select(['id', 'roles']).where('id', 'in', speakers).execute()) remember(this.#roles, r.id, JSON.parse(r.roles));
    }
  }

  article(id: string) { return this.#articles.get(id) ?? {}; }
  roles(id: string | null): readonly DatedRole[] { return (id && this.#roles.get(id)) || []; }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value!);
}

/** The role a speaker held on a day: the one whose dates cover it, else the latest begun by then, else the latest. */
export function roleOn(roles: readonly DatedRole[], day: string | undefined): string | undefined {
  if (!roles.length) return undefined;
  if (day) {
    const covering = roles.find((r) => (!r.first || r.first <= day) && (!r.last || day <= r.last));
    if (covering) return covering.role;
    const begun = roles.filter((r) => r.first && r.first <= day).sort((x, y) => (x.first! < y.first! ? -1 : 1)).pop();
    if (begun) return begun.role;
  }
  return roles[roles.length - 1]!.role;
}

/**
 * Every statement of a query in page order, dated first then undated (as the pages show them), read in
 * keyset batches: each batch starts after the last row of the one before, so the thousandth batch costs
 * what the first did and nothing beyond one batch is held.
 */
export async function* statementRows(db: Kysely<any>, dialect: 'sqlite' | 'postgres', query: StatementQuery, entityIds: EntityIds, batch = EXPORT_BATCH): AsyncGenerator<ExportedStatement> {
  const desc = query.order !== 'asc';
  const base = await filteredStatements(db, dialect, query, entityIds);
  const lookups = new Lookups(db);
  const walk = dialect === 'sqlite' && !!query.q && !query.speaker && !query.entity && !query.articleId && !query.utteranceId;
  for (const dated of [true, false]) {
    let cursor: Cursor | undefined;
    for (;;) {
      let q = base.where('s.sort_date', dated ? 'is not' : 'is', null);
      if (cursor) { const c = cursor; q = q.where((eb) => after(eb, c, desc)); }
      if (dated) q = q.orderBy('s.sort_date', desc ? 'desc' : 'asc');
      // The batch from statements alone (joined, SQLite scanned every article first), then what it lacks of its
      // articles and speakers, each read once per export: consecutive batches share most of them.
      const keys = await run(db, q.selectAll('s').orderBy('s.article_id').orderBy('s.seq').limit(batch), walk);
      if (!keys.length) break;
      await lookups.fill(keys);
      for (const r of keys) {
        const s = toStatement({ ...r, ...lookups.article(r.article_id) });
        const role = roleOn(lookups.roles(r.speaker_kb_id), r.sort_date ?? undefined);
        yield role ? { ...s, speakerRole: role } : s;
      }
      const last = keys[keys.length - 1]!;
      if (keys.length < batch) break;
      cursor = { d: last.sort_date ?? null, a: last.article_id, n: Number(last.seq) };
    }
  }
}
