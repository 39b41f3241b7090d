/**
 * The server's explicit limits and their defaults, in one place so that the
 * OpenAPI document, the validators and the README quote the same numbers.
 */

/** Page size when a request gives none. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page a client may ask for: bigger pages would let one request hold the store for long. */
export const MAX_PAGE_SIZE = 100;
/** Deepest offset: SQL offsets scan what they skip, and nobody reads 100,000 results by paging. */
export const MAX_OFFSET = 100_000;
/** Longest free-text query parameter (search words, names, outlets). */
export const MAX_QUERY_CHARS = 200;
/** Longest pagination cursor accepted (ours are a few dozen characters). */
export const MAX_CURSOR_CHARS = 200;
/** Responses smaller than this are sent uncompressed: gzip would cost more than it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
/** Largest request body (a posted article as JSON); larger bodies get 413 before they are read. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Longest article text accepted by POST /api/articles, in characters. */
export const MAX_ARTICLE_CHARS = 1_000_000;

/** Per-client token bucket: a burst of `capacity` requests, then `refillPerSecond` a second. */
export interface RateLimitOptions {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** How many clients are remembered; the least recently seen are forgotten first. */
  readonly maxClients?: number;
}

/**
 * A burst of 2,000 requests fits in the bucket (a newsroom behind one address is not throttled), but the refill
 * is below what one server answers (about 50 mixed requests a second on 2 cores, docs/benchmarks.md): at
 * 200 a second it never refused anybody, so one runaway client could hold the server. Past its burst a client
 * gets 40 a second and 429 with Retry-After beyond.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 2000, refillPerSecond: 40, maxClients: 10_000 };

/** Pages pull at most this many of a speaker's statements for the timeline chart. */
export const MAX_TIMELINE_STATEMENTS = 2000;
/** Buckets each facet shows beside the search results. */
export const FACET_SIZE = 8;
/** A chart with no unit asked for is per month, unless that gives this many bars or fewer: then per week. */
export const WEEKS_UP_TO_MONTHS = 6;
/** Articles read to find the people a speaker talks about (most recent first). */
export const MAX_MENTION_ARTICLES = 40;

/**
 * Requests handled at once, and how many more may wait for a turn (in arrival order) and for how long:
 * beyond either bound a request is answered 503 with Retry-After at once, so no request waits unbounded
 * and memory stays bounded by the queue, whatever the load. A burst of 1,000 fits in the queue.
 */
export interface ConcurrencyOptions {
  readonly maxInFlight: number;
  readonly maxQueued: number;
  readonly maxWaitMs: number;
  /** What Retry-After says to a shed request, in seconds. */
  readonly retryAfterSeconds: number;
}

/**
 * 16 at once keeps PostgreSQL's pool (10 connections) busy; SQLite runs one query at a time anyway, so
 * more would only make every request as slow as the slowest (all finish together).
 */
export const DEFAULT_CONCURRENCY: ConcurrencyOptions = { maxInFlight: 16, maxQueued: 2000, maxWaitMs: 10_000, retryAfterSeconds: 2 };

/** Extractions waiting for the ingest worker (POST /api/articles) beyond the one running; more get 503. */
export const DEFAULT_INGEST_QUEUE = 8;
/** What Retry-After says when the extraction queue is full: a queued article takes seconds. */
export const INGEST_RETRY_AFTER_SECONDS = 5;
/** How long one posted article's extraction may take before it is abandoned (the worker is restarted). */
export const DEFAULT_INGEST_TIMEOUT_MS = 60_000;
