/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Context, Hono } from 'hono';
import { OnrecordError } from '../../errors.js';
import type { KbEntity, StatementQuery, StatementSpan, StatementVolume, Store, VolumeRequest } from '../../types.js';
import { exportResponse } from '../export.js';
import { RequestError } from '../http-error.js';
import { DEFAULT_PAGE_SIZE, FACET_SIZE, MAX_MENTION_ARTICLES, MAX_TIMELINE_STATEMENTS, WEEKS_UP_TO_MONTHS } from '../limits.js';
import { resolveEntity } from '../resolve.js';
import { articlesQuery, entitiesQuery, parseQuery, searchPageQuery, speakersQuery, utterancesQuery } from '../schemas.js';
import { ArticlePage, ArticlesPage } from './article.js';
import { EntitiesPage } from './entities.js';
import { FACETS } from './facets.js';
import { OverviewPage } from './overview.js';
import { SearchPage, hasFilters, type SearchChoices, type SearchParams } from './search.js';
import { SpeakerPage, SpeakersPage, type Mentioned } from './speaker.js';
import { UtterancePage, UtterancesPage } from './utterance.js';
import type { Editors } from '../editors.js';
import { entityEditing } from './editing-routes.js';

const SPEAKER_CHOICES = 100;
/** Organisations and places offered by the "mentions" field, of each type. */
const ENTITY_CHOICES = 100;
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

/** The people, organisations, places and outlets the search form offers (each list cached per store generation). */
async function searchChoices(store: Store): Promise<SearchChoices> {
  const [speakers, organizations, places, outlets] = await Promise.all([
    store.entities({ speakersOnly: true, limit: SPEAKER_CHOICES }),
    store.entities({ type: 'organization', limit: ENTITY_CHOICES }),
    store.entities({ type: 'place', limit: ENTITY_CHOICES }),
    store.outlets(),
  ]);
  return { speakers: speakers.items, others: [...organizations.items, ...places.items], outlets };
}

/** An entity by id, name or alias, or the page's 404. */
async function entityOr404(store: Store, key: string, what: string): Promise<KbEntity> {
  const entity = await resolveEntity(store, key);
  if (!entity) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `${what} ${JSON.stringify(key)}`);
  return entity;
}

export function mountPages(app: Hono, store: Store, editors?: Editors): void {
  app.get('/', async (c) => {
    const choices = await searchChoices(store);
    const origin = new URL(c.req.url).origin;
    let params: SearchParams;
    try {
      params = parseQuery(searchPageQuery, c.req.query());
    } catch (error) {
      const problems = problemsOf(error);
      return c.html(<SearchPage params={c.req.query()} choices={choices} problems={problems} />, 400);
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
    return c.html(<SearchPage params={params} results={results} groups={groups} facets={facets} volume={volume} choices={choices} stats={stats} origin={origin} />);
  });

  app.get('/overview', async (c) => c.html(<OverviewPage overview={await store.overview()} />));

  app.get('/entities', async (c) => {
    const params = parseQuery(entitiesQuery, c.req.query());
    const page = await store.entities({ ...params, limit: 50 });
    return c.html(<EntitiesPage page={page} q={params.q} type={params.type} />);
  });

  app.get('/speakers', async (c) => {
    const params = parseQuery(speakersQuery, c.req.query());
    const page = await store.entities({ ...params, speakersOnly: true, limit: 50 });
    return c.html(<SpeakersPage page={page} q={params.q} />);
  });

  // A person, organisation or place: what they said and what others said about them. The same page under
  // /speakers (where links from statements go) and /entities; either takes an id, a name or an alias.
  const entityPage = (what: string) => async (c: Context) => {
    const { offset, unit } = parseQuery(articlesQuery.pick({ offset: true }).extend({ unit: searchPageQuery.shape.unit }), c.req.query());
    const entity = await entityOr404(store, c.req.param('id') ?? '', what);
    // Organisations and places are mostly talked about: their page shows a full page of that.
    const about = entity.type === 'person' ? 5 : DEFAULT_PAGE_SIZE;
    // The chart counts every statement of the speaker, undated ones apart (the spans are a recent sample).
    const [spans, statements, mentionedIn, volume] = await Promise.all([
      store.statementSpans(entity.id, MAX_TIMELINE_STATEMENTS),
      store.statements({ speaker: entity.id, limit: DEFAULT_PAGE_SIZE, offset, order: 'desc' }),
      store.statements({ entity: entity.id, limit: about, order: 'desc' }),
      volumeOf(store, { speaker: entity.id }, unit),
    ]);
    const mentioned = await peopleMentioned(store, entity, spans);
    const editing = await entityEditing(c, store, editors, entity, statements);
    return c.html(
      <SpeakerPage entity={entity} statements={statements} volume={volume} mentioned={mentioned} mentionedIn={mentionedIn} editing={editing} />,
    );
  };
  app.get('/speakers/:id', entityPage('speaker'));
  app.get('/entities/:id', entityPage('entity'));

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
