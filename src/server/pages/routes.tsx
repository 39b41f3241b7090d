/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Hono } from 'hono';
import { OnrecordError } from '../../errors.js';
import type { KbEntity, StatementSpan, Store } from '../../types.js';
import { RequestError } from '../http-error.js';
import { DEFAULT_PAGE_SIZE, MAX_MENTION_ARTICLES, MAX_TIMELINE_STATEMENTS } from '../limits.js';
import { articlesQuery, parseQuery, speakersQuery, statementsQuery, utterancesQuery } from '../schemas.js';
import { ArticlePage, ArticlesPage } from './article.js';
import { SearchPage, hasFilters, type SearchParams } from './search.js';
import { SpeakerPage, SpeakersPage, type Mentioned } from './speaker.js';
import { timelineBuckets } from './timeline.js';
import { UtterancePage, UtterancesPage } from './utterance.js';
import type { Editors } from '../editors.js';
import { entityEditing } from './editing-routes.js';

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

function problemsOf(error: unknown): string[] {
  if (error instanceof RequestError && error.issues) return error.issues.map((i) => `${i.path.replace(/^query\./, '')}: ${i.message}`);
  throw error;
}

export function mountPages(app: Hono, store: Store, editors?: Editors): void {
  app.get('/', async (c) => {
    const speakers = (await store.entities({ speakersOnly: true, limit: SPEAKER_CHOICES })).items;
    let params: Partial<SearchParams>;
    try {
      params = parseQuery(statementsQuery, c.req.query());
    } catch (error) {
      const problems = problemsOf(error);
      return c.html(<SearchPage params={c.req.query()} speakers={speakers} problems={problems} />, 400);
    }
    const query = { ...params, articleId: params.article, utteranceId: params.utterance, limit: DEFAULT_PAGE_SIZE };
    const [results, stats] = await Promise.all([
      store.statements(query),
      hasFilters(params) ? Promise.resolve(undefined) : store.stats(),
    ]);
    return c.html(<SearchPage params={params} results={results} speakers={speakers} stats={stats} />);
  });

  app.get('/speakers', async (c) => {
    const params = parseQuery(speakersQuery, c.req.query());
    const page = await store.entities({ ...params, speakersOnly: true, limit: 50 });
    return c.html(<SpeakersPage page={page} q={params.q} />);
  });

  app.get('/speakers/:id', async (c) => {
    const id = c.req.param('id');
    const { offset } = parseQuery(articlesQuery.pick({ offset: true }), c.req.query());
    const entity = await store.entity(id);
    if (!entity) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `speaker ${JSON.stringify(id)}`);
    const [spans, statements, mentionedIn] = await Promise.all([
      store.statementSpans(entity.id, MAX_TIMELINE_STATEMENTS),
      store.statements({ speaker: entity.id, limit: DEFAULT_PAGE_SIZE, offset, order: 'desc' }),
      store.statements({ entity: entity.id, limit: 5, order: 'desc' }),
    ]);
    const timeline = timelineBuckets(spans.map((s) => s.date));
    const mentioned = await peopleMentioned(store, entity, spans);
    const editing = await entityEditing(c, store, editors, entity, statements);
    return c.html(
      <SpeakerPage entity={entity} statements={statements} timeline={timeline} mentioned={mentioned} mentionedIn={mentionedIn} editing={editing} />,
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
