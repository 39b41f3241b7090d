import { z } from 'zod';
import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { failure } from './decode.js';
import { htmlToText } from './html.js';
import { isoDate } from './metadata.js';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE } from './limits.js';

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

/** Each line a record; a bad line is reported with its line number and skipped. */
export function* readJsonl(content: string, source: string): Generator<Article | Message> {
  const lines = content.split('\n');
  let records = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const where = `${source}#${i + 1}`;
    if (++records > MAX_RECORDS_PER_FILE) {
      yield failure('ONR_ERR_TOO_MANY', source, `more than ${MAX_RECORDS_PER_FILE} records`);
      return;
    }
    if (line.length > MAX_RECORD_BYTES) {
      yield failure('ONR_ERR_TOO_LARGE', where, `line ${i + 1} is ${line.length} characters`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      yield failure('ONR_ERR_JSON', where, `line ${i + 1}: ${(error as Error).message}`);
      continue;
    }
    const parsed = JsonlRecord.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((e) => `${e.path.join('.') || 'record'}: ${e.message}`).join('; ');
      yield failure('ONR_ERR_RECORD', where, `line ${i + 1}: ${detail}`);
      continue;
    }
    const r = parsed.data;
    let text: string;
    try {
      text = r.text?.trim() ? r.text : htmlToText(r.html ?? '');
    } catch (error) {
      // HTML the parser refuses (nested too deep) is one bad line: the lines after it are still read.
      yield failure('ONR_ERR_HTML', where, `line ${i + 1}: ${(error as Error).message}`);
      continue;
    }
    const published = r.published ? isoDate(r.published) : undefined;
    if (r.published && !published) yield failure('ONR_ERR_RECORD', where, `line ${i + 1}: published "${r.published}" is not an ISO date; left out`, 'warning');
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
  }
}
