import { z } from 'zod';
import type { CorrectionInput } from '../types.js';
import { RequestError } from './http-error.js';
import { MAX_QUERY_CHARS } from './limits.js';
import { parseBody } from './schemas.js';

/** Longest reason, source or span text a correction takes. */
export const MAX_CORRECTION_TEXT = 10_000;
/** Most aliases or statements one split moves. */
export const MAX_SPLIT_ITEMS = 1000;

const id = z.string().min(1).max(2048);
const text = (max = MAX_QUERY_CHARS) => z.string().trim().min(1).max(max).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
/** Who asks and why, beside each correction: the reason, and the etag of the version the editor saw. */
const meta = {
  reason: z.string().trim().max(MAX_CORRECTION_TEXT).optional().describe('why: shown in the log'),
  etag: z.string().max(200).optional().describe('etag of the statement or entity as loaded (also accepted as If-Match); a stale one is 409'),
};
const statement = { statementId: id.describe('the statement corrected'), ...meta };
const entity = { entityId: id.describe('the knowledge-base entity corrected'), ...meta };

/** One correction as the API takes it (JSON) and the forms send it (flattened, see fromForm). */
export const correctionBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reassign'), ...statement, speaker: z.union([z.strictObject({ kbId: id }), z.strictObject({ name: text(), type: z.enum(['person', 'organization', 'place', 'other']).optional() })]).describe('a known entity by id, or a new (or known) one by name') }),
  z.strictObject({ kind: z.literal('not-a-statement'), ...statement }),
  z.strictObject({ kind: z.literal('change-type'), ...statement, type: z.enum(['direct', 'indirect']) }),
  z.strictObject({ kind: z.literal('change-span'), ...statement, text: text(MAX_CORRECTION_TEXT).describe('the statement\'s words as they stand in the article') }),
  z.strictObject({ kind: z.literal('verify'), ...statement, source: text(MAX_CORRECTION_TEXT).describe('what the quote was checked against (a recording, a transcript, a URL)') }),
  z.strictObject({ kind: z.literal('rename'), ...entity, name: text() }),
  z.strictObject({ kind: z.literal('merge'), ...entity, into: id.describe('the entity that takes over everything') }),
  z.strictObject({ kind: z.literal('split'), ...entity, name: text(), aliases: z.array(text()).max(MAX_SPLIT_ITEMS).default([]), statementIds: z.array(id).max(MAX_SPLIT_ITEMS).default([]) }),
  z.strictObject({ kind: z.literal('add-role'), ...entity, role: text(), first: z.iso.date().optional() }),
  z.strictObject({ kind: z.literal('end-role'), ...entity, role: text(), ended: z.iso.date() }),
]);

export const undoBody = z.strictObject({ reason: meta.reason });

export const correctionsQuery = z.strictObject({
  statement: id.optional(), entity: id.optional(), article: id.optional(),
  unmatched: z.enum(['true', 'false']).optional().describe('only corrections that match no statement now'),
  limit: z.coerce.number().int().min(1).max(100).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export interface ParsedCorrection { readonly input: CorrectionInput; readonly reason?: string; readonly etag?: string }

/** Splits a JSON body into the correction and its meta (reason, etag). */
export function fromJson(body: unknown): ParsedCorrection {
  const { reason, etag, ...rest } = parseBody(correctionBody, body) as any;
  return { input: rest as CorrectionInput, ...(reason ? { reason } : {}), ...(etag ? { etag } : {}) };
}

type Form = Record<string, string | File | (string | File)[]>;
const one = (v: Form[string] | undefined): string | undefined => (Array.isArray(v) ? one(v[0]) : typeof v === 'string' && v.trim() ? v : undefined);
const many = (v: Form[string] | undefined): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && !!x.trim()));

/** A form post (flat fields: speakerId or speakerName, aliases and statementIds repeated) as the same body. */
export function fromForm(form: Form): ParsedCorrection {
  const kind = one(form.kind);
  if (!kind) throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', 'the form has no kind');
  const fields: Record<string, unknown> = { kind };
  for (const key of ['statementId', 'entityId', 'type', 'text', 'source', 'name', 'into', 'role', 'first', 'ended', 'reason', 'etag']) {
    const v = one(form[key]);
    if (v !== undefined) fields[key] = v;
  }
  if (kind === 'reassign') {
    const name = one(form.speakerName);
    fields.speaker = name ? { name } : { kbId: one(form.speakerId) ?? '' };
  }
  if (kind === 'split') Object.assign(fields, { aliases: many(form.aliases), statementIds: many(form.statementIds) });
  return fromJson(fields);
}
