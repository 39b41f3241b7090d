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
  /** Outlet name prefix, case-insensitive. */
  readonly outlet?: string;
  readonly type?: StatementType;
  readonly articleId?: string;
  readonly utteranceId?: string;
  /** Words anywhere in the addressee ("to the council"), case-insensitive; a facet's exact value narrows to it too. */
  readonly addressee?: string;
  /** Words anywhere in the secondary source ("according to ..."), case-insensitive. */
  readonly via?: string;
  readonly order?: 'asc' | 'desc';
  /** By date (`order`) unless `relevance`: best full-text matches first (needs `q`), then by date. */
  readonly sort?: 'date' | 'relevance';
}

/** A stored statement as exported: the speaker's role at the time, from the knowledge base, besides. */
export interface ExportedStatement extends StoredStatement {
  readonly speakerRole?: string;
}

/** What statements can be counted by (facets, `GET /api/statements/counts`). */
export type CountBy = 'speaker' | 'outlet' | 'month' | 'entity' | 'type' | 'addressee' | 'via';

export interface CountBucket {
  /** The value to filter on: a KB id for speaker and entity, "2025-03" for month, the text otherwise. */
  readonly key: string;
  /** What to show: a name for speaker and entity, the key otherwise. */
  readonly label: string;
  readonly count: number;
}

/** Statements of one query counted by one property: the largest groups, the rest summed. */
export interface StatementCounts {
  readonly kind: 'statement-counts';
  readonly by: CountBy;
  /** Largest first (for month: newest first), at most the limit asked for. */
  readonly buckets: readonly CountBucket[];
  /** Statements with a value outside the buckets shown (for entity: mentions, as one statement can name several). */
  readonly other: number;
  /** Statements without a value (no outlet, undated, unresolved speaker, no addressee...). */
  readonly none: number;
  /** Statements that match the query. */
  readonly total: number;
}

export interface VolumeRequest {
  readonly unit: 'week' | 'month';
  /** Split each bar by outlet or speaker: the `top` largest, the rest as one "other" series. */
  readonly split?: 'outlet' | 'speaker';
  readonly top?: number;
}

/** One period of a volume chart: its first and last day, and the statements per series. */
export interface VolumeBucket {
  /** First day of the week (Monday) or "2025-03" for a month. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** One count per series, in the order of `series`; the sum is `total`. */
  readonly counts: readonly number[];
  readonly total: number;
}

/** Statements of one query per week or month, every period from the first to the last, gaps included. */
export interface StatementVolume {
  readonly kind: 'statement-volume';
  readonly unit: 'week' | 'month';
  readonly split?: 'outlet' | 'speaker';
  /** `key` to filter on (empty for "other" or no value), `label` to show. One series ("all") when not split. */
  readonly series: readonly { readonly key: string; readonly label: string }[];
  readonly buckets: readonly VolumeBucket[];
  /** Statements with no date at all (neither their own nor their article's): counted here, never dropped. */
  readonly undated: number;
  /** Dated plus undated: every statement that matches. */
  readonly total: number;
}

/** One utterance among the results of a statement query: its reports that match, with who carried it first. */
export interface UtteranceGroup {
  readonly kind: 'utterance-group';
  readonly utterance: Utterance;
  /** Direct when any matching report quotes it verbatim, else indirect (reported speech). */
  readonly type: StatementType;
  /** Reports of the utterance that match the query (the utterance may have more). */
  readonly matching: number;
  /** Distinct outlets among all its reports. */
  readonly outlets: number;
  /** Its earliest report (by publication date). */
  readonly first?: Report;
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
  /** ISO date an editor said the role ended (a correction: `end-role`). */
  readonly ended?: string;
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

/** An outlet and how many stored articles it published. */
export interface OutletCount {
  readonly name: string;
  readonly articles: number;
}

/** What the corpus holds, for the overview page and GET /api/overview. */
export interface CorpusOverview {
  readonly kind: 'corpus-overview';
  readonly articles: number;
  /** Dated articles per outlet (null: no outlet known) and month (YYYY-MM), newest month first. */
  readonly months: readonly { readonly outlet: string | null; readonly month: string; readonly articles: number }[];
  /** Articles without a publication date, per outlet: counted apart, never dropped. */
  readonly undated: readonly { readonly outlet: string | null; readonly articles: number }[];
  readonly topSpeakers: readonly { readonly id: string; readonly name: string; readonly type: EntityType; readonly statements: number }[];
  /** Extraction warnings (and fatal problems) by code, with a few of the articles that raised them. */
  readonly warnings: readonly {
    readonly code: string;
    readonly severity: string;
    readonly messages: number;
    readonly articles: number;
    readonly examples: readonly { readonly articleId: string; readonly title?: string; readonly reason: string }[];
  }[];
}

/** An entity as a node of linked data: enough to name and type it. */
export interface EntityRef {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
}

/** The knowledge-base entities of one statement: who said it (when resolved) and whom it mentions. */
export interface StatementEntities {
  readonly speaker?: EntityRef;
  readonly mentions: readonly EntityRef[];
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

// ---------------------------------------------------------------------------
// Corrections: editors' fixes, kept in an append-only log and applied again whenever an article is stored.

/** What an editor asks for. Statement corrections name the statement; entity corrections the entity. */
export type CorrectionInput =
  | { readonly kind: 'reassign'; readonly statementId: string; readonly speaker: { readonly kbId: string } | { readonly name: string; readonly type?: EntityType } }
  | { readonly kind: 'not-a-statement'; readonly statementId: string }
  | { readonly kind: 'change-type'; readonly statementId: string; readonly type: StatementType }
  /** The statement's new words, as they stand in the article text (the occurrence nearest the old span is taken). */
  | { readonly kind: 'change-span'; readonly statementId: string; readonly text: string }
  | { readonly kind: 'verify'; readonly statementId: string; readonly source: string }
  | { readonly kind: 'rename'; readonly entityId: string; readonly name: string }
  /** `entityId` goes into `into`: its aliases, roles and statements move over and it is removed. */
  | { readonly kind: 'merge'; readonly entityId: string; readonly into: string }
  /** The chosen aliases and statements of `entityId` move to a new entity called `name`. */
  | { readonly kind: 'split'; readonly entityId: string; readonly name: string; readonly aliases: readonly string[]; readonly statementIds: readonly string[] }
  | { readonly kind: 'add-role'; readonly entityId: string; readonly role: string; readonly first?: string }
  | { readonly kind: 'end-role'; readonly entityId: string; readonly role: string; readonly ended: string };

export type CorrectionKind = CorrectionInput['kind'] | 'undo';

/** Who asks, why, and the version (etag) of the target they saw: a stale one is a conflict. */
export interface CorrectionRequest {
  readonly editor: string;
  readonly reason?: string;
  readonly etag?: string;
}

/** One entry of the log: never changed once written; an undo is a new entry. */
export interface Correction {
  readonly kind: 'correction';
  readonly id: number;
  readonly at: string;
  readonly editor: string;
  readonly action: CorrectionKind;
  readonly reason?: string;
  /** Article and statement words the correction is matched by when the article is stored again. */
  readonly articleId?: string;
  readonly words?: string;
  readonly statementId?: string;
  readonly entityId?: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly undoOf?: number;
  /** Set when an undo entry reverses this one. */
  readonly undoneBy?: number;
  /** The article was stored again and no statement had these words: the correction waits, reported. */
  readonly unmatched?: { readonly version: string; readonly at: string };
}

export interface CorrectionQuery extends PageRequest {
  readonly statementId?: string;
  readonly entityId?: string;
  readonly articleId?: string;
  readonly unmatched?: boolean;
}

/** What replaying a log on a store did (import, or an article stored again). */
export interface ReplaySummary {
  readonly kind: 'replay-summary';
  readonly imported: number;
  readonly applied: number;
  readonly unmatched: number;
}

/** A statement with the version an edit form carries. */
export type EditableStatement = StoredStatement & { readonly etag: string };

/** The narrow interface every backend implements. Each putArticle is one transaction. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  putArticle(record: ArticleRecord): Promise<PutOutcome>;
  /** Several articles in one transaction, in order (all stored or none): small articles cost a commit each otherwise. */
  putArticles(records: readonly ArticleRecord[]): Promise<PutOutcome[]>;
  hasArticle(id: string, version?: string): Promise<boolean>;
  statements(query: StatementQuery): Promise<Page<StoredStatement>>;
  /**
   * Every statement that matches, in page order, in batches read by keyset (never an offset, never all at
   * once), with the speaker's role: what an export streams. No cap.
   */
  statementRows(query: StatementQuery, options?: { readonly batch?: number }): AsyncIterable<ExportedStatement>;
  /** The statements of a query counted by one property, the `limit` largest groups (facets). */
  statementCounts(query: StatementQuery, by: CountBy, limit: number): Promise<StatementCounts>;
  /** As statementCounts for several properties at once (a search page's facets), reading the matches once. */
  statementFacets(query: StatementQuery, by: readonly CountBy[], limit: number): Promise<readonly StatementCounts[]>;
  /** The statements of a query per week or month, optionally split by outlet or speaker. */
  statementVolume(query: StatementQuery, request: VolumeRequest): Promise<StatementVolume>;
  /** The statements of a query as one entry per utterance, newest first (total capped like statements()). */
  statementGroups(query: StatementQuery): Promise<Page<UtteranceGroup>>;
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
  /** Changes on every committed write, of this process or another: what cached answers and ETags are keyed on. */
  generation(): Promise<string>;
  /** Every outlet with its article count, by name. */
  outlets(): Promise<readonly OutletCount[]>;
  overview(): Promise<CorpusOverview>;
  /** For each statement id that exists and has any: its resolved speaker and mentioned entities. */
  statementEntities(ids: readonly string[]): Promise<ReadonlyMap<string, StatementEntities>>;
  /** One statement by id, with its etag for edit forms. */
  statement(id: string): Promise<EditableStatement | undefined>;
  /** An entity's etag (changes with its name, aliases and roles), undefined when there is no such entity. */
  entityEtag(id: string): Promise<string | undefined>;
  /** Applies and logs one correction in one transaction; a stale etag is ONR_ERR_HTTP_CONFLICT, nothing changed. */
  correct(input: CorrectionInput, request: CorrectionRequest): Promise<Correction>;
  /** Reverses one logged correction with a new entry. */
  undo(id: number, request: CorrectionRequest): Promise<Correction>;
  corrections(query: CorrectionQuery): Promise<Page<Correction>>;
  /** Adds log entries from another store (`onrecord corrections export --log`) and applies those that match. */
  importCorrections(entries: readonly Correction[]): Promise<ReplaySummary>;
  close(): Promise<void>;
}
