import { sql, type Kysely } from 'kysely';
import type { CorpusOverview, OutletCount } from '../types.js';

/** Outlets with their article counts, by name: the search form's list to choose from. */
export async function outletCounts(db: Kysely<any>): Promise<OutletCount[]> {
  const rows = await db.selectFrom('articles').select(['outlet', sql<number>`count(*)`.as('n')]).where('outlet', 'is not', null)
    .groupBy('outlet').orderBy('outlet').execute();
  return rows.map((r) => ({ name: r.outlet as string, articles: Number(r.n) }));
}

/** Speakers the overview names, most statements first. */
export const TOP_SPEAKERS = 20;
/** Articles shown for each kind of warning. */
export const WARNING_EXAMPLES = 5;

/**
 * What the corpus holds: articles per outlet and month (undated ones counted apart, never dropped), the most
 * quoted speakers, and the extraction warnings by code. A handful of grouped scans: the store caches it per
 * generation, so it is computed once per write, not per view.
 */
export async function corpusOverview(db: Kysely<any>): Promise<CorpusOverview> {
  const month = sql<string>`substr(published, 1, 7)`;
  const perMonth = await db.selectFrom('articles').select(['outlet', month.as('month'), sql<number>`count(*)`.as('n')])
    .where('published', 'is not', null).groupBy(['outlet', month]).orderBy('month', 'desc').orderBy('outlet').execute();
  const undated = await db.selectFrom('articles').select(['outlet', sql<number>`count(*)`.as('n')]).where('published', 'is', null)
    .groupBy('outlet').orderBy('outlet').execute();
  const speakers = await db.selectFrom((d) => d.selectFrom('statements').select(['speaker_kb_id', sql<number>`count(*)`.as('n')])
    .where('speaker_kb_id', 'is not', null).groupBy('speaker_kb_id').orderBy('n', 'desc').orderBy('speaker_kb_id').limit(TOP_SPEAKERS).as('t'))
    .innerJoin('kb_entities as e', 'e.id', 't.speaker_kb_id').select(['e.id', 'e.name', 'e.type', 't.n']).orderBy('t.n', 'desc').orderBy('e.id').execute();
  const warnings = await db.selectFrom('article_messages').select(['code', 'severity', sql<number>`count(*)`.as('n'), sql<number>`count(distinct article_id)`.as('a')])
    .where('severity', '<>', 'info').groupBy(['code', 'severity']).orderBy('n', 'desc').orderBy('code').execute();
  const examples = async (code: string, severity: string) => (await db.selectFrom('article_messages as m').innerJoin('articles as a', 'a.id', 'm.article_id')
    .select(['m.article_id', 'a.title', 'm.reason']).where('m.code', '=', code).where('m.severity', '=', severity)
    .orderBy('a.published', (o) => o.desc().nullsLast()).orderBy('m.article_id').orderBy('m.seq').limit(WARNING_EXAMPLES).execute())
    .map((r) => ({ articleId: r.article_id as string, ...(r.title ? { title: r.title as string } : {}), reason: r.reason as string }));
  const outlet = (o: unknown) => (o ?? null) as string | null;
  return {
    kind: 'corpus-overview',
    articles: perMonth.reduce((n, r) => n + Number(r.n), 0) + undated.reduce((n, r) => n + Number(r.n), 0),
    months: perMonth.map((r) => ({ outlet: outlet(r.outlet), month: r.month, articles: Number(r.n) })),
    undated: undated.map((r) => ({ outlet: outlet(r.outlet), articles: Number(r.n) })),
    topSpeakers: speakers.map((r) => ({ id: r.id, name: r.name, type: r.type, statements: Number(r.n) })),
    warnings: await Promise.all(warnings.map(async (r) => ({
      code: r.code, severity: r.severity, messages: Number(r.n), articles: Number(r.a), examples: await examples(r.code, r.severity),
    }))),
  };
}
