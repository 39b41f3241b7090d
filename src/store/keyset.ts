import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
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
  for (const dated of [true, false]) {
    let cursor: Cursor | undefined;
    for (;;) {
      let q = base.where('s.sort_date', dated ? 'is not' : 'is', null);
      if (cursor) { const c = cursor; q = q.where((eb) => after(eb, c, desc)); }
      if (dated) q = q.orderBy('s.sort_date', desc ? 'desc' : 'asc');
      const rows = await q.innerJoin('articles as a', 'a.id', 's.article_id').leftJoin('kb_entities as k', 'k.id', 's.speaker_kb_id')
        .selectAll('s').select(['a.title as a_title', 'a.url as a_url', 'a.published as a_published', 'k.roles as k_roles'])
        .orderBy('s.article_id').orderBy('s.seq').limit(batch).execute();
      for (const r of rows) {
        const s = toStatement(r);
        const role = r.k_roles ? roleOn(JSON.parse(r.k_roles) as DatedRole[], r.sort_date ?? undefined) : undefined;
        yield role ? { ...s, speakerRole: role } : s;
      }
      if (rows.length < batch) break;
      const last = rows[rows.length - 1]!;
      cursor = { d: last.sort_date ?? null, a: last.article_id, n: Number(last.seq) };
    }
  }
}

