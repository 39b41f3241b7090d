/**
 * `npm run bench [-- SUITE...] [--json]`: runs the suites in scripts/bench/
 * (all, or those named), each in its own `node --import tsx` child process so
 * that each suite's peak RSS is its own, then prints a summary (or, with
 * --json, one JSON document on stdout; suite chatter goes to stderr).
 *
 * Suites needing PostgreSQL/Redis take TEST_DATABASE_URL (or DATABASE_URL) and
 * TEST_REDIS_URL; when unset they are started with scripts/services.sh (and
 * stopped again at the end if this run started them). When they cannot be had,
 * the backend part is skipped and the reason printed.
 */
import { execFileSync, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { peakRssMb, round } from './bench/measure.js';

const SUITES = ['extract', 'ingest', 'store', 'query', 'aggregates', 'queue', 'cli', 'hostile', 'load'];
/** Backends a suite needs; `query`, `aggregates` and `load` run their SQLite half without PostgreSQL. */
const NEEDS: Record<string, { postgres?: boolean; redis?: boolean; optional?: boolean }> = {
  query: { postgres: true, optional: true },
  aggregates: { postgres: true, optional: true },
  load: { postgres: true, optional: true },
  queue: { postgres: true, redis: true },
};
const root = fileURLToPath(new URL('..', import.meta.url));

type Outcome = { seconds: number; peakRssMB: number; result: Record<string, unknown> } | { skipped: string } | { error: string };

// Child: run one suite, report its figures and this process's peak RSS to the parent.
if (process.argv[2] === '--child') {
  const suite = process.argv[3]!;
  const done = (msg: Outcome, code: number) => process.send!(msg, () => process.exit(code)); // open handles must not keep it alive
  try {
    const mod = (await import(`./bench/${suite}.ts`)) as { run: () => Promise<Record<string, unknown>> };
    const t = performance.now();
    const result = await mod.run();
    done({ seconds: round((performance.now() - t) / 1000), peakRssMB: peakRssMb(), result }, 0);
  } catch (error) {
    done({ error: (error as Error).stack ?? String(error) }, 1);
  }
} else {
  await main();
}

function runChild(suite: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    let outcome: Outcome | undefined;
    const child = fork(fileURLToPath(import.meta.url), ['--child', suite], {
      cwd: root, env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'],
    });
    child.on('message', (m: Outcome) => (outcome = m));
    child.on('exit', (code, signal) => resolve(outcome ?? { error: `child exited ${code ?? signal} without a result` }));
  });
}

/** PostgreSQL/Redis URLs from the environment, else from scripts/services.sh; a reason when impossible. */
function services(need: { postgres: boolean; redis: boolean }): { env: NodeJS.ProcessEnv; started: boolean; problem?: string } {
  const env: NodeJS.ProcessEnv = {};
  const pg = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (pg) env.TEST_DATABASE_URL = pg;
  if (process.env.TEST_REDIS_URL) env.TEST_REDIS_URL = process.env.TEST_REDIS_URL;
  if ((!need.postgres || env.TEST_DATABASE_URL) && (!need.redis || env.TEST_REDIS_URL)) return { env, started: false };
  const sh = (cmd: string) => execFileSync('bash', ['scripts/services.sh', cmd], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let running = true;
  try { sh('running'); } catch { running = false; }
  try {
    for (const m of sh('start').matchAll(/^export (\w+)=(\S+)$/gm)) env[m[1]!] ??= m[2]!;
    if (!running) console.error('bench: started PostgreSQL and Redis with scripts/services.sh (stopped again at the end)');
    return { env, started: !running };
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').pop();
    return { env, started: false, problem: `PostgreSQL/Redis not set (TEST_DATABASE_URL, TEST_REDIS_URL) and scripts/services.sh start failed: ${detail}` };
  }
}

function print(value: unknown, indent: string): void {
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v && typeof v === 'object') {
      console.log(`${indent}${k}:`);
      print(v, indent + '  ');
    } else console.log(`${indent}${k}: ${v}`);
  }
}

/** Paths of every `ok*: false` figure, so missed targets are listed together at the end. */
function misses(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (/^ok/.test(k) && v === false ? [`${path}.${k}`] : misses(v, `${path}.${k}`)));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !SUITES.includes(n));
  if (unknown.length) {
    console.error(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.join(', ')}`);
    process.exit(2);
  }
  const chosen = names.length ? SUITES.filter((s) => names.includes(s)) : SUITES;
  const need = { postgres: chosen.some((s) => NEEDS[s]?.postgres), redis: chosen.some((s) => NEEDS[s]?.redis) };
  const svc = need.postgres || need.redis ? services(need) : { env: {}, started: false };
  if (svc.problem) console.error(`bench: ${svc.problem}`);

  const outcomes: Record<string, Outcome> = {};
  for (const suite of chosen) {
    const n = NEEDS[suite];
    const missing = [n?.postgres && !svc.env.TEST_DATABASE_URL && 'PostgreSQL', n?.redis && !svc.env.TEST_REDIS_URL && 'Redis'].filter(Boolean);
    if (missing.length && !n?.optional) {
      outcomes[suite] = { skipped: `needs ${missing.join(' and ')}: ${svc.problem ?? 'not available'}` };
      console.error(`bench: ${suite} skipped: ${(outcomes[suite] as { skipped: string }).skipped}`);
      continue;
    }
    console.error(`bench: ${suite} …`);
    const env = { ...process.env, ...svc.env, ...(missing.length ? { BENCH_POSTGRES_SKIPPED: svc.problem ?? 'PostgreSQL not available' } : {}) };
    outcomes[suite] = await runChild(suite, env);
  }
  if (svc.started) execFileSync('bash', ['scripts/services.sh', 'stop'], { cwd: root, stdio: 'ignore' });

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version, platform: `${process.platform} ${process.arch}` };
  const missed = Object.entries(outcomes).flatMap(([s, o]) => ('result' in o ? misses(o.result, s) : []));
  if (json) console.log(JSON.stringify({ machine, suites: outcomes, missed }, null, 2));
  else {
    console.log(`machine: ${machine.cpus} cores, ${machine.cpu}, node ${machine.node}`);
    for (const [suite, o] of Object.entries(outcomes)) {
      console.log(`\n${suite}${'seconds' in o ? ` (${o.seconds} s, peak RSS ${o.peakRssMB} MB)` : ''}`);
      if ('result' in o) print(o.result, '  ');
      else if ('skipped' in o) console.log(`  skipped: ${o.skipped}`);
      else console.log(`  error: ${o.error}`);
    }
    console.log(`\ntargets missed: ${missed.join(', ') || 'none'}`);
  }
  process.exitCode = Object.values(outcomes).some((o) => 'error' in o) ? 1 : 0;
}
