import { WARCParser } from 'warcio';
import type { Article, Message } from '../types.js';
import { decodeHtml, failure } from './decode.js';
import { readPage } from './page.js';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE } from './limits.js';

const HEADER_END = new Uint8Array([13, 10, 13, 10]);

/** Byte offset where a record starting at `start` ends, from its declared Content-Length (the input is uncompressed). */
function recordEnd(bytes: Uint8Array, start: number, declared: number): number {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(HEADER_END, start);
  return at < 0 ? Infinity : at + 4 + (Number.isFinite(declared) ? declared : Infinity);
}

/** For a response sent without a Content-Type: whether its first bytes are an HTML page. */
const looksLikeHtml = (body: Uint8Array): boolean => /^\s*(?:<!doctype html|<html)/i.test(new TextDecoder().decode(body.subarray(0, 512)));

/**
 * Each HTML `response` record with a 2xx HTTP status is an article; WARC-Target-URI is its url when the
 * page has no canonical link. WARC-Date is when it was crawled, not published, so it is not used.
 * Requests, metadata, revisits, DNS records, redirects, error pages and non-HTML bodies are skipped:
 * they are part of any crawl, not problems.
 */
export async function* readWarc(bytes: Uint8Array, source: string): AsyncGenerator<Article | Message> {
  const parser = new WARCParser([bytes]);
  let n = 0;
  let cursor = 0;
  try {
    for await (const record of parser) {
      n++;
      const where = `${source}#${n}`;
      if (n > MAX_RECORDS_PER_FILE) {
        yield failure('ONR_ERR_TOO_MANY', source, `more than ${MAX_RECORDS_PER_FILE} records`);
        return;
      }
      const declared = Number(record.warcHeaders.headers.get('Content-Length') ?? NaN);
      let start = cursor;
      while (bytes[start] === 13 || bytes[start] === 10) start++;
      cursor = recordEnd(bytes, start, declared);
      // warcio stops quietly at the end of input, so a cut-short record is found by its declared length.
      if (cursor > bytes.length) {
        yield failure('ONR_ERR_WARC', where, 'record cut short: the file is truncated');
        return;
      }
      const status = Number(record.httpHeaders?.statusCode);
      if (record.warcType !== 'response' || !(status >= 200 && status < 300)) continue;
      if (declared > MAX_RECORD_BYTES) {
        yield failure('ONR_ERR_TOO_LARGE', where, `record of ${declared} bytes`);
        continue;
      }
      const contentType = record.httpHeaders?.headers.get('Content-Type');
      if (contentType && !/html/i.test(contentType)) continue;
      const body = await record.readFully(true);
      if (!contentType && !looksLikeHtml(body)) continue;
      const decoded = await decodeHtml(body, where, contentType);
      if (decoded.kind === 'message') {
        yield decoded;
        continue;
      }
      yield readPage(decoded.text, where, record.warcTargetURI ?? undefined);
    }
  } catch (error) {
    yield failure('ONR_ERR_WARC', `${source}#${n}`, (error as Error).message);
    return;
  }
  if (n === 0) yield failure('ONR_ERR_WARC', source, 'no WARC records');
}
