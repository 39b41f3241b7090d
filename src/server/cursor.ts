import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Page } from '../types.js';
import { RequestError } from './http-error.js';
import { MAX_OFFSET } from './limits.js';

/**
 * Cursor pagination for notebooks: every list answers with `next`, a link to the following page that carries
 * an opaque cursor. The cursor holds the next offset and a digest of the search it belongs to, so a cursor
 * pasted onto another search is refused instead of paging through something else. `offset` keeps working.
 */

interface Paged { readonly offset: number; readonly limit: number; readonly cursor?: string | undefined }

/** The parameters that define the search: everything parsed except where the page starts. */
function searchKey(query: Record<string, unknown>): string {
  const { offset: _o, cursor: _c, limit: _l, ...rest } = query;
  const sorted = Object.keys(rest).sort().map((k) => [k, rest[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 12);
}

export function encodeCursor(query: Record<string, unknown>, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, k: searchKey(query) })).toString('base64url');
}

/** The query with its cursor read into `offset`; a cursor that is not ours, or from another search, is a 400. */
export function withCursor<Q extends Paged>(query: Q): Omit<Q, 'cursor'> {
  const { cursor, ...rest } = query;
  if (!cursor) return rest;
  let decoded: { o?: unknown; k?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = {};
  }
  const offset = decoded?.o;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', 'query.cursor: not a cursor of this API', [{ path: 'query.cursor', message: 'not a cursor of this API' }]);
  }
  if (decoded.k !== searchKey(rest)) {
    throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', 'query.cursor: belongs to another search', [{ path: 'query.cursor', message: 'belongs to another search; keep the other parameters as they were' }]);
  }
  return { ...rest, offset } as Omit<Q, 'cursor'>;
}

/**
 * The page with a `next` link (absent on the last page), also sent as `Link: <…>; rel="next"`. The link keeps
 * only the parameters the schema knows, so tracking parameters of a shared link do not travel on.
 */
export function withNext<T>(c: Context, schema: z.ZodObject, query: Record<string, unknown>, page: Page<T>): Page<T> & { readonly next?: string } {
  const end = page.offset + page.limit;
  const more = (end < page.total || page.totalCapped) && end <= MAX_OFFSET && page.items.length === page.limit;
  if (!more) return page;
  const url = new URL(c.req.url);
  const known = new Set(Object.keys(schema.shape));
  for (const key of [...url.searchParams.keys()]) if (!known.has(key) || key === 'offset' || key === 'cursor') url.searchParams.delete(key);
  url.searchParams.set('cursor', encodeCursor(query, end));
  const next = url.href;
  c.header('Link', `<${next}>; rel="next"`);
  return { ...page, next };
}
