import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GenerationCache } from '../../src/store/cache.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/types.js';
import { record } from './records.js';

const VARNHOLT = { name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'mayor', affiliation: 'Dunmere' };
const BLASKOVIC = { name: 'Teodor Blaskovic', aliases: ['Blaskovic'] };

/** Two stores over the same data, as a server and a queue worker (or `onrecord ingest`) would hold. */
function pairs(): Array<{ name: string; open: () => Promise<[Store, Store]>; skip?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  return [
    {
      name: 'sqlite',
      open: async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'onr-cache-')), 'test.db');
        return [await openStore({ file, url: '' }), await openStore({ file, url: '' })];
      },
    },
    {
      name: 'postgres',
      open: async () => {
        const schema = `c_${process.pid}_${Date.now().toString(36)}`;
        return [await openStore({ url: url!, schema }), await openStore({ url: url!, schema })];
      },
      ...(url ? {} : { skip: 'TEST_DATABASE_URL not set' }),
    },
  ];
}

for (const p of pairs()) {
  test(`${p.name}: cached totals, lists and counts follow writes of this store and of another connection`, { skip: p.skip ?? false }, async () => {
    const [server, worker] = await p.open();
    try {
      const put = (s: Store, id: string, said: { speaker: string; text: string }[]) =>
        s.putArticle(record({ id, published: '2026-03-01', people: [VARNHOLT, BLASKOVIC], said }));
      await put(server, 'a1', [{ speaker: 'Ilse Varnholt', text: 'The bridge will be rebuilt.' }]);
      const read = async () => ({
        stats: await server.stats(),
        speakers: (await server.entities({ speakersOnly: true })).items.map((e) => [e.name, e.statementCount, e.articleCount]),
        bridge: (await server.statements({ q: 'bridge' })).total,
        utterances: (await server.utterances({})).total,
      });
      const before = await read();
      assert.deepEqual(before, await read(), 'a second read is the same');
      assert.deepEqual(before.speakers, [['Ilse Varnholt', 1, 1]]);

      // Written through the other connection: the server's cache must not hide it.
      await put(worker, 'a2', [{ speaker: 'Ilse Varnholt', text: 'The bridge is safe.' }, { speaker: 'Teodor Blaskovic', text: 'The bridge is not safe.' }]);
      const after = await read();
      assert.equal(after.stats.articles, 2);
      assert.equal(after.stats.statements, 3);
      assert.equal(after.bridge, 3);
      assert.equal(after.utterances, 3);
      assert.deepEqual(after.speakers, [['Ilse Varnholt', 2, 2], ['Teodor Blaskovic', 1, 1]]);

      // And through its own connection, a new version that drops statements.
      await put(server, 'a2', [{ speaker: 'Teodor Blaskovic', text: 'Nothing to add.' }]);
      const last = await read();
      assert.equal(last.stats.statements, 2);
      assert.equal(last.bridge, 1);
      assert.deepEqual(last.speakers, [['Ilse Varnholt', 1, 1], ['Teodor Blaskovic', 1, 1]]);
    } finally {
      await server.close();
      await worker.close();
    }
  });

  test(`${p.name}: a speaker's statement spans, articles' entities and entities by exact name`, { skip: p.skip ?? false }, async () => {
    const [store, other] = await p.open();
    await other.close();
    try {
      await store.putArticle(record({ id: 'b1', published: '2026-03-01', people: [VARNHOLT, BLASKOVIC], said: [
        { speaker: 'Ilse Varnholt', text: 'Blaskovic is wrong about the bridge.', mentions: ['Blaskovic'] },
        { speaker: 'Teodor Blaskovic', text: 'I stand by it.' },
      ] }));
      await store.putArticle(record({ id: 'b2', published: '2026-04-01', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: 'Again.', date: '2026-03-30' }] }));
      const spans = await store.statementSpans('Ilse Varnholt', 10);
      assert.deepEqual(spans.map((s) => [s.articleId, s.date]), [['b2', '2026-03-30'], ['b1', '2026-03-01']]);
      const b1 = spans[1]!;
      const entities = await store.articleEntities(['b1', 'b2', 'nope']);
      assert.deepEqual([...entities.keys()].sort(), ['b1', 'b2']);
      const mentioned = entities.get('b1')!.find((e) => e.name === 'Teodor Blaskovic')!;
      assert.ok(mentioned.mentions.some((m) => m.start >= b1.start && m.end <= b1.end), 'the mention lies inside the statement span');
      assert.deepEqual(await store.statementSpans('Nobody', 10), []);
      assert.equal((await store.statementSpans('Varnholt', 1)).length, 1);
      const named = await store.entitiesNamed(['teodor BLASKOVIC', 'Ilse Varnholt', 'Unknown Person']);
      assert.deepEqual(named.map((e) => [e.name, e.statementCount]), [['Ilse Varnholt', 2], ['Teodor Blaskovic', 1]]);
      assert.deepEqual(await store.entitiesNamed(['', '%']), []);
    } finally {
      await store.close();
    }
  });
}

test('the generation cache computes once per generation, shares a computation and forgets failures', async () => {
  let generation = 1;
  let computed = 0;
  const cache = new GenerationCache(() => String(generation), 2);
  const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 5));
  const [x, y] = await Promise.all([cache.get('a', slow), cache.get('a', slow)]);
  assert.deepEqual([x, y, computed], [1, 1, 1]);
  generation = 2;
  assert.equal(await cache.get('a', slow), 2);
  await assert.rejects(cache.get('b', () => Promise.reject(new Error('boom'))));
  assert.equal(await cache.get('b', slow), 3, 'a failure is not kept');
  await cache.get('c', slow);
  await cache.get('d', slow);
  assert.equal(cache.size, 2, 'bounded: the least recently used went');
});
