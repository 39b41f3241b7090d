import { sql, type Kysely } from 'kysely';
import type { OutletCount } from '../types.js';

/** Outlets with their article counts, by name: the search form's list to choose from. */
export async function outletCounts(db: Kysely<any>): Promise<OutletCount[]> {
  const rows = await db.selectFrom('articles').select(['outlet', sql<number>`count(*)`.as('n')]).where('outlet', 'is not', null)
    .groupBy('outlet').orderBy('outlet').execute();
  return rows.map((r) => ({ name: r.outlet as string, articles: Number(r.n) }));
}
