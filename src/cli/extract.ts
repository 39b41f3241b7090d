import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseCommand } from './args.js';
import { OnrecordError } from '../errors.js';
import { defaultJobs, inOrder, MAX_JOBS, TaskPool, type Pending, type Settled } from '../ingest/pool.js';
import { metaOf } from '../ingest/article.js';
import type { FileExtraction } from '../ingest/tasks.js';
import type { TextFields } from '../ingest/sidecar.js';
import { TEXT_META_HELP, textMetaFrom, textMetaOptions, textMetaSchema } from './text-meta.js';
import type { Extraction, Message } from '../types.js';

const schema = z.object({
  ...textMetaSchema,
  published: z.iso.date().optional(),
  json: z.boolean().optional(),
  jsonl: z.boolean().optional(),
  jobs: z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().min(1).max(MAX_JOBS)).optional(),
  help: z.boolean().optional(),
});

const USAGE = 'usage: onrecord extract FILE|DIR|-... [--published YYYY-MM-DD] [--json | --jsonl] [--jobs N] [--title T …]\n' +
  '  Text files are read as they are (a DIR: every .txt under it); an HTML page, a feed, JSON Lines or a WARC\n' +
  '  (also gzipped) is read as `onrecord ingest` reads it, one document per article, with its own date.\n' +
  '  --published gives the date relative dates are read against (else the article\'s own), --json prints one\n' +
  '  JSON array of documents, --jsonl one document per line, default a table. --jobs N (-j) spreads the files\n' +
  `  over N worker threads (default: the number of cores, at most ${MAX_JOBS}); output keeps the input order.\n` +
  `${TEXT_META_HELP.replace(/^ {2}/, '  ')}\n` +
  '  --help, -h       this help\n' +
  '  example: onrecord extract story.txt --published 2024-02-27';

export const options = {
  ...textMetaOptions, published: { type: 'string' }, json: { type: 'boolean' }, jsonl: { type: 'boolean' }, jobs: { type: 'string', short: 'j' }, help: { type: 'boolean', short: 'h' },
} as const;

/** Every .txt under a directory (recursive, sorted), or the path itself. */
async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true });
  return entries.filter((e) => e.endsWith('.txt')).sort().map((e) => join(path, e));
}

function output(id: string, x: Extraction) {
  return {
    id,
    statements: x.statements.map(({ kind: _k, speaker, ...s }) => ({ ...s, speaker: speaker && { name: speaker.name, mention: speaker.mention, entityId: speaker.entityId } })),
    entities: x.entities.map(({ kind: _k, ...e }) => e),
  };
}

function fail(m: Message): void {
  process.stderr.write(`onrecord extract: ${m.source ?? ''}: ${m.reason} (${m.code})\n`);
}

/** A unit of output, in input order: one file's documents and messages, or a problem found before reading. */
type Unit = Settled<readonly (FileExtraction | Message)[]>;

/** Every file to read, in order; stdin is read here, on this thread, and its articles extracted by the pool. */
async function* units(positionals: string[], pool: TaskPool, published: string | undefined, textMeta: TextFields): AsyncGenerator<Pending<Unit>> {
  for (const arg of positionals) {
    if (arg === '-') {
      const { readSources } = await import('../ingest/sources.js');
      for await (const item of readSources(['-'], { textMeta })) {
        if (item.kind === 'message') yield { result: Promise.resolve<Unit>({ ok: true, value: [item] }) };
        else {
          const source = item.source;
          yield { result: pool.run<Extraction>({ kind: 'extract-text', text: item.text, meta: metaOf(item, published) })
            .then((r): Unit => (r.ok ? { ok: true, value: [{ kind: 'file-extraction', source, extraction: r.value }] } : r)) };
        }
      }
      continue;
    }
    for (const file of await expand(arg)) {
      // A large file runs alone on the pool (ALONE_ABOVE): its size on disk stands for the text in it.
      const size = await stat(file).then((s) => s.size, () => 0);
      yield { result: pool.run<readonly (FileExtraction | Message)[]>({ kind: 'extract-file', file, textMeta, ...(published ? { published } : {}) }, size) };
    }
  }
}

export async function run(argv: string[]): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseCommand(argv, options, schema));
  } catch (err) {
    if (!(err instanceof OnrecordError)) throw err;
    process.stderr.write(`onrecord extract: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) { process.stdout.write(USAGE + '\n'); return 0; }
  if (positionals.length === 0 || (values.json && values.jsonl)) { process.stderr.write(USAGE + '\n'); return 2; }
  let failed = false;
  const docs: unknown[] = [];
  const emit = (id: string, x: Extraction): void => {
    for (const m of x.messages) fail({ ...m, source: m.source ?? id });
    if (x.messages.some((m) => m.severity === 'fatal')) failed = true;
    const doc = output(id, x);
    if (values.jsonl) process.stdout.write(JSON.stringify(doc) + '\n');
    else if (values.json) docs.push(doc);
    else {
      process.stdout.write(`== ${id}\n`);
      for (const s of doc.statements) {
        const text = s.text.length > 70 ? s.text.slice(0, 69) + '…' : s.text;
        process.stdout.write(`${(s.speaker?.name ?? '?').padEnd(24)} | ${s.type.padEnd(8)} | ${(s.cue ?? '').padEnd(10)} | ${text}\n`);
      }
    }
  };
  let textMeta: TextFields;
  try {
    textMeta = await textMetaFrom(values, positionals);
  } catch (err) {
    if (!(err instanceof OnrecordError)) throw err;
    process.stderr.write(`onrecord extract: ${err.message}\n`);
    return 2;
  }
  const jobs = values.jobs ?? defaultJobs();
  const pool = new TaskPool(jobs);
  try {
    // Enough files in flight to keep every thread busy while earlier output waits its turn.
    for await (const unit of inOrder(units(positionals, pool, values.published, textMeta), jobs * 4)) {
      if (!unit.ok) { process.stderr.write(`onrecord extract: ${unit.error} (ONR_ERR_EXTRACT)\n`); failed = true; continue; }
      for (const item of unit.value) {
        if (item.kind === 'message') { fail(item); if (item.severity !== 'warning' && item.severity !== 'info') failed = true; }
        else emit(item.source, item.extraction);
      }
    }
  } finally {
    await pool.close();
  }
  if (values.json) process.stdout.write(JSON.stringify(docs, null, 2) + '\n');
  return failed ? 1 : 0;
}
