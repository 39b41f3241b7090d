/**
 * Metadata for plain text, which has nowhere else to keep it: a front-matter block at the top of the file, a
 * sidecar JSON file beside it (`story.txt` + `story.json`), or the command's own flags. The more specific
 * wins: front matter over the sidecar over the flags.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { OnrecordError } from '../errors.js';
import type { Message } from '../types.js';
import { failure } from './decode.js';
import { isoDate } from './metadata.js';

const text = z.string().trim().min(1);

/** What a sidecar or a front-matter block may say about its text; any other key is a mistake worth reporting. */
export const TextMeta = z
  .object({
    title: text.optional(),
    outlet: text.optional(),
    published: text.refine((s) => !!isoDate(s), 'expected an ISO date (YYYY-MM-DD, or a date-time)').optional(),
    date: text.refine((s) => !!isoDate(s), 'expected an ISO date (YYYY-MM-DD, or a date-time)').optional(),
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    author: z.union([text, z.array(text)]).optional(),
    authors: z.array(text).optional(),
    language: text.optional(),
  })
  .strict();

/** Plain-text metadata as makeArticle takes it. */
export interface TextFields {
  readonly title?: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly url?: string;
  readonly authors?: readonly string[];
  readonly language?: string;
}

/** Largest sidecar read: metadata, not content. */
export const MAX_SIDECAR_BYTES = 64 * 1024;

function fields(m: z.infer<typeof TextMeta>): TextFields {
  const published = isoDate(m.published ?? m.date);
  const authors = [...([] as string[]).concat(m.author ?? []), ...(m.authors ?? [])];
  const all = { title: m.title, outlet: m.outlet, published, url: m.url, authors: authors.length ? authors : undefined, language: m.language };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as TextFields;
}

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'metadata'}: ${i.message}`).join('; ');
}

/** The sidecar of a text file: same name, `.json` for its extension. */
export const sidecarPath = (file: string): string => file.replace(/\.(txt|text|md)$/i, '') + '.json';

/** The sidecar's metadata; undefined when there is none; a fatal Message naming the sidecar when it is bad. */
export async function readSidecar(file: string): Promise<TextFields | Message | undefined> {
  const path = sidecarPath(file);
  if (path === file) return undefined;
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return failure('ONR_ERR_READ', path, `metadata sidecar of ${file}: ${(error as Error).message}`);
  }
  if (raw.length > MAX_SIDECAR_BYTES) return failure('ONR_ERR_TOO_LARGE', path, `metadata sidecar of ${file}: more than ${MAX_SIDECAR_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return failure('ONR_ERR_JSON', path, `metadata sidecar of ${file}: ${(error as Error).message}`);
  }
  const parsed = TextMeta.safeParse(json);
  return parsed.success ? fields(parsed.data) : failure('ONR_ERR_RECORD', path, `metadata sidecar of ${file}: ${problems(parsed.error)}`);
}

/** Lines of a front-matter block, at most; a longer block is text that happens to start with `---`. */
const MAX_FRONT_MATTER_LINES = 50;
const FRONT_LINE = /^([a-z]+)\s*:\s*(.*)$/i;

/**
 * A front-matter block (`---`, `key: value` lines, `---`) at the very top of a text, with the text after it;
 * undefined when the text has none. `author` may be given on several lines.
 */
export function frontMatter(content: string, source: string): { kind: 'front-matter'; fields: TextFields; text: string } | Message | undefined {
  const head = /^\uFEFF?---[ \t]*\r?\n/.exec(content);
  if (!head) return undefined;
  const lines = content.slice(head[0].length).split('\n', MAX_FRONT_MATTER_LINES + 1);
  const end = lines.findIndex((l) => /^---[ \t]*\r?$/.test(l));
  if (end < 0) return undefined;
  const meta: Record<string, string | string[]> = {};
  for (const [n, line] of lines.slice(0, end).entries()) {
    if (!line.trim()) continue;
    const m = FRONT_LINE.exec(line.trim());
    if (!m) return failure('ONR_ERR_RECORD', source, `front matter line ${n + 2}: expected "key: value"`);
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    meta[key] = key === 'author' ? ([] as string[]).concat(meta[key] ?? [], value) : value;
  }
  const parsed = TextMeta.safeParse(meta);
  if (!parsed.success) return failure('ONR_ERR_RECORD', source, `front matter: ${problems(parsed.error)}`);
  const consumed = head[0].length + lines.slice(0, end + 1).reduce((n, l) => n + l.length + 1, 0);
  return { kind: 'front-matter', fields: fields(parsed.data), text: content.slice(consumed) };
}

/** Checks metadata given on the command line (--title, --date …) with the same rules as a sidecar. */
export function flagFields(flags: Record<string, unknown>): TextFields {
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)));
  const parsed = TextMeta.safeParse(given);
  if (!parsed.success) throw new OnrecordError('ONR_ERR_OPTION', problems(parsed.error).replace(/^(\w+)/, '--$1'));
  return fields(parsed.data);
}
