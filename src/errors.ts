/**
 * The one catalog of error codes (after Fastify's FST_ERR_*). Every message,
 * CLI error and HTTP error carries one of these codes, so users and tools can
 * match on something stable while the wording improves.
 */
export const ErrorCodes = {
  ONR_ERR_EMPTY: 'the document is empty',
  ONR_ERR_BINARY: 'the file looks binary, not text',
  ONR_ERR_ENCODING: 'the file is not valid UTF-8',
  ONR_ERR_TOO_LARGE: 'the input is larger than the limit',
  ONR_ERR_TOO_DEEP: 'quotes are nested deeper than the limit',
  ONR_ERR_UNBALANCED_QUOTES: 'a quote mark is never closed',
  ONR_ERR_READ: 'the file could not be read',
  ONR_ERR_NOT_FOUND: 'no such file or directory',
  ONR_ERR_OPTION: 'an option is missing or invalid',
  ONR_ERR_FORMAT: 'the input is not in the format its name or content says',
  ONR_ERR_HTML: 'the HTML page has no readable article text',
  ONR_ERR_XML: 'the XML feed is malformed',
  ONR_ERR_ENTITY_EXPANSION: 'the XML declares entities, which are refused',
  ONR_ERR_JSON: 'a JSON record is malformed',
  ONR_ERR_RECORD: 'a record does not match its schema',
  ONR_ERR_GZIP: 'the gzip stream is truncated or corrupt',
  ONR_ERR_WARC: 'the WARC file is truncated or corrupt',
  ONR_ERR_TOO_MANY: 'more records than the limit',
  ONR_ERR_EXTRACT: 'extraction failed on this article',
  ONR_ERR_STORE: 'the store failed',
  ONR_ERR_MIGRATION: 'the store schema could not be migrated',
  ONR_ERR_QUEUE: 'the job queue failed',
  ONR_ERR_HTTP_NOT_FOUND: 'no such resource',
  ONR_ERR_HTTP_BAD_REQUEST: 'the request is invalid',
  ONR_ERR_HTTP_TOO_LARGE: 'the request body is larger than the limit',
  ONR_ERR_HTTP_RATE_LIMIT: 'too many requests',
  ONR_ERR_HTTP_UNAUTHORIZED: 'a valid token is required',
  ONR_ERR_HTTP_DISABLED: 'this endpoint is disabled',
  ONR_ERR_HTTP_METHOD: 'this method is not allowed here; the Allow header lists those that are',
  ONR_ERR_HTTP_BUSY: 'the server is busy; retry after the time in Retry-After',
  ONR_ERR_HTTP_CONFLICT: 'the record changed since you loaded it; reload and try again',
  ONR_ERR_HTTP_CSRF: 'the form is stale or came from another site; reload the page and send it again',
  ONR_ERR_CORRECTION: 'the correction cannot be applied',
  ONR_ERR_CORRECTION_UNMATCHED: 'a correction no longer matches any statement of its article',
  ONR_ERR_INTERNAL: 'an internal error',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

/** An error that carries a catalog code; thrown only at boundaries (CLI, HTTP, storage). */
export class OnrecordError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${ErrorCodes[code]}: ${detail}` : ErrorCodes[code], options);
    this.name = 'OnrecordError';
    this.code = code;
  }
}
