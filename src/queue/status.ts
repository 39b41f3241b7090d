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
  /** Jobs done since the queue began: BullMQ's completed counter, as finished jobs themselves are trimmed (KEEP_COMPLETED). */
  readonly completed: number;
  readonly failed: number;
  readonly delayed: number;
  /** Completed jobs per second over the minute under way and up to RATE_WINDOW_MINUTES before it (worker metrics). */
  readonly ratePerSecond: number;
  readonly failures: ReadonlyArray<{ readonly id: string; readonly source: string; readonly reason: string; readonly attempts: number }>;
}

export async function queueStatus(redisUrl: string, options: { prefix?: string } = {}): Promise<QueueStatus> {
  const connection = connect(redisUrl);
  const queue = new Queue(QUEUE_NAME, { connection, prefix: queuePrefix(options.prefix) });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
    const metrics = await queue.getMetrics('completed', 0, RATE_WINDOW_MINUTES - 1);
    // BullMQ closes a minute's data point only when a job completes in a later minute; the jobs of the
    // minute under way are count - prevCount since prevTS. Without them the rate would read 0 at first.
    const { count, prevCount, prevTS } = metrics.meta;
    const closed = metrics.data.reduce((sum, n) => sum + n, 0);
    const seconds = metrics.data.length * 60 + (prevTS ? Math.max(0, Date.now() - prevTS) / 1000 : 0);
    const failedJobs = await queue.getFailed(0, MAX_FAILED_SHOWN - 1);
    return {
      kind: 'queue-status',
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
      active: counts.active ?? 0,
      completed: Math.max(counts.completed ?? 0, metrics.meta.count),
      failed: counts.failed ?? 0,
      delayed: counts.delayed ?? 0,
      ratePerSecond: seconds > 0 ? (closed + count - prevCount) / Math.max(seconds, 1) : 0,
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
