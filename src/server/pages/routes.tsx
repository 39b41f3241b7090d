/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Hono } from 'hono';
import { OnrecordError } from '../../errors.js';
import type { KbEntity, StatementQuery, StatementSpan, StatementVolume, Store, VolumeRequest } from '../../types.js';
import { exportResponse } from '../export.js';
import { RequestError } from '../http-error.js';
import { DEFAULT_PAGE_SIZE, FACET_SIZE, MAX_MENTION_ARTICLES, MAX_TIMELINE_STATEMENTS, WEEKS_UP_TO_MONTHS } from '../limits.js';
import { articlesQuery, parseQuery, searchPageQuery, speakersQuery, utterancesQuery } from '../schemas.js';
import { ArticlePage, ArticlesPage } from './article.js';
import { FACETS } from './facets.js';
import { SearchPage, hasFilters, type SearchParams } from './search.js';
import { SpeakerPage, SpeakersPage, type Mentioned } from './speaker.js';
import { UtterancePage, UtterancesPage } from './utterance.js';

const SPEAKER_CHOICES = 100;
const MAX_MENTIONED = 12;

/**
 * The people a speaker names in their statements: entities of each article
 * with a mention inside one of the speaker's statement spans, the speaker
 * excluded, counted across the most recent articles and resolved to the
 * knowledge base by name where possible. Three queries in all: the spans are
 * already at hand, the articles' entities come in one, the names in one.
 */
async function peopleMentioned(store: Store, speaker: KbEntity, spans: readonly StatementSpan[]): Promise<Mentioned[]> {
  const byArticle = new Map<string, StatementSpan[]>();
  for (const s of spans) {
    if (!byArticle.has(s.articleId) && byArticle.size >= MAX_MENTION_ARTICLES) continue;
    byArticle.set(s.articleId, [...(byArticle.get(s.articleId) ?? []), s]);
  }
  const entities = await store.articleEntities([...byArticle.keys()]);
  const counts = new Map<string, { name: string; type: KbEntity['type']; count: number }>();
  const own = new Set([speaker.name, ...speaker.aliases].map((n) => n.toLowerCase()));
  for (const [articleId, said] of byArticle) {
    for (const entity of entities.get(articleId) ?? []) {
      if (entity.unnamed || entity.type !== 'person' || own.has(entity.name.toLowerCase())) continue;
      if (said.some((s) => s.speakerEntityId === entity.id)) continue;
      const n = said.filter((s) => entity.mentions.some((m) => m.start >= s.start && m.end <= s.end)).length;
      if (n === 0) continue;
      const key = entity.name.toLowerCase();
      const seen = counts.get(key) ?? { name: entity.name, type: entity.type, count: 0 };
      counts.set(key, { ...seen, count: seen.count + n });
    }
  }
  const top = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, MAX_MENTIONED);
  const known = await store.entitiesNamed(top.map((m) => m.name));
  return top.map((m) => {
    const lower = m.name.toLowerCase();
    const match = known.find((e) => e.type === m.type && (e.name.toLowerCase() === lower || e.aliases.some((a) => a.toLowerCase() === lower)));
    return { ...m, kbId: match?.id };
  });
}

/** A chart per the unit asked for; without one, per month unless that gives only a few bars, then per week. */
async function volumeOf(store: Store, query: StatementQuery, unit: VolumeRequest['unit'] | undefined, split?: VolumeRequest['split']): Promise<StatementVolume> {
  const request = { ...(split ? { split } : {}), top: 5 };
  if (unit) return store.statementVolume(query, { ...request, unit });
  const months = await store.statementVolume(query, { ...request, unit: 'month' });
  return months.buckets.length > WEEKS_UP_TO_MONTHS ? months : store.statementVolume(query, { ...request, unit: 'week' });
}

function problemsOf(error: unknown): string[] {
  if (error instanceof RequestError && error.issues) return error.issues.map((i) => `${i.path.replace(/^query\./, '')}: ${i.message}`);
  throw error;
}

export function mountPages(app: Hono, store: Store): void {
  app.get('/', async (c) => {
    const speakers = (await store.entities({ speakersOnly: true, limit: SPEAKER_CHOICES })).items;
    let params: SearchParams;
    try {
      params = parseQuery(searchPageQuery, c.req.query());
    } catch (error) {
      const problems = problemsOf(error);
      return c.html(<SearchPage params={c.req.query()} speakers={speakers} problems={problems} />, 400);
    }
    const { article, utterance, format, bom, group, unit, split, limit: _, offset, order, ...filters } = params;
    const query: StatementQuery = { ...filters, articleId: article, utteranceId: utterance };
    if (format !== 'json') return exportResponse(store, { ...query, order }, format, { bom, name: 'onrecord-statements' });
    const page = { ...query, order, offset, limit: DEFAULT_PAGE_SIZE };
    // Facets and the chart only for a search: over the whole store they would count every statement.
    const filtered = hasFilters(params);
    const [results, groups, stats, facets, volume] = await Promise.all([
      group ? undefined : store.statements(page),
      group ? store.statementGroups(page) : undefined,
      filtered ? undefined : store.stats(),
      filtered ? store.statementFacets(query, FACETS, FACET_SIZE) : undefined,
      filtered ? volumeOf(store, query, unit, split) : undefined,
    ]);
    return c.html(<SearchPage params={params} results={results} groups={groups} facets={facets} volume={volume} speakers={speakers} stats={stats} />);
  });

  app.get('/speakers', async (c) => {
    const params = parseQuery(speakersQuery, c.req.query());
    const page = await store.entities({ ...params, speakersOnly: true, limit: 50 });
    return c.html(<SpeakersPage page={page} q={params.q} />);
  });

  app.get('/speakers/:id', async (c) => {
    const id = c.req.param('id');
    const { offset, unit } = parseQuery(articlesQuery.pick({ offset: true }).extend({ unit: searchPageQuery.shape.unit }), c.req.query());
    const entity = await store.entity(id);
    if (!entity) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `speaker ${JSON.stringify(id)}`);
    // The chart counts every statement of the speaker, undated ones apart (the spans are a recent sample).
    const [spans, statements, mentionedIn, volume] = await Promise.all([
      store.statementSpans(entity.id, MAX_TIMELINE_STATEMENTS),
      store.statements({ speaker: entity.id, limit: DEFAULT_PAGE_SIZE, offset, order: 'desc' }),
      store.statements({ entity: entity.id, limit: 5, order: 'desc' }),
      volumeOf(store, { speaker: entity.id }, unit),
    ]);
    const mentioned = await peopleMentioned(store, entity, spans);
    return c.html(
      <SpeakerPage entity={entity} statements={statements} volume={volume} mentioned={mentioned} mentionedIn={mentionedIn} />,
    );
  });

  app.get('/articles', async (c) => {
    const params = parseQuery(articlesQuery, c.req.query());
    return c.html(<ArticlesPage page={await store.articles({ ...params, limit: 50 })} outlet={params.outlet} />);
  });

  app.get('/articles/:id', async (c) => {
    const id = c.req.param('id');
    const stored = await store.article(id);
    if (!stored) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `article ${JSON.stringify(id)}`);
    return c.html(<ArticlePage stored={stored} />);
  });

  app.get('/utterances', async (c) => {
    const params = parseQuery(utterancesQuery, c.req.query());
    const minReports = params.minReports ?? 2;
    const page = await store.utterances({ ...params, minReports, limit: DEFAULT_PAGE_SIZE });
    return c.html(<UtterancesPage page={page} minReports={minReports} />);
  });

  app.get('/utterances/:id', async (c) => {
    const id = c.req.param('id');
    const utterance = await store.utterance(id);
    if (!utterance) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `utterance ${JSON.stringify(id)}`);
    return c.html(<UtterancePage utterance={utterance} />);
  });
}
