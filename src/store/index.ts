import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import { OnrecordError } from '../errors.js';
import type {
  Article, ArticleRecord, ArticleSummary, DatedRole, Entity, EntityQuery, KbEntity, Page, PageRequest,
  PutOutcome, Statement, StatementQuery, Store, StoredArticle, StoredStatement, Utterance,
} from '../types.js';
import { migrationProvider } from './schema.js';

/** Largest page any query returns, so one request cannot pull the whole record. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 50;

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
  let db: Db;
  if (postgres) {
    const pool = new pg.Pool({ connectionString: url, max: 10, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
    if (options.schema) {
      const client = await pool.connect();
      try { await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`); } finally { client.release(); }
    }
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  } else {
    const file = options.file ?? 'onrecord.db';
    let sqlite: Database.Database;
    try { sqlite = new Database(file); } catch (error) {
      throw new OnrecordError('ONR_ERR_STORE', `cannot open ${file}: ${(error as Error).message}`);
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const { error } = await new Migrator({ db, provider: migrationProvider(postgres ? 'postgres' : 'sqlite', options.migrateTo), ...(postgres && options.schema ? { migrationTableSchema: options.schema } : {}) }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new OnrecordError('ONR_ERR_MIGRATION', `cannot migrate the store: ${(error as Error).message ?? error}`);
  }
  return new KyselyStore(db, postgres ? 'postgres' : 'sqlite');
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

class KyselyStore implements Store {
  constructor(private readonly db: Db, readonly dialect: 'sqlite' | 'postgres') {}

  async close(): Promise<void> { await this.db.destroy(); }

  async hasArticle(id: string, version?: string): Promise<boolean> {
    let q = this.db.selectFrom('articles').select('id').where('id', '=', clean(id));
    if (version) q = q.where('version', '=', version);
    return !!(await q.executeTakeFirst());
  }

  async putArticle(record: ArticleRecord): Promise<PutOutcome> {
    const a = record.article;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('articles').select(['version']).where('id', '=', a.id).executeTakeFirst();
        if (old && old.version === a.version) return 'unchanged' as const;
        if (this.dialect === 'postgres') await lockIdentities(trx, record);
        if (old) await removeStatements(trx, a.id);
        await trx.deleteFrom('articles').where('id', '=', a.id).execute();
        await trx.insertInto('articles').values({
          id: a.id, version: a.version, text: a.text, url: a.url ?? null, title: a.title ?? null, outlet: a.outlet ?? null,
          authors: json(a.authors), published: a.published ?? null, language: a.language ?? null, source: a.source,
          entities: json(record.entities), statement_count: record.statements.length,
        }).execute();
        const kbIds = new Map<string, string>();
        const merged = new Map<string, string>();
        for (const e of withRoleAffiliations(record.entities)) kbIds.set(e.id, await resolveEntity(trx, e, merged, a.published));
        // An entity resolved to an unnamed one that a later entity of this article then named follows the merge.
        for (const [local, kb] of kbIds) kbIds.set(local, merged.get(kb) ?? kb);
        let seq = 0;
        for (const s of record.statements) await insertStatement(trx, this.dialect, a, s, seq++, kbIds, record.entities);
        return old ? 'new-version' as const : 'stored' as const;
      });
    } catch (error) {
      throw new OnrecordError('ONR_ERR_STORE', `cannot store article ${a.id} (${a.source}): ${(error as Error).message}`);
    }
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
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const order = query.order === 'desc' ? 'desc' : 'asc';
    // Undated statements go last either way (SQLite and PostgreSQL disagree on where NULL sorts by default).
    const rows = await q.innerJoin('articles as a', 'a.id', 's.article_id').selectAll('s').select(['a.title as a_title', 'a.url as a_url', 'a.published as a_published'])
      .orderBy('s.sort_date', (o) => o[order]().nullsLast()).orderBy('s.article_id').orderBy('s.seq').limit(limit).offset(offset).execute();
    return { items: rows.map(toStatement), total, limit, offset };
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
    let q = this.db.selectFrom('kb_entities as e');
    if (query.type) q = q.where('e.type', '=', query.type);
    if (query.q !== undefined) {
      // normName keeps letters and digits only, so LIKE wildcards in the input are gone; nothing left matches nothing.
      const norm = normName(query.q);
      q = norm ? q.where('e.id', 'in', this.db.selectFrom('aliases').select('entity_id').where('norm', 'like', `${norm}%`)) : q.where(sql<boolean>`1 = 0`);
    }
    if (query.speakersOnly) q = q.where('e.id', 'in', this.db.selectFrom('statements').select('speaker_kb_id').where('speaker_kb_id', 'is not', null));
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll('e').orderBy('e.name').orderBy('e.id').limit(limit).offset(offset).execute();
    return { items: await Promise.all(rows.map((r) => this.kbEntity(r))), total, limit, offset };
  }

  async entity(id: string): Promise<KbEntity | undefined> {
    const row = await this.db.selectFrom('kb_entities').selectAll().where('id', '=', clean(id)).executeTakeFirst();
    return row ? this.kbEntity(row) : undefined;
  }

  private async kbEntity(r: any): Promise<KbEntity> {
    const aliases = await this.db.selectFrom('aliases').select('alias').where('entity_id', '=', r.id).orderBy('alias').execute();
    const counts = await this.db.selectFrom('statements').select([sql<number>`count(*)`.as('n'), sql<number>`count(distinct article_id)`.as('a')])
      .where('speaker_kb_id', '=', r.id).executeTakeFirstOrThrow();
    return {
      kind: 'kb-entity', id: r.id, type: r.type, name: r.name,
      aliases: [...new Set(aliases.map((x) => x.alias as string))].filter((x) => x !== r.name),
      roles: JSON.parse(r.roles) as DatedRole[], ...(r.unnamed ? { unnamed: true } : {}),
      statementCount: Number(counts.n), articleCount: Number(counts.a),
    };
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
    const all = await q.select(sql<string>`min(sort_date)`.as('d')).orderBy('d', (o) => o.asc().nullsLast()).orderBy('utterance_id').execute();
    const items = [];
    for (const r of all.slice(offset, offset + limit)) items.push((await this.utterance(r.utterance_id))!);
    return { items, total: all.length, limit, offset };
  }

  async stats() {
    const n = async (t: string) => Number((await this.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return { articles: await n('articles'), statements: await n('statements'), entities: await n('kb_entities'), utterances: await n('utterances') };
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

async function removeStatements(trx: Transaction<any>, articleId: string): Promise<void> {
  const ids = trx.selectFrom('statements').select('id').where('article_id', '=', articleId);
  const touched = (await trx.selectFrom('statements').select('utterance_id').where('article_id', '=', articleId).execute()).map((r) => r.utterance_id as string);
  await trx.deleteFrom('statement_entities').where('statement_id', 'in', ids).execute();
  await trx.deleteFrom('statements').where('article_id', '=', articleId).execute();
  // Its utterances left without any report go too (only these: a scan of every utterance would grow with the store).
  for (const u of new Set(touched)) {
    await trx.deleteFrom('utterances').where('id', '=', u)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('statements').select('id').where('utterance_id', '=', u)))).execute();
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
  for (const key of [...keys].sort((x, y) => x - y)) await sql`select pg_advisory_xact_lock(7411, ${key})`.execute(trx);
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

async function resolveEntity(trx: Transaction<any>, e: Entity, merged: Map<string, string>, published?: string): Promise<string> {
  const named = !e.unnamed;
  const names = [e.name, ...e.aliases].filter((n) => n.trim());
  // A person's one-word name is a bare surname; places and organisations are often one word ("Korvania").
  const full = names.filter((n) => normName(n).includes(' ') || !named || e.type !== 'person');
  let id: string | undefined;
  // A full name matching a known alias of the same type is the same entity.
  for (const n of named ? full : [e.name]) {
    const hit = await trx.selectFrom('aliases as x').innerJoin('kb_entities as k', 'k.id', 'x.entity_id')
      .select('k.id').where('x.norm', '=', normName(n)).where('k.type', '=', e.type).where('k.unnamed', '=', named ? 0 : 1).limit(2).execute();
    if (hit.length === 1) { id = hit[0]!.id; break; }
  }
  // A surname alone joins a person only when exactly one known person has that surname.
  if (!id && named && e.type === 'person' && !normName(e.name).includes(' ')) {
    const hit = await trx.selectFrom('kb_entities').select('id').where('type', '=', 'person').where('surname', '=', normName(e.name)).limit(2).execute();
    if (hit.length === 1) id = hit[0]!.id;
  }
  // An unnamed role speaker ("Estonia's foreign minister") that this article names resolves to the person.
  let unnamedRole: string | undefined;
  if (named && e.type === 'person' && e.role) {
    const desc = e.affiliation ? `${e.affiliation} ${e.role}` : e.role;
    const hit = await trx.selectFrom('aliases as x').innerJoin('kb_entities as k', 'k.id', 'x.entity_id')
      .select('k.id').where('x.norm', '=', normName(desc)).where('k.unnamed', '=', 1).limit(2).execute();
    if (hit.length === 1) unnamedRole = hit[0]!.id;
  }
  if (!id) {
    id = 'k' + hash(e.type, normName(e.name), named ? '' : 'unnamed', String(Date.now()), String(Math.random()));
    await trx.insertInto('kb_entities').values({ id, type: e.type, name: e.name, surname: named && e.type === 'person' ? surnameOf(e.name) : null, unnamed: named ? 0 : 1, roles: '[]' }).execute();
  } else if (named) {
    const cur = await trx.selectFrom('kb_entities').select(['name', 'surname']).where('id', '=', id).executeTakeFirstOrThrow();
    if (normName(e.name).split(' ').length > normName(cur.name).split(' ').length) {
      await trx.updateTable('kb_entities').set({ name: e.name, surname: e.type === 'person' ? surnameOf(e.name) : null }).where('id', '=', id).execute();
    }
  }
  const aliases = new Set(names);
  if (unnamedRole && unnamedRole !== id) {
    await mergeInto(trx, unnamedRole, id);
    merged.set(unnamedRole, id);
  }
  if (named && e.type === 'person' && e.role) aliases.add(e.affiliation ? `${e.affiliation} ${e.role}` : e.role);
  for (const alias of aliases) {
    if (!normName(alias)) continue;
    if (named && e.role && alias === (e.affiliation ? `${e.affiliation} ${e.role}` : e.role)) continue;
    await upsertAlias(trx, normName(alias), id, alias);
  }
  if (e.role) await addRole(trx, id, e.affiliation ? `${e.role}, ${e.affiliation}` : e.role, published);
  return id;
}

async function upsertAlias(trx: Transaction<any>, norm: string, id: string, alias: string): Promise<void> {
  await trx.insertInto('aliases').values({ norm, entity_id: id, alias }).onConflict((oc) => oc.columns(['norm', 'entity_id']).doNothing()).execute();
}

async function addRole(trx: Transaction<any>, id: string, role: string, date?: string): Promise<void> {
  const row = await trx.selectFrom('kb_entities').select('roles').where('id', '=', id).executeTakeFirstOrThrow();
  const roles = JSON.parse(row.roles) as DatedRole[];
  const day = date?.slice(0, 10);
  const i = roles.findIndex((r) => r.role.toLowerCase() === role.toLowerCase());
  if (i < 0) roles.push({ role, ...(day ? { first: day, last: day } : {}) });
  else if (day) {
    const r = roles[i]!;
    roles[i] = { role: r.role, first: !r.first || day < r.first ? day : r.first, last: !r.last || day > r.last ? day : r.last };
  }
  await trx.updateTable('kb_entities').set({ roles: json(roles) }).where('id', '=', id).execute();
}

/** Moves everything of `from` (an unnamed role entity) onto `to`, then drops it. */
async function mergeInto(trx: Transaction<any>, from: string, to: string): Promise<void> {
  await trx.updateTable('statements').set({ speaker_kb_id: to }).where('speaker_kb_id', '=', from).execute();
  await trx.updateTable('utterances').set({ speaker_kb_id: to }).where('speaker_kb_id', '=', from).execute();
  const links = await trx.selectFrom('statement_entities').select('statement_id').where('entity_id', '=', from).execute();
  await trx.deleteFrom('statement_entities').where('entity_id', '=', from).execute();
  for (const l of links) {
    await trx.insertInto('statement_entities').values({ statement_id: l.statement_id, entity_id: to }).onConflict((oc) => oc.columns(['statement_id', 'entity_id']).doNothing()).execute();
  }
  const aliases = await trx.selectFrom('aliases').selectAll().where('entity_id', '=', from).execute();
  await trx.deleteFrom('aliases').where('entity_id', '=', from).execute();
  for (const a of aliases) await upsertAlias(trx, a.norm, to, a.alias);
  const roles = JSON.parse((await trx.selectFrom('kb_entities').select('roles').where('id', '=', from).executeTakeFirstOrThrow()).roles) as DatedRole[];
  await trx.deleteFrom('kb_entities').where('id', '=', from).execute();
  for (const r of roles) {
    if (r.first) await addRole(trx, to, r.role, r.first);
    if (r.last) await addRole(trx, to, r.role, r.last);
    if (!r.first) await addRole(trx, to, r.role);
  }
}

// ---------------------------------------------------------------------------
// Statements and utterances.

async function insertStatement(trx: Transaction<any>, dialect: Store['dialect'], a: Article, s: Statement, seq: number, kbIds: Map<string, string>, entities: readonly Entity[]): Promise<void> {
  const speakerKb = s.speaker?.entityId ? kbIds.get(s.speaker.entityId) ?? null : null;
  const sortDate = s.date ?? a.published?.slice(0, 10) ?? null;
  const utteranceId = await findUtterance(trx, dialect, s, sortDate, speakerKb);
  const id = 's' + hash(a.id, a.version, String(seq));
  await trx.insertInto('statements').values({
    id, article_id: a.id, seq, type: s.type, text: s.text, start_pos: s.start, end_pos: s.end,
    speaker_name: s.speaker?.name ?? null, speaker_mention: s.speaker?.mention ?? null, speaker_local: s.speaker?.entityId ?? null,
    speaker_kb_id: speakerKb, cue: s.cue, addressee: s.addressee ?? null, via: s.via ?? null, date: s.date ?? null, place: s.place ?? null,
    sort_date: sortDate, outlet: a.outlet ?? null, utterance_id: utteranceId,
  }).execute();
  const mentioned = new Set<string>();
  for (const e of entities) {
    if (e.id === s.speaker?.entityId) continue;
    if (e.mentions.some((m) => m.start >= s.start && m.end <= s.end)) mentioned.add(kbIds.get(e.id)!);
  }
  for (const kb of mentioned) await trx.insertInto('statement_entities').values({ statement_id: id, entity_id: kb }).execute();
}

/** Same speaker, same words (after normalising), or one contains the other: the same utterance. */
async function findUtterance(trx: Transaction<any>, dialect: Store['dialect'], s: Statement, sortDate: string | null, speakerKb: string | null): Promise<string> {
  const text = s.text;
  const words = quoteWords(text);
  const speakerKey = speakerKb ?? (s.speaker?.name ? 'name:' + normName(s.speaker.name) : 'none');
  const list = words.split(' ');
  const fp = fingerprint(words);
  // Indexed: a known quote that starts where this one starts, or anywhere inside it (its fingerprint is one of our 6-word windows).
  const windows = list.length <= 6 ? [fp] : [...new Set(list.slice(0, -5).map((_, i) => list.slice(i, i + 6).join(' ')))];
  const inside = await trx.selectFrom('utterances').select(['id', 'text'])
    .where('speaker_kb_id', '=', speakerKey).where('fingerprint', 'in', windows).limit(100).execute();
  let hit = inside.find((c) => sameQuote(words, quoteWords(c.text)))?.id;
  // A known longer quote this one was cut from. One that looks cut ("... the bridge", "[the] bridge", "bridge"):
  // full text finds the speaker's reports holding its longest words, at any date.
  const direct = s.type === 'direct' && words.length >= 20;
  if (!hit && direct && CUT_START.test(text)) {
    const rare = [...new Set(list)].sort((x, y) => y.length - x.length).slice(0, 4).join(' ');
    const q = trx.selectFrom('statements as s').innerJoin('utterances as u', 'u.id', 's.utterance_id')
      .select(['s.utterance_id as id', 's.text']).where('u.speaker_kb_id', '=', speakerKey);
    const found = await (dialect === 'postgres'
      ? q.where(sql<boolean>`s.tsv @@ plainto_tsquery('english', ${rare})`)
      : q.where(sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(rare)})`)).limit(100).execute();
    hit = found.find((c) => sameQuote(words, quoteWords(c.text)))?.id;
  } else if (!hit && direct && speakerKb && sortDate) {
    // Else one cut at a sentence ("People are angry" from "Nobody asked. People are angry"): the speaker's
    // reports within a month either side (indexed); outlets carry a quote within days, and searching every
    // quote by full text would double the cost of storing an article.
    const day = Date.parse(sortDate.slice(0, 10));
    const around = (days: number) => Number.isNaN(day) ? sortDate : new Date(day + days * 86_400_000).toISOString().slice(0, 10);
    const found = await trx.selectFrom('statements').select(['utterance_id as id', 'text']).where('speaker_kb_id', '=', speakerKb)
      .where('sort_date', '>=', around(-31)).where('sort_date', '<=', around(31) + '\uffff').orderBy('sort_date', 'desc').limit(200).execute();
    hit = found.find((c) => sameQuote(words, quoteWords(c.text)))?.id;
  }
  if (hit) return hit;
  const id = 'u' + hash(speakerKey, words, String(Date.now()), String(Math.random()));
  await trx.insertInto('utterances').values({ id, speaker_kb_id: speakerKey, fingerprint: fp, text }).execute();
  return id;
}

/** A direct quote that opens with an ellipsis, a bracket or a lower-case word was likely cut from a longer one. */
const CUT_START = /^[\s"'“‘]*(\.\.\.|…|\[|\p{Ll})/u;

/** Equal words, or (for quotes of 20 characters or more) one inside the other. */
function sameQuote(a: string, b: string): boolean {
  return a === b || (a.length >= 20 && b.length >= 20 && (a.includes(b) || b.includes(a)));
}
