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

/** How long a command waits to reach Redis before it gives up with ONR_ERR_QUEUE. */
export const REDIS_CONNECT_TIMEOUT_MS = 4_000;

/** The URL without its password, for messages. */
export const safeUrl = (redisUrl: string): string => redisUrl.replace(/\/\/([^@/]*)@/, '//***@');

/**
 * BullMQ needs maxRetriesPerRequest null on blocking connections. A lost connection is retried by ioredis (a
 * restarted Redis is picked up again); each new problem is reported once, not as a stack trace per retry.
 */
export function connect(redisUrl: string): Redis {
  if (!/^rediss?:\/\//.test(redisUrl)) throw new OnrecordError('ONR_ERR_OPTION', `not a redis:// URL: ${redisUrl}`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  let last = '';
  redis.on('error', (error: Error) => {
    if (error.message !== last) process.stderr.write(`onrecord: ONR_ERR_QUEUE: Redis at ${safeUrl(redisUrl)}: ${error.message} (retrying)\n`);
    last = error.message;
  });
  redis.on('ready', () => (last = ''));
  return redis;
}

/**
 * Connects once, without retries, and pings: a command given a Redis it cannot reach fails within the timeout
 * with one clear ONR_ERR_QUEUE error instead of retrying for ever.
 */
export async function checkRedis(redisUrl: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
  if (!/^rediss?:\/\//.test(redisUrl)) throw new OnrecordError('ONR_ERR_OPTION', `not a redis:// URL: ${redisUrl}`);
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: NodeJS.ErrnoException | undefined;
  redis.on('error', (error: Error) => (cause ??= error)); // reported below, once
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } catch (error) {
    // The socket's own error (ECONNREFUSED, ETIMEDOUT …) says more than ioredis's 'Connection is closed'.
    const e = cause ?? (error as NodeJS.ErrnoException);
    throw new OnrecordError('ONR_ERR_QUEUE', `cannot reach Redis at ${safeUrl(redisUrl)}: ${e.code ?? e.message}${e.code && e.message && !e.message.includes(e.code) ? ` (${e.message})` : ''}`);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
