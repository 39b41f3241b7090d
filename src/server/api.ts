import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { OnrecordError } from '../errors.js';
import type { PutOutcome, Store } from '../types.js';
import { exportResponse, volumeCsv } from './export.js';
import { correctionHandlers } from './corrections-api.js';
import type { Editors } from './editors.js';
import { Extractor } from './extract-pool.js';
import { withCursor, withNext } from './cursor.js';
import { RequestError } from './http-error.js';
import { publicArticle } from './public.js';
import { jsonLdGraph, linkedDataOptions } from '../store/jsonld.js';
import { resolveEntity } from './resolve.js';
import { DEFAULT_INGEST_QUEUE, DEFAULT_INGEST_TIMEOUT_MS, INGEST_RETRY_AFTER_SECONDS } from './limits.js';
import { API_ROUTES, type OperationId } from './routes.js';
import {
  articleBody,
  articlesQuery,
  countsQuery,
  entitiesQuery,
  groupedQuery,
  volumeQuery,
  parseBody,
  parseQuery,
  speakersQuery,
  statementsQuery,
  utterancesQuery,
} from './schemas.js';

type Handler = (c: Context) => Promise<Response>;

export interface ApiOptions {
  /** Bearer token that unlocks POST /api/articles; ingest is off without one. */
  readonly ingestToken?: string;
  /** Posted articles waiting for the extraction worker beyond the one it works on; more get 503. */
  readonly ingestQueue?: number;
  /** One posted article's extraction time limit in ms. */
  readonly ingestTimeoutMs?: number;
  /** Who may correct the record (src/server/editors.ts); editing is off without them. */
  readonly editors?: Editors;
}

/** The outcome of POST /api/articles. */
export interface IngestResult {
  readonly kind: 'ingest-result';
  readonly id: string;
  readonly version: string;
  readonly outcome: PutOutcome;
  readonly statements: number;
  readonly messages: readonly { readonly code: string; readonly severity: string; readonly reason: string }[];
}

function notFound(what: string, id: string): never {
  throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `${what} ${JSON.stringify(id)}`);
}

/** Compares digests so the time taken says nothing about how much of the token matched. */
function tokenMatches(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function checkToken(c: Context, token: string | undefined): void {
  if (!token) {
    throw new OnrecordError('ONR_ERR_HTTP_DISABLED', 'ingest over HTTP is off; start the server with an ingest token');
  }
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !tokenMatches(match[1], token)) {
    c.header('WWW-Authenticate', 'Bearer realm="onrecord"');
    throw new OnrecordError('ONR_ERR_HTTP_UNAUTHORIZED', 'send "Authorization: Bearer <token>"');
  }
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', 'the body is not valid JSON');
  }
}

function handlers(store: Store, options: ApiOptions): Record<OperationId, Handler> {
  const extractor = options.ingestToken
    ? new Extractor({ maxQueued: options.ingestQueue ?? DEFAULT_INGEST_QUEUE, timeoutMs: options.ingestTimeoutMs ?? DEFAULT_INGEST_TIMEOUT_MS })
    : undefined;
  return {
    ...correctionHandlers(store, options.editors),
    async listStatements(c) {
      const parsed = parseQuery(statementsQuery, c.req.query());
      const { article, utterance, format, bom, ...query } = withCursor(parsed);
      const q = { ...query, articleId: article, utteranceId: utterance };
      if (format !== 'json') return exportResponse(store, { ...q, limit: undefined, offset: undefined }, format, { bom, name: 'onrecord-statements' });
      return c.json(withNext(c, statementsQuery, parsed, await store.statements(q)));
    },
    async countStatements(c) {
      const { article, utterance, by, limit, ...query } = parseQuery(countsQuery, c.req.query());
      return c.json(await store.statementCounts({ ...query, articleId: article, utteranceId: utterance }, by, limit));
    },
    async statementVolume(c) {
      const { article, utterance, unit, split, top, format, bom, ...query } = parseQuery(volumeQuery, c.req.query());
      const volume = await store.statementVolume({ ...query, articleId: article, utteranceId: utterance }, { unit, ...(split ? { split } : {}), top });
      return format === 'csv' ? volumeCsv(volume, bom) : c.json(volume);
    },
    async groupStatements(c) {
      const { article, utterance, ...query } = parseQuery(groupedQuery, c.req.query());
      return c.json(await store.statementGroups({ ...query, articleId: article, utteranceId: utterance }));
    },
    async listStatementsJsonLd(c) {
      const parsed = parseQuery(statementsQuery, c.req.query());
      const { article, utterance, format: _format, bom: _bom, ...query } = withCursor(parsed);
      const page = withNext(c, statementsQuery, parsed, await store.statements({ ...query, articleId: article, utteranceId: utterance }));
      const graph = jsonLdGraph(page.items, await linkedDataOptions(store, page.items, new URL(c.req.url).origin));
      return c.body(JSON.stringify({ ...graph, ...(page.next ? { next: page.next } : {}) }), 200, { 'Content-Type': 'application/ld+json; charset=utf-8' });
    },
    async listSpeakers(c) {
      const parsed = parseQuery(speakersQuery, c.req.query());
      return c.json(withNext(c, speakersQuery, parsed, await store.entities({ ...withCursor(parsed), speakersOnly: true })));
    },
    async listEntities(c) {
      const parsed = parseQuery(entitiesQuery, c.req.query());
      return c.json(withNext(c, entitiesQuery, parsed, await store.entities(withCursor(parsed))));
    },
    async getEntity(c) {
      const id = c.req.param('id') ?? '';
      return c.json((await resolveEntity(store, id)) ?? notFound('entity', id));
    },
    async listArticles(c) {
      const parsed = parseQuery(articlesQuery, c.req.query());
      return c.json(withNext(c, articlesQuery, parsed, await store.articles(withCursor(parsed))));
    },
    async getArticle(c) {
      const id = c.req.param('id') ?? '';
      const stored = await store.article(id);
      return c.json(stored ? publicArticle(stored) : notFound('article', id));
    },
    async listUtterances(c) {
      const parsed = parseQuery(utterancesQuery, c.req.query());
      return c.json(withNext(c, utterancesQuery, parsed, await store.utterances(withCursor(parsed))));
    },
    async getUtterance(c) {
      const id = c.req.param('id') ?? '';
      return c.json((await store.utterance(id)) ?? notFound('utterance', id));
    },
    async listOutlets(c) {
      return c.json(await store.outlets());
    },
    async getOverview(c) {
      return c.json(await store.overview());
    },
    async getStats(c) {
      return c.json({ kind: 'stats', ...(await store.stats()) });
    },
    async ingestArticle(c) {
      checkToken(c, options.ingestToken);
      const body = parseBody(articleBody, await readJson(c));
      // Off the event loop: a 1 MB article is seconds of extraction that every other request would wait for.
      const record = await extractor!.extract(body).catch((error: unknown) => {
        if (error instanceof OnrecordError && error.code === 'ONR_ERR_HTTP_BUSY') c.header('Retry-After', String(INGEST_RETRY_AFTER_SECONDS));
        throw error;
      });
      const fatal = record.messages.find((m) => m.severity === 'fatal');
      if (fatal) throw new OnrecordError(fatal.code, fatal.reason);
      const outcome = await store.putArticle(record);
      const result: IngestResult = {
        kind: 'ingest-result',
        id: record.article.id,
        version: record.article.version,
        outcome,
        statements: record.statements.length,
        messages: record.messages.map(({ code, severity, reason }) => ({ code, severity, reason })),
      };
      // Nothing written (the same version, or one older than the stored one): 200.
      return c.json(result, outcome === 'unchanged' || outcome === 'older-version' ? 200 : 201);
    },
  };
}

/** Registers every route of API_ROUTES with its handler. */
export function mountApi(app: Hono, store: Store, options: ApiOptions): void {
  const table = handlers(store, options);
  for (const route of API_ROUTES) {
    app.on(route.method.toUpperCase(), route.path, table[route.operationId]);
  }
}
