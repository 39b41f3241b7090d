/**
 * The command line as a user runs it, whole process (spawned, start-up included), beside the in-process
 * figures it should approach: `onrecord --version`, a query on a small store, `extract DIR --jsonl` and
 * `ingest DIR --db` over a generated fictional corpus of small text files (BENCH_CLI_MB, default 5 MB in
 * ~2,000 files), with --jobs 1 and with the default (one thread per core). Runs the compiled command (built
 * here first). Medians of RUNS; the load average is reported, as other work on the machine skews the figures.
 *
 * Targets (issue 12, on 2 cores): --version < 0.15 s, a query < 0.4 s; extract ≥ 1.7 MB/s and ≥ 1.8× the
 * single-core in-process rate; ingest ≥ 1.6× its single-worker rate; reading a file < 5% of extracting it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/pipeline.js';
import { readSources } from '../../src/ingest/sources.js';
import { generateCorpus } from '../corpus.js';
import { median, round, RUNS, time } from './measure.js';

export const name = 'cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/onrecord.js');
const TARGETS = { versionS: 0.15, queryS: 0.4, extractMBps: 1.7, extractVsInProcess: 1.8, ingestSpeedup: 1.6, readShare: 0.05 };

/** Median wall time of a whole `onrecord` process, in seconds; throws when it fails. */
function wall(args: string[], runs = RUNS, before?: () => void): number {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    seconds.push((performance.now() - t) / 1000);
    if (r.status !== 0) throw new Error(`onrecord ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  }
  return median(seconds);
}

/** Articles cut to news-brief size at paragraph ends, so the corpus has the many small files. */
function smallFiles(mb: number): string[] {
  const texts: string[] = [];
  for (const a of generateCorpus({ bytes: mb * 1e6, seed: 7 })) {
    let part = '';
    for (const para of a.text.split(/\n\n/)) {
      part += (part ? '\n\n' : '') + para;
      if (part.length >= 3000) (texts.push(part + '\n'), (part = ''));
    }
    if (part) texts.push(part + '\n');
  }
  return texts;
}

export async function run(): Promise<Record<string, unknown>> {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'onr-bench-cli-'));
  try {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    const texts = smallFiles(Number(process.env.BENCH_CLI_MB ?? 5));
    texts.forEach((t, i) => writeFileSync(join(corpus, `${String(i).padStart(5, '0')}.txt`), t));
    const mb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
    const load = loadavg()[0]!;

    // In process, one core: extraction alone, and reading the files alone.
    extract('"Warm-up," she said.');
    const inProcess = await time(() => texts.forEach((t) => extract(t)));
    const reading = await time(async () => {
      for await (const _ of readSources([corpus]));
    });

    const small = join(dir, 'small.db');
    execFileSync(process.execPath, [bin, 'ingest', join(root, 'samples'), '--db', small], { stdio: 'ignore' });
    const version = wall(['--version'], Math.max(RUNS, 5));
    const query = wall(['statements', '--db', small, '--speaker', 'Ilse Varnholt'], Math.max(RUNS, 5));

    const jobs = availableParallelism();
    const extract1 = wall(['extract', corpus, '--jsonl', '--jobs', '1']);
    const extractN = wall(['extract', corpus, '--jsonl']);
    const db = join(dir, 'ingest.db');
    const fresh = () => rmSync(db, { force: true });
    const ingest1 = wall(['ingest', corpus, '--db', db, '--jobs', '1'], RUNS, fresh);
    const ingestN = wall(['ingest', corpus, '--db', db], RUNS, fresh);

    const inProcessMBps = mb / (inProcess.ms / 1000);
    const extractMBps = mb / extractN;
    const readShare = reading.ms / inProcess.ms;
    return {
      machine: { cores: jobs, loadAverage1m: round(load, 2), loadAverageAfter: round(loadavg()[0]!, 2) },
      corpus: { files: texts.length, MB: round(mb, 2), meanKB: round((mb * 1000) / texts.length, 2) },
      startup: { versionS: round(version, 3), okVersion: version < TARGETS.versionS, querySmallStoreS: round(query, 3), okQuery: query < TARGETS.queryS },
      extract: {
        inProcessOneCoreMBps: round(inProcessMBps, 2),
        wholeProcessJobs1MBps: round(mb / extract1, 2),
        [`wholeProcessJobs${jobs}MBps`]: round(extractMBps, 2),
        okMBps: extractMBps >= TARGETS.extractMBps,
        vsInProcessOneCore: round(extractMBps / inProcessMBps, 2),
        okVsInProcess: extractMBps / inProcessMBps >= TARGETS.extractVsInProcess,
        readingShareOfExtraction: round(readShare, 3),
        okReadShare: readShare < TARGETS.readShare,
      },
      ingest: {
        wholeProcessJobs1S: round(ingest1, 2),
        [`wholeProcessJobs${jobs}S`]: round(ingestN, 2),
        speedup: round(ingest1 / ingestN, 2),
        okSpeedup: ingest1 / ingestN >= TARGETS.ingestSpeedup,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
