import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';

const TOKEN = 'test-token-0123456789';
const sqlite = backends().find((b) => b.name === 'sqlite')!;

/** A long fictional article: quotes by varied invented people, so extraction has real work to do. */
function longArticle(paragraphs: number, seed: string): { text: string; url: string } {
  const names = ['Ilse Varnholt', 'Teodor Blaskovic', 'Greta Osterby', 'Anselm Quelmere', 'Marta Veskwick'];
  const text = Array.from({ length: paragraphs }, (_, i) =>
    `"The harbour bridge ${seed} will be rebuilt in phase ${i} before the winter storms arrive," said ${names[i % names.length]}, a councillor in Dunmere. Work on the ferry terminal continued on Tuesday.`).join('\n\n');
  return { text, url: `https://news.example/${seed}` };
}

const post = (app: ReturnType<typeof createApp>, body: object) =>
  app.request('/api/articles', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('POST /api/articles extracts off the event loop: other requests are answered meanwhile', { skip: sqlite.skip }, async () => {
  const store: Store = await sqlite.open();
  try {
    const app = createApp(store, { ingestToken: TOKEN, rateLimit: false });
    assert.equal((await post(app, longArticle(2, 'warm'))).status, 201); // the worker is up
    const order: string[] = [];
    const ingest = Promise.resolve(post(app, longArticle(1500, "big"))).then((r) => (order.push("post"), r));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stats = await Promise.resolve(app.request("/api/stats")).then((r) => (order.push("stats"), r));
    const stored = await ingest;
    assert.equal(stats.status, 200);
    assert.equal(stored.status, 201);
    assert.ok((await stored.json()).statements >= 1000);
    assert.deepEqual(order, ['stats', 'post'], 'a request sent during the extraction is answered before it ends');
  } finally {
    await store.close();
  }
});

test('POST /api/articles: a full extraction queue is 503 with Retry-After; an overlong extraction is refused', { skip: sqlite.skip }, async () => {
  const store: Store = await sqlite.open();
  try {
    const app = createApp(store, { ingestToken: TOKEN, rateLimit: false, ingestQueue: 1 });
    const replies = await Promise.all([1, 2, 3, 4].map((i) => post(app, longArticle(200, `q${i}`))));
    const statuses = replies.map((r) => r.status);
    assert.deepEqual(statuses.filter((s) => s === 201).length, 2, `one extracted, one waiting: ${statuses}`);
    for (const r of replies.filter((x) => x.status === 503)) {
      assert.ok(Number(r.headers.get('retry-after')) > 0);
      assert.equal((await r.json()).error.code, 'ONR_ERR_HTTP_BUSY');
    }
    assert.equal((await store.stats()).articles, 2, 'the refused ones stored nothing');

    const hasty = createApp(store, { ingestToken: TOKEN, rateLimit: false, ingestTimeoutMs: 1 });
    const late = await post(hasty, longArticle(1500, 'late'));
    assert.equal(late.status, 422);
    const body = await late.json();
    assert.equal(body.error.code, 'ONR_ERR_EXTRACT');
    assert.match(body.error.message, /longer than/);
  } finally {
    await store.close();
  }
});
