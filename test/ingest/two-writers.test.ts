import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openStore } from '../../src/store/index.js';
import { fictionalArticles, writeCorpus } from '../queue/harness.js';
import { utteranceGroups } from '../store/groups.js';

const bin = new URL('../../bin/onrecord.js', import.meta.url).pathname;

/** A real `onrecord ingest` process into one SQLite file: its exit code and stderr. */
function ingestProcess(db: string, file: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, 'ingest', '--jobs', '1', '--db', db, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

async function contents(db: string) {
  const store = await openStore({ file: db, url: '' });
  try { return { stats: await store.stats(), groups: await utteranceGroups(store) }; } finally { await store.close(); }
}

test('two ingest processes into one SQLite file both finish (exit 0) with the store of one ingest', { timeout: 240_000 }, async () => {
  const articles = fictionalArticles(30, 21);
  const whole = await writeCorpus(articles);
  const dir = mkdtempSync(join(tmpdir(), 'onr-two-'));
  const single = join(dir, 'single.db');
  const store = await openStore({ file: single, url: '' });
  await ingest([whole], { store });
  await store.close();
  const expected = await contents(single);
  assert.equal(expected.stats.articles, 30);
  // The same corpus twice at once into a new file: both migrate it, every article is raced for.
  // (test/store/two-processes.test.ts races an article per transaction, which fails without BEGIN IMMEDIATE.)
  const db = join(dir, 'shared.db');
  const runs = await Promise.all([ingestProcess(db, whole), ingestProcess(db, whole)]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(runs.map((r) => r.stderr).join(''), /locked/);
  assert.deepEqual(await contents(db), expected);
});
