import type { z } from 'zod';
import {
  articleBody,
  articlesQuery,
  countsQuery,
  entitiesQuery,
  groupedQuery,
  volumeQuery,
  speakersQuery,
  statementsQuery,
  utterancesQuery,
} from './schemas.js';
import { correctionBody, correctionsQuery, undoBody } from './correction-schemas.js';

/**
 * Every API route, described once. The app registers a handler for each entry
 * and the OpenAPI document is generated from the same list.
 */
export interface RouteSpec {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  /** Hono path syntax (`:id`); the OpenAPI document writes `{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Needs the bearer token configured for ingest. */
  readonly auth?: boolean;
  /** Needs an editor's token (ONRECORD_EDITOR_TOKENS): bearer, or the sign-in cookie with the form's CSRF token. */
  readonly editor?: boolean;
  /** Component schema of the success response. */
  readonly response: string;
  readonly successStatus?: 200 | 201;
  /** Media types the success response may also come as (`format=csv|jsonl`), besides JSON. */
  readonly formats?: readonly ('text/csv' | 'application/x-ndjson')[];
  /** Sends an ETag header (a statement's version for If-Match). */
  readonly etag?: boolean;
  /** Error statuses this route can answer besides 429 and 500. */
  readonly errors: readonly number[];
}

export const API_ROUTES = [
  {
    operationId: 'listStatements',
    method: 'get',
    path: '/api/statements',
    summary: 'Statements, filtered like `onrecord statements`, newest first; format=csv|jsonl streams all of them',
    query: statementsQuery,
    response: 'StatementPage',
    formats: ['text/csv', 'application/x-ndjson'],
    errors: [400],
  },
  // Before any `/api/statements/:id`: a fixed segment must not be read as an id.
  {
    operationId: 'countStatements',
    method: 'get',
    path: '/api/statements/counts',
    summary: 'The statements of a search counted by speaker, outlet, month, entity, type, addressee or via (facets)',
    query: countsQuery,
    response: 'StatementCounts',
    errors: [400],
  },
  {
    operationId: 'statementVolume',
    method: 'get',
    path: '/api/statements/volume',
    summary: 'The statements of a search per week or month, optionally split by outlet or speaker; undated counted apart',
    query: volumeQuery,
    response: 'StatementVolume',
    formats: ['text/csv'],
    errors: [400],
  },
  {
    operationId: 'groupStatements',
    method: 'get',
    path: '/api/statements/grouped',
    summary: 'The statements of a search as one entry per utterance, with how many outlets carried it and who first',
    query: groupedQuery,
    response: 'UtteranceGroupPage',
    errors: [400],
  },
  {
    operationId: 'listStatementsJsonLd',
    method: 'get',
    path: '/api/statements.jsonld',
    summary: 'The same statements as schema.org JSON-LD (application/ld+json): an @id on every node, entities typed',
    query: statementsQuery,
    response: 'JsonLdGraph',
    errors: [400],
  },
  {
    operationId: 'getStatement',
    method: 'get',
    path: '/api/statements/:id',
    summary: 'One statement, with its etag (also the ETag header) for corrections',
    response: 'EditableStatement',
    etag: true,
    errors: [404],
  },
  {
    operationId: 'listCorrections',
    method: 'get',
    path: '/api/corrections',
    summary: 'The corrections log, newest first (of a statement, an entity or an article; or those that match nothing now)',
    query: correctionsQuery,
    response: 'CorrectionPage',
    errors: [400],
  },
  {
    operationId: 'createCorrection',
    method: 'post',
    path: '/api/corrections',
    summary: 'Correct a statement or an entity (needs an editor token); logged, and applied again when the article is stored again',
    body: correctionBody,
    editor: true,
    response: 'Correction',
    successStatus: 201,
    errors: [400, 401, 403, 404, 409, 413, 422],
  },
  {
    operationId: 'undoCorrection',
    method: 'post',
    path: '/api/corrections/:id/undo',
    summary: 'Undo one correction with a new log entry (needs an editor token)',
    body: undoBody,
    editor: true,
    response: 'Correction',
    successStatus: 201,
    errors: [400, 401, 403, 404, 409, 422],
  },
  {
    operationId: 'listSpeakers',
    method: 'get',
    path: '/api/speakers',
    summary: 'Entities that are the speaker of at least one statement',
    query: speakersQuery,
    response: 'EntityPage',
    errors: [400],
  },
  {
    operationId: 'listEntities',
    method: 'get',
    path: '/api/entities',
    summary: 'People, organisations and places across all articles',
    query: entitiesQuery,
    response: 'EntityPage',
    errors: [400],
  },
  {
    operationId: 'getEntity',
    method: 'get',
    path: '/api/entities/:id',
    summary: 'One entity with its aliases and dated roles, by id, else by name or alias',
    response: 'KbEntity',
    errors: [404],
  },
  {
    operationId: 'listArticles',
    method: 'get',
    path: '/api/articles',
    summary: 'Stored articles, newest first',
    query: articlesQuery,
    response: 'ArticlePage',
    errors: [400],
  },
  {
    operationId: 'getArticle',
    method: 'get',
    path: '/api/articles/:id',
    summary: 'One article with its text, statements and entities',
    response: 'StoredArticle',
    errors: [404],
  },
  {
    operationId: 'ingestArticle',
    method: 'post',
    path: '/api/articles',
    summary: 'Extract statements from a posted article and store it (needs the ingest token)',
    body: articleBody,
    auth: true,
    response: 'IngestResult',
    successStatus: 201,
    errors: [400, 401, 403, 413, 422],
  },
  {
    operationId: 'listUtterances',
    method: 'get',
    path: '/api/utterances',
    summary: 'Utterances (the same words by the same speaker) with their reports',
    query: utterancesQuery,
    response: 'UtterancePage',
    errors: [400],
  },
  {
    operationId: 'getUtterance',
    method: 'get',
    path: '/api/utterances/:id',
    summary: 'One utterance with every article that carried it, earliest first',
    response: 'Utterance',
    errors: [404],
  },
  {
    operationId: 'listOutlets',
    method: 'get',
    path: '/api/outlets',
    summary: 'Every outlet with its number of articles, by name (what the outlet filter takes, or its beginning)',
    response: 'Outlets',
    errors: [],
  },
  {
    operationId: 'getOverview',
    method: 'get',
    path: '/api/overview',
    summary: 'The corpus at a glance: articles per outlet and month, undated articles, top speakers, extraction warnings',
    response: 'CorpusOverview',
    errors: [],
  },
  {
    operationId: 'getStats',
    method: 'get',
    path: '/api/stats',
    summary: 'How many articles, statements, entities and utterances are stored',
    response: 'Stats',
    errors: [],
  },
] as const satisfies readonly RouteSpec[];

export type OperationId = (typeof API_ROUTES)[number]['operationId'];
