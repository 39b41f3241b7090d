import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { join, resolve } from 'node:path';
import { constants as zlib, createGunzip, gunzipSync } from 'node:zlib';
import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { decodeBytes, decodeHtml, failure } from './decode.js';
import { readFeed } from './feed.js';
import { readJsonl } from './jsonl.js';
import { readPage } from './page.js';
import { looksBinary } from './text.js';
import { readWarc } from './warc.js';
import { MAX_FILE_BYTES, MAX_GUNZIP_BYTES } from './limits.js';

export type Format = 'text' | 'html' | 'feed' | 'jsonl' | 'warc';

const EXTENSIONS: Record<string, Format> = {
  txt: 'text', text: 'text', md: 'text', html: 'html', htm: 'html', xhtml: 'html',
  xml: 'feed', rss: 'feed', atom: 'feed', jsonl: 'jsonl', ndjson: 'jsonl', warc: 'warc',
};

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

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
    if (name === 'rss' || name === 'feed' || name === 'rdf:rdf') return 'feed';
    if (/^<\?xml/i.test(s) && name !== 'html') return 'feed';
    return 'html';
  }
  return 'text';
}

/**
 * Undoes gzip (magic bytes, not the name). A truncated stream is reported, and what came before the
 * cut is returned with the message, so the records of a cut-short WARC or JSONL dump are not lost.
 */
export function gunzip(bytes: Uint8Array, source: string): { bytes?: Uint8Array; problem?: Message } {
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: MAX_GUNZIP_BYTES }) };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE') return { problem: failure('ONR_ERR_TOO_LARGE', source, `decompresses past ${MAX_GUNZIP_BYTES} bytes`) };
    const problem = failure('ONR_ERR_GZIP', source, e.message);
    try {
      // A sync flush at the end returns the output so far instead of failing on the missing tail.
      return { bytes: gunzipSync(bytes, { maxOutputLength: MAX_GUNZIP_BYTES, finishFlush: zlib.Z_SYNC_FLUSH }), problem };
    } catch {
      return { problem };
    }
  }
}

/** A warning when the file's name claims another format than its content shows. */
function formatWarning(source: string, format: Format): Message | undefined {
  const claimed = formatFromName(source);
  if (claimed && claimed !== format && !(claimed === 'text' && format !== 'warc'))
    return failure('ONR_ERR_FORMAT', source, `named as ${claimed} but the content is ${format}; read as ${format}`, 'warning');
  return undefined;
}

/**
 * A WARC file (plain, or gzipped whole or per record as Common Crawl writes it) as a stream of its uncompressed
 * bytes, so a file of any size is read one record at a time; undefined when the file is not a WARC (then it is
 * read whole, within MAX_FILE_BYTES). Gzip is told by magic bytes, WARC by the content's first bytes.
 */
async function openWarc(file: string): Promise<AsyncIterable<Uint8Array> | undefined> {
  const handle = await open(file, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const stream = isGzip(magic) ? pipeline(raw, createGunzip(), () => {}) : raw;
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  try {
    while (size < 4096) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      head.push(r.value);
      size += r.value.length;
    }
  } catch {
    // Unreadable or corrupt from the start: the whole-file reader reports it.
    stream.destroy();
    return undefined;
  }
  const start = Buffer.concat(head);
  if (isGzip(start) || sniffFormat(new TextDecoder().decode(start.subarray(0, 4096))) !== 'warc') {
    stream.destroy();
    return undefined;
  }
  return (async function* () {
    try {
      yield start;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      stream.destroy();
    }
  })();
}

/** Formats that hold many records, where a cut-short file still has whole records before the cut. */
const CONTAINERS: ReadonlySet<Format> = new Set(['warc', 'jsonl']);

/** Every article in one file's bytes, whatever its format. */
export async function* readBytes(bytes: Uint8Array, source: string): AsyncGenerator<Article | Message> {
  let cut = false;
  while (isGzip(bytes)) {
    const inner = gunzip(bytes, source);
    if (inner.problem) yield inner.problem;
    if (!inner.bytes) return;
    cut ||= !!inner.problem;
    bytes = inner.bytes;
  }
  if (bytes.length === 0) {
    if (!cut) yield failure('ONR_ERR_EMPTY', source);
    return;
  }
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  const sniffed = sniffFormat(head);
  const claimed = formatFromName(source);
  // Text is what content that shows no other format falls back to: then the name is the better guide
  // (a .jsonl whose first line is broken is still JSON Lines).
  const format = sniffed === 'text' && claimed ? claimed : sniffed;
  const mismatch = formatWarning(source, format);
  if (mismatch) yield mismatch;
  // Half an article would be stored as if whole: only containers are read past a cut.
  if (cut && !CONTAINERS.has(format)) return;
  if (cut && format === 'jsonl') bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1);
  if (format === 'warc') return yield* readWarc(bytes, source);
  if (bytes.length > MAX_FILE_BYTES) return yield failure('ONR_ERR_TOO_LARGE', source, `${bytes.length} bytes`);
  // Containers hold many records: only a single article is bound by the per-record size limit.
  const decoded =
    format === 'feed' || format === 'jsonl'
      ? await decodeContainer(bytes, source)
      : format === 'html'
        ? await decodeHtml(bytes, source)
        : await decodeBytes(bytes, source);
  if (decoded.kind === 'message') return yield decoded;
  const warning = (decoded as { warning?: Message }).warning;
  if (warning) yield warning;
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (format === 'html') return yield readPage(text, source);
  if (format === 'feed') return yield* readFeed(text, source);
  if (format === 'jsonl') return yield* readJsonl(text, source);
  yield makeArticle({ text, source });
}

async function decodeContainer(bytes: Uint8Array, source: string): Promise<{ kind: 'text'; text: string } | Message> {
  if (looksBinary(bytes)) return failure('ONR_ERR_BINARY', source);
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return failure('ONR_ERR_ENCODING', source);
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > MAX_FILE_BYTES) throw failure('ONR_ERR_TOO_LARGE', '-', `more than ${MAX_FILE_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
  const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
  for (const name of names) yield* expand(join(path, name));
}

/** Articles from every path: directories recursively, '-' for stdin, any format; a Message per bad file or record. */
export async function* readSources(
  paths: string[],
  options: { signal?: AbortSignal; exclude?: readonly string[]; maxFileBytes?: number } = {},
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
      let bytes: Uint8Array;
      let warc: AsyncIterable<Uint8Array> | undefined;
      try {
        if (file === '-') bytes = await readStdin();
        else if ((warc = await openWarc(file))) bytes = new Uint8Array();
        else {
          const { size } = await stat(file);
          if (size > maxFileBytes) {
            yield failure('ONR_ERR_TOO_LARGE', file, `${size} bytes, limit ${maxFileBytes}`);
            continue;
          }
          bytes = await readFile(file);
        }
      } catch (error) {
        yield (error as Message).kind === 'message' ? (error as Message) : failure('ONR_ERR_READ', file, (error as Error).message);
        continue;
      }
      try {
        if (warc) {
          // No file-size limit: records are read one at a time (MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE).
          const mismatch = formatWarning(file, 'warc');
          if (mismatch) yield mismatch;
        }
        for await (const item of warc ? readWarc(warc, file) : readBytes(bytes, file)) {
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
