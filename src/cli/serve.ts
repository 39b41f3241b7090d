import { z } from 'zod';
import { createApp } from '../server/app.js';
import { listen, type RunningServer } from '../server/listen.js';
import { openStore } from '../store/index.js';
import type { Store } from '../types.js';
import { parseCommand } from './args.js';

export const SERVE_USAGE = `usage: onrecord serve [--port N] [--host H] [--db FILE]

Serves the web app and the HTTP API (documented at /openapi.json) over the store:
PostgreSQL when DATABASE_URL is set, else the SQLite file (default ./onrecord.db).

  --port N    port to listen on (default: PORT, else 3000; 0 picks a free one)
  --host H    address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --db FILE   SQLite file of the embedded store

POST /api/articles is off unless ONRECORD_INGEST_TOKEN is set; clients then send
"Authorization: Bearer <token>".`;

export const serveOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const serveSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  help: z.boolean().optional(),
});

/** --port, else the PORT environment variable, else 3000. */
export function portOf(flag: number | undefined, env: string | undefined = process.env.PORT): number {
  if (flag !== undefined) return flag;
  const parsed = z.coerce.number().int().min(0).max(65_535).safeParse(env);
  return env !== undefined && env !== '' && parsed.success ? parsed.data : 3000;
}

/** Serves the app until SIGINT or SIGTERM, then closes the server and the store. */
export async function serveUntilStopped(store: Store, options: { port: number; host?: string }): Promise<number> {
  const app = createApp(store, { ingestToken: process.env.ONRECORD_INGEST_TOKEN || undefined });
  let running: RunningServer;
  try {
    running = await listen(app, options);
  } catch (error) {
    await store.close();
    throw error;
  }
  const ingest = process.env.ONRECORD_INGEST_TOKEN ? 'on (bearer token)' : 'off';
  process.stdout.write(`onrecord: serving the ${store.dialect} store on ${running.url} (API: ${running.url}/openapi.json, ingest ${ingest})\n`);
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
  const store = await openStore(values.db ? { file: values.db } : {});
  return serveUntilStopped(store, { port: portOf(values.port), host: values.host });
}
