import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.js';
import { openStore } from '../store/index.js';
import { parseCommand } from './args.js';
import { portOf, serveOptions, serveSchema, serveUntilStopped } from './serve.js';

/** The sample articles shipped with onrecord (fictional, plus the hand-annotated seed). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

const USAGE = `usage: onrecord start [--port N] [--host H] [--db FILE]

Ingests the bundled sample articles (${SAMPLES_DIR}) into the embedded store
(default ./onrecord.db; articles already stored are skipped), then serves the web
app like \`onrecord serve\` on http://localhost:PORT (PORT, else 3000).`;

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
  const store = await openStore({ file: values.db ?? 'onrecord.db' });
  try {
    const summary = await ingest(await samplePaths(), { store });
    process.stdout.write(`onrecord: samples: ${JSON.stringify(summary)}\n`);
  } catch (error) {
    await store.close();
    throw error;
  }
  return serveUntilStopped(store, { port: portOf(values.port), host: values.host });
}
