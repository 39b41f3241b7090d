import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { RECORDS } from './fixtures.js';

const BURST = 1000;

/**
 * Client and server share this process's file descriptors: one socket each per
 * connection. Where the soft limit is low (often 1024), connections are capped
 * and the remaining requests wait in the agent's queue, still all in flight at once.
 */
function connectionBudget(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/Max open files\s+(\d+)/.exec(limits)?.[1]);
    if (Number.isFinite(soft)) return Math.max(50, Math.min(BURST, Math.floor((soft - 200) / 2)));
  } catch {
    // not Linux: be conservative
  }
  return 256;
}

function get(agent: Agent, origin: string, path: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, origin), { agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const sqlite = backends().find((b) => b.name === 'sqlite')!;

describe('a burst of concurrent requests on loopback', { skip: sqlite.skip }, () => {
  let store: Store;
  let running: RunningServer;
  before(async () => {
    store = await sqlite.open();
    for (const record of RECORDS) await store.putArticle(record);
    running = await listen(createApp(store), { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await running.close();
    await store.close();
  });

  test(`${BURST} concurrent requests over the default limits all succeed`, async () => {
    const paths = ['/api/statements?q=snow', '/api/speakers', '/', '/api/articles', '/api/utterances?minReports=2', '/speakers', '/api/stats', '/style.css'];
    const agent = new Agent({ keepAlive: true, maxSockets: connectionBudget() });
    try {
      const results = await Promise.allSettled(Array.from({ length: BURST }, (_, i) => get(agent, running.origin, paths[i % paths.length]!)));
      const failed = results.filter((r) => r.status === 'rejected');
      assert.deepEqual(failed.map((r) => String((r as PromiseRejectedResult).reason)).slice(0, 5), []);
      const statuses = results.map((r) => (r as PromiseFulfilledResult<{ status: number; bytes: number }>).value);
      assert.equal(statuses.filter((r) => r.status === 200 && r.bytes > 0).length, BURST);
    } finally {
      agent.destroy();
    }
  });
});
