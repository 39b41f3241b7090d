import { Queue } from 'bullmq';
import { readSources } from '../ingest/sources.js';
import type { Message } from '../types.js';
import { BACKOFF_MS, BULK_SIZE, queuePrefix, KEEP_COMPLETED, MAX_ATTEMPTS, QUEUE_NAME, connect } from './config.js';
import { jobIdFor, type IngestJob } from './job.js';

export interface EnqueueOptions {
  readonly prefix?: string;
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** Completed jobs kept in Redis (default KEEP_COMPLETED). */
  readonly keepCompleted?: number;
  readonly onMessage?: (m: Message) => void;
  readonly signal?: AbortSignal;
}

export interface EnqueueSummary {
  readonly kind: 'enqueue-summary';
  /** Articles read from the paths. */
  readonly read: number;
  /** Jobs that were new to the queue. */
  readonly added: number;
  /** Articles whose job (same id and version) was already queued or done. */
  readonly duplicates: number;
  /** Bad files or records: reported, not enqueued. */
  readonly failed: number;
  readonly messages: readonly Message[];
}

/** Reads articles from the paths and adds one job per article, in bulk; re-enqueueing adds nothing twice. */
export async function enqueue(paths: string[], redisUrl: string, options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const connection = connect(redisUrl);
  const queue = new Queue<IngestJob>(QUEUE_NAME, { connection, prefix: queuePrefix(options.prefix) });
  const jobOpts = {
    attempts: options.attempts ?? MAX_ATTEMPTS,
    backoff: { type: 'exponential', delay: options.backoffMs ?? BACKOFF_MS },
    removeOnComplete: { count: options.keepCompleted ?? KEEP_COMPLETED },
    removeOnFail: false,
  };
  let read = 0;
  let added = 0;
  let failed = 0;
  const messages: Message[] = [];
  let batch: IngestJob[] = [];
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    // Duplicates inside one batch would be silently merged by BullMQ; drop them first so counts stay exact.
    const unique = new Map(batch.map((a) => [jobIdFor(a), a]));
    const ids = [...unique.keys()];
    const existing = await Promise.all(ids.map((id) => queue.getJobState(id)));
    const fresh = ids.filter((_, i) => existing[i] === 'unknown');
    await queue.addBulk(fresh.map((id) => ({ name: 'article', data: unique.get(id)!, opts: { ...jobOpts, jobId: id } })));
    added += fresh.length;
    batch = [];
  };
  try {
    for await (const item of readSources(paths, { signal: options.signal })) {
      if (item.kind === 'message') {
        if (item.severity === 'info') continue;
        failed++;
        if (messages.length < 100) messages.push(item);
        options.onMessage?.(item);
        continue;
      }
      read++;
      batch.push(item);
      if (batch.length >= BULK_SIZE) await flush();
    }
    await flush();
  } finally {
    await queue.close();
    connection.disconnect();
  }
  return { kind: 'enqueue-summary', read, added, duplicates: read - added, failed, messages };
}
