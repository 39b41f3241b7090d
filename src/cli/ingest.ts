import { z } from 'zod';
import { parseCommand } from './args.js';
import { OnrecordError } from '../errors.js';
import { ingest, type IngestProgress, type IngestSummary } from '../ingest/ingest.js';
import { defaultJobs, MAX_JOBS } from '../ingest/pool.js';
import { TEXT_META_HELP, textMetaFrom, textMetaOptions, textMetaSchema } from './text-meta.js';
import type { Store } from '../types.js';

const HELP = `usage: onrecord ingest PATH... [--db FILE | --jsonl OUT] [--queue REDIS_URL] [--jobs N] [--json] [--title T …]

Reads .txt, HTML, RSS/Atom, JSON Lines and WARC (gzip anywhere), directories
recursively, '-' for stdin; extracts statements and stores each article.
  --db FILE        SQLite file of the knowledge base (default: DATABASE_URL or ./onrecord.db)
  --jsonl OUT      append one ArticleRecord per line to OUT instead of storing
  --queue URL      enqueue the paths on a Redis queue for workers instead
  --json           print the summary as JSON
  --jobs N, -j N   extract on N worker threads (default: the number of cores, at most 64);
                   one writer stores the articles in input order
${TEXT_META_HELP}
  --help, -h       this help
Text that is not UTF-8 is read as Windows-1252, with a warning.
Exit code: 0 all read, 1 a file or record failed, 2 bad options.
examples: onrecord ingest samples/ --db news.db
          onrecord ingest story.txt --db news.db --outlet "Dunmere Gazette" --date 2025-01-14`;

const Options = z.object({
  ...textMetaSchema,
  db: z.string().min(1).optional(),
  jsonl: z.string().min(1).optional(),
  queue: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  json: z.boolean().optional(),
  jobs: z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().min(1).max(MAX_JOBS)).optional(),
  help: z.boolean().optional(),
});

export const options = {
  ...textMetaOptions, db: { type: 'string' }, jsonl: { type: 'string' }, queue: { type: 'string' }, json: { type: 'boolean' }, jobs: { type: 'string', short: 'j' }, help: { type: 'boolean', short: 'h' },
} as const;

/** Redraws of the progress line at most this often: a terminal write per article would slow a fast run. */
const PROGRESS_MS = 100;
/** Back to the start of the line and clear it, so a message or the next redraw replaces the progress line. */
const CLEAR_LINE = '\r\x1b[K';

function progressLine(p: IngestProgress): string {
  const rate = p.elapsedMs > 0 ? (p.read * 1000) / p.elapsedMs : 0;
  return `${CLEAR_LINE}${p.read} articles, ${rate.toFixed(1)}/s, ${p.failed} errors`;
}

function summaryLine(s: IngestSummary): string {
  return `${s.read} articles read, ${s.stored + s.newVersions} stored (${s.newVersions} new versions), ${s.unchanged} unchanged, ${s.failed} failed, ${s.statements} statements${s.interrupted ? ' (interrupted: run again to resume)' : ''}`;
}

async function openStoreFor(db: string | undefined): Promise<Store> {
  let mod: { openStore: (o?: { url?: string; file?: string }) => Promise<Store> };
  try {
    mod = await import('../store/index.js');
  } catch (error) {
    throw new OnrecordError('ONR_ERR_OPTION', `the knowledge base is not available (${(error as Error).message}); use --jsonl OUT`);
  }
  return mod.openStore(db ? { file: db } : {});
}

/** With --queue the paths go to workers; bullmq is loaded only then, so ingest works without Redis. */
async function enqueuePaths(paths: string[], redisUrl: string, json: boolean): Promise<number> {
  const [{ enqueue }, { checkRedis }] = await Promise.all([import('../queue/enqueue.js'), import('../queue/config.js')]);
  await checkRedis(redisUrl);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  try {
    const summary = await enqueue(paths, redisUrl, {
      signal: controller.signal,
      onMessage: (m) => m.severity !== 'info' && process.stderr.write(`${m.source ?? ''}: ${m.code}: ${m.reason}\n`),
    });
    if (json) process.stdout.write(JSON.stringify({ ...summary, messages: summary.messages.length }) + '\n');
    else process.stderr.write(`${summary.read} articles read, ${summary.added} queued, ${summary.duplicates} already queued, ${summary.failed} failed\n`);
    return summary.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    options,
    Options,
  );
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (!positionals.length) throw new OnrecordError('ONR_ERR_OPTION', 'give at least one PATH (or - for stdin)');
  if (values.db && values.jsonl) throw new OnrecordError('ONR_ERR_OPTION', '--db and --jsonl exclude each other');
  const textMeta = await textMetaFrom(values, positionals);
  if (values.queue && Object.keys(textMeta).length) throw new OnrecordError('ONR_ERR_OPTION', '--title, --date … are not passed to queue workers; use a sidecar or front matter');
  if (values.queue) return enqueuePaths(positionals, values.queue, !!values.json);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const tty = !!process.stderr.isTTY && !process.env.CI;
  let shownAt = -PROGRESS_MS;
  const store = values.jsonl ? undefined : await openStoreFor(values.db);
  try {
    const summary = await ingest(positionals, {
      store,
      jsonl: values.jsonl,
      jobs: values.jobs ?? defaultJobs(),
      textMeta,
      signal: controller.signal,
      onProgress: tty
        ? (p) => {
            if (p.elapsedMs - shownAt < PROGRESS_MS) return;
            shownAt = p.elapsedMs;
            process.stderr.write(progressLine(p));
          }
        : undefined,
      onMessage: (m) => {
        if (m.severity === 'info') return;
        process.stderr.write(`${tty ? CLEAR_LINE : ''}${m.source ?? ''}: ${m.code}: ${m.reason}\n`);
      },
    });
    if (tty) process.stderr.write(CLEAR_LINE);
    if (values.json) process.stdout.write(JSON.stringify({ ...summary, messages: summary.messages.length }) + '\n');
    else process.stderr.write(summaryLine(summary) + '\n');
    return summary.failed > 0 || summary.interrupted ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store?.close();
  }
}
