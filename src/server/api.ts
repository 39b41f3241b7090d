import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { OnrecordError } from '../errors.js';
import type { PutOutcome, Store } from '../types.js';
import { Extractor } from './extract-pool.js';
import { RequestError } from './http-error.js';
import { DEFAULT_INGEST_QUEUE, DEFAULT_INGEST_TIMEOUT_MS, INGEST_RETRY_AFTER_SECONDS } from './limits.js';
import { API_ROUTES, type OperationId } from './routes.js';
import {
  articleBody,
  articlesQuery,
  entitiesQuery,
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
    async listStatements(c) {
      const { article, utterance, ...query } = parseQuery(statementsQuery, c.req.query());
      return c.json(await store.statements({ ...query, articleId: article, utteranceId: utterance }));
    },
    async listSpeakers(c) {
      const query = parseQuery(speakersQuery, c.req.query());
      return c.json(await store.entities({ ...query, speakersOnly: true }));
    },
    async listEntities(c) {
      return c.json(await store.entities(parseQuery(entitiesQuery, c.req.query())));
    },
    async getEntity(c) {
      const id = c.req.param('id') ?? '';
      return c.json((await store.entity(id)) ?? notFound('entity', id));
    },
    async listArticles(c) {
      return c.json(await store.articles(parseQuery(articlesQuery, c.req.query())));
    },
    async getArticle(c) {
      const id = c.req.param('id') ?? '';
      return c.json((await store.article(id)) ?? notFound('article', id));
    },
    async listUtterances(c) {
      return c.json(await store.utterances(parseQuery(utterancesQuery, c.req.query())));
    },
    async getUtterance(c) {
      const id = c.req.param('id') ?? '';
      return c.json((await store.utterance(id)) ?? notFound('utterance', id));
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
