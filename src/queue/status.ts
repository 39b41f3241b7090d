import { Queue } from 'bullmq';
import { queuePrefix, QUEUE_NAME, connect } from './config.js';

/** How many failed jobs status lists with their reason. */
export const MAX_FAILED_SHOWN = 5;
/** Minutes of BullMQ's per-minute metrics the rate is averaged over. */
export const RATE_WINDOW_MINUTES = 5;

export interface QueueStatus {
  readonly kind: 'queue-status';
  readonly waiting: number;
  readonly active: number;
  readonly completed: number;
  readonly failed: number;
  readonly delayed: number;
  /** Completed jobs per second over the last RATE_WINDOW_MINUTES (from worker metrics). */
  readonly ratePerSecond: number;
  readonly failures: ReadonlyArray<{ readonly id: string; readonly source: string; readonly reason: string; readonly attempts: number }>;
}

export async function queueStatus(redisUrl: string, options: { prefix?: string } = {}): Promise<QueueStatus> {
  const connection = connect(redisUrl);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: queuePrefix(options.prefix) });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
    const metrics = await queue.getMetrics('completed', 0, RATE_WINDOW_MINUTES - 1);
    // data[0] is the current (partial) minute; averaging over whole window gives a smoothed rate.
    const done = metrics.data.reduce((sum, n) => sum + (Number(n) || 0), 0);
    const minutes = Math.max(1, Math.min(RATE_WINDOW_MINUTES, metrics.data.length));
    const failedJobs = await queue.getFailed(0, MAX_FAILED_SHOWN - 1);
    return {
      kind: 'queue-status',
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      delayed: counts.delayed ?? 0,
      ratePerSecond: done / (minutes * 60),
      failures: failedJobs.map((j) => ({
        id: String(j.id),
        source: String((j.data as { source?: string })?.source ?? ''),
        reason: j.failedReason,
        attempts: j.attemptsMade,
      })),
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
