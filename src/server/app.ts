import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { OnrecordError } from '../errors.js';
import type { Store } from '../types.js';
import { mountApi, type ApiOptions } from './api.js';
import { describeError, jsonError } from './http-error.js';
import { concurrencyLimit } from './concurrency.js';
import { conditionalGet } from './conditional.js';
import { allowMethods } from './methods.js';
import { COMPRESS_THRESHOLD_BYTES, DEFAULT_CONCURRENCY, DEFAULT_MAX_BODY_BYTES, DEFAULT_RATE_LIMIT, type ConcurrencyOptions, type RateLimitOptions } from './limits.js';
import { openApiDocument } from './openapi.js';
import { errorPage } from './pages/error.js';
import { mountEditing } from './pages/editing-routes.js';
import { mountPages } from './pages/routes.js';
import { rateLimit } from './rate-limit.js';
import { STYLE } from './style.js';

/** `ingestToken` (POST /api/articles is off without one), `ingestQueue`, `ingestTimeoutMs`: see ApiOptions. */
export interface AppOptions extends ApiOptions {
  /** Per-client token bucket, or false for none (e.g. behind a proxy that limits). */
  readonly rateLimit?: (RateLimitOptions & { readonly key?: (c: Context) => string }) | false;
  /** Requests handled at once and waiting (limits.ts, DEFAULT_CONCURRENCY), or false for no bound. */
  readonly concurrency?: Partial<ConcurrencyOptions> | false;
  /** Largest request body in bytes. */
  readonly maxBodyBytes?: number;
  /**
   * Origins whose pages may call the API from a browser (a notebook on another host): a list, or `*` for any.
   * Off by default: only same-origin pages can read the answers. `onrecord serve` reads ONRECORD_CORS_ORIGINS.
   */
  readonly corsOrigins?: readonly string[] | '*';
  /** Where server faults go (their detail never reaches the client); stderr by default. */
  readonly onError?: (error: unknown, request: Request) => void;
}

const isApi = (c: Context) => c.req.path.startsWith('/api/') || c.req.path === '/openapi.json';

/** Only our own stylesheet; no script runs on any page, so none is allowed. */
const csp = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

/** A shed request: JSON for the API, a page for a browser. */
function busy(c: Context): Response | Promise<Response> {
  if (isApi(c)) return jsonError(c, 'ONR_ERR_HTTP_BUSY');
  const { status, body } = describeError(new OnrecordError('ONR_ERR_HTTP_BUSY'));
  return c.html(errorPage(body.error.code, body.error.message, status), status);
}

function logToStderr(error: unknown, request: Request): void {
  process.stderr.write(`onrecord serve: ${request.method} ${new URL(request.url).pathname}: ${(error as Error)?.stack ?? String(error)}\n`);
}

/**
 * The web app and HTTP API over any store: a plain fetch app
 * (`app.fetch(request)`), served by `onrecord serve` and tested with `app.request()`.
 */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const app = new Hono();
  const report = options.onError ?? logToStderr;
  const openapi = JSON.stringify(openApiDocument());

  app.use('*', csp);
  if (options.corsOrigins && options.corsOrigins.length) {
    const origin = options.corsOrigins === '*' ? '*' : [...options.corsOrigins];
    // Preflights are answered before rate and concurrency limits count them against anyone.
    for (const path of ['/api/*', '/openapi.json']) {
      app.use(path, cors({ origin, allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'], allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'], exposeHeaders: ['ETag', 'Link', 'Retry-After'], maxAge: 600 }));
    }
  }
  if (options.rateLimit !== false) app.use('*', rateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT));
  if (options.concurrency !== false) app.use('*', concurrencyLimit({ ...DEFAULT_CONCURRENCY, ...options.concurrency }, busy));
  // Compression wraps the conditional GET, so a 304 is never compressed and an ETag is set before it is.
  app.use('*', compress({ threshold: COMPRESS_THRESHOLD_BYTES }));
  const conditional = conditionalGet(store);
  app.use('*', async (c, next) => (c.req.path === '/style.css' ? next() : conditional(c, next)));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: (c) => jsonError(c, 'ONR_ERR_HTTP_TOO_LARGE', `at most ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`),
    }),
  );

  app.get('/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/openapi.json', (c) => c.body(openapi, 200, { 'Content-Type': 'application/json' }));
  mountApi(app, store, options);
  mountPages(app, store, options.editors);
  mountEditing(app, store, options.editors);
  allowMethods(app, (c, error) => {
    if (isApi(c)) return c.json(describeError(error).body, 405);
    return c.html(errorPage(error.code, error.message, 405), 405);
  });

  app.notFound((c) => {
    const error = new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `${c.req.method} ${c.req.path}`);
    if (isApi(c)) return jsonError(c, error.code, `${c.req.method} ${c.req.path}`);
    return c.html(errorPage(error.code, error.message, 404), 404);
  });

  app.onError((error, c) => {
    const { status, body } = describeError(error);
    // 503 busy is the server shedding load as designed, not a fault.
    if (status >= 500 && status !== 503) report(error, c.req.raw);
    if (isApi(c)) return c.json(body, status);
    return c.html(errorPage(body.error.code, body.error.message, status), status);
  });

  return app;
}
