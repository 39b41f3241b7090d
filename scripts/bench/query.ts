/**
 * Store query latency over ~1,000,000 stored statements (BENCH_QUERY_STATEMENTS
 * for quick tries), on a fresh SQLite file and a fresh PostgreSQL database:
 * a speaker query, a full-text query, and speaker + words + date range, each
 * through the store's own `statements()`; then the search language (phrase, OR,
 * exclusion, prefix), best match first, and an outlet prefix with words.
 * Target: p95 < 50 ms. BENCH_QUERY_KINDS=q,q-syntax runs only those kinds.
 *
 * The rows are bulk-loaded straight into the store's tables (the schema comes
 * from the store's migrations) with realistic shapes: 5,000 speakers drawn
 * with a Zipf law (a few people say a lot), ~10 statements per article,
 * articles over ten years, words drawn with a Zipf law from 20,000 words, about
 * one quote in ten reported by several outlets. PostgreSQL comes from
 * TEST_DATABASE_URL or DATABASE_URL (a new database is created there and
 * dropped at the end); without one that part is skipped with the reason.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { normName, openStore } from '../../src/store/index.js';
import type { StatementQuery, Store } from '../../src/types.js';
import { prng } from '../corpus.js';
import { median, percentile, round, RUNS } from './measure.js';

export const name = 'query';
export const TARGET_P95_MS = 50;

const STATEMENTS = Number(process.env.BENCH_QUERY_STATEMENTS ?? 1_000_000);
/** How much to generate: the load bench (scripts/bench/load.ts) builds a smaller store of longer articles. */
export interface Shape {
  readonly statements: number;
  readonly perArticle: number;
}
const SHAPE: Shape = { statements: STATEMENTS, perArticle: 10 };
export const SPEAKERS = 5000;
const ORGS = 500;
export const VOCAB = 20_000;
const BATCH_ARTICLES = 1000;
const QUERIES = 100; // per kind and round

// ---------------------------------------------------------------------------
// Synthetic, fictional data (deterministic).

/** Sampler for ranks 0..n-1 with P(rank) ∝ 1 / (rank + 1)^s. */
export function zipf(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1) ** s;
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const COMMON = (`the we will not be a to of and in that is for it on this with have our are they has was by people
council bridge harbour government minister city budget plan money year week vote police school water years time today
safe public new more work build told every report nobody families town ferry rail housing contract election weather
port tax jobs health road mayor party court union workers strike schools hospital energy prices trade talks deal
river floods coast storm fishing village museum market tram farmers teachers nurses doctors students children`).split(/\s+/);
const SYL = ['ka', 'lo', 'mer', 'vin', 'tas', 'ro', 'de', 'sul', 'an', 'pre', 'fo', 'ber', 'li', 'no', 'gar', 'tel', 'u', 'mis', 'ha', 'dro'];

/** Common words first (they get the high Zipf ranks), then made-up words for the long tail. */
export const WORDS: string[] = [...COMMON];
for (let i = 0; WORDS.length < VOCAB; i++) {
  const w = [i % 20, Math.floor(i / 20) % 20, Math.floor(i / 400) % 20, Math.floor(i / 8000)].map((k, j) => (j < 3 || k ? SYL[k % 20] : '')).join('');
  WORDS.push(w);
}

const GIVEN = ['Ilse', 'Oskar', 'Ada', 'Rune', 'Mila', 'Teodor', 'Greta', 'Anselm', 'Marta', 'Jonas', 'Lena', 'Piet', 'Sanne', 'Edda',
  'Tobias', 'Vera', 'Henrik', 'Nadia', 'Felix', 'Ines', 'Bram', 'Cora', 'Emil', 'Hana', 'Lukas', 'Rosa', 'Stellan', 'Yara', 'Maren', 'Kasimir'];
const SUR_HEAD = ['Varn', 'Blask', 'Oster', 'Quel', 'Vesk', 'Jorv', 'Ilm', 'Graw', 'Fenn', 'Tarr', 'Mord', 'Skel', 'Brun', 'Hald', 'Orv', 'Zell'];
const SUR_TAIL = ['holt', 'ovic', 'by', 'mere', 'wick', 'stad', 'quist', 'ane', 'ard', 'essen', 'ingham', 'ow'];
const TOWNS = ['Dunmere', 'Korvania', 'Tessel', 'Brannock', 'Estravia', 'Velmora', 'Quarnholm', 'Saltreach', 'Ormsby', 'Haldane'];
const PAPERS = ['Gazette', 'Herald', 'Wire', 'Daily', 'Courier', 'Evening Post'];
const OUTLETS = TOWNS.flatMap((t) => PAPERS.map((p) => `${t} ${p}`));

/** Unique fictional names: every given name with every made-up surname before any repeats. */
export function personName(i: number): string {
  const sur = Math.floor(i / GIVEN.length);
  return `${GIVEN[i % GIVEN.length]} ${SUR_HEAD[sur % SUR_HEAD.length]}${SUR_TAIL[Math.floor(sur / SUR_HEAD.length) % SUR_TAIL.length]}${sur >= SUR_HEAD.length * SUR_TAIL.length ? ` ${sur}` : ''}`;
}
export const kbId = (i: number): string => `k${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}${i}`;
const DAY0 = Date.UTC(2016, 0, 1);
const DAYS = 3653;
const day = (d: number): string => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10);

interface Batch {
  articles: unknown[][];
  statements: unknown[][];
  utterances: unknown[][];
  mentions: unknown[][];
}

/** Column order of the rows in a Batch, per table. */
const COLUMNS = {
  articles: ['id', 'version', 'text', 'url', 'title', 'outlet', 'authors', 'published', 'language', 'source', 'entities', 'statement_count'],
  statements: ['id', 'article_id', 'seq', 'type', 'text', 'start_pos', 'end_pos', 'speaker_name', 'speaker_mention', 'speaker_local',
    'speaker_kb_id', 'cue', 'addressee', 'via', 'date', 'place', 'sort_date', 'outlet', 'utterance_id'],
  utterances: ['id', 'speaker_kb_id', 'fingerprint', 'text'],
  mentions: ['statement_id', 'entity_id'],
} as const;

const TABLE = { articles: 'articles', statements: 'statements', utterances: 'utterances', mentions: 'statement_entities' } as const;

function* batches({ statements: STATEMENTS, perArticle: PER_ARTICLE }: Shape): Generator<Batch> {
  const rnd = prng(42);
  const speaker = zipf(SPEAKERS, 0.8, rnd);
  const word = zipf(VOCAB, 1, rnd);
  const mentioned = zipf(SPEAKERS + ORGS, 0.9, rnd);
  // 64 random bits (two 32-bit draws), so a million ids do not collide; hash-like, as the store's ids are.
  const h32 = (): string => Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0');
  const hex = (): string => h32() + h32();
  const sentence = (lo: number, hi: number): string => {
    const n = lo + Math.floor(rnd() * (hi - lo));
    const ws = Array.from({ length: n }, () => WORDS[word()]!);
    return ws.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  // Recent quotes per speaker, so some are carried again by other outlets (one utterance, several reports).
  const recent = new Map<number, { id: string; text: string }>();
  const articles = Math.ceil(STATEMENTS / PER_ARTICLE);
  for (let a0 = 0; a0 < articles; a0 += BATCH_ARTICLES) {
    const b: Batch = { articles: [], statements: [], utterances: [], mentions: [] };
    for (let a = a0; a < Math.min(articles, a0 + BATCH_ARTICLES); a++) {
      const id = `https://news.example/${a % 97}/story-${a}-${hex()}`;
      const published = day(Math.floor(rnd() * DAYS));
      const outlet = OUTLETS[Math.floor(rnd() * OUTLETS.length)]!;
      const texts: string[] = [];
      const n = Math.min(PER_ARTICLE, STATEMENTS - a * PER_ARTICLE);
      for (let seq = 0; seq < n; seq++) {
        const spk = rnd() < 0.05 ? -1 : speaker();
        const pos = texts.join(' ').length;
        let u = spk >= 0 && rnd() < 0.1 ? recent.get(spk) : undefined;
        if (!u) {
          u = { id: 'u' + hex(), text: sentence(8, 40) };
          b.utterances.push([u.id, spk >= 0 ? kbId(spk) : 'none', u.text.toLowerCase().split(' ').slice(0, 6).join(' '), u.text]);
          if (spk >= 0) recent.set(spk, u);
        }
        texts.push(u.text);
        const sid = 's' + hex();
        const who = spk >= 0 ? personName(spk) : null;
        b.statements.push([sid, id, seq, rnd() < 0.7 ? 'direct' : 'indirect', u.text, pos, pos + u.text.length, who, who, spk >= 0 ? 'e1' : null,
          spk >= 0 ? kbId(spk) : null, 'say', null, rnd() < 0.05 ? 'Northern Wire' : null, null, rnd() < 0.2 ? TOWNS[Math.floor(rnd() * TOWNS.length)] : null,
          published, outlet, u.id]);
        for (let m = rnd() < 0.4 ? 1 + Math.floor(rnd() * 2) : 0; m > 0; m--) {
          const e = mentioned();
          if (e !== spk) b.mentions.push([sid, kbId(e)]);
        }
      }
      texts.push(sentence(60, 120)); // narrative around the quotes, so article rows have a realistic size
      b.articles.push([id, 'sha256:' + hex(), texts.join('\n\n'), id, `Story ${a}`, outlet, '[]', published, 'en', `bench#${a}`, '[]', n]);
    }
    // Statement (entity, mention) pairs can repeat within a statement; keep each once.
    b.mentions = [...new Map(b.mentions.map((r) => [`${r[0]}|${r[1]}`, r])).values()];
    yield b;
  }
}

function entityRows(): { entities: unknown[][]; aliases: unknown[][] } {
  const entities: unknown[][] = [];
  const aliases: unknown[][] = [];
  for (let i = 0; i < SPEAKERS + ORGS; i++) {
    const person = i < SPEAKERS;
    const nm = person ? personName(i) : `${TOWNS[i % TOWNS.length]} ${['Harbour Authority', 'Council', 'Rail', 'Union', 'University'][i % 5]} ${i}`;
    const surname = person ? normName(nm).split(' ').pop()! : null;
    entities.push([kbId(i), person ? 'person' : 'organization', nm, surname, 0, '[]']);
    aliases.push([normName(nm), kbId(i), nm]);
    if (surname && i % 3 === 0) aliases.push([surname, kbId(i), nm.split(' ').pop()]);
  }
  return { entities, aliases };
}
const ENTITY_COLUMNS = { kb_entities: ['id', 'type', 'name', 'surname', 'unnamed', 'roles'], aliases: ['norm', 'entity_id', 'alias'] } as const;

// ---------------------------------------------------------------------------
// Bulk loading, one backend each.

export function loadSqlite(file: string, shape: Shape = SHAPE): void {
  const db = new Database(file);
  db.pragma('synchronous = OFF'); // a throw-away bench file: durability does not matter while loading
  db.pragma('cache_size = -262144');
  // As for PostgreSQL: the migrations' indexes and full-text triggers come off for the load and go back after,
  // with the full-text index rebuilt in one pass (what the full-text migration itself does).
  const saved = db.prepare<[], { type: string; name: string; sql: string }>(
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL").all();
  for (const x of saved) db.exec(`DROP ${x.type} "${x.name}"`);
  const insert = (table: string, cols: readonly string[]) =>
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const ins = Object.fromEntries(Object.entries(COLUMNS).map(([k, cols]) => [k, insert(TABLE[k as keyof typeof TABLE], cols)])) as Record<keyof Batch, Database.Statement>;
  const { entities, aliases } = entityRows();
  db.transaction(() => {
    const e = insert('kb_entities', ENTITY_COLUMNS.kb_entities);
    for (const r of entities) e.run(r);
    const a = insert('aliases', ENTITY_COLUMNS.aliases);
    for (const r of aliases) a.run(r);
  })();
  for (const b of batches(shape)) {
    db.transaction(() => {
      for (const k of Object.keys(COLUMNS) as (keyof Batch)[]) for (const r of b[k]) ins[k].run(r);
    })();
  }
  for (const x of saved) db.exec(x.sql);
  db.exec("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')");
  db.exec('ANALYZE');
  db.close();
}

/** One INSERT … SELECT FROM unnest(arrays) per table and batch: thousands of rows per round trip. */
async function insertUnnest(c: pg.Client, table: string, cols: readonly string[], rows: unknown[][], types: Record<string, string>): Promise<void> {
  if (!rows.length) return;
  const arrays = cols.map((_, j) => rows.map((r) => r[j]));
  const params = cols.map((col, j) => `$${j + 1}::${types[col] ?? 'text'}[]`).join(', ');
  await c.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${params})`, arrays);
}
const INT = { seq: 'int', start_pos: 'int', end_pos: 'int', statement_count: 'int', unnamed: 'int' };

export async function loadPostgres(url: string, shape: Shape = SHAPE): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET synchronous_commit = off');
    await c.query("SET maintenance_work_mem = '512MB'");
    // Building the secondary indexes (GIN full text included) once after the load is several times faster
    // than keeping them up to date row by row; they are the migrations' own definitions, recreated as they were.
    const { rows: indexes } = await c.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i WHERE i.schemaname = current_schema()
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`);
    for (const i of indexes) await c.query(`DROP INDEX "${i.name}"`);
    const { entities, aliases } = entityRows();
    await insertUnnest(c, 'kb_entities', ENTITY_COLUMNS.kb_entities, entities, INT);
    await insertUnnest(c, 'aliases', ENTITY_COLUMNS.aliases, aliases, INT);
    for (const b of batches(shape)) {
      await c.query('BEGIN');
      for (const k of Object.keys(COLUMNS) as (keyof Batch)[]) await insertUnnest(c, TABLE[k], COLUMNS[k], b[k], INT);
      await c.query('COMMIT');
    }
    for (const i of indexes) await c.query(i.def);
    // A live database has planner statistics and a visibility map from autovacuum; give this one the same.
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------
// Queries.

export type Kind = 'speaker' | 'q' | 'speaker+q+date' | 'q-syntax' | 'q-relevance' | 'outlet+q';
const KINDS: readonly Kind[] = ['speaker', 'q', 'speaker+q+date', 'q-syntax', 'q-relevance', 'outlet+q'];

/** Varied arguments per call, deterministic: popular and obscure speakers, common and rare words. */
export function queries(kind: Kind, count: number, seed: number): StatementQuery[] {
  const rnd = prng(seed);
  const popular = zipf(SPEAKERS, 0.8, rnd);
  // Content words, log-uniform over ranks 30 (tens of thousands of hits at 1M statements) to the rarest.
  const word = (): string => WORDS[Math.min(VOCAB - 1, Math.floor(30 * (VOCAB / 30) ** rnd()))]!;
  const speaker = (): string => {
    const i = rnd() < 0.5 ? popular() : Math.floor(rnd() * SPEAKERS);
    return rnd() < 0.5 ? personName(i) : kbId(i); // by name (search box) or by id (speaker page)
  };
  return Array.from({ length: count }, (): StatementQuery => {
    const order = rnd() < 0.5 ? 'desc' : 'asc';
    if (kind === 'speaker') return { speaker: speaker(), order, limit: 20 };
    const q = rnd() < 0.25 ? `${word()} ${word()}` : word();
    if (kind === 'q') return { q, order, limit: 20 };
    // The search language (src/store/search-query.ts): a phrase, OR, an exclusion or a prefix, one each in turn.
    if (kind === 'q-syntax') {
      const [a, b] = [word(), word()];
      const forms = [`"${a} ${b}"`, `${a} OR ${b}`, `${a} -${b}`, `${a.slice(0, Math.max(3, a.length - 2))}*`];
      return { q: forms[Math.floor(rnd() * forms.length)]!, order, limit: 20 };
    }
    // Best match first reads every match to rank it, unlike the date order's index walk.
    if (kind === 'q-relevance') return { q, sort: 'relevance', limit: 20 };
    // An outlet by the beginning of its name (a town: six papers), with words.
    if (kind === 'outlet+q') return { outlet: TOWNS[Math.floor(rnd() * TOWNS.length)]!, q, order, limit: 20 };
    // "What did X say about <common word> that year": a popular speaker, a common word, one year.
    const from = Math.floor(rnd() * (DAYS - 365));
    return { speaker: personName(popular()), q: WORDS[30 + Math.floor(rnd() * 270)]!, from: day(from), to: day(from + 365), order, limit: 20 };
  });
}

export async function latencies(store: Store): Promise<Record<Kind, Record<string, number | boolean>>> {
  const out = {} as Record<Kind, Record<string, number | boolean>>;
  const only = process.env.BENCH_QUERY_KINDS?.split(',');
  for (const [k, kind] of KINDS.entries()) {
    if (only && !only.includes(kind)) continue;
    for (const q of queries(kind, 20, 99 + k)) await store.statements(q); // warm-up: caches, JIT, prepared plans
    const p50: number[] = [];
    const p95: number[] = [];
    let hits = 0;
    for (let r = 0; r < RUNS; r++) {
      const ms: number[] = [];
      for (const q of queries(kind, QUERIES, 1000 * (r + 1) + k)) {
        const t = performance.now();
        hits += (await store.statements(q)).total;
        ms.push(performance.now() - t);
      }
      p50.push(percentile(ms, 50));
      p95.push(percentile(ms, 95));
    }
    const p95ms = median(p95);
    out[kind] = { p50ms: round(median(p50)), p95ms: round(p95ms), meanHits: Math.round(hits / (RUNS * QUERIES)), ok: p95ms < TARGET_P95_MS };
  }
  return out;
}

/**
 * The corpus overview (src/store/overview.ts) computed afresh: a new store each run, so its per-generation cache
 * is empty, as after every write. Median of RUNS.
 */
async function overviewMs(open: () => Promise<Store>): Promise<number> {
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const store = await open();
    try {
      const t = performance.now();
      await store.overview();
      ms.push(performance.now() - t);
    } finally {
      await store.close();
    }
  }
  return round(median(ms));
}

async function sqliteBackend(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'onr-bench-query-'));
  const file = join(dir, 'query.db');
  try {
    await (await openStore({ file, url: '' })).close(); // the schema, through the store's migrations
    const t = performance.now();
    loadSqlite(file);
    const loadSeconds = round((performance.now() - t) / 1000);
    const store = await openStore({ file, url: '' });
    try {
      return { loadSeconds, dbMB: round(statSync(file).size / 1e6, 0), ...(await latencies(store)), overviewMs: await overviewMs(() => openStore({ file, url: '' })) };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One statement on the server's admin database (CREATE / DROP DATABASE). */
export async function admin(url: string, sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { await c.query(sqlText); } finally { await c.end(); }
}

async function postgresBackend(adminUrl: string): Promise<Record<string, unknown>> {
  const dbName = `onrecord_bench_query_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = '/' + dbName;
  await admin(adminUrl, `CREATE DATABASE ${dbName}`);
  try {
    await (await openStore({ url: url.toString() })).close();
    const t = performance.now();
    await loadPostgres(url.toString());
    const loadSeconds = round((performance.now() - t) / 1000);
    const store = await openStore({ url: url.toString() });
    try {
      return { loadSeconds, ...(await latencies(store)), overviewMs: await overviewMs(() => openStore({ url: url.toString() })) };
    } finally {
      await store.close();
    }
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const postgres = pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)
    ? await postgresBackend(pgUrl)
    : { skipped: process.env.BENCH_POSTGRES_SKIPPED ?? 'no TEST_DATABASE_URL or DATABASE_URL (postgres://) set' };
  return { statements: STATEMENTS, targetP95ms: TARGET_P95_MS, sqlite: await sqliteBackend(), postgres };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
