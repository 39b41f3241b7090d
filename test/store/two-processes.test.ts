import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { utteranceGroups } from './groups.js';
import { writerRecords } from './two-processes-records.js';

const child = new URL('./writer-child.ts', import.meta.url).pathname;

function writer(file: string, seed: number): Promise<{ code: number | null; stderr: string }> {
  const p = spawn(process.execPath, ['--import', 'tsx', child, file, String(seed)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => p.once('exit', (code) => resolve({ code, stderr })));
}

async function contents(file: string) {
  const store = await openStore({ file, url: '' });
  try { return { stats: await store.stats(), groups: await utteranceGroups(store) }; } finally { await store.close(); }
}

test('sqlite: two processes writing one new file, an article per transaction, wait their turn and store what one would', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onr-2p-'));
  const single = join(dir, 'single.db');
  const one = await openStore({ file: single, url: '' });
  for (const r of writerRecords(0)) await one.putArticle(r);
  await one.close();
  const shared = join(dir, 'shared.db');
  // Both open the new file at once (migrations) and store the same articles in opposite orders.
  const runs = await Promise.all([writer(shared, 0), writer(shared, 1)]);
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await contents(shared), await contents(single));
});
