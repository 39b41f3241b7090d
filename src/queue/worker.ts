import { Worker, type Job } from 'bullmq';
import { OnrecordError } from '../errors.js';
import { processArticle } from '../ingest/process.js';
import type { PutOutcome, Store } from '../types.js';
import { queuePrefix, LOCK_DURATION_MS, QUEUE_NAME, STALLED_INTERVAL_MS, connect } from './config.js';
import { IngestJobSchema, type IngestJob } from './job.js';

export interface WorkerOptions {
  readonly redisUrl: string;
  readonly store: Store;
  readonly prefix?: string;
  readonly concurrency?: number;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly onDone?: (job: Job<IngestJob>, outcome: PutOutcome) => void;
  readonly onFailed?: (job: Job<IngestJob> | undefined, error: Error) => void;
}

export interface RunningWorker {
  /** Stops taking jobs, waits for the active ones, closes the Redis connection (the store is the caller's). */
  close(): Promise<void>;
}

/** Extracts and stores one article; a fatal extraction message fails the job so it is retried, then kept as failed. */
export async function handleJob(store: Store, data: unknown): Promise<PutOutcome> {
  const parsed = IngestJobSchema.safeParse(data);
  if (!parsed.success) {
    const where = (data as { source?: unknown } | null)?.source;
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new OnrecordError('ONR_ERR_RECORD', `job payload${typeof where === 'string' ? ` from ${where}` : ''}: ${detail}`);
  }
  const article = parsed.data as IngestJob;
  // A retried or duplicated job finds the same id+version stored and stores nothing.
  if (await store.hasArticle(article.id, article.version)) return 'unchanged';
  const record = processArticle(article);
  const fatal = record.messages.find((m) => m.severity === 'fatal');
  if (fatal) throw new OnrecordError(fatal.code, `${article.source}: ${fatal.reason}`);
  return store.putArticle(record);
}

export function startWorker(options: WorkerOptions): RunningWorker {
  const connection = connect(options.redisUrl);
  const worker = new Worker<IngestJob, PutOutcome>(QUEUE_NAME, (job) => handleJob(options.store, job.data), {
    connection,
    prefix: queuePrefix(options.prefix),
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? LOCK_DURATION_MS,
    stalledInterval: options.stalledIntervalMs ?? STALLED_INTERVAL_MS,
    // A job whose worker died is handed on, but not forever: a job that kills every worker ends up failed.
    maxStalledCount: 2,
    metrics: { maxDataPoints: 60 * 24 },
  });
  worker.on('completed', (job, outcome) => options.onDone?.(job, outcome));
  worker.on('failed', (job, error) => options.onFailed?.(job, error));
  // Redis errors are retried by ioredis; report them instead of crashing on an unhandled 'error' event.
  worker.on('error', (error) => options.onFailed?.(undefined, error));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
