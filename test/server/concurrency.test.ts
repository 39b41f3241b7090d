import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { Gate } from '../../src/server/concurrency.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { RECORDS } from './fixtures.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('the gate admits in order up to its bound, queues within its bound and refuses the rest', async () => {
  const gate = new Gate({ maxInFlight: 2, maxQueued: 2, maxWaitMs: 60_000 });
  const admitted: number[] = [];
  const entries = [1, 2, 3, 4].map((i) => gate.enter().then((ok) => (ok && admitted.push(i), ok)));
  assert.equal(await gate.enter(), false, 'two in flight and two waiting: a fifth is over the bound');
  await turn();
  assert.deepEqual(admitted, [1, 2]);
  assert.equal(gate.queued, 2);
  gate.leave();
  await turn();
  assert.deepEqual(admitted, [1, 2, 3], 'a turn goes to the first waiter');
  gate.leave();
  await turn();
  assert.deepEqual(admitted, [1, 2, 3, 4]);
  assert.deepEqual(await Promise.all(entries), [true, true, true, true]);
});

test('a waiter is refused when its wait runs out or its client goes away, and the gate goes on', async () => {
  const gate = new Gate({ maxInFlight: 1, maxQueued: 10, maxWaitMs: 30 });
  assert.equal(await gate.enter(), true);
  assert.equal(await gate.enter(), false, 'timed out while the only turn was held');
  const abort = new AbortController();
  const gone = gate.enter(abort.signal);
  abort.abort();
  assert.equal(await gone, false);
  const next = gate.enter();
  gate.leave();
  assert.equal(await next, true, 'the dead waiters are skipped');
});

const sqlite = backends().find((b) => b.name === 'sqlite')!;

test('requests over the bound get 503 with Retry-After at once; the admitted ones complete', { skip: sqlite.skip }, async () => {
  const store = await sqlite.open();
  try {
    for (const record of RECORDS) await store.putArticle(record);
    // A store whose statement queries wait until released: requests stay in flight as long as the test says.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow: Store = Object.assign(Object.create(store), { statements: async (q: Parameters<Store['statements']>[0]) => (await released, store.statements(q)) });
    const app = createApp(slow, { rateLimit: false, concurrency: { maxInFlight: 2, maxQueued: 3, maxWaitMs: 60_000, retryAfterSeconds: 7 } });
    const pending = Array.from({ length: 12 }, (_, i) => app.request(i % 2 ? '/api/statements?q=bridge' : '/?q=bridge'));
    const early = await Promise.race([Promise.all(pending.slice(5)), new Promise((resolve) => setTimeout(resolve, 5000, 'waiting'))]);
    assert.notEqual(early, 'waiting', 'the excess is answered without waiting for the admitted ones');
    for (const [i, r] of (early as Response[]).entries()) {
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('retry-after'), '7');
      if (i % 2 === 0) assert.equal((await r.json()).error.code, 'ONR_ERR_HTTP_BUSY');
      else assert.match(await r.text(), /ONR_ERR_HTTP_BUSY/);
    }
    release();
    for (const r of await Promise.all(pending.slice(0, 5))) assert.equal(r.status, 200);
  } finally {
    await store.close();
  }
});
