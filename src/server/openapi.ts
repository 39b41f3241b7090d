import { z } from 'zod';
import { ErrorCodes } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.js';
import { API_ROUTES, type RouteSpec } from './routes.js';
import { correctionComponents } from './correction-openapi.js';

/**
 * The OpenAPI 3.1 document, generated from API_ROUTES and the zod schemas the
 * API validates with. Response shapes mirror the records in src/types.ts.
 */

type Schema = Record<string, unknown>;

const str = { type: 'string' };
const int = { type: 'integer', minimum: 0 };
const date = { type: 'string', description: 'ISO date YYYY-MM-DD (or date-time for publication)' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (items: Schema) => ({ type: 'array', items });
const obj = (properties: Record<string, Schema>, required: string[] = []) => ({ type: 'object', properties, required });
const pageOf = (item: string) =>
  obj({
    items: list(ref(item)), total: int, limit: int, offset: int,
    next: { type: 'string', format: 'uri', description: 'the following page (also in the Link header); absent on the last page' },
    totalCapped: { type: 'boolean', const: true, description: 'present when total stopped at the count cap (10,000): there are more matches' },
  }, ['items', 'total', 'limit', 'offset']);

const span = obj({ start: int, end: int }, ['start', 'end']);
const entityType = { type: 'string', enum: ['person', 'organization', 'place', 'other'] };

const components: Record<string, Schema> = {
  Error: obj(
    {
      error: obj(
        {
          code: { type: 'string', enum: Object.keys(ErrorCodes) },
          message: str,
          issues: list(obj({ path: str, message: str }, ['path', 'message'])),
        },
        ['code', 'message'],
      ),
    },
    ['error'],
  ),
  Speaker: obj(
    { name: str, mention: str, entityId: { type: ['string', 'null'] }, kbId: { type: ['string', 'null'] } },
    ['name', 'mention'],
  ),
  Statement: obj(
    {
      kind: { const: 'stored-statement' },
      id: str,
      articleId: str,
      utteranceId: str,
      type: { type: 'string', enum: ['direct', 'indirect'] },
      text: str,
      start: int,
      end: int,
      speaker: { oneOf: [ref('Speaker'), { type: 'null' }] },
      cue: { type: ['string', 'null'] },
      addressee: str,
      via: { ...str, description: 'secondary source ("according to ...")' },
      date,
      place: str,
      articleTitle: str,
      outlet: str,
      url: str,
      published: date,
    },
    ['kind', 'id', 'articleId', 'utteranceId', 'type', 'text', 'start', 'end', 'speaker', 'cue'],
  ),
  KbEntity: obj(
    {
      kind: { const: 'kb-entity' },
      id: str,
      type: entityType,
      name: str,
      aliases: list(str),
      roles: list(obj({ role: str, first: date, last: date }, ['role'])),
      unnamed: { type: 'boolean' },
      statementCount: int,
      articleCount: int,
    },
    ['kind', 'id', 'type', 'name', 'aliases', 'roles', 'statementCount', 'articleCount'],
  ),
  ArticleSummary: obj(
    {
      kind: { const: 'article-summary' },
      id: str,
      version: str,
      title: str,
      outlet: str,
      url: str,
      published: date,
      statementCount: int,
    },
    ['kind', 'id', 'version', 'statementCount'],
  ),
  Article: obj(
    {
      kind: { const: 'article' },
      id: { ...str, description: 'canonical URL when known, else sha256: of the text' },
      version: str,
      text: str,
      url: str,
      title: str,
      outlet: str,
      authors: list(str),
      published: date,
      language: str,
      source: str,
    },
    ['kind', 'id', 'version', 'text', 'authors', 'source'],
  ),
  ArticleEntity: obj(
    {
      kind: { const: 'entity' },
      id: str,
      type: entityType,
      name: str,
      aliases: list(str),
      role: str,
      affiliation: str,
      unnamed: { type: 'boolean' },
      mentions: list(span),
    },
    ['kind', 'id', 'type', 'name', 'aliases', 'mentions'],
  ),
  StoredArticle: obj(
    { kind: { const: 'stored-article' }, article: ref('Article'), statements: list(ref('Statement')), entities: list(ref('ArticleEntity')) },
    ['kind', 'article', 'statements', 'entities'],
  ),
  Report: obj(
    { statementId: str, articleId: str, outlet: str, url: str, published: date, via: str, text: str },
    ['statementId', 'articleId', 'text'],
  ),
  Utterance: obj(
    {
      kind: { const: 'utterance' },
      id: str,
      text: str,
      speakerKbId: { type: ['string', 'null'] },
      speakerName: { type: ['string', 'null'] },
      firstReported: date,
      reports: list(ref('Report')),
    },
    ['kind', 'id', 'text', 'speakerKbId', 'speakerName', 'reports'],
  ),
  IngestResult: obj(
    {
      kind: { const: 'ingest-result' },
      id: str,
      version: str,
      outcome: { type: 'string', enum: ['stored', 'unchanged', 'new-version', 'older-version'] },
      statements: int,
      messages: list(obj({ code: str, severity: str, reason: str })),
    },
    ['kind', 'id', 'version', 'outcome', 'statements', 'messages'],
  ),
  Stats: obj(
    { kind: { const: 'stats' }, articles: int, statements: int, entities: int, utterances: int },
    ['kind', 'articles', 'statements', 'entities', 'utterances'],
  ),
  StatementCounts: obj(
    {
      kind: { const: 'statement-counts' },
      by: { type: 'string', enum: ['speaker', 'outlet', 'month', 'entity', 'type', 'addressee', 'via'] },
      buckets: list(obj({ key: { ...str, description: 'the value to filter on (a KB id for speaker and entity)' }, label: str, count: int }, ['key', 'label', 'count'])),
      other: { ...int, description: 'statements with a value beyond the buckets listed (entity: mentions)' },
      none: { ...int, description: 'statements without a value (no outlet, undated, unresolved speaker...)' },
      total: { ...int, description: 'statements that match' },
    },
    ['kind', 'by', 'buckets', 'other', 'none', 'total'],
  ),
  StatementVolume: obj(
    {
      kind: { const: 'statement-volume' },
      unit: { type: 'string', enum: ['week', 'month'] },
      split: { type: 'string', enum: ['outlet', 'speaker'] },
      series: list(obj({ key: { ...str, description: 'value to filter on; empty for "other"' }, label: str }, ['key', 'label'])),
      buckets: list(obj({ key: str, from: date, to: date, counts: { ...list(int), description: 'one per series' }, total: int }, ['key', 'from', 'to', 'counts', 'total'])),
      undated: { ...int, description: 'statements with no date at all, not in any bucket' },
      total: int,
    },
    ['kind', 'unit', 'series', 'buckets', 'undated', 'total'],
  ),
  UtteranceGroup: obj(
    {
      kind: { const: 'utterance-group' }, utterance: ref('Utterance'),
      type: { type: 'string', enum: ['direct', 'indirect'], description: 'direct when any matching report quotes it verbatim' },
      matching: { ...int, description: 'reports that match the search' }, outlets: { ...int, description: 'distinct outlets among all reports' },
      first: ref('Report'),
    },
    ['kind', 'utterance', 'type', 'matching', 'outlets'],
  ),
  UtteranceGroupPage: pageOf('UtteranceGroup'),
  JsonLdGraph: obj(
    {
      '@context': { const: 'https://schema.org' },
      '@graph': list({ type: 'object', description: 'a Quotation (direct) or CreativeWork (reported speech) per statement; see docs/api.md' }),
      next: { type: 'string', format: 'uri' },
    },
    ['@context', '@graph'],
  ),
  Outlets: list(obj({ name: str, articles: int }, ['name', 'articles'])),
  CorpusOverview: obj(
    {
      kind: { const: 'corpus-overview' },
      articles: int,
      months: list(obj({ outlet: { type: ['string', 'null'] }, month: { ...str, description: 'YYYY-MM' }, articles: int }, ['outlet', 'month', 'articles'])),
      undated: list(obj({ outlet: { type: ['string', 'null'] }, articles: int }, ['outlet', 'articles'])),
      topSpeakers: list(obj({ id: str, name: str, type: entityType, statements: int }, ['id', 'name', 'type', 'statements'])),
      warnings: list(obj({
        code: str, severity: str, messages: int, articles: int,
        examples: list(obj({ articleId: str, title: str, reason: str }, ['articleId', 'reason'])),
      }, ['code', 'severity', 'messages', 'articles', 'examples'])),
    },
    ['kind', 'articles', 'months', 'undated', 'topSpeakers', 'warnings'],
  ),
  ...correctionComponents(ref, obj),
  StatementPage: pageOf('Statement'),
  CorrectionPage: pageOf('Correction'),
  EntityPage: pageOf('KbEntity'),
  ArticlePage: pageOf('ArticleSummary'),
  UtterancePage: pageOf('Utterance'),
};

const STATUS_TEXT: Record<number, string> = {
  400: 'invalid query or body (ONR_ERR_HTTP_BAD_REQUEST)',
  401: 'missing or wrong bearer token (ONR_ERR_HTTP_UNAUTHORIZED)',
  403: 'ingest or editing is off: no token configured (ONR_ERR_HTTP_DISABLED); or a form without its CSRF token (ONR_ERR_HTTP_CSRF)',
  404: 'no such resource (ONR_ERR_HTTP_NOT_FOUND)',
  405: 'method not allowed on this path (ONR_ERR_HTTP_METHOD); see Allow',
  409: 'the statement or entity changed since its etag was read, or the change was undone already (ONR_ERR_HTTP_CONFLICT)',
  413: 'body larger than the limit (ONR_ERR_HTTP_TOO_LARGE)',
  422: 'the article could not be read or extracted, or the correction cannot be applied (ONR_ERR_CORRECTION)',
  429: 'rate limit reached (ONR_ERR_HTTP_RATE_LIMIT); see Retry-After',
  500: 'server fault (ONR_ERR_INTERNAL, ONR_ERR_STORE)',
};

/** Hono `:id` to OpenAPI `{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function parameters(route: RouteSpec): Schema[] {
  const params: Schema[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    description: 'identifier, URL-encoded (article ids are URLs)',
    schema: str,
  }));
  if (route.query) {
    const json = z.toJSONSchema(route.query, { io: 'input' }) as { properties?: Record<string, Schema> };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: false, description, schema: rest });
    }
  }
  return params;
}

function operation(route: RouteSpec): Schema {
  const errors = [...route.errors, 405, 429, 500].map((status) => [
    String(status),
    { description: STATUS_TEXT[status] ?? 'error', content: { 'application/json': { schema: ref('Error') } } },
  ]);
  const success = route.successStatus ?? 200;
  const responses: Record<string, Schema> = {
    [String(success)]: {
      description: 'OK',
      content: {
        'application/json': { schema: ref(route.response) },
        ...Object.fromEntries((route.formats ?? []).map((type) => [type, { schema: str }])),
      },
      ...(route.etag ? { headers: { ETag: { description: 'the version to send back as If-Match (or etag) with a correction', schema: str } } } : {}),
    },
    ...Object.fromEntries(errors),
  };
  if (route.successStatus === 201 && route.auth) {
    responses['200'] = { description: 'already stored, unchanged', content: { 'application/json': { schema: ref(route.response) } } };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    parameters: parameters(route),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input' }) } } } }
      : {}),
    ...(route.auth ? { security: [{ ingestToken: [] }] } : {}),
    ...(route.editor ? { security: [{ editorToken: [] }] } : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly RouteSpec[] = API_ROUTES): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) {
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'onrecord',
      version: '0.1.0',
      description:
        'Who said what, when, where, to whom and according to whom: statements extracted from news articles. ' +
        `Pages hold ${DEFAULT_PAGE_SIZE} results unless \`limit\` says otherwise (at most ${MAX_PAGE_SIZE}); follow \`next\` (or the Link header) for the following page. ` +
        'Reads carry an ETag (send If-None-Match for a 304 while the store is unchanged) and are gzipped when asked (Accept-Encoding). ' +
        'Unknown query parameters are ignored. ' +
        'Errors are `{ "error": { "code": "ONR_ERR_...", "message": "..." } }`.',
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: { ingestToken: { type: 'http', scheme: 'bearer' }, editorToken: { type: 'http', scheme: 'bearer', description: 'an editor token of ONRECORD_EDITOR_TOKENS' } },
    },
  };
}
