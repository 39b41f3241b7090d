import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorCodes, OnrecordError, type ErrorCode } from '../errors.js';

/** The HTTP status each catalog code is answered with; anything unlisted is a server fault. */
const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  ONR_ERR_HTTP_NOT_FOUND: 404,
  ONR_ERR_HTTP_BAD_REQUEST: 400,
  ONR_ERR_HTTP_TOO_LARGE: 413,
  ONR_ERR_HTTP_RATE_LIMIT: 429,
  ONR_ERR_HTTP_UNAUTHORIZED: 401,
  ONR_ERR_HTTP_DISABLED: 403,
  ONR_ERR_HTTP_BUSY: 503,
  ONR_ERR_HTTP_METHOD: 405,
  ONR_ERR_HTTP_CONFLICT: 409,
  ONR_ERR_HTTP_CSRF: 403,
  ONR_ERR_CORRECTION: 422,
  ONR_ERR_TOO_LARGE: 413,
  ONR_ERR_EMPTY: 422,
  ONR_ERR_BINARY: 422,
  ONR_ERR_ENCODING: 422,
  ONR_ERR_EXTRACT: 422,
  ONR_ERR_RECORD: 400,
  ONR_ERR_JSON: 400,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? 500;
}

/** The JSON body of every API error: `{ error: { code, message, issues? } }`. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    /** Validation problems, one per field, for 400s. */
    readonly issues?: readonly { readonly path: string; readonly message: string }[];
  };
}

/** An OnrecordError that also carries per-field validation issues. */
export class RequestError extends OnrecordError {
  readonly issues?: ErrorBody['error']['issues'];
  constructor(code: ErrorCode, detail?: string, issues?: ErrorBody['error']['issues']) {
    super(code, detail);
    this.issues = issues;
  }
}

/**
 * Turns anything thrown into a code, status and message. Server faults keep
 * their detail out of the response (it may hold SQL or paths); the caller logs it.
 */
export function describeError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof OnrecordError) {
    const status = statusOf(error.code);
    const message = status >= 500 ? ErrorCodes[error.code] : error.message;
    const issues = error instanceof RequestError ? error.issues : undefined;
    return { status, body: { error: { code: error.code, message, ...(issues ? { issues } : {}) } } };
  }
  return { status: 500, body: { error: { code: 'ONR_ERR_INTERNAL', message: ErrorCodes.ONR_ERR_INTERNAL } } };
}

export function jsonError(c: Context, code: ErrorCode, detail?: string): Response {
  const { status, body } = describeError(new OnrecordError(code, detail));
  return c.json(body, status);
}
