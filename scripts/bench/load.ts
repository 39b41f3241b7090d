/**
 * The web app and API under load, on loopback, for SQLite and PostgreSQL: a store of ~3,000 articles and
 * ~69,000 statements (the generator of scripts/bench/query.ts, 23 statements an article), served by a
 * child process (scripts/bench/load-server.ts) so that its RSS is the server's alone. The client sends a
 * mix of search, speaker, article and utterance pages and API calls, with arguments varied per request:
 *
 *   - single requests one at a time: p50 of a search page and a speaker page (target < 20 ms);
 *   - bursts of BENCH_LOAD_BURSTS (default 1000,5000) requests sent at once: requests/s, p50/p95/p99,
 *     statuses (503 = shed, with Retry-After), the server's RSS after the burst and its peak.
 *
 * Bounded: every request has a client timeout (BENCH_LOAD_TIMEOUT_S, 120 s, counted as `timedOut`).
 * BENCH_LOAD_STATEMENTS changes the store size (1000000 for the 1M figure of the single-request p50).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/index.js';
import { prng } from '../corpus.js';
import { median, percentile, round, RUNS } from './measure.js';
import { admin, kbId, loadPostgres, loadSqlite, personName, SPEAKERS, VOCAB, WORDS, zipf, type Shape } from './query.js';

export const name = 'load';
const SHAPE: Shape = { statements: Number(process.env.BENCH_LOAD_STATEMENTS ?? 69_000), perArticle: 23 };
const BURSTS = (process.env.BENCH_LOAD_BURSTS ?? '1000,5000').split(',').map(Number);
const TIMEOUT_MS = Number(process.env.BENCH_LOAD_TIMEOUT_S ?? 120) * 1000;
const SINGLES = 100;
const TARGETS = { singleP50ms: 20, burst1000: { requestsPerSecond: 500, p95ms: 1000 }, rssMB: 500 };

interface Sample { readonly articles: string[]; readonly utterances: string[] }

/** Ids of stored articles and of utterances with several reports, read straight from the tables. */
async function sample(file: string | undefined, url: string | undefined): Promise<Sample> {
  const sqlText = {
    articles: 'SELECT id FROM articles ORDER BY id LIMIT 2000',
    utterances: 'SELECT utterance_id AS id FROM statements GROUP BY utterance_id ORDER BY count(*) DESC, utterance_id LIMIT 2000',
  };
  if (file) {
    const db = new Database(file, { readonly: true });
    try {
      const ids = (q: string) => (db.prepare(q).all() as { id: string }[]).map((r) => r.id);
      return { articles: ids(sqlText.articles), utterances: ids(sqlText.utterances) };
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const ids = async (q: string) => (await c.query<{ id: string }>(q)).rows.map((r) => r.id);
    return { articles: await ids(sqlText.articles), utterances: await ids(sqlText.utterances) };
  } finally {
    await c.end();
  }
}

export type PathKind = 'search' | 'speaker' | 'article' | 'utterance' | 'home' | 'speakers' | 'api-statements' | 'api-speaker' | 'api-article' | 'api-utterances';

/** The mix, deterministic per seed: pages three in five, API calls two in five, popular and obscure speakers. */
export function paths(s: Sample, count: number, seed: number, only?: PathKind): string[] {
  const rnd = prng(seed);
  const popular = zipf(SPEAKERS, 0.8, rnd);
  const word = () => WORDS[Math.min(VOCAB - 1, Math.floor(30 * (VOCAB / 30) ** rnd()))]!;
  const speaker = () => (rnd() < 0.5 ? popular() : Math.floor(rnd() * SPEAKERS));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const make: Record<PathKind, () => string> = {
    search: () => `/?q=${encodeURIComponent(rnd() < 0.25 ? `${word()} ${word()}` : word())}`,
    speaker: () => `/speakers/${kbId(speaker())}`,
    article: () => `/articles/${encodeURIComponent(pick(s.articles))}`,
    utterance: () => `/utterances/${encodeURIComponent(pick(s.utterances))}`,
    home: () => '/',
    speakers: () => `/speakers?q=${encodeURIComponent(personName(speaker()).slice(0, 3))}`,
    'api-statements': () => `/api/statements?q=${encodeURIComponent(word())}&limit=20`,
    'api-speaker': () => `/api/statements?speaker=${encodeURIComponent(personName(speaker()))}&limit=20`,
    'api-article': () => `/api/articles/${encodeURIComponent(pick(s.articles))}`,
    'api-utterances': () => `/api/utterances?speaker=${kbId(popular())}&limit=10`,
  };
  const weights: [PathKind, number][] = [['search', 20], ['speaker', 15], ['article', 10], ['utterance', 10], ['home', 3], ['speakers', 2],
    ['api-statements', 15], ['api-speaker', 15], ['api-article', 5], ['api-utterances', 5]];
  const total = weights.reduce((a, [, w]) => a + w, 0);
  return Array.from({ length: count }, () => {
    if (only) return make[only]();
    let x = rnd() * total;
    for (const [kind, w] of weights) if ((x -= w) < 0) return make[kind]();
    return make.search();
  });
}

export interface Reply { readonly status: number; readonly ms: number; readonly retryAfter?: string; readonly error?: string }

export function get(agent: Agent, origin: string, path: string, timeoutMs = TIMEOUT_MS): Promise<Reply> {
  const t = performance.now();
  return new Promise((resolve) => {
    const done = (r: Omit<Reply, 'ms'>) => resolve({ ...r, ms: performance.now() - t });
    const req = request(new URL(path, origin), { agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}) }));
      res.on('error', (e) => done({ status: 0, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => done({ status: 0, error: e.message }));
    req.end();
  });
}

/** All of `list` sent at once, each on its own connection. */
export async function burst(origin: string, list: readonly string[]): Promise<Record<string, number | boolean>> {
  const agent = new Agent({ keepAlive: false, maxSockets: list.length });
  try {
    const t = performance.now();
    const replies = await Promise.all(list.map((p) => get(agent, origin, p)));
    const seconds = (performance.now() - t) / 1000;
    const ok = replies.filter((r) => r.status === 200).map((r) => r.ms);
    const shed = replies.filter((r) => r.status === 503);
    return {
      requests: list.length, ok: ok.length, shed503: shed.length, shedWithRetryAfter: shed.filter((r) => r.retryAfter).length,
      otherStatus: replies.filter((r) => r.status && r.status !== 200 && r.status !== 503).length,
      timedOut: replies.filter((r) => r.error === 'timed out').length, errors: replies.filter((r) => r.error && r.error !== 'timed out').length,
      requestsPerSecond: round(list.length / seconds, 0), okPerSecond: round(ok.length / seconds, 0), seconds: round(seconds, 2),
      p50ms: round(percentile(replies.map((r) => r.ms), 50), 0), p95ms: round(percentile(replies.map((r) => r.ms), 95), 0),
      p99ms: round(percentile(replies.map((r) => r.ms), 99), 0), maxMs: round(Math.max(...replies.map((r) => r.ms)), 0),
      okP95ms: round(percentile(ok, 95), 0),
    };
  } finally {
    agent.destroy();
  }
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string; rss: () => Promise<{ rss: number; peak: number }> }> {
  const child = fork(fileURLToPath(new URL('./load-server.ts', import.meta.url)), [], {
    env: { ...process.env, ...env }, execArgv: ['--import', 'tsx', ...(process.env.BENCH_LOAD_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])], stdio: ['ignore', 2, 2, 'ipc'],
  });
  const [first] = (await once(child, 'message')) as [{ port: number }];
  const rss = async () => {
    child.send('rss');
    return ((await once(child, 'message')) as [{ rss: number; peak: number }])[0];
  };
  return { child, origin: `http://127.0.0.1:${first.port}`, rss };
}

async function measure(env: Record<string, string>, s: Sample): Promise<Record<string, unknown>> {
  const server = await startServer(env);
  try {
    const out: Record<string, unknown> = { rssAtStartMB: (await server.rss()).rss };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const p of paths(s, 200, 7)) await get(agent, server.origin, p); // warm-up: JIT, page cache, prepared plans
    for (const kind of ['search', 'speaker', 'article', 'utterance'] as const) {
      const p50: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const ms: number[] = [];
        for (const p of paths(s, SINGLES, 100 * r + kind.length, kind)) ms.push((await get(agent, server.origin, p)).ms);
        p50.push(percentile(ms, 50));
      }
      out[`single-${kind}`] = { p50ms: round(median(p50)), ...(kind === 'search' || kind === 'speaker' ? { ok: median(p50) < TARGETS.singleP50ms } : {}) };
    }
    agent.destroy();
    for (const n of BURSTS) {
      const runs: Record<string, number | boolean>[] = [];
      for (let r = 0; r < RUNS; r++) {
        runs.push({ ...(await burst(server.origin, paths(s, n, 1000 * r + n))), rssAfterMB: (await server.rss()).rss });
        await new Promise((resolve) => setTimeout(resolve, 500)); // sockets of the last burst close
      }
      const med = (k: string) => median(runs.map((x) => Number(x[k])));
      const fig: Record<string, number | boolean> = {};
      for (const k of Object.keys(runs[0]!)) fig[k] = med(k);
      const peak = (await server.rss()).peak;
      fig.peakRssMB = peak;
      fig.okRss = peak < TARGETS.rssMB;
      fig.okNoUnboundedWait = med('timedOut') === 0 && med('errors') === 0;
      if (n === 1000) fig.okThroughput = med('okPerSecond') >= TARGETS.burst1000.requestsPerSecond && med('okP95ms') < TARGETS.burst1000.p95ms;
      out[`burst${n}`] = fig;
    }
    return out;
  } finally {
    server.child.send('stop');
    await once(server.child, 'exit');
  }
}

async function sqliteBackend(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'onr-bench-load-'));
  const file = join(dir, 'load.db');
  try {
    await (await openStore({ file, url: '' })).close();
    loadSqlite(file, SHAPE);
    return await measure({ LOAD_DB_FILE: file }, await sample(file, undefined));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresBackend(adminUrl: string): Promise<Record<string, unknown>> {
  const dbName = `onrecord_bench_load_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = '/' + dbName;
  await admin(adminUrl, `CREATE DATABASE ${dbName}`);
  try {
    await (await openStore({ url: url.toString() })).close();
    await loadPostgres(url.toString(), SHAPE);
    return await measure({ LOAD_DB_URL: url.toString() }, await sample(undefined, url.toString()));
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const only = process.env.BENCH_LOAD_BACKEND;
  const sqlite = only === 'postgres' ? { skipped: 'BENCH_LOAD_BACKEND=postgres' } : await sqliteBackend();
  const postgres = only === 'sqlite' ? { skipped: 'BENCH_LOAD_BACKEND=sqlite' } : pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)
    ? await postgresBackend(pgUrl)
    : { skipped: process.env.BENCH_POSTGRES_SKIPPED ?? 'no TEST_DATABASE_URL or DATABASE_URL (postgres://) set' };
  return { statements: SHAPE.statements, articles: Math.ceil(SHAPE.statements / SHAPE.perArticle), bursts: BURSTS.join(','), sqlite, postgres };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
