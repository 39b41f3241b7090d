import type { Context, MiddlewareHandler } from 'hono';
import { jsonError } from './http-error.js';
import type { RateLimitOptions } from './limits.js';

interface Bucket {
  tokens: number;
  /** Milliseconds timestamp of the last refill. */
  at: number;
}

/**
 * An in-memory token bucket per client key. The map is kept in least-recently-used
 * order (re-inserted on every take) so that a flood of distinct keys evicts the
 * oldest clients instead of growing without bound.
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #capacity: number;
  readonly #refill: number;
  readonly #maxClients: number;
  readonly #now: () => number;

  constructor(options: RateLimitOptions, now: () => number = Date.now) {
    this.#capacity = options.capacity;
    this.#refill = options.refillPerSecond;
    this.#maxClients = options.maxClients ?? 10_000;
    this.#now = now;
  }

  /** Takes one token for `key`; when none is left, returns the seconds until one will be. */
  take(key: string): { ok: true } | { ok: false; retryAfter: number } {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    this.#buckets.delete(key);
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.#refill);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxClients) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const retryAfter = this.#refill > 0 ? Math.ceil((1 - bucket.tokens) / this.#refill) : 3600;
    return { ok: false, retryAfter: Math.max(1, retryAfter) };
  }

  get size(): number {
    return this.#buckets.size;
  }
}

/** The peer address from @hono/node-server's bindings; requests made without a socket share one bucket. */
export function remoteAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

export function rateLimit(
  options: RateLimitOptions & { key?: (c: Context) => string },
  now?: () => number,
): MiddlewareHandler {
  const buckets = new TokenBuckets(options, now);
  const keyOf = options.key ?? remoteAddress;
  return async (c, next) => {
    const result = buckets.take(keyOf(c));
    if (!result.ok) {
      c.header('Retry-After', String(result.retryAfter));
      return jsonError(c, 'ONR_ERR_HTTP_RATE_LIMIT', `retry in ${result.retryAfter} s`);
    }
    await next();
  };
}
