import { z } from 'zod';
import { OnrecordError } from '../errors.js';
import { createApp } from '../server/app.js';
import { Editors } from '../server/editors.js';
import { DEFAULT_CONCURRENCY } from '../server/limits.js';
import { listen, type RunningServer } from '../server/listen.js';
import type { Store } from '../types.js';
import { parseCommand } from './args.js';
import { openCliStore } from './statements.js';

export const SERVE_USAGE = `usage: onrecord serve [--port N] [--host H] [--db FILE] [--max-in-flight N] [--max-queued N] [--json]

Serves the web app and the HTTP API (documented at /openapi.json) over the store:
the SQLite file given by --db, else PostgreSQL when DATABASE_URL is set, else ./onrecord.db.

  --port N    port to listen on (default: PORT, else 3000; 0 picks a free one)
  --host H    address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --db FILE   SQLite file of the embedded store
  --max-in-flight N  requests handled at once (default ${DEFAULT_CONCURRENCY.maxInFlight})
  --max-queued N     requests waiting beyond those, at most ${DEFAULT_CONCURRENCY.maxWaitMs / 1000} s each
                     (default ${DEFAULT_CONCURRENCY.maxQueued}); more get 503 with Retry-After
  --json      print the address as one JSON line ({"kind":"serving","url":...})
  --help, -h  this help

POST /api/articles is off unless ONRECORD_INGEST_TOKEN is set; clients then send
"Authorization: Bearer <token>". Browsers on other origins may call the API only when
ONRECORD_CORS_ORIGINS lists them (comma-separated origins, or * for any). Correcting the record is off unless editors are named:
ONRECORD_EDITOR_TOKENS=name:token,name2:token2 (or ONRECORD_EDITOR_TOKENS_FILE, one
name:token a line); editors sign in at /sign-in (docs/corrections.md).
example: onrecord serve --db news.db --port 8080`;

export const serveOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  'max-in-flight': { type: 'string' },
  'max-queued': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const options = serveOptions;
const count = (min: number) =>
  z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().min(min, `at least ${min}`).max(1_000_000, 'at most 1000000')).optional();

export const serveSchema = z.object({
  port: z.string().regex(/^\d+$/, 'expected a port number 0-65535').transform(Number).pipe(z.number().max(65_535, 'expected a port number 0-65535')).optional(),
  host: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  'max-in-flight': count(1),
  'max-queued': count(0),
  json: z.boolean().optional(),
  help: z.boolean().optional(),
});

/** --port, else the PORT environment variable, else 3000. */
export function portOf(flag: number | undefined, env: string | undefined = process.env.PORT): number {
  if (flag !== undefined) return flag;
  if (env === undefined || env.trim() === '') return 3000;
  const port = Number(env);
  if (!/^\s*\d+\s*$/.test(env) || port > 65_535) throw new OnrecordError('ONR_ERR_OPTION', `PORT=${env}: expected a port number 0-65535`);
  return port;
}

/** ONRECORD_CORS_ORIGINS: `*`, or origins separated by commas; each must be an origin (scheme, host, port). */
export function corsOf(env: string | undefined): { corsOrigins?: readonly string[] | '*' } {
  const value = env?.trim();
  if (!value) return {};
  if (value === '*') return { corsOrigins: '*' };
  const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of origins) {
    let parsed: URL | undefined;
    try { parsed = new URL(o); } catch { parsed = undefined; }
    if (!parsed || parsed.origin !== o.replace(/\/$/, '')) throw new OnrecordError('ONR_ERR_OPTION', `ONRECORD_CORS_ORIGINS: ${JSON.stringify(o)} is not an origin like https://notebooks.example.org`);
  }
  return { corsOrigins: origins.map((o) => o.replace(/\/$/, '')) };
}

/**
 * The ingest token, trimmed (a header value is trimmed too). One of only spaces printed "ingest on" and admitted
 * nobody: it is refused as an option error before the server starts.
 */
export function ingestTokenFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!raw.trim()) throw new OnrecordError('ONR_ERR_OPTION', 'ONRECORD_INGEST_TOKEN is blank (only spaces): set a real token, or unset it to serve without ingest');
  // A header carries one word after "Bearer": a token with a space inside could never be sent.
  if (/\s/.test(raw.trim())) throw new OnrecordError('ONR_ERR_OPTION', 'ONRECORD_INGEST_TOKEN has a space inside: a bearer token is one word');
  return raw.trim();
}

/**
 * Serves the app until SIGINT or SIGTERM, then closes the server and the store. `prepare` runs once
 * the port is taken and before the address is printed, so a busy port fails before any slow work.
 */
export async function serveUntilStopped(
  store: Store,
  options: { port: number; host?: string; json?: boolean; maxInFlight?: number; maxQueued?: number },
  prepare?: () => Promise<void>,
): Promise<number> {
  const concurrency = { ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}), ...(options.maxQueued !== undefined ? { maxQueued: options.maxQueued } : {}) };
  let editors: Editors | undefined;
  try {
    editors = Editors.fromEnv();
  } catch (error) {
    await store.close();
    throw error;
  }
  const ingestToken = ingestTokenFrom(process.env.ONRECORD_INGEST_TOKEN);
  const app = createApp(store, { ingestToken, concurrency, editors, ...corsOf(process.env.ONRECORD_CORS_ORIGINS) });
  let running: RunningServer;
  try {
    running = await listen(app, options);
  } catch (error) {
    await store.close();
    throw error;
  }
  try {
    await prepare?.();
  } catch (error) {
    await running.close();
    await store.close();
    throw error;
  }
  const ingest = !!ingestToken;
  if (options.json) {
    process.stdout.write(JSON.stringify({ kind: 'serving', url: running.url, openapi: `${running.url}/openapi.json`, store: store.dialect, ingest, editing: !!editors }) + '\n');
  } else {
    process.stdout.write(`onrecord: serving the ${store.dialect} store on ${running.url} (API: ${running.url}/openapi.json, ingest ${ingest ? 'on (bearer token)' : 'off'}, editing ${editors ? 'on' : 'off'})\n`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  await store.close();
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, serveOptions, serveSchema);
  if (values.help) {
    process.stdout.write(SERVE_USAGE + '\n');
    return 0;
  }
  const store = await openCliStore(values.db);
  return serveUntilStopped(store, { port: portOf(values.port), host: values.host, json: values.json, ...limitsOf(values) });
}

/** --max-in-flight and --max-queued as serveUntilStopped takes them. */
export function limitsOf(values: { 'max-in-flight'?: number; 'max-queued'?: number }): { maxInFlight?: number; maxQueued?: number } {
  return { ...(values['max-in-flight'] ? { maxInFlight: values['max-in-flight'] } : {}), ...(values['max-queued'] !== undefined ? { maxQueued: values['max-queued'] } : {}) };
}
