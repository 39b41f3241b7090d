import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { decodeFeed, decodeHtml, decodePlainText, failure } from './decode.js';
import { frontMatter, readSidecar, sidecarPath, type TextFields } from './sidecar.js';
import { readFeed } from './feed.js';
import { inputProblem, readJsonlStream } from './jsonl.js';
import { readPage } from './page.js';
import { bomOf, looksBinary } from './text.js';
import { readWarc } from './warc.js';
import { MAX_FEED_BYTES, MAX_FILE_BYTES, MAX_GUNZIP_BYTES, MAX_GZIP_LAYERS, MAX_RECORD_BYTES } from './limits.js';
import { collect, type Chunks, counted, gunzipChunks, isGzip, isZlibError, OverLimit, peek } from './stream.js';
import { MAX_TEXT_BYTES } from './text.js';

export type Format = 'text' | 'html' | 'feed' | 'jsonl' | 'warc';

const EXTENSIONS: Record<string, Format> = {
  txt: 'text', text: 'text', md: 'text', html: 'html', htm: 'html', xhtml: 'html',
  xml: 'feed', rss: 'feed', atom: 'feed', jsonl: 'jsonl', ndjson: 'jsonl', warc: 'warc',
};

/** The format a file's name claims, ignoring a trailing .gz. */
export function formatFromName(name: string): Format | undefined {
  const m = /\.([a-z]+)(?:\.gz)?$/i.exec(name);
  return m ? EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

/**
 * The first element's name after the prolog (XML declaration and other processing instructions, comments, a
 * doctype with its internal subset), or undefined when the head is not markup. Scanned step by step with
 * indexOf: one regular expression with a repeated lazy comment group before and after the doctype backtracked
 * exponentially on a few dozen `<!---->` not followed by an element (30 of them, 211 bytes, hung the reader).
 */
export function rootElement(s: string): string | undefined {
  let i = 0;
  const space = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  /** Skips comments and processing instructions (`<?xml ...?>`, `<?xml-stylesheet ...?>`); false when one is unclosed. */
  const misc = (): boolean => {
    for (;;) {
      const close = s.startsWith('<!--', i) ? '-->' : s.startsWith('<?', i) ? '?>' : undefined;
      if (!close) return true;
      const end = s.indexOf(close, i + 2);
      if (end < 0) return false;
      i = end + close.length;
      space();
    }
  };
  if (!misc()) return undefined;
  const doctype = /^<!DOCTYPE\s+[\w:]+/i.exec(s.slice(i, i + 1024));
  if (doctype) {
    const from = i + doctype[0].length;
    let end = s.indexOf('>', from);
    const subset = s.indexOf('[', from);
    // An internal subset may hold '>' (in declarations): the doctype ends at the first '>' after its ']'.
    if (subset >= 0 && (end < 0 || subset < end)) {
      const close = s.indexOf(']', subset);
      end = close < 0 ? -1 : s.indexOf('>', close);
    }
    if (end < 0) return undefined;
    i = end + 1;
    space();
    if (!misc()) return undefined;
  }
  return /^<([\w:-]+)/.exec(s.slice(i, i + 1024))?.[1];
}

/** The format the content shows: it wins over the name, so wrong extensions still work. */
export function sniffFormat(head: string): Format {
  const s = head.replace(/^\uFEFF/, '').trimStart();
  if (s.startsWith('WARC/')) return 'warc';
  if (s.startsWith('{')) return 'jsonl';
  const root = rootElement(s);
  if (root !== undefined) {
    const name = root.toLowerCase();
    // "atom:feed": a feed whose elements carry a namespace prefix.
    if (name === 'rss' || name === 'feed' || name === 'rdf:rdf' || /^[\w-]+:(feed|rss)$/.test(name)) return 'feed';
    if (/^<\?xml/i.test(s) && name !== 'html') return 'feed';
    return 'html';
  }
  // A page after stray output (a PHP warning, a byte-order mark gone wrong) is still a page.
  if (STRAY_THEN_PAGE.test(s)) return 'html';
  return 'text';
}

/** `<!DOCTYPE html>` or `<html>` on a line of its own within the first lines: a page behind stray text. */
const STRAY_THEN_PAGE = /^[^\n]{0,2000}(?:\n[^\n]{0,2000}){0,20}?\n\s*(?:<!doctype\s+html|<html[\s>])/i;

/** A warning when the file's name claims another format than its content shows. */
function formatWarning(source: string, format: Format): Message | undefined {
  const claimed = formatFromName(source);
  if (claimed && claimed !== format && !(claimed === 'text' && format !== 'warc'))
    return failure('ONR_ERR_FORMAT', source, `named as ${claimed} but the content is ${format}; read as ${format}`, 'warning');
  return undefined;
}

/**
 * Bytes read from a file at a time. Gzip inflates one read at a time and holds its whole output: at deflate's
 * ~1,000:1 at most, 16 KiB keeps that under 16 MiB a layer.
 */
const READ_CHUNK_BYTES = 16 * 1024;

/** Formats read whole (the others are streamed a record at a time), with the most each may hold once inflated. */
const WHOLE_LIMIT: Record<Exclude<Format, 'warc' | 'jsonl'>, number> = { text: MAX_TEXT_BYTES, html: MAX_RECORD_BYTES, feed: MAX_FEED_BYTES };

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Every article in one file's bytes, whatever its format. */
export function readBytes(bytes: Uint8Array, source: string, textMeta: TextFields = {}): AsyncGenerator<Article | Message> {
  return readStream(once(bytes), source, { textMeta });
}

/**
 * Every article in one file's stream, whatever its format (told by content, gzip by magic bytes and undone as
 * it arrives). WARC and JSON Lines are read a record at a time; other formats are read whole within their
 * limit, counted while inflating. `size` is the file's size on disk, held to `maxFileBytes` but for a WARC.
 */
export async function* readStream(
  input: Chunks,
  source: string,
  options: { size?: number; maxFileBytes?: number; textMeta?: TextFields } = {},
): AsyncGenerator<Article | Message> {
  let { head, chunks, error } = await peek(input, 4096);
  let layers = 0;
  while (isGzip(head) && error === undefined) {
    if (++layers > MAX_GZIP_LAYERS) return yield failure('ONR_ERR_GZIP', source, `gzip inside gzip more than ${MAX_GZIP_LAYERS} deep`);
    // Each layer is held to the inflated limit as it is read: a bomb stops at the byte past it.
    ({ head, chunks, error } = await peek(counted(gunzipChunks(chunks), MAX_GUNZIP_BYTES), 4096));
  }
  if (error !== undefined && head.length === 0) return yield layers ? inputProblem(error, source) : failure('ONR_ERR_READ', source, (error as Error).message);
  if (head.length === 0) return yield failure('ONR_ERR_EMPTY', source);
  // A UTF-16 file is sniffed in its own encoding: read as UTF-8 its markup is hidden between NUL bytes.
  const sniffed = sniffFormat(new TextDecoder(bomOf(head) ?? 'utf-8').decode(head.subarray(0, 4096)));
  const claimed = formatFromName(source);
  // Text is what content that shows no other format falls back to: then the name is the better guide
  // (a .jsonl whose first line is broken is still JSON Lines).
  const format = sniffed === 'text' && claimed ? claimed : sniffed;
  const mismatch = formatWarning(source, format);
  if (mismatch) yield mismatch;
  // No file-size limit for a WARC: records are read one at a time (MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE).
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  if (format !== 'warc' && options.size !== undefined && options.size > maxFileBytes) return yield failure('ONR_ERR_TOO_LARGE', source, `${options.size} bytes, limit ${maxFileBytes}`);
  if (format === 'warc') return yield* readWarc(chunks, source);
  if (format === 'jsonl') {
    if (looksBinary(head)) return yield failure('ONR_ERR_BINARY', source);
    return yield* readJsonlStream(chunks, source);
  }
  const limit = WHOLE_LIMIT[format];
  let whole;
  try {
    whole = await collect(chunks, limit);
  } catch (e) {
    if (!(e instanceof OverLimit)) throw e;
    return yield failure('ONR_ERR_TOO_LARGE', source, `${layers ? 'decompresses past' : 'more than'} ${limit} bytes, the limit for ${format}`);
  }
  // Half an article would be stored as if whole: a cut stream is reported, not read.
  if (whole.error !== undefined) return yield isZlibError(whole.error) ? failure('ONR_ERR_GZIP', source, (whole.error as Error).message) : failure('ONR_ERR_READ', source, (whole.error as Error).message);
  yield* readDocument(whole.bytes, format, source, options.textMeta);
}

/** One text, HTML page or feed, read whole. */
function* readDocument(bytes: Uint8Array, format: 'text' | 'html' | 'feed', source: string, textMeta: TextFields = {}): Generator<Article | Message> {
  const decoded: { kind: 'text'; text: string; warning?: Message } | Message =
    format === 'feed' ? decodeFeed(bytes, source) : format === 'html' ? decodeHtml(bytes, source) : decodePlainText(bytes, source);
  if (decoded.kind === 'message') return yield decoded;
  if (decoded.warning) yield decoded.warning;
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (format === 'html') return yield readPage(text, source);
  if (format === 'feed') return yield* readFeed(text, source);
  const front = frontMatter(text, source);
  if (front?.kind === 'message') return yield front;
  yield makeArticle({ ...textMeta, ...front?.fields, text: front ? front.text : text, source });
}

async function* expand(path: string): AsyncGenerator<string | Message> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'ONR_ERR_NOT_FOUND' : 'ONR_ERR_READ';
    return yield failure(code, path);
  }
  if (!info.isDirectory()) return yield path;
  const all = (await readdir(path)).filter((n) => !n.startsWith('.'));
  // A story.json beside story.txt is that text's metadata, read with it, not an input of its own.
  const sidecars = new Set(all.filter((n) => formatFromName(n) === 'text').map(sidecarPath));
  for (const name of all.filter((n) => !sidecars.has(n)).sort()) yield* expand(join(path, name));
}

/** Articles from every path: directories recursively, '-' for stdin, any format; a Message per bad file or record. */
export async function* readSources(
  paths: string[],
  options: { signal?: AbortSignal; exclude?: readonly string[]; maxFileBytes?: number; textMeta?: TextFields } = {},
): AsyncGenerator<Article | Message> {
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  // The ingest's own output may sit in an input directory: never read it back.
  const exclude = new Set((options.exclude ?? []).map((p) => resolve(p)));
  for (const path of paths) {
    const files = path === '-' ? [path] : expand(path);
    for await (const file of files) {
      if (options.signal?.aborted) return;
      if (typeof file !== 'string') {
        yield file;
        continue;
      }
      if (file !== '-' && exclude.has(resolve(file))) continue;
      let size: number | undefined;
      try {
        if (file !== '-') size = (await stat(file)).size;
      } catch (error) {
        yield failure('ONR_ERR_READ', file, (error as Error).message);
        continue;
      }
      try {
        let textMeta = options.textMeta;
        if (file !== '-' && formatFromName(file) === 'text') {
          const sidecar = await readSidecar(file);
          if (sidecar && 'kind' in sidecar) {
            yield sidecar;
            continue;
          }
          textMeta = { ...textMeta, ...sidecar };
        }
        const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
        for await (const item of readStream(input, file, { size, maxFileBytes, textMeta })) {
          if (options.signal?.aborted) return;
          yield item;
        }
      } catch (error) {
        // A reader that breaks on one file ends that file only; the records it gave are kept.
        yield failure('ONR_ERR_READ', file, (error as Error).message);
      }
    }
  }
}
