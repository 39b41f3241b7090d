/**
 * Fuzz test: hostile files from scripts/hostile.ts (decompression bombs, unclosed and flat HTML, dense dates,
 * many tiny records, cut and corrupt gzip), a few variants of each class, through `onrecord ingest` in a child
 * process. Every one ends with a message naming its file (and record), the good articles are stored, the exit
 * code is 1, and the process neither crashes nor hangs; its peak RSS stays under 500 MB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHostile } from '../../scripts/hostile.js';
import Database from 'better-sqlite3';

const MAX_RSS_MB = 500;
/** A hang guard, not a speed target (speed is `npm run bench`, suite `hostile`). */
const HANG_MS = 90_000;

/** Runs the CLI in a child that reports its own peak RSS on exit. */
function ingestChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; rssMb: number }> {
  const script = `const { main } = await import(${JSON.stringify(new URL('../../src/cli/main.ts', import.meta.url).href)});
const code = await main(process.argv.slice(1));
process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + '\\n');
process.exit(code);`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], { env: { ...process.env, CI: '1' }, timeout: HANG_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error?.killed) return reject(new Error(`ingest did not finish within ${HANG_MS} ms (a hang): ${stderr.slice(-500)}`));
      const rss = /maxrss=(\d+)/.exec(stderr);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr, rssMb: rss ? Number(rss[1]) / 1024 : NaN });
    });
  });
}

test('every hostile file is reported by name, the rest stored, exit code 1, memory bounded, no hang', { timeout: HANG_MS + 30_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onrecord-fuzz-'));
  try {
    const files = await writeHostile(join(dir, 'in'), { scale: 2 / 22, records: 300 });
    const db = join(dir, 'store.db');
    // One job: the bound is on what the input costs; each further worker thread adds its own copy of the
    // language model and heap (~100-150 MB), see docs/benchmarks.md.
    const run = await ingestChild(['ingest', join(dir, 'in'), '--db', db, '--json', '--jobs', '1']);
    assert.equal(run.code, 1, run.stderr.slice(-2000));
    assert.ok(run.rssMb < MAX_RSS_MB, `peak RSS ${run.rssMb} MB`);
    const summary = JSON.parse(run.stdout) as { read: number; stored: number; failed: number };
    const sqlite = new Database(db, { readonly: true });
    try {
      const sources = sqlite.prepare('select source from articles').pluck().all() as string[];
      const stored = new Set(sources.map((s) => s.replace(/#\d+$/, '')));
      const reported = new Set([...run.stderr.matchAll(/^(\S+?)(?:#\d+)?: (ONR_ERR_[A-Z_]+):/gm)].map((m) => m[1]!));
      // Each file either stored articles or is named in a message; bombs and broken files are named.
      for (const f of files) {
        const path = join(dir, 'in', f.name);
        assert.ok(stored.has(path) || reported.has(path), `${f.name} neither stored nor reported`);
        if (/bomb|nested|junk|long|unclosed|flat|deep|cut|corrupt/.test(f.klass)) assert.ok(reported.has(path), `${f.name} (${f.klass}) not reported`);
      }
      assert.ok(stored.has(join(dir, 'in', 'good.txt')), 'the good file is stored');
      // Good records around the bad ones are kept: the record after a WARC body bomb, the lines around junk.
      for (const f of files.filter((x) => x.klass === 'warc-body-bomb' || x.klass === 'jsonl-long-line' || x.klass === 'tiny-records'))
        assert.ok(stored.has(join(dir, 'in', f.name)), `${f.name}: its good records were not stored`);
      assert.equal(sources.length, summary.stored);
    } finally {
      sqlite.close();
    }
    // Limits named in the messages: a bomb is stopped at its limit while inflating.
    assert.match(run.stderr, /bomb-0\.txt\.gz: ONR_ERR_TOO_LARGE: .*decompresses past \d+ bytes/);
    assert.match(run.stderr, /crawl-0\.warc#1: ONR_ERR_TOO_LARGE: .*body decodes past/);
    assert.match(run.stderr, /unclosed-0\.html\.gz: ONR_ERR_HTML: .*nested deeper than 256/);
    assert.match(run.stderr, /flat-0\.html\.gz: ONR_ERR_HTML: .*more than 30000 elements/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
