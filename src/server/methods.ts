import type { Context, Hono } from 'hono';
import { OnrecordError } from '../errors.js';

/**
 * A known path asked with a method it does not serve is 405 with `Allow`, not 404: the path exists.
 * OPTIONS answers 204 with the same `Allow` (CORS preflights are answered earlier, when CORS is on).
 * Registered after every route, so it only sees what no route took.
 */
export function allowMethods(app: Hono, reject: (c: Context, error: OnrecordError) => Response | Promise<Response>): void {
  const byPath = new Map<string, Set<string>>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
  }
  for (const [path, methods] of byPath) {
    const allow = [...methods, ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    app.all(path, (c) => {
      c.header('Allow', allow);
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      return reject(c, new OnrecordError('ONR_ERR_HTTP_METHOD', `${c.req.method} ${c.req.path} (allowed: ${allow})`));
    });
  }
}
