import { z } from 'zod';
import { RequestError } from './http-error.js';
import { MAX_COUNT_BUCKETS, MAX_VOLUME_SERIES } from '../store/aggregates.js';
import { DEFAULT_PAGE_SIZE, MAX_ARTICLE_CHARS, MAX_CURSOR_CHARS, MAX_OFFSET, MAX_PAGE_SIZE, MAX_QUERY_CHARS } from './limits.js';

/**
 * zod schemas for every query string and body the server accepts. The API
 * validates with them and the OpenAPI document is generated from them, so the
 * two cannot drift apart.
 */

const words = (description: string) => z.string().trim().min(1).max(MAX_QUERY_CHARS).optional().describe(description);
const id = (description: string) => z.string().min(1).max(2048).describe(description);

export const page = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)
    .describe(`page size, at most ${MAX_PAGE_SIZE}`),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0).describe('how many results to skip'),
  cursor: z.string().max(MAX_CURSOR_CHARS).optional()
    .describe('opaque: the `next` of the previous page, instead of offset (the other parameters must stay the same)'),
};

/**
 * The filters of a statement search, shared by its pages, exports, counts and charts. Query strings are
 * z.object, not strictObject: a shared link picks up `utm_*`, `fbclid`, `gclid` and whatever else on the way,
 * and a link must not break because of them. Unknown parameters are dropped.
 */
const statementFilters = {
  speaker: words('speaker: knowledge-base entity id, name or alias'),
  entity: words('an entity mentioned in the statement: id, name or alias'),
  q: words('full-text search over the statement text: all words must occur; "exact phrase", a OR b, -word to exclude, prefix*'),
  from: z.iso.date().optional().describe('earliest date (inclusive), on the statement date, else the publication date'),
  to: z.iso.date().optional().describe('latest date (inclusive)'),
  outlet: words('outlet that published the article: name or its beginning, case-insensitive'),
  type: z.enum(['direct', 'indirect']).optional().describe('direct quotes or reported speech'),
  addressee: words('whom the statement was addressed to: any part of it, case-insensitive'),
  via: words('secondary source ("according to ..."): any part of it, case-insensitive'),
  article: id('only statements from this article').optional(),
  utterance: id('only reports of this utterance').optional(),
};

const order = z.enum(['asc', 'desc']).default('desc').describe('by date (statement date, else publication date; undated last): newest first unless asc');

/** `bom=0` drops the byte order mark that Excel needs to read a CSV as UTF-8. */
const bom = z.enum(['0', '1', 'false', 'true']).default('1').transform((v) => v === '1' || v === 'true')
  .describe('CSV only: start with the UTF-8 byte order mark (default 1, so Excel reads UTF-8); 0 to leave it out');

export const statementsQuery = z.object({
  ...statementFilters,
  order,
  sort: z.enum(['date', 'relevance']).default('date').describe('relevance: best full-text matches of q first, then newest (needs q; by date without it)'),
  format: z.enum(['json', 'csv', 'jsonl']).default('json')
    .describe('json: one page; csv or jsonl: every matching statement, streamed (limit and offset are ignored)'),
  bom,
  ...page,
});

/** The search page: the API's query, plus how to show the results (grouped by utterance) and the chart. */
export const searchPageQuery = statementsQuery.extend({
  group: z.enum(['utterance']).optional().describe('one row per utterance instead of one per report'),
  unit: z.enum(['week', 'month']).optional().describe('the chart per week or month (by default, weeks when the statements span under half a year)'),
  split: z.enum(['outlet', 'speaker']).optional().describe('the chart split by outlet or speaker'),
});

export const COUNT_BY = ['speaker', 'outlet', 'month', 'entity', 'type', 'addressee', 'via'] as const;

export const countsQuery = z.object({
  ...statementFilters,
  by: z.enum(COUNT_BY).describe('the property to count by'),
  limit: z.coerce.number().int().min(1).max(MAX_COUNT_BUCKETS).default(10).describe(`how many groups, largest first (month: newest first), at most ${MAX_COUNT_BUCKETS}`),
});

export const volumeQuery = z.object({
  ...statementFilters,
  unit: z.enum(['week', 'month']).default('month').describe('one bar per week (from Monday) or per month'),
  split: z.enum(['outlet', 'speaker']).optional().describe('split each bar by outlet or speaker: the top ones and "other"'),
  top: z.coerce.number().int().min(1).max(MAX_VOLUME_SERIES).default(5).describe(`how many outlets or speakers to show apart, at most ${MAX_VOLUME_SERIES}`),
  format: z.enum(['json', 'csv']).default('json').describe('json, or csv with one row per period and a column per series'),
  bom,
});

export const groupedQuery = z.object({ ...statementFilters, order, ...page });

export const entitiesQuery = z.object({
  q: words('name or alias prefix, case-insensitive'),
  type: z.enum(['person', 'organization', 'place', 'other']).optional().describe('entity type'),
  ...page,
});

export const speakersQuery = z.object({
  q: words('name or alias prefix, case-insensitive'),
  ...page,
});

export const articlesQuery = z.object({
  outlet: words('outlet that published the article'),
  ...page,
});

export const utterancesQuery = z.object({
  speaker: words('speaker: knowledge-base entity id, name or alias'),
  minReports: z.coerce.number().int().min(1).max(1000).optional()
    .describe('only utterances carried by at least this many articles'),
  ...page,
});

export const idParam = z.strictObject({ id: id('identifier, URL-encoded') });

/** Text without NUL characters, which no store can keep (PostgreSQL refuses them). */
const noNul = (s: z.ZodString) => s.refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');

/** A posted article: the text and whatever metadata is known. Missing fields stay missing. */
export const articleBody = z.strictObject({
  text: noNul(z.string().min(1).max(MAX_ARTICLE_CHARS)).refine((v) => /\S/.test(v), 'must not be empty')
    .describe(`article text, at most ${MAX_ARTICLE_CHARS} characters`),
  url: z.url({ protocol: /^https?$/ }).max(2048).optional().describe('canonical URL (becomes the article id)'),
  title: noNul(z.string().max(1000)).optional(),
  outlet: noNul(z.string().max(MAX_QUERY_CHARS)).optional(),
  authors: z.array(noNul(z.string().max(MAX_QUERY_CHARS))).max(50).optional(),
  published: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional()
    .describe('publication date YYYY-MM-DD or ISO date-time'),
  language: z.string().max(35).optional().describe('BCP 47 language tag'),
});

export type ArticleBody = z.infer<typeof articleBody>;

/** Issues as `{ path, message }`, path `query.limit` style, for the error body. */
function issuesOf(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

/**
 * Validates a query string. Empty values are dropped first: an HTML form sends
 * `speaker=` for a field left blank, which means "no filter", not "empty name".
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const present = Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issues = issuesOf(result.error, 'query');
    throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return result.data;
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = issuesOf(result.error, 'body');
    throw new RequestError('ONR_ERR_HTTP_BAD_REQUEST', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return result.data;
}
