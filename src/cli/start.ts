import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.js';
import { openStore } from '../store/index.js';
import { parseCommand } from './args.js';
import { limitsOf, portOf, serveOptions, serveSchema, serveUntilStopped } from './serve.js';

export const options = serveOptions;

/** The sample articles shipped with onrecord (fictional, plus the hand-annotated seed). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

const USAGE = `usage: onrecord start [--port N] [--host H] [--db FILE] [--max-in-flight N] [--max-queued N] [--json]

Ingests the bundled sample articles (${SAMPLES_DIR}) into the embedded store
(default ./onrecord.db, even when DATABASE_URL is set; articles already stored are
skipped), then serves the web app like \`onrecord serve\` on http://localhost:PORT
(PORT, else 3000).
  --port N    port to listen on (default: PORT, else 3000; 0 picks a free one)
  --host H    address to bind (default 127.0.0.1)
  --db FILE   SQLite file to ingest the samples into (default ./onrecord.db)
  --max-in-flight N, --max-queued N   request limits, as for \`onrecord serve\`
  --json      print the ingest summary and the address as JSON lines
  --help, -h  this help
example: onrecord start --port 8080`;

/** The sample files, in a stable order. */
export async function samplePaths(dir: string = SAMPLES_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.') && !n.endsWith('.md')).sort();
  return names.map((n) => join(dir, n));
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, serveOptions, serveSchema);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  // The embedded store: a fresh clone needs no database server.
  const store = await openStore({ file: values.db ?? 'onrecord.db', url: '' });
  return serveUntilStopped(store, { port: portOf(values.port), host: values.host, json: values.json, ...limitsOf(values) }, async () => {
    const s = await ingest(await samplePaths(), { store });
    process.stdout.write(values.json ? JSON.stringify(s) + '\n'
      : `onrecord: ${s.read} sample articles: ${s.stored + s.newVersions} stored, ${s.unchanged} already stored, ${s.failed} failed\n`);
  });
}
