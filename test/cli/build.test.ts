import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TRACE = new URL('./fixtures/trace-loads.mjs', import.meta.url).href;
const version = JSON.parse(await readFile('package.json', 'utf8')).version as string;

/** Runs bin/onrecord.js with every loaded module listed; the modules and the output. */
function traced(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; loaded: string[]; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TRACE, 'bin/onrecord.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  const loaded = r.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
  return { status: r.status, stdout: r.stdout, loaded, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('loaded ')).join('\n') };
}

test('npm run build bundles the CLI into dist/, and bin/onrecord.js runs it without tsx or the sources', async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const v = traced(['--version']);
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout, `onrecord ${version}\n`);
  assert.ok(v.loaded.some((u) => u.endsWith('/dist/cli/main.js')), 'the compiled main ran');
  assert.deepEqual(v.loaded.filter((u) => u.includes('/src/') || u.includes('/node_modules/')), [], '--version loads no source, no package');

  const dir = await mkdtemp(join(tmpdir(), 'onr-build-'));
  try {
    const db = join(dir, 'small.db');
    const ingest = traced(['ingest', 'samples', '--db', db, '--jobs', '2']);
    assert.equal(ingest.status, 0, ingest.stderr);
    assert.ok(ingest.loaded.some((u) => u.endsWith('/dist/cli/pool-worker.js')), 'worker threads run the compiled worker');
    const q = traced(['statements', '--db', db, '--speaker', 'Ilse Varnholt']);
    assert.equal(q.status, 0, q.stderr);
    assert.match(q.stdout, /Ilse Varnholt: /);
    assert.deepEqual(q.loaded.filter((u) => /wink|linkedom|bullmq|\/pg\//.test(u) || u.includes('/src/')), [], 'a query loads no extractor, parser, queue or PostgreSQL driver');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('with sources newer than dist/ (or ONRECORD_FROM_SOURCE set), bin/onrecord.js runs the TypeScript through tsx', async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const forced = traced(['--version'], { ONRECORD_FROM_SOURCE: '1' });
  assert.equal(forced.stdout, `onrecord ${version}\n`);
  assert.ok(forced.loaded.some((u) => u.endsWith('/src/cli/main.ts')));
  const errors = 'src/errors.ts';
  const future = new Date(Date.now() + 60_000);
  await utimes(errors, future, future);
  try {
    const stale = traced(['--version']);
    assert.ok(stale.loaded.some((u) => u.endsWith('/src/cli/main.ts')), 'a stale build is not run');
    assert.ok(!stale.loaded.some((u) => u.endsWith('/dist/cli/main.js')));
  } finally {
    const now = new Date();
    await utimes(errors, now, now);
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  }
});
