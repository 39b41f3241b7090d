import { Redis } from 'ioredis';
import { OnrecordError } from '../errors.js';

/** One queue for ingest jobs; a prefix keeps separate deployments (and tests) apart on one Redis. */
export const QUEUE_NAME = 'onrecord-ingest';
export const DEFAULT_PREFIX = 'onrecord';

/** The prefix when none is given: ONRECORD_QUEUE_PREFIX lets every command of one deployment agree on it. */
export function queuePrefix(given?: string): string {
  return given ?? process.env.ONRECORD_QUEUE_PREFIX ?? DEFAULT_PREFIX;
}
/** A poison article is tried this many times, then kept on the failed list with its reason. */
export const MAX_ATTEMPTS = 3;
/** First retry delay; doubles each attempt (exponential backoff). */
export const BACKOFF_MS = 2_000;
/** How long a worker holds a job before it counts as stalled (a killed worker stops renewing it). */
export const LOCK_DURATION_MS = 30_000;
/** How often workers look for stalled jobs to hand to another worker. */
export const STALLED_INTERVAL_MS = 15_000;
/**
 * Completed jobs kept (with their payload) so a re-enqueue of recent input adds nothing; older ones are
 * dropped to bound Redis memory, and a re-added article is then skipped by the worker's hasArticle check.
 * Failed jobs are all kept for inspection.
 */
export const KEEP_COMPLETED = 10_000;
/** Articles per addBulk round trip. */
export const BULK_SIZE = 500;

export interface QueueTarget {
  readonly redisUrl: string;
  readonly prefix?: string;
}

/** BullMQ needs maxRetriesPerRequest null on blocking connections. */
export function connect(redisUrl: string): Redis {
  if (!/^rediss?:\/\//.test(redisUrl)) throw new OnrecordError('ONR_ERR_OPTION', `not a redis:// URL: ${redisUrl}`);
  return new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
}
