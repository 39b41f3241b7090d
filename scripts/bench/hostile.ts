/**
 * Hostile input: for each class of scripts/hostile.ts (a few variants, BENCH_HOSTILE_VARIANTS), `onrecord ingest`
 * into a fresh SQLite store in a child process. Per class: whole-process seconds (spawn to exit, median of RUNS),
 * in-process seconds of the ingest call, and the child's peak RSS (max over runs). `baseline` is one good file
 * alone: start-up (the language model, the store) is most of every class's time.
 * BENCH_HOSTILE_CLI=path/to/src/cli/main.ts measures another checkout (before/after); a run past
 * BENCH_HOSTILE_TIMEOUT_S (default 300) is killed and reported as timed out, a crash as crashed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFile, mkdir } from 'node:fs/promises';
import { CLASSES, writeHostile } from '../hostile.js';
import { median, round, RUNS } from './measure.js';

export const name = 'hostile';

const CLI = process.env.BENCH_HOSTILE_CLI ? pathToFileURL(process.env.BENCH_HOSTILE_CLI).href : new URL('../../src/cli/main.ts', import.meta.url).href;
const TIMEOUT_MS = Number(process.env.BENCH_HOSTILE_TIMEOUT_S ?? 300) * 1000;
const CHILD = `const { main } = await import(${JSON.stringify(CLI)});
const started = performance.now();
const code = await main(process.argv.slice(1));
process.stderr.write('bench=' + JSON.stringify({ ms: performance.now() - started, rss: process.resourceUsage().maxRSS }) + '\\n');
process.exit(code);`;

type Run = { wallMs: number; inMs: number; rssMb: number; code: number } | { failed: string };

function once(dir: string, db: string): Promise<Run> {
  const t = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, 'ingest', dir, '--db', db, '--json'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, CI: '1' }, maxBuffer: 256 * 1024 * 1024, timeout: TIMEOUT_MS }, (error, _stdout, stderr) => {
      const m = /bench=(\{.*\})/.exec(stderr);
      if (error?.killed) return resolve({ failed: `timed out at ${TIMEOUT_MS / 1000} s` });
      if (!m) return resolve({ failed: `crashed: ${stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200)}` });
      const r = JSON.parse(m[1]!) as { ms: number; rss: number };
      resolve({ wallMs: performance.now() - t, inMs: r.ms, rssMb: r.rss / 1024, code: error ? Number(error.code) : 0 });
    });
  });
}

export async function run(): Promise<Record<string, unknown>> {
  const variants = Number(process.env.BENCH_HOSTILE_VARIANTS ?? 3);
  const root = await mkdtemp(join(tmpdir(), 'onrecord-bench-hostile-'));
  const out: Record<string, unknown> = {};
  try {
    const only = process.env.BENCH_HOSTILE_CLASSES?.split(',');
    for (const klass of ['baseline', ...Object.keys(CLASSES)]) {
      if (only && klass !== 'baseline' && !only.includes(klass)) continue;
      const dir = join(root, klass);
      if (klass === 'baseline') {
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'good.txt'), 'The council will reopen the bridge in May, Mayor Ilse Varnholt said on Tuesday.');
      }
      // records: tiny-records articles per file, 20,000 on average (the 40,000 JSONL records, 30,000 feed items).
      else await writeHostile(dir, { scale: variants / 22, records: Number(process.env.BENCH_HOSTILE_RECORDS ?? 20_000), classes: [klass] });
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (i > 0 && 'failed' in runs[0]!) break; // a timeout or crash once is the figure; no need to wait again
        const db = join(root, `${klass}-${i}.db`);
        runs.push(await once(dir, db));
        await rm(db, { force: true });
        await rm(db + '-wal', { force: true });
        await rm(db + '-shm', { force: true });
      }
      const ok = runs.filter((r): r is Exclude<Run, { failed: string }> => !('failed' in r));
      const failed = runs.filter((r): r is { failed: string } => 'failed' in r);
      out[klass] = {
        files: klass === 'baseline' ? 1 : variants + 1,
        ...(ok.length ? {
          wholeProcessS: round(median(ok.map((r) => r.wallMs)) / 1000, 2),
          inProcessS: round(median(ok.map((r) => r.inMs)) / 1000, 2),
          peakRssMB: round(Math.max(...ok.map((r) => r.rssMb)), 0),
          exitCodes: [...new Set(ok.map((r) => r.code))].join(','),
        } : {}),
        ...(failed.length ? { failed: `${failed.length} of ${runs.length}: ${failed[0]!.failed}` } : {}),
      };
      console.error(`hostile ${klass}: ${JSON.stringify(out[klass])}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return out;
}
