import { WARCParser } from 'warcio';
import type { Article, Message } from '../types.js';
import { decodeHtml, failure } from './decode.js';
import { readPage } from './page.js';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE } from './limits.js';
import { isZlibError } from './stream.js';

const HEADER_END = Buffer.from('\r\n\r\n');
/** A WARC header block longer than this is not a WARC header (real ones are well under 4 KiB). */
const MAX_WARC_HEADER_BYTES = 1024 * 1024;
/** Of a record over MAX_RECORD_BYTES, only this much is read (for its HTTP status and Content-Type); the rest is skipped. */
const OVERSIZED_HEAD_BYTES = 64 * 1024;

/**
 * A bounded reader over a stream of chunks: holds at most one record (plus one chunk) at a time. It never
 * asks warcio to find the end of a record: warcio's skipFully loops forever on a cut-off stream, and stops
 * quietly at the end of input, so each record is cut out here by its declared Content-Length.
 */
class ChunkReader {
  private chunks: Buffer[] = [];
  length = 0;
  ended = false;
  /** Why the input stopped early (a gzip or read error); the bytes before it stay readable. */
  error: unknown;
  private readonly it: AsyncIterator<Uint8Array>;
  constructor(input: AsyncIterable<Uint8Array>) {
    this.it = input[Symbol.asyncIterator]();
  }
  /** Reads one more chunk; false at the end of input (or on an input error, kept in `error`). */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    try {
      for (;;) {
        const r = await this.it.next();
        if (r.done) break;
        if (r.value.length === 0) continue;
        const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
        this.chunks.push(chunk);
        this.length += chunk.length;
        return true;
      }
    } catch (error) {
      this.error = error;
    }
    this.ended = true;
    return false;
  }
  /** All buffered bytes as one Buffer. */
  flat(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
  async ensure(n: number): Promise<boolean> {
    while (this.length < n) if (!(await this.more())) return false;
    return true;
  }
  /** The first n buffered bytes (the caller has ensured them). */
  take(n: number): Buffer {
    const all = this.flat();
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }
  /** Drops n bytes, reading and discarding what is not buffered yet; false when the input ends first. */
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      if (this.length === 0 && !(await this.more())) return false;
      const first = this.chunks[0]!;
      const k = Math.min(n, first.length);
      if (k === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(k);
      this.length -= k;
      n -= k;
    }
    return true;
  }
  /** Drops CR/LF between records; false at the end of input. */
  async skipNewlines(): Promise<boolean> {
    for (;;) {
      if (this.length === 0 && !(await this.more())) return false;
      const first = this.chunks[0]!;
      let i = 0;
      while (i < first.length && (first[i] === 13 || first[i] === 10)) i++;
      if (i < first.length) {
        this.chunks[0] = first.subarray(i);
        this.length -= i;
        return true;
      }
      this.chunks.shift();
      this.length -= first.length;
    }
  }
  async close(): Promise<void> {
    this.chunks = [];
    this.length = 0;
    this.ended = true;
    await this.it.return?.();
  }
}

/** For a response sent without a Content-Type: whether its first bytes are an HTML page. */
const looksLikeHtml = (body: Uint8Array): boolean => /^\s*(?:<!doctype html|<html)/i.test(new TextDecoder().decode(body.subarray(0, 512)));

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Pieces a record is handed to warcio in. warcio inflates a gzip-encoded body (Content-Encoding) a piece of input
 * at a time and holds that piece's whole output: small pieces bound it to ~1,000 times their size, where a
 * record given whole (1 MB of gzip inflating to 1 GiB) took 2.2 GB before it was refused.
 */
const PIECE_BYTES = 4 * 1024;

function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES);
}

/** A record's body, decoded (chunked, gzip), counted as it is decoded; undefined past MAX_RECORD_BYTES. */
async function boundedBody(record: AsyncIterable<Uint8Array>): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.length;
    if (size > MAX_RECORD_BYTES) return undefined;
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Each HTML `response` record with a 2xx HTTP status is an article; WARC-Target-URI is its url when the
 * page has no canonical link. WARC-Date is when it was crawled, not published, so it is not used.
 * Requests, metadata, revisits, DNS records, redirects, error pages and non-HTML bodies are skipped:
 * they are part of any crawl, not problems.
 *
 * The input is the uncompressed WARC, whole or as a stream of chunks (a file through gunzip): records are
 * read one at a time, so memory stays bounded by MAX_RECORD_BYTES whatever the file's size.
 */
export async function* readWarc(input: Uint8Array | AsyncIterable<Uint8Array>, source: string): AsyncGenerator<Article | Message> {
  const reader = new ChunkReader(input instanceof Uint8Array ? once(input) : input);
  let n = 0;
  /** The end of input came early: an input (gzip) error if there was one, else a cut-short WARC record. */
  const cut = (where: string, what: string, record = n): Message =>
    reader.error === undefined
      ? failure('ONR_ERR_WARC', where, what)
      : isZlibError(reader.error)
        ? failure('ONR_ERR_GZIP', source, `${(reader.error as Error).message} (in record ${record}; the ${record - 1} before it were read)`)
        : failure('ONR_ERR_READ', source, `${(reader.error as Error).message} (in record ${record})`);
  try {
    for (;;) {
      if (!(await reader.skipNewlines())) {
        if (reader.error !== undefined) yield cut(source, '', n + 1);
        break;
      }
      n++;
      const where = `${source}#${n}`;
      if (n > MAX_RECORDS_PER_FILE) {
        yield failure('ONR_ERR_TOO_MANY', source, `more than ${MAX_RECORDS_PER_FILE} records`);
        return;
      }
      // The WARC header block, up to its blank line.
      let headerEnd = -1;
      for (;;) {
        const all = reader.flat();
        headerEnd = all.indexOf(HEADER_END);
        if (headerEnd >= 0) break;
        if (all.length > MAX_WARC_HEADER_BYTES) {
          yield failure('ONR_ERR_WARC', where, `no end of the WARC header in ${MAX_WARC_HEADER_BYTES} bytes`);
          return;
        }
        if (!(await reader.more())) {
          yield cut(where, 'record cut short in its header: the file is truncated');
          return;
        }
      }
      const head = reader.flat().subarray(0, headerEnd).toString('latin1');
      if (!head.startsWith('WARC/')) {
        yield failure('ONR_ERR_WARC', where, 'not a WARC record');
        return;
      }
      const length = /^content-length[ \t]*:[ \t]*(\d+)[ \t]*$/im.exec(head)?.[1];
      if (length === undefined) {
        yield failure('ONR_ERR_WARC', where, 'record without a Content-Length');
        return;
      }
      const declared = Number(length);
      const headerBytes = headerEnd + HEADER_END.length;
      const oversized = declared > MAX_RECORD_BYTES;
      const keep = headerBytes + (oversized ? Math.min(declared, OVERSIZED_HEAD_BYTES) : declared);
      if (!(await reader.ensure(keep))) {
        yield cut(where, 'record cut short: the file is truncated');
        return;
      }
      const bytes = reader.take(keep);
      if (oversized && !(await reader.skip(declared - (keep - headerBytes)))) {
        yield cut(where, 'record cut short: the file is truncated');
        return;
      }
      // warcio parses this one record, from bytes already known to be whole (or, when oversized, its head).
      const record = await WARCParser.parse(pieces(bytes));
      if (!record) {
        yield failure('ONR_ERR_WARC', where, 'unreadable WARC record');
        return;
      }
      const status = Number(record.httpHeaders?.statusCode);
      if (record.warcType !== 'response' || !(status >= 200 && status < 300)) continue;
      if (oversized) {
        yield failure('ONR_ERR_TOO_LARGE', where, `record of ${declared} bytes`);
        continue;
      }
      const contentType = record.httpHeaders?.headers.get('Content-Type');
      if (contentType && !/html/i.test(contentType)) continue;
      const body = await boundedBody(record);
      if (!body) {
        yield failure('ONR_ERR_TOO_LARGE', where, `body decodes past ${MAX_RECORD_BYTES} bytes`);
        continue;
      }
      if (!contentType && !looksLikeHtml(body)) continue;
      const decoded = await decodeHtml(body, where, contentType);
      if (decoded.kind === 'message') {
        yield decoded;
        continue;
      }
      if (decoded.warning) yield decoded.warning;
      yield readPage(decoded.text, where, record.warcTargetURI ?? undefined);
    }
  } catch (error) {
    yield failure('ONR_ERR_WARC', `${source}#${n}`, (error as Error).message);
    return;
  } finally {
    await reader.close();
  }
  if (n === 0 && reader.error === undefined) yield failure('ONR_ERR_WARC', source, 'no WARC records');
}
