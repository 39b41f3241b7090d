import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import { OnrecordError } from '../errors.js';
import type {
  Article, ArticleRecord, ArticleSummary, DatedRole, Entity, EntityQuery, KbEntity, Page, PageRequest,
  PutOutcome, StatementQuery, StatementSpan, Store, StoredArticle, StoredStatement, Utterance,
} from '../types.js';
import { GenerationCache } from './cache.js';
import { GENERATION_MIGRATION, migrationProvider } from './schema.js';
import { preparedOnce } from './sqlite.js';

/** Largest page any query returns, so one request cannot pull the whole record. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 50;
/** Most statement spans one `statementSpans` call returns (a speaker's timeline). */
export const MAX_SPANS = 5000;
/**
 * `statements()` counts at most this many matches, then says `totalCapped`: an exact count of a common word
 * visits every match (80,000 at 1M statements: 100-130 ms), where the page itself needs a few dozen.
 */
export const TOTAL_CAP = 10_000;

type Db = Kysely<any>;

export interface OpenOptions {
  readonly url?: string;
  readonly file?: string;
  /** PostgreSQL schema (search_path) to use, created when missing. */
  readonly schema?: string;
  /** Migrate only up to this migration (tests of forward migration from an older database). */
  readonly migrateTo?: string;
}

export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const url = options.url ?? process.env.DATABASE_URL;
  const postgres = !!url && /^postgres(ql)?:\/\//.test(url);
  if (url && !postgres) throw new OnrecordError('ONR_ERR_OPTION', `DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.slice(0, 40)}"); unset it to use the embedded store`);
  let db: Db;
  let generation: () => string | Promise<string>;
  if (postgres) {
    // Loaded only for PostgreSQL: the embedded store's commands start ~0.1 s sooner without it.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 10, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
    // An idle connection the server ends (a restart, pg_terminate_backend) errors on the pool, not on a query:
    // the pool drops it and connects again on next use, so it must not end the process as an unhandled error.
    pool.on('error', () => {});
    if (options.schema) {
      const client = await pool.connect();
      try { await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`); } finally { client.release(); }
    }
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    // A store held at an older migration (tests of migrating) has no sequence: nothing is cached there.
    let uncached = 0;
    generation = options.migrateTo && options.migrateTo < GENERATION_MIGRATION ? () => String(uncached++)
      : async () => String((await sql<{ v: string }>`select last_value as v from store_generation`.execute(db)).rows[0]?.v);
  } else {
    const file = options.file ?? 'onrecord.db';
    let sqlite: Database.Database;
    try { sqlite = new Database(file); } catch (error) {
      throw new OnrecordError('ONR_ERR_STORE', `cannot open ${file}: ${(error as Error).message}`);
    }
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('busy_timeout = 5000');
    } catch (error) {
      sqlite.close();
      throw new OnrecordError('ONR_ERR_STORE', `cannot open ${file}: it is not an onrecord store (${(error as Error).message})`);
    }
    db = new Kysely({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
    // data_version moves when another connection commits (this connection's own commits are counted by the store).
    const version = sqlite.prepare('PRAGMA data_version').pluck();
    generation = () => String(version.get());
  }
  const { error } = await new Migrator({ db, provider: migrationProvider(postgres ? 'postgres' : 'sqlite', options.migrateTo), ...(postgres && options.schema ? { migrationTableSchema: options.schema } : {}) }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new OnrecordError('ONR_ERR_MIGRATION', `cannot migrate the store: ${(error as Error).message ?? error}`);
  }
  return new KyselyStore(db, postgres ? 'postgres' : 'sqlite', generation, !options.migrateTo || options.migrateTo >= GENERATION_MIGRATION);
}

// ---------------------------------------------------------------------------
// Normalisation used for identity and utterance fingerprints.

export function normName(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Quote words with punctuation, case, quote styles, editorial brackets and ellipses removed. */
export function quoteWords(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\[[^\]]*\]/g, ' ').replace(/\.\.\.|…/g, ' ').replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ').replace(/'/g, '')
    // Articles are what editors insert or drop most ("[the]"), so they do not count.
    .split(' ').filter((w) => w && !ARTICLES.has(w)).join(' ');
}
const ARTICLES = new Set(['the', 'a', 'an']);

/** Fingerprint: a hash of the first words, so light edits and tail truncation still collide. */
export function fingerprint(words: string): string {
  return words.split(' ').slice(0, 6).join(' ');
}

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

const json = (v: unknown) => JSON.stringify(v);

function pageOf(req: PageRequest): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.floor(req.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const offset = Math.max(0, Math.floor(req.offset ?? 0));
  return { limit, offset };
}

const storeError = (record: ArticleRecord, error: unknown): OnrecordError =>
  error instanceof OnrecordError ? error : new OnrecordError('ONR_ERR_STORE', `cannot store article ${record.article.id} (${record.article.source}): ${(error as Error).message}`);

class KyselyStore implements Store {
  /** Commits through this store: SQLite's data_version does not count a connection's own. */
  private writes = 0;
  private readonly cache: GenerationCache;

  constructor(private readonly db: Db, readonly dialect: 'sqlite' | 'postgres', generation: () => string | Promise<string>, private readonly sequenced: boolean) {
    this.cache = new GenerationCache(async () => `${await generation()}:${this.writes}`);
  }

  async close(): Promise<void> { await this.db.destroy(); }

  async hasArticle(id: string, version?: string): Promise<boolean> {
    let q = this.db.selectFrom('articles').select('id').where('id', '=', clean(id));
    if (version) q = q.where('version', '=', version);
    return !!(await q.executeTakeFirst());
  }

  async putArticle(record: ArticleRecord): Promise<PutOutcome> {
    let outcome: PutOutcome;
    try {
      outcome = await this.db.transaction().execute((trx) => this.put(trx, record));
    } catch (error) {
      throw storeError(record, error);
    }
    if (outcome !== 'unchanged') await this.committed();
    return outcome;
  }

  /** After a commit (not before: a reader must not cache the old rows under the new generation). */
  private async committed(): Promise<void> {
    this.writes++;
    if (this.dialect === 'postgres' && this.sequenced) await sql`select nextval('store_generation')`.execute(this.db);
  }

  async putArticles(records: readonly ArticleRecord[]): Promise<PutOutcome[]> {
    let outcomes: PutOutcome[];
    try {
      outcomes = await this.db.transaction().execute(async (trx) => {
        const out: PutOutcome[] = [];
        for (const record of records) out.push(await this.put(trx, record).catch((error) => { throw storeError(record, error); }));
        return out;
      });
    } catch (error) {
      throw error instanceof OnrecordError ? error : new OnrecordError('ONR_ERR_STORE', `cannot store ${records.length} articles: ${(error as Error).message}`);
    }
    if (outcomes.some((o) => o !== 'unchanged')) await this.committed();
    return outcomes;
  }

  private async put(trx: Transaction<any>, record: ArticleRecord): Promise<PutOutcome> {
    const a = record.article;
    const old = await trx.selectFrom('articles').select(['version']).where('id', '=', a.id).executeTakeFirst();
    if (old && old.version === a.version) return 'unchanged';
    if (this.dialect === 'postgres') await lockIdentities(trx, record);
    if (old) {
      await removeStatements(trx, a.id);
      await trx.deleteFrom('articles').where('id', '=', a.id).execute();
    }
    await trx.insertInto('articles').values({
      id: a.id, version: a.version, text: a.text, url: a.url ?? null, title: a.title ?? null, outlet: a.outlet ?? null,
      authors: json(a.authors), published: a.published ?? null, language: a.language ?? null, source: a.source,
      entities: json(record.entities), statement_count: record.statements.length,
    }).execute();
    await insertStatements(trx, this.dialect, record, await resolveIdentities(trx, record));
    return old ? 'new-version' : 'stored';
  }

  async statements(raw: StatementQuery): Promise<Page<StoredStatement>> {
    const query = clean(raw);
    const { limit, offset } = pageOf(query);
    // Filters touch statements only; articles are joined for the page alone, so the count never visits them.
    let q = this.db.selectFrom('statements as s');
    if (query.speaker) {
      const ids = await this.entityIds(query.speaker);
      q = q.where('s.speaker_kb_id', 'in', ids.length ? ids : ['']);
    }
    if (query.entity) {
      const ids = await this.entityIds(query.entity);
      q = q.where('s.id', 'in', this.db.selectFrom('statement_entities').select('statement_id').where('entity_id', 'in', ids.length ? ids : ['']));
    }
    if (query.q) q = this.dialect === 'postgres'
      ? q.where(sql<boolean>`s.tsv @@ plainto_tsquery('english', ${query.q})`)
      : q.where(sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(query.q)})`);
    if (query.from) q = q.where('s.sort_date', '>=', query.from);
    if (query.to) q = q.where('s.sort_date', '<=', query.to + '\uffff');
    if (query.outlet) q = q.where(sql`lower(s.outlet)`, '=', query.outlet.toLowerCase());
    if (query.type) q = q.where('s.type', '=', query.type);
    if (query.articleId) q = q.where('s.article_id', '=', query.articleId);
    if (query.utteranceId) q = q.where('s.utterance_id', '=', query.utteranceId);
    const only = query.q && ![query.speaker, query.entity, query.from, query.to, query.outlet, query.type, query.articleId, query.utteranceId].some(Boolean);
    // Words alone in SQLite: the full-text index counts its matches without reading a row of statements.
    const matches: SelectQueryBuilder<any, any, any> = only && this.dialect === 'sqlite'
      ? this.db.selectFrom('statements_fts').select('rowid').where(sql<boolean>`statements_fts match ${ftsQuery(query.q!)}`).limit(TOTAL_CAP + 1)
      : q.select(sql`1`.as('one')).limit(TOTAL_CAP + 1);
    // The total is the costly part of a page (up to TOTAL_CAP matches visited) and the same for every page.
    const filters = json({ ...query, limit: undefined, offset: undefined, order: undefined });
    const n = await this.cache.get(`count:${filters}`, async () =>
      Number((await this.db.selectFrom(matches.as('m')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n));
    const order = query.order === 'desc' ? 'desc' : 'asc';
    let page: { q: SelectQueryBuilder<any, any, any>; offset: number } = { q, offset };
    // Full text: the best plan depends on the number of matches, which both planners misjudge. When the page lies
    // within the first 1% of many matches, walk the date index and keep what matches: a few hundred index entries
    // for a page of a common word. Else read every match and sort them, rather than walk the dates in search of
    // rare ones (300 matches of 1M statements took 27 ms walking in PostgreSQL, 0.8 ms sorting in SQLite).
    const walk = n > TOTAL_CAP || (offset + limit) * 100 <= n;
    // No filter at all (the home page): SQLite joins articles first and sorts every statement (100 ms at 69,000).
    const unfiltered = !query.q && ![query.speaker, query.entity, query.from, query.to, query.outlet, query.type, query.articleId, query.utteranceId].some(Boolean);
    if (((query.q && walk && only) || unfiltered) && this.dialect === 'sqlite') {
      // SQLite's planner never walks the dates here by itself; PostgreSQL's does.
      const [index, key] = order === 'desc' ? ['statements_sort_date', 's.sort_date desc'] : ['statements_sort_date_asc', "coalesce(s.sort_date, '~')"];
      const words = query.q ? sql`where +s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(query.q)})` : sql``;
      const { rows: ids } = await sql<{ id: string }>`select s.id from statements s indexed by ${sql.raw(index)} ${words}
        order by ${sql.raw(key)}, s.article_id, s.seq limit ${limit} offset ${offset}`.execute(this.db);
      page = { q: this.db.selectFrom('statements as s').where('s.id', 'in', ids.length ? ids.map((r) => r.id) : ['']), offset: 0 };
    } else if (query.q && !walk && this.dialect === 'postgres') {
      page = { q: this.db.with((cte) => cte('m').materialized(), () => q.selectAll('s')).selectFrom('m as s'), offset };
    }
    if (this.dialect === 'sqlite' && page.offset + limit < n) {
      // The page's ids first, from statements alone: joined first, SQLite reads an article row for every match.
      const ids = await page.q.select('s.id').orderBy('s.sort_date', (o) => o[order]().nullsLast()).orderBy('s.article_id').orderBy('s.seq')
        .limit(limit).offset(page.offset).execute();
      page = { q: this.db.selectFrom('statements as s').where('s.id', 'in', ids.length ? ids.map((r) => r.id) : ['']), offset: 0 };
    }
    // Undated statements go last either way (SQLite and PostgreSQL disagree on where NULL sorts by default).
    const rows = await page.q.innerJoin('articles as a', 'a.id', 's.article_id').selectAll('s').select(['a.title as a_title', 'a.url as a_url', 'a.published as a_published'])
      .orderBy('s.sort_date', (o) => o[order]().nullsLast()).orderBy('s.article_id').orderBy('s.seq').limit(limit).offset(page.offset).execute();
    return { items: rows.map(toStatement), total: Math.min(n, TOTAL_CAP), ...(n > TOTAL_CAP ? { totalCapped: true as const } : {}), limit, offset };
  }

  /** KB ids for an id, name or alias. */
  private async entityIds(key: string): Promise<string[]> {
    const rows = await this.db.selectFrom('aliases').select('entity_id').where('norm', '=', normName(key)).execute();
    const ids = new Set(rows.map((r) => r.entity_id as string));
    if (await this.db.selectFrom('kb_entities').select('id').where('id', '=', key).executeTakeFirst()) ids.add(key);
    return [...ids];
  }

  async entities(raw: EntityQuery): Promise<Page<KbEntity>> {
    const query = clean(raw);
    const { limit, offset } = pageOf(query);
    // Lists of people are few and asked for on every home page: one computation per store generation.
    return this.cache.get(`entities:${json([query.type, query.q, !!query.speakersOnly, limit, offset])}`, () => this.listEntities(query, limit, offset));
  }

  private async listEntities(query: EntityQuery, limit: number, offset: number): Promise<Page<KbEntity>> {
    let q = this.db.selectFrom('kb_entities as e');
    if (query.type) q = q.where('e.type', '=', query.type);
    if (query.q !== undefined) {
      // normName keeps letters and digits only, so LIKE wildcards in the input are gone; nothing left matches nothing.
      const norm = normName(query.q);
      q = norm ? q.where('e.id', 'in', this.db.selectFrom('aliases').select('entity_id').where('norm', 'like', `${norm}%`)) : q.where(sql<boolean>`1 = 0`);
    }
    // One index probe per entity: `in (select speaker_kb_id ...)` collected every statement's speaker first (40 ms at 69,000).
    if (query.speakersOnly) q = q.where(({ exists, selectFrom }) => exists(selectFrom('statements as x').select('x.id').whereRef('x.speaker_kb_id', '=', 'e.id')));
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll('e').orderBy('e.name').orderBy('e.id').limit(limit).offset(offset).execute();
    return { items: await this.kbEntities(rows), total, limit, offset };
  }

  async entity(id: string): Promise<KbEntity | undefined> {
    const row = await this.db.selectFrom('kb_entities').selectAll().where('id', '=', clean(id)).executeTakeFirst();
    return row ? (await this.kbEntities([row]))[0] : undefined;
  }

  async entitiesNamed(names: readonly string[]): Promise<readonly KbEntity[]> {
    const norms = [...new Set(names.map((n) => normName(clean(n))).filter(Boolean))];
    if (!norms.length) return [];
    const ids = new Set<string>();
    for (const part of chunks(norms)) {
      for (const r of await this.db.selectFrom('aliases').select('entity_id').where('norm', 'in', part).execute()) ids.add(r.entity_id);
    }
    const rows: any[] = [];
    for (const part of chunks([...ids])) rows.push(...await this.db.selectFrom('kb_entities').selectAll().where('id', 'in', part).execute());
    return this.kbEntities(rows.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1)));
  }

  /** Entities with their aliases and counts: two queries for the lot instead of two per entity. */
  private async kbEntities(rows: readonly any[]): Promise<KbEntity[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id as string);
    const aliases = new Map<string, string[]>();
    for (const part of chunks(ids)) {
      for (const x of await this.db.selectFrom('aliases').select(['entity_id', 'alias']).where('entity_id', 'in', part).orderBy('alias').execute()) {
        aliases.set(x.entity_id, [...aliases.get(x.entity_id) ?? [], x.alias]);
      }
    }
    const counts = await this.speakerCounts(ids);
    return rows.map((r) => ({
      kind: 'kb-entity', id: r.id, type: r.type, name: r.name,
      aliases: [...new Set(aliases.get(r.id) ?? [])].filter((x) => x !== r.name),
      roles: JSON.parse(r.roles) as DatedRole[], ...(r.unnamed ? { unnamed: true } : {}),
      statementCount: counts.get(r.id)!.n, articleCount: counts.get(r.id)!.a,
    }));
  }

  /**
   * Statements and articles per speaker, cached per generation: a popular speaker's counts visit all their
   * rows (tens of thousands at 1M statements) and every speaker list shows them. Those not cached are
   * counted together in one grouped query.
   */
  private async speakerCounts(ids: readonly string[]): Promise<Map<string, { n: number; a: number }>> {
    const count = async (some: readonly string[]) => {
      const out = new Map<string, { n: number; a: number }>();
      for (const part of chunks(some)) {
        const rows = await this.db.selectFrom('statements').select(['speaker_kb_id', sql<number>`count(*)`.as('n'), sql<number>`count(distinct article_id)`.as('a')])
          .where('speaker_kb_id', 'in', part).groupBy('speaker_kb_id').execute();
        for (const r of rows) out.set(r.speaker_kb_id, { n: Number(r.n), a: Number(r.a) });
      }
      return out;
    };
    await this.cache.refresh();
    const missing = ids.filter((id) => !this.cache.has(`counts:${id}`));
    const counted = missing.length ? count(missing) : undefined;
    const zero = { n: 0, a: 0 };
    const all = await Promise.all(ids.map(async (id) =>
      [id, await this.cache.lookup(`counts:${id}`, async () => (await (counted ?? count([id]))).get(id) ?? zero)] as const));
    return new Map(all);
  }

  async statementSpans(rawSpeaker: string, limit: number): Promise<readonly StatementSpan[]> {
    const ids = await this.entityIds(clean(rawSpeaker));
    if (!ids.length) return [];
    // sort_date is the statement's date, else its article's: no article row to read.
    const rows = await this.db.selectFrom('statements as s')
      .select(['s.article_id', 's.start_pos', 's.end_pos', 's.speaker_local', 's.sort_date'])
      .where('s.speaker_kb_id', 'in', ids).orderBy('s.sort_date', (o) => o.desc().nullsLast()).orderBy('s.article_id').orderBy('s.seq')
      .limit(Math.min(Math.max(1, Math.floor(limit)), MAX_SPANS)).execute();
    return rows.map((r) => ({
      kind: 'statement-span', articleId: r.article_id, start: Number(r.start_pos), end: Number(r.end_pos),
      speakerEntityId: r.speaker_local ?? null, ...opt({ date: r.sort_date }),
    }));
  }

  async articleEntities(rawIds: readonly string[]): Promise<ReadonlyMap<string, readonly Entity[]>> {
    const out = new Map<string, readonly Entity[]>();
    for (const part of chunks([...new Set(rawIds.map(clean))], 500)) {
      for (const r of await this.db.selectFrom('articles').select(['id', 'entities']).where('id', 'in', part).execute()) out.set(r.id, JSON.parse(r.entities) as Entity[]);
    }
    return out;
  }

  async articles(raw: PageRequest & { readonly outlet?: string }): Promise<Page<ArticleSummary>> {
    const query = clean(raw);
    const { limit, offset } = pageOf(query);
    let q = this.db.selectFrom('articles');
    if (query.outlet) q = q.where(sql`lower(outlet)`, '=', query.outlet.toLowerCase());
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.select(['id', 'version', 'title', 'outlet', 'url', 'published', 'statement_count'])
      .orderBy('published', (o) => o.desc().nullsLast()).orderBy('id').limit(limit).offset(offset).execute();
    return {
      items: rows.map((r) => ({ kind: 'article-summary' as const, id: r.id, version: r.version, ...opt({ title: r.title, outlet: r.outlet, url: r.url, published: r.published }), statementCount: Number(r.statement_count) })),
      total, limit, offset,
    };
  }

  async article(rawId: string): Promise<StoredArticle | undefined> {
    const id = clean(rawId);
    const r = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const article: Article = {
      kind: 'article', id: r.id, version: r.version, text: r.text, authors: JSON.parse(r.authors), source: r.source,
      ...opt({ url: r.url, title: r.title, outlet: r.outlet, published: r.published, language: r.language }),
    };
    const statements = await this.statements({ articleId: id, limit: MAX_LIMIT });
    return { kind: 'stored-article', article, statements: statements.items, entities: JSON.parse(r.entities) as Entity[] };
  }

  async utterance(rawId: string): Promise<Utterance | undefined> {
    const id = clean(rawId);
    const u = await this.db.selectFrom('utterances').selectAll().where('id', '=', id).executeTakeFirst();
    if (!u) return undefined;
    const rows = await this.db.selectFrom('statements as s').innerJoin('articles as a', 'a.id', 's.article_id')
      .select(['s.id', 's.article_id', 's.outlet', 'a.url', 'a.published', 's.via', 's.text', 's.speaker_name'])
      .where('s.utterance_id', '=', id).orderBy('a.published', (o) => o.asc().nullsLast()).orderBy('s.article_id').execute();
    const kbId: string | null = u.speaker_kb_id?.startsWith('k') ? u.speaker_kb_id : null;
    const name = kbId ? (await this.db.selectFrom('kb_entities').select('name').where('id', '=', kbId).executeTakeFirst())?.name : rows[0]?.speaker_name;
    const reports = rows.map((r) => ({ statementId: r.id, articleId: r.article_id, text: r.text, ...opt({ outlet: r.outlet, url: r.url, published: r.published, via: r.via }) }));
    const first = reports.map((r) => r.published).filter(Boolean).sort()[0];
    return { kind: 'utterance', id, text: longest(rows.map((r) => r.text as string)) ?? u.text, speakerKbId: kbId, speakerName: name ?? null, ...(first ? { firstReported: first } : {}), reports };
  }

  async utterances(raw: PageRequest & { readonly speaker?: string; readonly minReports?: number }): Promise<Page<Utterance>> {
    const query = clean(raw);
    const { limit, offset } = pageOf(query);
    let q = this.db.selectFrom('statements').select('utterance_id').groupBy('utterance_id');
    if (query.speaker) {
      const ids = await this.entityIds(query.speaker);
      q = q.where('speaker_kb_id', 'in', ids.length ? ids : ['']);
    }
    if (query.minReports && query.minReports > 1) q = q.having(sql`count(*)`, '>=', query.minReports);
    // Grouping every statement by utterance is the costly part, the same for every page: once per generation.
    const all = await this.cache.get(`utterances:${json([query.speaker, query.minReports])}`, async () =>
      (await q.select(sql<string>`min(sort_date)`.as('d')).orderBy('d', (o) => o.asc().nullsLast()).orderBy('utterance_id').execute()).map((r) => r.utterance_id as string));
    const items = [];
    for (const id of all.slice(offset, offset + limit)) items.push((await this.utterance(id))!);
    return { items, total: all.length, limit, offset };
  }

  async stats() {
    const n = async (t: string) => Number((await this.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    // Counting 1M rows takes tens of ms and every unfiltered home page shows the totals.
    return this.cache.get('stats', async () => ({ articles: await n('articles'), statements: await n('statements'), entities: await n('kb_entities'), utterances: await n('utterances') }));
  }
}

/**
 * NUL characters removed from every string a caller hands in: PostgreSQL refuses them in text
 * ("invalid byte sequence"), and a search for odd input must find nothing rather than fail.
 */
function clean<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '') as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T;
  return value;
}

/** Every word must occur; each is quoted so FTS5 operators in user text stay plain words. */
function ftsQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}

function longest(xs: string[]): string | undefined {
  return xs.reduce<string | undefined>((a, b) => (!a || b.length > a.length ? b : a), undefined);
}

function opt<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as any;
}

function toStatement(r: any): StoredStatement {
  return {
    kind: 'stored-statement', id: r.id, articleId: r.article_id, utteranceId: r.utterance_id, type: r.type, text: r.text,
    start: Number(r.start_pos), end: Number(r.end_pos),
    speaker: r.speaker_name ? { name: r.speaker_name, mention: r.speaker_mention ?? r.speaker_name, entityId: r.speaker_local ?? null, kbId: r.speaker_kb_id ?? null } : null,
    cue: r.cue ?? null,
    ...opt({ addressee: r.addressee, via: r.via, date: r.date, place: r.place, articleTitle: r.a_title, outlet: r.outlet, url: r.a_url, published: r.a_published }),
  };
}

/** Bound parameters per INSERT: well under SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const MAX_PARAMS = 10_000;

/** One multi-row INSERT per chunk instead of one per row: on PostgreSQL every statement is a round trip. */
async function insertMany(trx: Transaction<any>, table: string, rows: readonly object[], conflict?: (oc: any) => any): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    const q = trx.insertInto(table).values(rows.slice(i, i + per));
    await (conflict ? q.onConflict(conflict) : q).execute();
  }
}

function chunks<T>(xs: readonly T[], n = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function removeStatements(trx: Transaction<any>, articleId: string): Promise<void> {
  await trx.deleteFrom('statement_entities').where('statement_id', 'in', trx.selectFrom('statements').select('id').where('article_id', '=', articleId)).execute();
  const touched = await trx.deleteFrom('statements').where('article_id', '=', articleId).returning('utterance_id').execute();
  // Its utterances left without any report go too (only these: a scan of every utterance would grow with the store).
  for (const ids of chunks([...new Set(touched.map((r) => r.utterance_id as string))])) {
    await trx.deleteFrom('utterances').where('id', 'in', ids)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('statements').select('id').whereRef('utterance_id', '=', 'utterances.id')))).execute();
  }
}

// ---------------------------------------------------------------------------
// Cross-article identity.

/**
 * Concurrent PostgreSQL writers (queue workers) would each create "Ilse Varnholt" when both
 * look before either inserts. Each transaction first takes advisory locks on the surnames (last
 * words) its entities and speakers could resolve through, in ascending order so two writers
 * never wait on each other in a cycle; articles about different people still run in parallel.
 */
async function lockIdentities(trx: Transaction<any>, record: ArticleRecord): Promise<void> {
  const names = [
    ...record.entities.flatMap((e) => [e.name, ...e.aliases, ...(e.role ? [e.role] : [])]),
    ...record.statements.map((s) => s.speaker?.name ?? 'none'),
  ];
  const keys = new Set(names.map((n) => createHash('sha256').update(normName(n).split(' ').pop() ?? '').digest().readInt32BE(0)));
  // One round trip for all: unnest yields the sorted keys in array order, so the locks are still taken ascending.
  await sql`select pg_advisory_xact_lock(7411, k) from unnest(${[...keys].sort((x, y) => x - y)}::int4[]) as k`.execute(trx);
}

function surnameOf(name: string): string | null {
  const words = normName(name).split(' ').filter(Boolean);
  return words.length >= 2 ? words[words.length - 1]! : null;
}

/**
 * "Foreign Minister Teodor Blaskovic" in an article that also says "Korvania's foreign minister":
 * when exactly one named person and one unnamed description share a role, the person takes the
 * description's affiliation, so an unnamed speaker of earlier articles can resolve to them.
 */
function withRoleAffiliations(entities: readonly Entity[]): readonly Entity[] {
  const role = (e: Entity) => e.type === 'person' && e.role ? e.role.toLowerCase() : undefined;
  return entities.map((e) => {
    if (e.unnamed || e.affiliation || !role(e)) return e;
    const described = entities.filter((u) => u.unnamed && u.affiliation && role(u) === role(e));
    const named = entities.filter((n) => !n.unnamed && role(n) === role(e));
    return described.length === 1 && named.length === 1 ? { ...e, affiliation: described[0]!.affiliation! } : e;
  });
}

/** "Korvania foreign minister": the alias an unnamed role speaker is known by. */
const roleDescription = (e: Entity): string | undefined => e.role && (e.affiliation ? `${e.affiliation} ${e.role}` : e.role);
const wordCount = (name: string): number => normName(name).split(' ').length;

interface KbRow { id: string; type: string; name: string; surname: string | null; unnamed: number; roles: DatedRole[] }

/**
 * The knowledge-base entities one article can resolve to, read in two queries before resolving and
 * written back in two after (instead of several round trips per entity and alias). Entities are still
 * resolved one at a time in article order, each seeing what the ones before it created or changed.
 */
class Identities {
  private readonly rows = new Map<string, KbRow>();
  /** normalised name → entity id → alias, for every name this article uses. */
  private readonly aliases = new Map<string, Map<string, string>>();
  private readonly created = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly newAliases = new Map<string, { norm: string; entity_id: string; alias: string }>();
  /** Unnamed entities merged into the person this article names: old id → new id. */
  readonly merged = new Map<string, string>();

  private constructor(private readonly trx: Transaction<any>) {}

  static async load(trx: Transaction<any>, entities: readonly Entity[]): Promise<Identities> {
    const ids = new Identities(trx);
    const norms = new Set(entities.flatMap((e) => [e.name, ...e.aliases, roleDescription(e) ?? '']).map(normName).filter(Boolean));
    const surnames = entities.filter((e) => !e.unnamed && e.type === 'person' && !normName(e.name).includes(' ')).map((e) => normName(e.name));
    for (const part of chunks([...norms])) {
      const hits = await trx.selectFrom('aliases as x').innerJoin('kb_entities as k', 'k.id', 'x.entity_id').selectAll('k')
        .select(['x.norm', 'x.alias']).where('x.norm', 'in', part).execute();
      for (const r of hits) ids.keep(r).aliasesOf(r.norm).set(r.id, r.alias);
    }
    for (const part of chunks([...new Set(surnames)])) {
      for (const r of await trx.selectFrom('kb_entities').selectAll().where('type', '=', 'person').where('surname', 'in', part).execute()) ids.keep(r);
    }
    return ids;
  }

  private keep(r: any): Identities {
    if (!this.rows.has(r.id)) this.rows.set(r.id, { id: r.id, type: r.type, name: r.name, surname: r.surname, unnamed: Number(r.unnamed), roles: JSON.parse(r.roles) });
    return this;
  }

  private aliasesOf(norm: string): Map<string, string> {
    let m = this.aliases.get(norm);
    if (!m) this.aliases.set(norm, (m = new Map()));
    return m;
  }

  /** The id when exactly one entity fits, as a lookup with `limit 2` and one hit would say. */
  private only(rows: KbRow[]): string | undefined {
    return rows.length === 1 ? rows[0]!.id : undefined;
  }

  private byAlias(name: string): KbRow[] {
    return [...this.aliasesOf(normName(name)).keys()].map((id) => this.rows.get(id)!).filter(Boolean);
  }

  async resolve(e: Entity, published?: string): Promise<string> {
    const named = !e.unnamed;
    const names = [e.name, ...e.aliases].filter((n) => n.trim());
    // A person's one-word name is a bare surname; places and organisations are often one word ("Korvania").
    const full = names.filter((n) => normName(n).includes(' ') || !named || e.type !== 'person');
    let id: string | undefined;
    // A full name matching a known alias of the same type is the same entity.
    for (const n of named ? full : [e.name]) {
      if ((id = this.only(this.byAlias(n).filter((k) => k.type === e.type && k.unnamed === (named ? 0 : 1))))) break;
    }
    // A surname alone joins a person only when exactly one known person has that surname.
    if (!id && named && e.type === 'person' && !normName(e.name).includes(' ')) {
      id = this.only([...this.rows.values()].filter((k) => k.type === 'person' && k.surname === normName(e.name)));
    }
    // An unnamed role speaker ("Estonia's foreign minister") that this article names resolves to the person.
    const desc = named && e.type === 'person' ? roleDescription(e) : undefined;
    const unnamedRole = desc ? this.only(this.byAlias(desc).filter((k) => k.unnamed)) : undefined;
    if (!id) {
      id = 'k' + hash(e.type, normName(e.name), named ? '' : 'unnamed', String(Date.now()), String(Math.random()));
      this.rows.set(id, { id, type: e.type, name: e.name, surname: named && e.type === 'person' ? surnameOf(e.name) : null, unnamed: named ? 0 : 1, roles: [] });
      this.created.add(id);
      this.dirty.add(id);
    } else if (named && wordCount(e.name) > wordCount(this.rows.get(id)!.name)) {
      Object.assign(this.rows.get(id)!, { name: e.name, surname: e.type === 'person' ? surnameOf(e.name) : null });
      this.dirty.add(id);
    }
    if (unnamedRole && unnamedRole !== id) await this.merge(unnamedRole, id);
    // A named person's role description stays off their aliases: it would name whoever holds the role next.
    for (const alias of new Set(names)) {
      if (normName(alias) && !(named && e.role && alias === roleDescription(e))) this.addAlias(normName(alias), id, alias);
    }
    if (e.role) this.addRole(id, e.affiliation ? `${e.role}, ${e.affiliation}` : e.role, published);
    return id;
  }

  private addAlias(norm: string, id: string, alias: string): void {
    const m = this.aliasesOf(norm);
    if (m.has(id)) return;
    m.set(id, alias);
    this.newAliases.set(`${norm}\u0000${id}`, { norm, entity_id: id, alias });
  }

  private addRole(id: string, role: string, date?: string): void {
    const k = this.rows.get(id)!;
    const before = json(k.roles);
    const day = date?.slice(0, 10);
    const i = k.roles.findIndex((r) => r.role.toLowerCase() === role.toLowerCase());
    if (i < 0) k.roles.push({ role, ...(day ? { first: day, last: day } : {}) });
    else if (day) {
      const r = k.roles[i]!;
      k.roles[i] = { role: r.role, first: !r.first || day < r.first ? day : r.first, last: !r.last || day > r.last ? day : r.last };
    }
    if (json(k.roles) !== before) this.dirty.add(id);
  }

  /** Moves everything of `from` (an unnamed role entity) onto `to`, then drops it. Rare, so plain queries. */
  private async merge(from: string, to: string): Promise<void> {
    this.merged.set(from, to);
    for (const [norm, m] of this.aliases) {
      const alias = m.get(from);
      if (alias === undefined) continue;
      m.delete(from);
      const unsaved = this.newAliases.delete(`${norm}\u0000${from}`);
      if (m.has(to)) continue;
      m.set(to, alias);
      if (unsaved) this.newAliases.set(`${norm}\u0000${to}`, { norm, entity_id: to, alias });
    }
    for (const r of this.rows.get(from)!.roles) {
      if (r.first) this.addRole(to, r.role, r.first);
      if (r.last) this.addRole(to, r.role, r.last);
      if (!r.first) this.addRole(to, r.role);
    }
    this.rows.delete(from);
    this.dirty.delete(from);
    if (this.created.delete(from)) return; // created by this article: nothing stored refers to it yet
    const trx = this.trx;
    await trx.updateTable('statements').set({ speaker_kb_id: to }).where('speaker_kb_id', '=', from).execute();
    await trx.updateTable('utterances').set({ speaker_kb_id: to }).where('speaker_kb_id', '=', from).execute();
    await sql`insert into statement_entities (statement_id, entity_id) select statement_id, ${to} from statement_entities where entity_id = ${from} on conflict do nothing`.execute(trx);
    await trx.deleteFrom('statement_entities').where('entity_id', '=', from).execute();
    await sql`update aliases set entity_id = ${to} where entity_id = ${from} and norm not in (select norm from aliases where entity_id = ${to})`.execute(trx);
    await trx.deleteFrom('aliases').where('entity_id', '=', from).execute();
    await trx.deleteFrom('kb_entities').where('id', '=', from).execute();
  }

  /** New and changed entities in one upsert, new aliases in one insert. */
  async save(): Promise<void> {
    const rows = [...this.dirty].map((id) => this.rows.get(id)!).map((k) => ({ ...k, roles: json(k.roles) }));
    await insertMany(this.trx, 'kb_entities', rows, (oc) => oc.column('id').doUpdateSet({
      name: sql.ref('excluded.name'), surname: sql.ref('excluded.surname'), roles: sql.ref('excluded.roles'),
    }));
    await insertMany(this.trx, 'aliases', [...this.newAliases.values()], (oc) => oc.columns(['norm', 'entity_id']).doNothing());
  }
}

/** Local entity id → KB id for every entity of the article, merges followed. */
async function resolveIdentities(trx: Transaction<any>, record: ArticleRecord): Promise<Map<string, string>> {
  const entities = withRoleAffiliations(record.entities);
  const kb = await Identities.load(trx, entities);
  const kbIds = new Map<string, string>();
  for (const e of entities) kbIds.set(e.id, await kb.resolve(e, record.article.published));
  await kb.save();
  // An entity resolved to an unnamed one that a later entity of this article then named follows the merge.
  for (const [local, id] of kbIds) kbIds.set(local, kb.merged.get(id) ?? id);
  return kbIds;
}

// ---------------------------------------------------------------------------
// Statements and utterances.

interface Row { id: string; text: string }
interface Done { utteranceId: string; speakerKey: string; speakerKb: string | null; sortDate: string | null; text: string }

/** ±31 days around a date (string bounds for sort_date), for quotes cut at a sentence. */
function monthAround(sortDate: string): [string, string] {
  const day = Date.parse(sortDate.slice(0, 10));
  const around = (days: number) => Number.isNaN(day) ? sortDate : new Date(day + days * 86_400_000).toISOString().slice(0, 10);
  return [around(-31), around(31) + '\uffff'];
}

/**
 * Every statement of the article with its utterance and mentions. Candidate utterances for all statements
 * are read in one or two queries up front, and this article's earlier statements are matched in memory,
 * so rows are written in three multi-row INSERTs at the end. The rules are those of one statement at a time:
 * same speaker, same words after normalising, or one quote cut from the other.
 */
async function insertStatements(trx: Transaction<any>, dialect: Store['dialect'], record: ArticleRecord, kbIds: Map<string, string>): Promise<void> {
  const a = record.article;
  const items = record.statements.map((s, seq) => {
    const speakerKb = s.speaker?.entityId ? kbIds.get(s.speaker.entityId) ?? null : null;
    const words = quoteWords(s.text);
    const list = words.split(' ');
    const fp = fingerprint(words);
    return {
      s, seq, speakerKb, words, fp,
      sortDate: s.date ?? a.published?.slice(0, 10) ?? null,
      speakerKey: speakerKb ?? (s.speaker?.name ? 'name:' + normName(s.speaker.name) : 'none'),
      // A known quote that starts where this one starts, or anywhere inside it (its fingerprint is one of our 6-word windows).
      windows: new Set(list.length <= 6 ? [fp] : list.slice(0, -5).map((_, i) => list.slice(i, i + 6).join(' '))),
      direct: s.type === 'direct' && words.length >= 20,
    };
  });
  // Utterances by fingerprint: the stored ones that can match, then those this article creates.
  const byFingerprint = new Map<string, (Row & { speaker_kb_id: string })[]>();
  const addUtterance = (u: Row & { speaker_kb_id: string; fingerprint: string }) => byFingerprint.set(u.fingerprint, [...byFingerprint.get(u.fingerprint) ?? [], u]);
  for (const part of chunks([...new Set(items.flatMap((x) => [...x.windows]))], 2000)) {
    (await trx.selectFrom('utterances').select(['id', 'text', 'speaker_kb_id', 'fingerprint'])
      .where('speaker_kb_id', 'in', [...new Set(items.map((x) => x.speakerKey))]).where('fingerprint', 'in', part).execute()).forEach(addUtterance);
  }
  const startsLike = (x: typeof items[number]) => [...x.windows].flatMap((w) => byFingerprint.get(w) ?? [])
    .find((c) => c.speaker_kb_id === x.speakerKey && sameQuote(x.words, quoteWords(c.text)))?.id;
  // A quote cut at a sentence ("People are angry" from "Nobody asked. People are angry"): the speaker's reports
  // within a month either side, for all speakers at once; outlets carry a quote within days, and searching every
  // quote by full text would double the cost of storing an article.
  const months = new Map<string, [string, string]>();
  for (const x of items) {
    if (!x.direct || CUT_START.test(x.s.text) || !x.speakerKb || !x.sortDate || startsLike(x)) continue;
    const [lo, hi] = monthAround(x.sortDate);
    const m = months.get(x.speakerKb);
    months.set(x.speakerKb, m ? [lo < m[0] ? lo : m[0], hi > m[1] ? hi : m[1]] : [lo, hi]);
  }
  const nearby: Done[] = [];
  for (const part of chunks([...months], 100)) {
    const [first, ...rest] = part.map(([kb, [lo, hi]]) => trx.selectFrom((db) => db.selectFrom('statements')
      .select(['utterance_id', 'text', 'speaker_kb_id', 'sort_date']).where('speaker_kb_id', '=', kb)
      .where('sort_date', '>=', lo).where('sort_date', '<=', hi).orderBy('sort_date', 'desc').limit(200).as('t')).selectAll());
    const rows = await rest.reduce((q, r) => q.unionAll(r), first!).execute();
    nearby.push(...rows.map((r) => ({ utteranceId: r.utterance_id, speakerKey: r.speaker_kb_id, speakerKb: r.speaker_kb_id, sortDate: r.sort_date, text: r.text })));
  }

  const utterances: (Row & { speaker_kb_id: string; fingerprint: string })[] = [];
  const done: Done[] = [];
  const statements: Record<string, unknown>[] = [];
  const mentions: { statement_id: string; entity_id: string }[] = [];
  for (const x of items) {
    const { s } = x;
    const same = (c: { text: string }) => sameQuote(x.words, quoteWords(c.text));
    let hit = startsLike(x);
    if (!hit && x.direct && CUT_START.test(s.text)) {
      // One that looks cut ("... the bridge", "[the] bridge", "bridge"): full text finds the speaker's reports
      // holding its longest words, at any date. Rare, so one query each.
      const rare = [...new Set(x.words.split(' '))].sort((p, q) => q.length - p.length).slice(0, 4).join(' ');
      const q = trx.selectFrom('statements as s').innerJoin('utterances as u', 'u.id', 's.utterance_id')
        .select(['s.utterance_id as id', 's.text']).where('u.speaker_kb_id', '=', x.speakerKey);
      const found: Row[] = await (dialect === 'postgres'
        ? q.where(sql<boolean>`s.tsv @@ plainto_tsquery('english', ${rare})`)
        : q.where(sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(rare)})`)).limit(100).execute();
      hit = found.find(same)?.id ?? done.find((d) => d.speakerKey === x.speakerKey && same(d))?.utteranceId;
    } else if (!hit && x.direct && x.speakerKb && x.sortDate) {
      const [lo, hi] = monthAround(x.sortDate);
      hit = [...nearby, ...done].find((d) => d.speakerKb === x.speakerKb && d.sortDate! >= lo && d.sortDate! <= hi && same(d))?.utteranceId;
    }
    const utteranceId = hit ?? 'u' + hash(x.speakerKey, x.words, String(Date.now()), String(Math.random()));
    if (!hit) {
      utterances.push({ id: utteranceId, speaker_kb_id: x.speakerKey, fingerprint: x.fp, text: s.text });
      addUtterance(utterances.at(-1)!);
    }
    done.push({ utteranceId, speakerKey: x.speakerKey, speakerKb: x.speakerKb, sortDate: x.sortDate, text: s.text });
    const id = 's' + hash(a.id, a.version, String(x.seq));
    statements.push({
      id, article_id: a.id, seq: x.seq, type: s.type, text: s.text, start_pos: s.start, end_pos: s.end,
      speaker_name: s.speaker?.name ?? null, speaker_mention: s.speaker?.mention ?? null, speaker_local: s.speaker?.entityId ?? null,
      speaker_kb_id: x.speakerKb, cue: s.cue, addressee: s.addressee ?? null, via: s.via ?? null, date: s.date ?? null, place: s.place ?? null,
      sort_date: x.sortDate, outlet: a.outlet ?? null, utterance_id: utteranceId,
    });
    const mentioned = new Set<string>();
    for (const e of record.entities) {
      if (e.id !== s.speaker?.entityId && e.mentions.some((m) => m.start >= s.start && m.end <= s.end)) mentioned.add(kbIds.get(e.id)!);
    }
    for (const kb of mentioned) mentions.push({ statement_id: id, entity_id: kb });
  }
  await insertMany(trx, 'utterances', utterances);
  await insertMany(trx, 'statements', statements);
  await insertMany(trx, 'statement_entities', mentions);
}

/** A direct quote that opens with an ellipsis, a bracket or a lower-case word was likely cut from a longer one. */
const CUT_START = /^[\s"'“‘]*(\.\.\.|…|\[|\p{Ll})/u;

/** Equal words, or (for quotes of 20 characters or more) one inside the other. */
function sameQuote(a: string, b: string): boolean {
  return a === b || (a.length >= 20 && b.length >= 20 && (a.includes(b) || b.includes(a)));
}
