import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { failure } from './decode.js';
import { htmlToText } from './html.js';
import { isoDate } from './metadata.js';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE } from './limits.js';
import { type Chunks, isZlibError, lines, OverLimit } from './stream.js';

const optionalText = z.string().trim().min(1).optional();

/** One JSON Lines record: `text` or `html` is required, the rest is metadata. */
export const JsonlRecord = z
  .object({
    id: z.union([z.string().min(1), z.number()]).optional(),
    url: optionalText,
    title: optionalText,
    outlet: optionalText,
    author: z.union([z.string(), z.array(z.string())]).optional(),
    published: optionalText,
    language: optionalText,
    text: z.string().optional(),
    html: z.string().optional(),
  })
  .refine((r) => !!(r.text?.trim() || r.html?.trim()), { message: 'needs a non-empty `text` or `html`' });

/** Bad lines after which the rest of a file is not read: a file of mostly broken lines is not JSON Lines. */
export const MAX_BAD_RECORDS = 1_000;

/** Each line a record; a bad line is reported with its line number and skipped. */
export function* readJsonl(content: string, source: string): Generator<Article | Message> {
  const lines = content.split('\n');
  const state = newState();
  for (let i = 0; i < lines.length; i++) {
    if (!(yield* readLine(lines[i]!, i + 1, source, state))) return;
  }
  yield* finish(state, source);
}

/**
 * JSON Lines read as a stream, a line at a time, so a file of any size holds one record in memory. A line
 * repeating an earlier one is read once (500 MiB of one line over and over once took 2.6 GB and minutes). An
 * input error (a gzip stream cut short, a limit passed) ends the file after the lines before it.
 */
export async function* readJsonlStream(input: Chunks, source: string): AsyncGenerator<Article | Message> {
  const state = newState();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    let previous: Uint8Array | undefined;
    for await (const batch of lines(input, MAX_RECORD_BYTES)) for (const { n, bytes, tooLong } of batch) {
      // The same bytes as the line before: a repeat, known without decoding or parsing (a bomb has millions).
      if (bytes && previous && bytes.length > 0 && Buffer.compare(bytes, previous) === 0) {
        if (++state.records > MAX_RECORDS_PER_FILE) return yield* tooMany(state, source);
        state.repeats++;
        continue;
      }
      previous = bytes;
      let line: string;
      if (tooLong !== undefined) {
        if (!(yield* bad(state, source, failure('ONR_ERR_TOO_LARGE', `${source}#${n}`, `line ${n} is ${tooLong} bytes`)))) return;
        continue;
      }
      try {
        line = decoder.decode(bytes);
      } catch {
        if (!(yield* bad(state, source, failure('ONR_ERR_ENCODING', `${source}#${n}`, `line ${n} is not valid UTF-8`)))) return;
        continue;
      }
      if (!(yield* readLine(line, n, source, state))) return;
    }
  } catch (error) {
    yield* finish(state, source);
    return yield inputProblem(error, source);
  }
  yield* finish(state, source);
}

/** What stopped a stream early, as a message naming the file. */
export function inputProblem(error: unknown, source: string): Message {
  if (error instanceof OverLimit) return failure('ONR_ERR_TOO_LARGE', source, `decompresses past ${error.limit} bytes; the records before were read`);
  if (isZlibError(error)) return failure('ONR_ERR_GZIP', source, (error as Error).message);
  return failure('ONR_ERR_READ', source, (error as Error).message);
}

interface State {
  records: number;
  bad: number;
  repeats: number;
  last?: string;
  seen: Set<string>;
}

const newState = (): State => ({ records: 0, bad: 0, repeats: 0, seen: new Set() });

function* tooMany(state: State, source: string): Generator<Message> {
  yield* finish(state, source);
  yield failure('ONR_ERR_TOO_MANY', source, `more than ${MAX_RECORDS_PER_FILE} records; the rest of the file is not read`);
}

function* finish(state: State, source: string): Generator<Message> {
  if (state.repeats) yield failure('ONR_ERR_RECORD', source, `${state.repeats} lines repeat an earlier line; each was read once`, 'warning');
}

/** Reports a bad line; false once the file has had MAX_BAD_RECORDS of them and is given up. */
function* bad(state: State, source: string, message: Message): Generator<Message, boolean> {
  yield message;
  if (++state.bad < MAX_BAD_RECORDS) return true;
  yield failure('ONR_ERR_TOO_MANY', source, `${MAX_BAD_RECORDS} bad lines; the rest of the file is not read`);
  return false;
}

/** One line: an article, or messages; false when the file must not be read further. */
function* readLine(raw: string, n: number, source: string, state: State): Generator<Article | Message, boolean> {
  const line = raw.trim();
  if (!line) return true;
  const where = `${source}#${n}`;
  if (++state.records > MAX_RECORDS_PER_FILE) {
    yield* tooMany(state, source);
    return false;
  }
  if (line.length > MAX_RECORD_BYTES) return yield* bad(state, source, failure('ONR_ERR_TOO_LARGE', where, `line ${n} is ${line.length} characters`));
  // The line before is compared first: a bomb repeats one line, and comparing costs less than hashing.
  if (line === state.last) {
    state.repeats++;
    return true;
  }
  state.last = line;
  const key = createHash('sha256').update(line).digest('base64').slice(0, 16);
  if (state.seen.has(key)) {
    state.repeats++;
    return true;
  }
  state.seen.add(key);
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return yield* bad(state, source, failure('ONR_ERR_JSON', where, `line ${n}: ${(error as Error).message}`));
  }
  const parsed = JsonlRecord.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((e) => `${e.path.join('.') || 'record'}: ${e.message}`).join('; ');
    return yield* bad(state, source, failure('ONR_ERR_RECORD', where, `line ${n}: ${detail}`));
  }
  const r = parsed.data;
  let text: string;
  try {
    text = r.text?.trim() ? r.text : htmlToText(r.html ?? '');
  } catch (error) {
    // HTML the parser refuses (nested too deep) is one bad line: the lines after it are still read.
    return yield* bad(state, source, failure('ONR_ERR_HTML', where, `line ${n}: ${(error as Error).message}`));
  }
  const published = r.published ? isoDate(r.published) : undefined;
  if (r.published && !published) yield failure('ONR_ERR_RECORD', where, `line ${n}: published "${r.published}" is not an ISO date; left out`, 'warning');
  const article = makeArticle({
    text,
    source: where,
    url: r.url,
    title: r.title,
    outlet: r.outlet,
    authors: r.author === undefined ? [] : ([] as string[]).concat(r.author),
    published,
    language: r.language,
  });
  // A record's own id is stable across dumps; keep it when there is no URL to go by.
  yield !article.url && r.id !== undefined ? { ...article, id: String(r.id) } : article;
  return true;
}
