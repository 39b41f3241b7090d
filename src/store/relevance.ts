import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { ftsSearch, tsSearch } from './search-query.js';

/**
 * One page of a full-text search, best matches first: FTS5's bm25 rank in SQLite, ts_rank in PostgreSQL (the
 * two score differently, so the sets agree and the order may not). Ties newest first. Ranking reads every
 * match, unlike the date order's index walk: the price of asking for it.
 */
export async function rankedIds(db: Kysely<any>, dialect: 'sqlite' | 'postgres', filtered: SelectQueryBuilder<any, any, any>, q: string, limit: number, offset: number): Promise<string[]> {
  const ranked = dialect === 'postgres'
    ? filtered.select(['s.id', sql<number>`-ts_rank(s.tsv, to_tsquery('english', ${tsSearch(q)}))`.as('r')])
    : filtered.innerJoin(
      (d) => d.selectFrom('statements_fts').select([sql<number>`rowid`.as('rid'), sql<number>`rank`.as('r')]).where(sql<boolean>`statements_fts match ${ftsSearch(q)}`).as('f'),
      (j) => j.onRef('f.rid', '=', 's.rowid'),
    ).select(['s.id', 'f.r']);
  const rows = await ranked.orderBy('r').orderBy('s.sort_date', (o) => o.desc().nullsLast()).orderBy('s.article_id').orderBy('s.seq')
    .limit(limit).offset(offset).execute();
  return rows.map((r) => r.id as string);
}
