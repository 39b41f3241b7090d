import { createHash, randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../types.js';

/**
 * ETag and Cache-Control on reads. A page of the store changes only when the store does, so the tag is a
 * digest of the store's generation and the URL (and of this app instance, so a new release never answers
 * 304 for a page it renders differently): a notebook that polls gets 304 without any query being run.
 */
export function conditionalGet(store: Store): MiddlewareHandler {
  const instance = randomUUID();
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const digest = createHash('sha256').update(`${instance}\u0000${await store.generation()}\u0000${c.req.url}`).digest('base64url').slice(0, 27);
    // Weak: the gzip and identity bodies are the same resource, byte for byte different.
    const tag = `W/"${digest}"`;
    const header = c.req.header('if-none-match');
    const notModified = () => c.body(null, 304, { ETag: tag, 'Cache-Control': CACHE_CONTROL, Vary: 'Accept-Encoding' });
    // A matching tag was a 200 of this URL in this generation: answered without running the route.
    if (matches(header, tag)) return notModified();
    await next();
    if (c.res.status !== 200) return;
    // `*` matches any current representation, which is known only once the route found one.
    if (header?.trim() === '*') {
      c.res = notModified();
      return;
    }
    // A route's own tag stays: a statement's is the version an editor sends back as If-Match.
    if (!c.res.headers.has('ETag')) c.res.headers.set('ETag', tag);
    c.res.headers.set('Cache-Control', CACHE_CONTROL);
  };
}

/** Anyone may keep a copy, and must ask before using it: the answer is a cheap 304 while nothing changed. */
const CACHE_CONTROL = 'public, no-cache';

/** If-None-Match: a list of tags, compared weakly (RFC 9110 §13.1.2). */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(tag));
}
