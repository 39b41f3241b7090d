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
    const sqlite = new Database(options.file ?? 'onrecord.db');
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
    let q = this.db.selectFrom('articles').select('id').where('id', '=', id);
    if (version) q = q.where('version', '=', version);
    return !!(await q.executeTakeFirst());
  }

  async putArticle(record: ArticleRecord): Promise<PutOutcome> {
    const a = record.article;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom('articles').select(['version']).where('id', '=', a.id).executeTakeFirst();
        if (old && old.version === a.version) return 'unchanged' as const;
        if (old) await removeStatements(trx, a.id);
        await trx.deleteFrom('articles').where('id', '=', a.id).execute();
        await trx.insertInto('articles').values({
          id: a.id, version: a.version, text: a.text, url: a.url ?? null, title: a.title ?? null, outlet: a.outlet ?? null,
          authors: json(a.authors), published: a.published ?? null, language: a.language ?? null, source: a.source,
          entities: json(record.entities), statement_count: record.statements.length,
        }).execute();
        const kbIds = new Map<string, string>();
        for (const e of record.entities) kbIds.set(e.id, await resolveEntity(trx, e, a.published));
        let seq = 0;
        for (const s of record.statements) await insertStatement(trx, a, s, seq++, kbIds, record.entities);
        return old ? 'new-version' as const : 'stored' as const;
      });
    } catch (error) {
      throw new OnrecordError('ONR_ERR_STORE', `cannot store article ${a.id} (${a.source}): ${(error as Error).message}`);
    }
  }

  async statements(query: StatementQuery): Promise<Page<StoredStatement>> {
    const { limit, offset } = pageOf(query);
    let q = this.db.selectFrom('statements as s').innerJoin('articles as a', 'a.id', 's.article_id');
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
    const order = query.order ?? 'asc';
    const rows = await q.selectAll('s').select(['a.title as a_title', 'a.url as a_url', 'a.published as a_published'])
      .orderBy('s.sort_date', order).orderBy('s.article_id').orderBy('s.seq').limit(limit).offset(offset).execute();
    return { items: rows.map(toStatement), total, limit, offset };
  }

  /** KB ids for an id, name or alias. */
  private async entityIds(key: string): Promise<string[]> {
    const rows = await this.db.selectFrom('aliases').select('entity_id').where('norm', '=', normName(key)).execute();
    const ids = new Set(rows.map((r) => r.entity_id as string));
    if (await this.db.selectFrom('kb_entities').select('id').where('id', '=', key).executeTakeFirst()) ids.add(key);
    return [...ids];
  }

  async entities(query: EntityQuery): Promise<Page<KbEntity>> {
    const { limit, offset } = pageOf(query);
    let q = this.db.selectFrom('kb_entities as e');
    if (query.type) q = q.where('e.type', '=', query.type);
    if (query.q) q = q.where('e.id', 'in', this.db.selectFrom('aliases').select('entity_id').where('norm', 'like', `${normName(query.q).replace(/[%_]/g, '')}%`));
    if (query.speakersOnly) q = q.where('e.id', 'in', this.db.selectFrom('statements').select('speaker_kb_id').where('speaker_kb_id', 'is not', null));
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll('e').orderBy('e.name').orderBy('e.id').limit(limit).offset(offset).execute();
    return { items: await Promise.all(rows.map((r) => this.kbEntity(r))), total, limit, offset };
  }

  async entity(id: string): Promise<KbEntity | undefined> {
    const row = await this.db.selectFrom('kb_entities').selectAll().where('id', '=', id).executeTakeFirst();
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

  async articles(query: PageRequest & { readonly outlet?: string }): Promise<Page<ArticleSummary>> {
    const { limit, offset } = pageOf(query);
    let q = this.db.selectFrom('articles');
    if (query.outlet) q = q.where(sql`lower(outlet)`, '=', query.outlet.toLowerCase());
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.select(['id', 'version', 'title', 'outlet', 'url', 'published', 'statement_count'])
      .orderBy('published', 'desc').orderBy('id').limit(limit).offset(offset).execute();
    return {
      items: rows.map((r) => ({ kind: 'article-summary' as const, id: r.id, version: r.version, ...opt({ title: r.title, outlet: r.outlet, url: r.url, published: r.published }), statementCount: Number(r.statement_count) })),
      total, limit, offset,
    };
  }

  async article(id: string): Promise<StoredArticle | undefined> {
    const r = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const article: Article = {
      kind: 'article', id: r.id, version: r.version, text: r.text, authors: JSON.parse(r.authors), source: r.source,
      ...opt({ url: r.url, title: r.title, outlet: r.outlet, published: r.published, language: r.language }),
    };
    const statements = await this.statements({ articleId: id, limit: MAX_LIMIT });
    return { kind: 'stored-article', article, statements: statements.items, entities: JSON.parse(r.entities) as Entity[] };
  }

  async utterance(id: string): Promise<Utterance | undefined> {
    const u = await this.db.selectFrom('utterances').selectAll().where('id', '=', id).executeTakeFirst();
    if (!u) return undefined;
    const rows = await this.db.selectFrom('statements as s').innerJoin('articles as a', 'a.id', 's.article_id')
      .select(['s.id', 's.article_id', 's.outlet', 'a.url', 'a.published', 's.via', 's.text', 's.speaker_name'])
      .where('s.utterance_id', '=', id).orderBy('a.published').orderBy('s.article_id').execute();
    const kbId: string | null = u.speaker_kb_id?.startsWith('k') ? u.speaker_kb_id : null;
    const name = kbId ? (await this.db.selectFrom('kb_entities').select('name').where('id', '=', kbId).executeTakeFirst())?.name : rows[0]?.speaker_name;
    const reports = rows.map((r) => ({ statementId: r.id, articleId: r.article_id, text: r.text, ...opt({ outlet: r.outlet, url: r.url, published: r.published, via: r.via }) }));
    const first = reports.map((r) => r.published).filter(Boolean).sort()[0];
    return { kind: 'utterance', id, text: longest(rows.map((r) => r.text as string)) ?? u.text, speakerKbId: kbId, speakerName: name ?? null, ...(first ? { firstReported: first } : {}), reports };
  }

  async utterances(query: PageRequest & { readonly speaker?: string; readonly minReports?: number }): Promise<Page<Utterance>> {
    const { limit, offset } = pageOf(query);
    let q = this.db.selectFrom('statements').select('utterance_id').groupBy('utterance_id');
    if (query.speaker) {
      const ids = await this.entityIds(query.speaker);
      q = q.where('speaker_kb_id', 'in', ids.length ? ids : ['']);
    }
    if (query.minReports && query.minReports > 1) q = q.having(sql`count(*)`, '>=', query.minReports);
    const all = await q.select(sql<string>`min(sort_date)`.as('d')).orderBy('d').orderBy('utterance_id').execute();
    const items = [];
    for (const r of all.slice(offset, offset + limit)) items.push((await this.utterance(r.utterance_id))!);
    return { items, total: all.length, limit, offset };
  }

  async stats() {
    const n = async (t: string) => Number((await this.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return { articles: await n('articles'), statements: await n('statements'), entities: await n('kb_entities'), utterances: await n('utterances') };
  }
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
  await trx.deleteFrom('statement_entities').where('statement_id', 'in', ids).execute();
  await trx.deleteFrom('statements').where('article_id', '=', articleId).execute();
  // Utterances left without any report go too.
  await trx.deleteFrom('utterances').where('id', 'not in', trx.selectFrom('statements').select('utterance_id')).execute();
}

// ---------------------------------------------------------------------------
// Cross-article identity.

function surnameOf(name: string): string | null {
  const words = normName(name).split(' ').filter(Boolean);
  return words.length >= 2 ? words[words.length - 1]! : null;
}

async function resolveEntity(trx: Transaction<any>, e: Entity, published?: string): Promise<string> {
  const named = !e.unnamed;
  const names = [e.name, ...e.aliases].filter((n) => n.trim());
  const full = names.filter((n) => normName(n).includes(' ') || !named);
  let id: string | undefined;
  // A full name (two words or more) matching a known alias of the same type is the same entity.
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
  if (unnamedRole && unnamedRole !== id) await mergeInto(trx, unnamedRole, id);
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

async function insertStatement(trx: Transaction<any>, a: Article, s: Statement, seq: number, kbIds: Map<string, string>, entities: readonly Entity[]): Promise<void> {
  const speakerKb = s.speaker?.entityId ? kbIds.get(s.speaker.entityId) ?? null : null;
  const utteranceId = await findUtterance(trx, s.text, speakerKb, s.speaker?.name ?? null);
  const id = 's' + hash(a.id, a.version, String(seq));
  await trx.insertInto('statements').values({
    id, article_id: a.id, seq, type: s.type, text: s.text, start_pos: s.start, end_pos: s.end,
    speaker_name: s.speaker?.name ?? null, speaker_mention: s.speaker?.mention ?? null, speaker_local: s.speaker?.entityId ?? null,
    speaker_kb_id: speakerKb, cue: s.cue, addressee: s.addressee ?? null, via: s.via ?? null, date: s.date ?? null, place: s.place ?? null,
    sort_date: s.date ?? a.published?.slice(0, 10) ?? null, outlet: a.outlet ?? null, utterance_id: utteranceId,
  }).execute();
  const mentioned = new Set<string>();
  for (const e of entities) {
    if (e.id === s.speaker?.entityId) continue;
    if (e.mentions.some((m) => m.start >= s.start && m.end <= s.end)) mentioned.add(kbIds.get(e.id)!);
  }
  for (const kb of mentioned) await trx.insertInto('statement_entities').values({ statement_id: id, entity_id: kb }).execute();
}

/** Same speaker, same words (after normalising), or one contains the other: the same utterance. */
async function findUtterance(trx: Transaction<any>, text: string, speakerKb: string | null, speakerName: string | null): Promise<string> {
  const words = quoteWords(text);
  const speakerKey = speakerKb ?? (speakerName ? 'name:' + normName(speakerName) : 'none');
  const candidates = await trx.selectFrom('utterances').select(['id', 'text']).where('speaker_kb_id', '=', speakerKey).limit(200).execute();
  for (const c of candidates) {
    const cw = quoteWords(c.text);
    if (words.length >= 20 && cw.length >= 20 && (cw.includes(words) || words.includes(cw))) return c.id;
    if (cw === words) return c.id;
  }
  const id = 'u' + hash(speakerKey, words, String(Date.now()), String(Math.random()));
  await trx.insertInto('utterances').values({ id, speaker_kb_id: speakerKey, fingerprint: fingerprint(words), text }).execute();
  return id;
}
