import type { Context } from 'hono';
import { OnrecordError } from '../errors.js';
import type { Store } from '../types.js';
import { correctionsQuery, fromJson, undoBody } from './correction-schemas.js';
import { requireEditor, type Editors } from './editors.js';
import { RequestError } from './http-error.js';
import { parseBody, parseQuery } from './schemas.js';

type Handler = (c: Context) => Promise<Response>;

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', 'the body is not valid JSON');
  }
}

function correctionId(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `correction ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The API side of corrections: reads are open; writes need an editor (bearer token, or cookie and CSRF token). */
export function correctionHandlers(store: Store, editors: Editors | undefined): Record<'getStatement' | 'listCorrections' | 'createCorrection' | 'undoCorrection', Handler> {
  return {
    async getStatement(c) {
      const id = c.req.param('id') ?? '';
      const s = await store.statement(id);
      if (!s) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `statement ${JSON.stringify(id)}`);
      c.header('ETag', s.etag);
      return c.json(s);
    },
    async listCorrections(c) {
      const q = parseQuery(correctionsQuery, c.req.query());
      return c.json(await store.corrections({
        statementId: q.statement, entityId: q.entity, articleId: q.article, unmatched: q.unmatched === 'true', limit: q.limit, offset: q.offset,
      }));
    },
    async createCorrection(c) {
      const body = await readJson(c);
      const editor = requireEditor(c, editors, c.req.header('x-csrf-token'));
      const { input, reason, etag } = fromJson(body);
      const correction = await store.correct(input, { editor: editor.name, reason, etag: etag ?? c.req.header('if-match') });
      return c.json(correction, 201);
    },
    async undoCorrection(c) {
      const id = correctionId(c);
      // The body (a reason) is optional: an empty one is no reason.
      const body = (await c.req.raw.clone().text()).trim() ? await readJson(c) : {};
      const editor = requireEditor(c, editors, c.req.header('x-csrf-token'));
      const { reason } = parseBody(undoBody, body);
      return c.json(await store.undo(id, { editor: editor.name, reason }), 201);
    },
  };
}
