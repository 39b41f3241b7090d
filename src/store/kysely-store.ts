import { Kysely, sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import { OnrecordError } from '../errors.js';
import type {
  Article, ArticleRecord, ArticleSummary, CorpusOverview, CountBy, DatedRole, Entity, EntityQuery, ExportedStatement, KbEntity,
  OutletCount, Page, PageRequest, PutOutcome, StatementCounts, StatementEntities, StatementQuery, StatementSpan, StatementVolume,
  Store, StoredArticle, StoredStatement, Utterance, UtteranceGroup, VolumeRequest,
} from '../types.js';
import { statementCounts, statementFacets, statementGroups, statementVolume } from './aggregates.js';
import { statementRows } from './keyset.js';
import type { Correction, CorrectionInput, CorrectionQuery, CorrectionRequest, EditableStatement, ReplaySummary } from '../types.js';
import { GenerationCache } from './cache.js';
import { lockArticle, lockIdentities, resolveIdentities } from './identities.js';
import { isOlder } from './versions.js';
import { MAX_LIMIT, MAX_SPANS, TOTAL_CAP, chunks, clean, json, longest, opt, pageOf, toStatement } from './rows.js';
import { filteredStatements, hasFilters } from './filters.js';
import { insertStatements, removeStatements } from './utterances.js';
import { normName } from './words.js';
import { rankedIds } from './relevance.js';
import { corpusOverview, outletCounts } from './overview.js';
import { replaceMessages } from './messages.js';
import { statementEntities } from './linked.js';
import { ftsSearch } from './search-query.js';
import { correct, editableStatement, scrub, importCorrections, listCorrections, reapplyCorrections, undo } from './corrections.js';
import { entityEtagOf } from './correction-ops.js';

type Db = Kysely<any>;

const storeError = (record: ArticleRecord, error: unknown): OnrecordError =>
  error instanceof OnrecordError ? error : new OnrecordError('ONR_ERR_STORE', `cannot store article ${record.article.id} (${record.article.source}): ${(error as Error).message}`);

/** Outcomes that wrote rows (so cached reads must see a new generation). */
const changed = (o: PutOutcome): boolean => o === 'stored' || o === 'new-version';

export class KyselyStore implements Store {
  /** Commits through this store: SQLite's data_version does not count a connection's own. */
  private writes = 0;
  private readonly cache: GenerationCache;

  /** `correctable`: the corrections tables exist (false only for a store held at an older migration, in tests). */
  constructor(private readonly db: Db, readonly dialect: 'sqlite' | 'postgres', private readonly base: () => string | Promise<string>, private readonly sequenced: boolean, private readonly correctable = true) {
    this.cache = new GenerationCache(() => this.generation());
  }

  async generation(): Promise<string> {
    return `${await this.base()}:${this.writes}`;
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
    if (changed(outcome)) await this.committed();
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
    if (outcomes.some(changed)) await this.committed();
    return outcomes;
  }

  private async put(trx: Transaction<any>, record: ArticleRecord): Promise<PutOutcome> {
    const a = record.article;
    // Two PostgreSQL writers of one article (a re-enqueued corpus, two versions of a URL) take turns: the second
    // then sees the first one's row. SQLite's write transactions are one at a time already (BEGIN IMMEDIATE).
    if (this.dialect === 'postgres') await lockArticle(trx, a.id);
    const old = await trx.selectFrom('articles').select(['version', 'published']).where('id', '=', a.id).executeTakeFirst();
    if (old && old.version === a.version) return 'unchanged';
    // A version dated before the stored one arrived late: the newer stays current.
    if (old && isOlder(a, old)) return 'older-version';
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
    await replaceMessages(trx, record, !!old);
    if (this.correctable) await reapplyCorrections(trx, this.dialect, a);
    return old ? 'new-version' : 'stored';
  }

  async statements(raw: StatementQuery): Promise<Page<StoredStatement>> {
    const query = clean(raw);
    const { limit, offset } = pageOf(query);
    // Filters touch statements only; articles are joined for the page alone, so the count never visits them.
    const q = await filteredStatements(this.db, this.dialect, query, (key) => this.entityIds(key));
    const only = !!query.q && !hasFilters(query);
    // Words alone in SQLite: the full-text index counts its matches without reading a row of statements.
    const matches: SelectQueryBuilder<any, any, any> = only && this.dialect === 'sqlite'
      ? this.db.selectFrom('statements_fts').select('rowid').where(sql<boolean>`statements_fts match ${ftsSearch(query.q!)}`).limit(TOTAL_CAP + 1)
      : q.select(sql`1`.as('one')).limit(TOTAL_CAP + 1);
    // The total is the costly part of a page (up to TOTAL_CAP matches visited) and the same for every page.
    const filters = json({ ...query, limit: undefined, offset: undefined, order: undefined, sort: undefined });
    const n = await this.cache.get(`count:${filters}`, async () =>
      Number((await this.db.selectFrom(matches.as('m')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n));
    const capped = { total: Math.min(n, TOTAL_CAP), ...(n > TOTAL_CAP ? { totalCapped: true as const } : {}), limit, offset };
    if (query.sort === 'relevance' && query.q) {
      const ids = await rankedIds(this.db, this.dialect, q, query.q, limit, offset);
      const rows = await this.joined(this.db.selectFrom('statements as s').where('s.id', 'in', ids.length ? ids : [''])).execute();
      const at = new Map(ids.map((id, i) => [id, i]));
      return { items: rows.sort((x, y) => at.get(x.id)! - at.get(y.id)!).map(toStatement), ...capped };
    }
    const order = query.order === 'desc' ? 'desc' : 'asc';
    let page: { q: SelectQueryBuilder<any, any, any>; offset: number } = { q, offset };
    // Full text: the best plan depends on the number of matches, which both planners misjudge. When the page lies
    // within the first 1% of many matches, walk the date index and keep what matches: a few hundred index entries
    // for a page of a common word. Else read every match and sort them, rather than walk the dates in search of
    // rare ones (300 matches of 1M statements took 27 ms walking in PostgreSQL, 0.8 ms sorting in SQLite).
    const walk = n > TOTAL_CAP || (offset + limit) * 100 <= n;
    // No filter at all (the home page): SQLite joins articles first and sorts every statement (100 ms at 69,000).
    const unfiltered = !query.q && !hasFilters(query);
    if (((query.q && walk && only) || unfiltered) && this.dialect === 'sqlite') {
      // SQLite's planner never walks the dates here by itself; PostgreSQL's does.
      const [index, key] = order === 'desc' ? ['statements_sort_date', 's.sort_date desc'] : ['statements_sort_date_asc', "coalesce(s.sort_date, '~')"];
      const words = query.q ? sql`where +s.rowid in (select rowid from statements_fts where statements_fts match ${ftsSearch(query.q)})` : sql``;
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
    const rows = await this.joined(page.q)
      .orderBy('s.sort_date', (o) => o[order]().nullsLast()).orderBy('s.article_id').orderBy('s.seq').limit(limit).offset(page.offset).execute();
    return { items: rows.map(toStatement), ...capped };
  }

  /** Statement rows with the article columns a page shows. */
  private joined(q: SelectQueryBuilder<any, any, any>) {
    return q.innerJoin('articles as a', 'a.id', 's.article_id').selectAll('s').select(['a.title as a_title', 'a.url as a_url', 'a.published as a_published']);
  }

  statementRows(raw: StatementQuery, options: { readonly batch?: number } = {}): AsyncIterable<ExportedStatement> {
    return statementRows(this.db, this.dialect, clean(raw), (key) => this.entityIds(key), options.batch);
  }

  /** A query's filters as a cache key: pages of one query share their counts. */
  private filterKey(query: StatementQuery): string {
    return json({ ...query, limit: undefined, offset: undefined, order: undefined });
  }

  // Facets and charts count every match (80,000 for a common word at 1M statements): once per generation.
  async statementCounts(raw: StatementQuery, by: CountBy, limit: number): Promise<StatementCounts> {
    const query = clean(raw);
    return this.cache.get(`facet:${by}:${limit}:${this.filterKey(query)}`, () => statementCounts(this.db, this.dialect, query, (key) => this.entityIds(key), by, limit));
  }

  async statementFacets(raw: StatementQuery, by: readonly CountBy[], limit: number): Promise<readonly StatementCounts[]> {
    const query = clean(raw);
    return this.cache.get(`facets:${json(by)}:${limit}:${this.filterKey(query)}`, () => statementFacets(this.db, this.dialect, query, (key) => this.entityIds(key), by, limit));
  }

  async statementVolume(raw: StatementQuery, request: VolumeRequest): Promise<StatementVolume> {
    const query = clean(raw);
    return this.cache.get(`volume:${json(request)}:${this.filterKey(query)}`, () =>
      statementVolume(this.db, this.dialect, query, (key) => this.entityIds(key), request, (by, limit) => this.statementCounts(query, by, limit)));
  }

  async statementGroups(raw: StatementQuery): Promise<Page<UtteranceGroup>> {
    const query = clean(raw);
    return statementGroups(this.db, this.dialect, query, (key) => this.entityIds(key),
      (compute) => this.cache.get(`groups:${query.order === 'asc'}:${this.filterKey(query)}`, compute), (id) => this.utterance(id));
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

  async outlets(): Promise<readonly OutletCount[]> {
    // Every search page offers the list: one grouping of the articles per generation.
    return this.cache.get('outlets', () => outletCounts(this.db));
  }

  async overview(): Promise<CorpusOverview> {
    return this.cache.get('overview', () => corpusOverview(this.db));
  }

  statementEntities(ids: readonly string[]): Promise<ReadonlyMap<string, StatementEntities>> {
    return statementEntities(this.db, ids.map(clean));
  }

  async stats() {
    const n = async (t: string) => Number((await this.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    // Counting 1M rows takes tens of ms and every unfiltered home page shows the totals.
    return this.cache.get('stats', async () => ({ articles: await n('articles'), statements: await n('statements'), entities: await n('kb_entities'), utterances: await n('utterances') }));
  }

  // Corrections (src/store/corrections.ts): each in one transaction, and a new generation after it.

  async statement(id: string): Promise<EditableStatement | undefined> { return editableStatement(this.db, clean(id)); }

  async entityEtag(id: string): Promise<string | undefined> { return entityEtagOf(this.db, clean(id)); }

  async correct(input: CorrectionInput, request: CorrectionRequest): Promise<Correction> {
    return this.written(this.db.transaction().execute((trx) => correct(trx, this.dialect, scrub(input), scrub(request))));
  }

  async undo(id: number, request: CorrectionRequest): Promise<Correction> {
    return this.written(this.db.transaction().execute((trx) => undo(trx, this.dialect, id, scrub(request))));
  }

  async corrections(query: CorrectionQuery): Promise<Page<Correction>> { return listCorrections(this.db, clean(query)); }

  async importCorrections(entries: readonly Correction[]): Promise<ReplaySummary> {
    return this.written(this.db.transaction().execute((trx) => importCorrections(trx, this.dialect, scrub(entries))));
  }

  private async written<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    await this.committed();
    return result;
  }
}
