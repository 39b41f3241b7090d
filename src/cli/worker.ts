import { z } from 'zod';
import { parseCommand } from './args.js';
import { OnrecordError } from '../errors.js';
import type { Store } from '../types.js';
import { checkRedis, LOCK_DURATION_MS, STALLED_INTERVAL_MS } from '../queue/config.js';
import { startWorker } from '../queue/worker.js';

const HELP = `usage: onrecord worker --queue REDIS_URL [--concurrency N] [--prefix P]

Takes ingest jobs from the Redis queue, extracts statements and stores each
article in PostgreSQL (DATABASE_URL, required: the embedded SQLite file cannot
be shared by workers on several machines). Stops cleanly on SIGINT/SIGTERM.
  --queue URL        redis:// URL of the job queue
  --concurrency N    jobs at once in this process (default 1; run one worker per core)
  --prefix P         Redis key prefix (default onrecord)
  --lock-ms N        job lock; a dead worker's job is retried after it (default ${LOCK_DURATION_MS})
  --stalled-ms N     how often stalled jobs are looked for (default ${STALLED_INTERVAL_MS})
  --help, -h         this help
A Redis that cannot be reached within 4 s is an ONR_ERR_QUEUE error (exit 2).
example: DATABASE_URL=postgres://onrecord@localhost/onrecord onrecord worker --queue redis://localhost:6379 --concurrency 2`;

const Int = z.coerce.number().int().positive();
const Options = z.object({
  queue: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  concurrency: Int.max(64).optional(),
  prefix: z.string().regex(/^[\w.-]+$/, 'letters, digits, - _ . only').optional(),
  'lock-ms': Int.optional(),
  'stalled-ms': Int.optional(),
  help: z.boolean().optional(),
});

const s = { type: 'string' } as const;
export const options = { queue: s, concurrency: s, prefix: s, 'lock-ms': s, 'stalled-ms': s, help: { type: 'boolean', short: 'h' } } as const;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(
    argv,
    options,
    Options,
  );
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (!values.queue) throw new OnrecordError('ONR_ERR_OPTION', '--queue REDIS_URL is required');
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new OnrecordError('ONR_ERR_OPTION', 'set DATABASE_URL to a postgres:// URL: workers share one PostgreSQL database');
  }
  await checkRedis(values.queue);
  const { openStore } = (await import('../store/index.js')) as { openStore: (o: { url: string }) => Promise<Store> };
  const store = await openStore({ url });
  const worker = startWorker({
    redisUrl: values.queue,
    store,
    prefix: values.prefix,
    concurrency: values.concurrency,
    lockDurationMs: values['lock-ms'],
    stalledIntervalMs: values['stalled-ms'],
    onFailed: (job, error) => process.stderr.write(`worker: ${job ? `job ${job.id} attempt ${job.attemptsMade}: ` : ''}${error.message}\n`),
  });
  process.stderr.write(`worker ${process.pid} ready\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  // Finish the jobs in hand, then close: an interrupted job would only be retried later anyway.
  await worker.close();
  await store.close();
  return 0;
}
