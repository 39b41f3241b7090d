/**
 * Central types of onrecord. Every record that leaves a module is plain,
 * readonly and tagged with a `kind`, so that JSON output, storage rows and
 * API bodies are the same shapes.
 */
import type { ErrorCode } from './errors.js';

/** A half-open range of JavaScript string indices into a document's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'info' | 'warning' | 'fatal';

/** A problem found in one document; recorded on the document, never thrown across a batch. */
export interface Message {
  readonly kind: 'message';
  readonly code: ErrorCode;
  readonly severity: Severity;
  readonly reason: string;
  /** File path, with `#record` for a record inside a container (feed item, JSONL line, WARC record). */
  readonly source?: string;
  readonly start?: number;
}

/** What is known about an article besides its text. Missing fields stay missing. */
export interface ArticleMeta {
  readonly id?: string;
  readonly url?: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly authors?: readonly string[];
  /** ISO date (YYYY-MM-DD) or date-time of publication. */
  readonly published?: string;
  readonly language?: string;
  /** Where the article came from: file path and record, for messages. */
  readonly source?: string;
}

// ---------------------------------------------------------------------------
// Standoff layers: each extraction stage reads earlier layers and adds its own.

export interface Token extends Span {
  readonly value: string;
  /** Universal POS tag from wink-nlp (PROPN, VERB, PRON, ...). */
  readonly pos: string;
  /** Lower-cased normal form. */
  readonly normal: string;
}

export interface Sentence extends Span {
  /** Index of the paragraph that holds it. */
  readonly paragraph: number;
  /** Range of indices into the token layer. */
  readonly firstToken: number;
  readonly lastToken: number;
}

export type QuoteMark = 'double' | 'single';

/** Content of a pair of quote marks (marks excluded). */
export interface QuoteSpan extends Span {
  readonly mark: QuoteMark;
  /** True when the quote opened in an earlier paragraph and continues (multi-paragraph quotes). */
  readonly continued?: boolean;
  /** True when the opening mark never closed in its paragraph. */
  readonly unclosed?: boolean;
  /** Nesting depth: 0 for outermost. */
  readonly depth: number;
}

export type EntityType = 'person' | 'organization' | 'place' | 'other';

/** One mention of an entity in the text. */
export interface Mention extends Span {
  readonly text: string;
  readonly type: EntityType;
  /** 'name' (Emmanuel Macron), 'surname' (Macron), 'pronoun' (he), 'title' (the president), 'description' (Estonia's foreign minister). */
  readonly form: 'name' | 'surname' | 'pronoun' | 'title' | 'description';
  /** Role words attached to this mention ("French President"). */
  readonly role?: string;
  /** Country or organisation the role belongs to ("France" for "French President", "Estonia" for "Estonia's foreign minister"). */
  readonly affiliation?: string;
  /** Entity this mention was resolved to, once known. */
  readonly entityId?: string;
}

export interface Entity {
  readonly kind: 'entity';
  /** Stable within one document: e1, e2, ... */
  readonly id: string;
  readonly type: EntityType;
  /** Fullest name in the article ("Emmanuel Macron"), or the description for unnamed speakers. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly role?: string;
  readonly affiliation?: string;
  readonly unnamed?: boolean;
  readonly mentions: readonly Span[];
}

export interface SpeakerRef {
  /** The entity's fullest name in the article. */
  readonly name: string;
  /** The words that named the speaker at this statement ("he", "The president"). */
  readonly mention: string;
  readonly entityId: string | null;
}

export type StatementType = 'direct' | 'indirect';

export interface Statement {
  readonly kind: 'statement';
  readonly type: StatementType;
  /** Quoted or reported content, quote marks excluded. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: SpeakerRef | null;
  /** Attribution verb as written ("declared"); null when the speaker carries over. */
  readonly cue: string | null;
  readonly addressee?: string;
  /** Secondary source ("Associated Press" in "according to Associated Press"). */
  readonly via?: string;
  /** ISO date (YYYY-MM-DD) when the statement was made, when it can be told. */
  readonly date?: string;
  /** Dates named in the statement's words; relative ones are resolved against `date` when it is known. */
  readonly dates?: readonly DateMention[];
  readonly place?: string;
}

/** A date expression found in the text and resolved against the publication date. */
export interface DateMention extends Span {
  readonly text: string;
  /** ISO date YYYY-MM-DD. */
  readonly date: string;
  /** Resolved against a reference day ("yesterday", "on Monday", "March 3"), not written out in full. */
  readonly relative?: true;
}

/** A cue (attribution) found in the text: verb or phrase that introduces speech. */
export interface Cue extends Span {
  readonly text: string;
  /** Lemma, e.g. "say" for "said". */
  readonly lemma: string;
}

/** The layers a document accumulates as it flows through the extraction stages. */
export interface Layers {
  paragraphs?: readonly Span[];
  sentences?: readonly Sentence[];
  tokens?: readonly Token[];
  quotes?: readonly QuoteSpan[];
  mentions?: readonly Mention[];
  entities?: readonly Entity[];
  dates?: readonly DateMention[];
  cues?: readonly Cue[];
  statements?: readonly Statement[];
  /** Cues already read as the attribution of a statement, so that no later stage reads them again. */
  attributions?: readonly Span[];
}

/** One document flowing through the pipeline (after vfile): text, standoff layers, messages. */
export interface Doc {
  readonly text: string;
  readonly meta: ArticleMeta;
  readonly layers: Layers;
  readonly messages: Message[];
}

/** An extraction stage: reads earlier layers, adds its own. Stages never import each other. */
export type Stage = (doc: Doc) => void;

/** What `extract` returns for one document. */
export interface Extraction {
  readonly kind: 'extraction';
  readonly id: string;
  readonly statements: readonly Statement[];
  readonly entities: readonly Entity[];
  readonly messages: readonly Message[];
}

// ---------------------------------------------------------------------------
// Ingestion and storage records.

/** An article as read from a file, feed, JSONL record or WARC record. */
export interface Article {
  readonly kind: 'article';
  /** Canonical URL when known, else `sha256:` of the text. */
  readonly id: string;
  /** sha256 of the text: changed text is a new version. */
  readonly version: string;
  readonly text: string;
  readonly url?: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly authors: readonly string[];
  readonly published?: string;
  readonly language?: string;
  /** File and record it came from. */
  readonly source: string;
}

/** An article with what was extracted from it: the unit that is stored in one transaction. */
export interface ArticleRecord {
  readonly kind: 'article-record';
  readonly article: Article;
  readonly statements: readonly Statement[];
  readonly entities: readonly Entity[];
  readonly messages: readonly Message[];
}

// ---------------------------------------------------------------------------
// Knowledge base: what the store keeps across articles and answers with.
// Implemented by src/store/ for both backends (embedded SQLite, PostgreSQL).

export interface PageRequest {
  readonly limit?: number;
  readonly offset?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /**
   * Matches in all. Statement pages count at most 10,000 (a common word matches far more, and counting
   * every match is what made such queries slow): beyond that `total` is 10,000 and `totalCapped` is true.
   */
  readonly total: number;
  /** Present (and true) only when `total` is a lower bound: there are more matches than it says ("10,000+"). */
  readonly totalCapped?: true;
  readonly limit: number;
  readonly offset: number;
}

export interface StatementQuery extends PageRequest {
  /** Speaker: knowledge-base entity id, or a name or alias. */
  readonly speaker?: string;
  /** An entity mentioned in the statement's text: id, name or alias. */
  readonly entity?: string;
  /** Full-text search over statement text. */
  readonly q?: string;
  /** Inclusive ISO dates, on the statement's date (else the article's publication date). */
  readonly from?: string;
  readonly to?: string;
  readonly outlet?: string;
  readonly type?: StatementType;
  readonly articleId?: string;
  readonly utteranceId?: string;
  readonly order?: 'asc' | 'desc';
}

/** A statement as stored: the extracted statement plus its article and cross-article identities. */
export interface StoredStatement extends Omit<Statement, 'kind' | 'speaker'> {
  readonly kind: 'stored-statement';
  readonly id: string;
  readonly articleId: string;
  readonly utteranceId: string;
  readonly speaker: (SpeakerRef & { readonly kbId: string | null }) | null;
  readonly articleTitle?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly published?: string;
}

export interface DatedRole {
  readonly role: string;
  /** ISO dates of the first and last article that gave this role. */
  readonly first?: string;
  readonly last?: string;
}

/** One entity across every article: a person, organisation or place with its aliases and dated roles. */
export interface KbEntity {
  readonly kind: 'kb-entity';
  readonly id: string;
  readonly type: EntityType;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: readonly DatedRole[];
  readonly unnamed?: boolean;
  readonly statementCount: number;
  readonly articleCount: number;
}

export interface EntityQuery extends PageRequest {
  /** Matches name or alias (prefix, case-insensitive). */
  readonly q?: string;
  readonly type?: EntityType;
  /** Only entities that are the speaker of at least one statement. */
  readonly speakersOnly?: boolean;
}

/** One report of an utterance: a statement in one article. */
export interface Report {
  readonly statementId: string;
  readonly articleId: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly published?: string;
  readonly via?: string;
  readonly text: string;
}

/** The same words by the same speaker, carried by one or more articles. */
export interface Utterance {
  readonly kind: 'utterance';
  readonly id: string;
  readonly text: string;
  readonly speakerKbId: string | null;
  readonly speakerName: string | null;
  /** Earliest publication date among its reports. */
  readonly firstReported?: string;
  readonly reports: readonly Report[];
}

export interface ArticleSummary {
  readonly kind: 'article-summary';
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly url?: string;
  readonly published?: string;
  readonly statementCount: number;
}

export interface StoredArticle {
  readonly kind: 'stored-article';
  readonly article: Article;
  readonly statements: readonly StoredStatement[];
  readonly entities: readonly Entity[];
}

/**
 * 'older-version': a version dated before the stored one (by the article's own date) arrived late, as when
 * two queue workers store versions of one URL; the stored newer version stays current.
 */
export type PutOutcome = 'stored' | 'unchanged' | 'new-version' | 'older-version';

/** Where in its article one statement stands and when: what a timeline and mention counts need. */
export interface StatementSpan {
  readonly kind: 'statement-span';
  readonly articleId: string;
  readonly start: number;
  readonly end: number;
  /** The speaker's entity id within the article. */
  readonly speakerEntityId: string | null;
  /** The statement's date, else its article's publication day (what statements are sorted by). */
  readonly date?: string;
}

/** The narrow interface every backend implements. Each putArticle is one transaction. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  putArticle(record: ArticleRecord): Promise<PutOutcome>;
  /** Several articles in one transaction, in order (all stored or none): small articles cost a commit each otherwise. */
  putArticles(records: readonly ArticleRecord[]): Promise<PutOutcome[]>;
  hasArticle(id: string, version?: string): Promise<boolean>;
  statements(query: StatementQuery): Promise<Page<StoredStatement>>;
  entities(query: EntityQuery): Promise<Page<KbEntity>>;
  entity(id: string): Promise<KbEntity | undefined>;
  articles(query: PageRequest & { readonly outlet?: string }): Promise<Page<ArticleSummary>>;
  article(id: string): Promise<StoredArticle | undefined>;
  utterance(id: string): Promise<Utterance | undefined>;
  utterances(query: PageRequest & { readonly speaker?: string; readonly minReports?: number }): Promise<Page<Utterance>>;
  stats(): Promise<{ readonly articles: number; readonly statements: number; readonly entities: number; readonly utterances: number }>;
  /** A speaker's statements (id, name or alias), newest first, as places and dates only: a timeline's worth in one query. */
  statementSpans(speaker: string, limit: number): Promise<readonly StatementSpan[]>;
  /** The extracted entities (with their mentions) of each article that exists. */
  articleEntities(ids: readonly string[]): Promise<ReadonlyMap<string, readonly Entity[]>>;
  /** Knowledge-base entities known by one of these names or aliases exactly (after normalising), by name. */
  entitiesNamed(names: readonly string[]): Promise<readonly KbEntity[]>;
  close(): Promise<void>;
}
