/**
 * Facets, the volume chart and the CSV export over ~1,000,000 statements (BENCH_AGGREGATES_STATEMENTS for quick
 * tries), on the synthetic store of scripts/bench/query.ts, SQLite and PostgreSQL.
 *
 * - Facets: every count the search page shows (7: speaker, outlet, type, month, entity, addressee, via) for a
 *   common word, and the speaker count alone. Target p95 < 200 ms.
 * - Volume: the chart per month split by outlet (top 5 + other) and per week unsplit, for a common word.
 *   Target p95 < 200 ms.
 * - Export: the CSV of every statement of one year (~100,000 rows) through the API's streamed Response, read to
 *   the end: rows/s, and RSS sampled while it streams (flat memory: the peak of 100,000 rows is that of 10,000).
 *   Target ≥ 20,000 rows/s. Also whole-process: `onrecord export --format csv` of the same rows, wall time and
 *   peak RSS from /usr/bin/time (SQLite only: the CLI opens a file).
 *
 * Every query of a round uses a different word, so the per-generation cache never answers: these are cold figures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FACETS } from '../../src/server/pages/facets.js';
import { exportResponse } from '../../src/server/export.js';
import { openStore } from '../../src/store/index.js';
import type { StatementQuery, Store } from '../../src/types.js';
import { admin, loadPostgres, loadSqlite, WORDS } from './query.js';
import { median, percentile, round, RUNS } from './measure.js';

export const name = 'aggregates';
export const TARGET_P95_MS = 200;
export const TARGET_ROWS_PER_SECOND = 20_000;

const STATEMENTS = Number(process.env.BENCH_AGGREGATES_STATEMENTS ?? 1_000_000);
const SHAPE = { statements: STATEMENTS, perArticle: 10 };
/** Queries per kind and round; each its own word from the commonest content words (ranks 30..). */
const PER_ROUND = 20;
const root = fileURLToPath(new URL('../..', import.meta.url));

/** A different common word for every query of every round (the cache must not answer). */
function commonWords(round: number, kind: number): string[] {
  const start = 30 + (round * 4 + kind) * PER_ROUND;
  return WORDS.slice(start, start + PER_ROUND);
}

async function p95(store: Store, kind: number, call: (q: StatementQuery) => Promise<unknown>): Promise<Record<string, number | boolean>> {
  const p50s: number[] = [];
  const p95s: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const ms: number[] = [];
    for (const word of commonWords(r, kind)) {
      const t = performance.now();
      await call({ q: word });
      ms.push(performance.now() - t);
    }
    p50s.push(percentile(ms, 50));
    p95s.push(percentile(ms, 95));
  }
  const p95ms = median(p95s);
  return { p50ms: round(median(p50s)), p95ms: round(p95ms), ok: p95ms < TARGET_P95_MS };
}

/** One year of the ten: ~100,000 statements at 1M. */
const YEAR: StatementQuery = { from: '2020-01-01', to: '2020-12-31' };
const TENTH: StatementQuery = { from: '2020-01-01', to: '2020-02-05' };

/** Streams the export through the API's Response and reads it to the end, sampling RSS as it goes. */
async function exportOnce(store: Store, query: StatementQuery): Promise<{ rows: number; seconds: number; rowsPerSecond: number; rssStartMB: number; rssPeakMB: number }> {
  global.gc?.();
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const t = performance.now();
  const reader = exportResponse(store, query, 'csv', { bom: true, name: 'bench' }).body!.getReader();
  let newlines = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
    if (++chunks % 16 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  // Statement texts hold no line break in this data, so rows are lines less the header.
  const rows = newlines - 1;
  return { rows, seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds), rssStartMB: round(rssStart / 1e6, 0), rssPeakMB: round(peak / 1e6, 0) };
}

async function exports(store: Store): Promise<Record<string, unknown>> {
  const small = await exportOnce(store, TENTH);
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await exportOnce(store, YEAR));
  const rate = median(runs.map((x) => x.rowsPerSecond));
  return {
    rows: runs[0]!.rows, rowsPerSecond: rate, seconds: median(runs.map((x) => x.seconds)), ok: rate >= TARGET_ROWS_PER_SECOND,
    rssPeakMB: median(runs.map((x) => x.rssPeakMB)), rssGrowthMB: median(runs.map((x) => x.rssPeakMB - x.rssStartMB)),
    tenthOfTheRows: { rows: small.rows, rowsPerSecond: small.rowsPerSecond, rssGrowthMB: small.rssPeakMB - small.rssStartMB },
  };
}

/** `onrecord export --format csv` of the year, as a user runs it: wall time and peak RSS of the whole process. */
function cliExport(file: string): Record<string, unknown> {
  if (!existsSync('/usr/bin/time')) return { skipped: 'no /usr/bin/time' };
  const out = join(tmpdir(), `onr-bench-export-${process.pid}.csv`);
  const runs: { seconds: number; rssMB: number }[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      const err = execFileSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, join(root, 'bin/onrecord.js'), 'export', '--db', file,
        '--from', YEAR.from!, '--to', YEAR.to!, '--format', 'csv', '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      runs.push({ seconds: (performance.now() - t) / 1000, rssMB: Number(/maxrss=(\d+)/.exec(err)?.[1] ?? NaN) / 1024 });
    }
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr ?? error).slice(0, 400) };
  } finally {
    rmSync(out, { force: true });
  }
  return { seconds: round(median(runs.map((r) => r.seconds)), 2), peakRssMB: round(median(runs.map((r) => r.rssMB)), 0) };
}

async function measure(store: Store): Promise<Record<string, unknown>> {
  // Warm-up: plans, JIT, page cache (words of no round).
  for (const w of WORDS.slice(1000, 1005)) { await store.statementCounts({ q: w }, 'speaker', 8); await store.statementVolume({ q: w }, { unit: 'month' }); }
  return {
    facetsAll7: await p95(store, 0, (q) => store.statementFacets(q, FACETS, 8)),
    facetSpeaker: await p95(store, 1, (q) => store.statementCounts(q, 'speaker', 10)),
    volumeMonthByOutlet: await p95(store, 2, (q) => store.statementVolume(q, { unit: 'month', split: 'outlet', top: 5 })),
    volumeWeek: await p95(store, 3, (q) => store.statementVolume(q, { unit: 'week' })),
    hitsOfTheCommonestWord: (await store.statementCounts({ q: WORDS[30]! }, 'type', 2)).total,
    csvExport: await exports(store),
  };
}

async function sqliteBackend(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'onr-bench-agg-'));
  const file = join(dir, 'agg.db');
  try {
    await (await openStore({ file, url: '' })).close();
    const t = performance.now();
    loadSqlite(file, SHAPE);
    const loadSeconds = round((performance.now() - t) / 1000);
    const store = await openStore({ file, url: '' });
    try {
      return { loadSeconds, ...(await measure(store)), cliExport: cliExport(file) };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresBackend(adminUrl: string): Promise<Record<string, unknown>> {
  const dbName = `onrecord_bench_agg_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = '/' + dbName;
  await admin(adminUrl, `CREATE DATABASE ${dbName}`);
  try {
    await (await openStore({ url: url.toString() })).close();
    const t = performance.now();
    await loadPostgres(url.toString(), SHAPE);
    const loadSeconds = round((performance.now() - t) / 1000);
    const store = await openStore({ url: url.toString() });
    try {
      return { loadSeconds, ...(await measure(store)) };
    } finally {
      await store.close();
    }
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const only = process.env.BENCH_AGGREGATES_BACKEND;
  const sqlite = only === 'postgres' ? { skipped: 'BENCH_AGGREGATES_BACKEND=postgres' } : await sqliteBackend();
  // Each backend's figures as soon as they are known: the PostgreSQL half can take long on a busy machine.
  process.stderr.write(`aggregates sqlite: ${JSON.stringify(sqlite)}\n`);
  const postgres = only === 'sqlite' ? { skipped: 'BENCH_AGGREGATES_BACKEND=sqlite' }
    : pgUrl && /^postgres(ql)?:\/\//.test(pgUrl) ? await postgresBackend(pgUrl) : { skipped: 'no TEST_DATABASE_URL or DATABASE_URL (postgres://) set' };
  return { statements: STATEMENTS, targetP95ms: TARGET_P95_MS, targetRowsPerSecond: TARGET_ROWS_PER_SECOND, sqlite, postgres };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
