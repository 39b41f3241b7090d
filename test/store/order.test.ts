import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processArticle } from '../../src/ingest/process.js';
import { readJsonl } from '../../src/ingest/jsonl.js';
import type { Article, ArticleRecord } from '../../src/types.js';
import { fictionalArticles } from '../queue/harness.js';
import { backends } from './backends.js';
import { utteranceGroups } from './groups.js';
import { record } from './records.js';

const VARNHOLT = { name: 'Ilse Varnholt' };
const LONG = 'We will rebuild the harbour bridge before the winter storms arrive, whatever it costs the city';
const said = (id: string, published: string, text: string) =>
  record({ id, outlet: `Outlet ${id}`, published, people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text }] });

/**
 * Reports that only the long one links: cut at the start, cut at the end, cut at a sentence days later.
 * Stored before the long one they are three utterances until it arrives and joins them.
 */
const BRIDGED = [
  said('x2', '2026-03-03', 'the harbour bridge before the winter storms arrive'),
  said('x3', '2026-03-04', 'We will rebuild the harbour bridge before the winter'),
  said('x4', '2026-03-09', 'Before the winter storms arrive, whatever it costs the city'),
  said('x1', '2026-03-02', LONG),
];

const corpus: ArticleRecord[] = [...readJsonl(fictionalArticles(20, 13).map((r) => JSON.stringify(r)).join('\n'), 'order.jsonl')]
  .filter((x): x is Article => x.kind === 'article').map(processArticle);

/** A fixed shuffle (seeded), so a failure repeats. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

for (const b of backends()) {
  test(`${b.name}: the same articles stored in three orders give the same utterances`, { skip: b.skip ?? false, timeout: 120_000 }, async () => {
    const all = [...corpus, ...BRIDGED];
    const orders = [all, [...all].reverse(), shuffled(all, 5)];
    const results: string[][][] = [];
    for (const order of orders) {
      const store = await b.open();
      try {
        for (const r of order) await store.putArticle(r);
        results.push(await utteranceGroups(store));
      } finally { await store.close(); }
    }
    assert.ok(results[0]!.length > 10 && results[0]!.some((g) => g.length > 3), 'the corpus repeats quotes');
    assert.deepEqual(results[1], results[0], 'reversed');
    assert.deepEqual(results[2], results[0], 'shuffled');
  });

  test(`${b.name}: reports one long quote linked stay one utterance in any order, and split when it goes`, { skip: b.skip ?? false }, async () => {
    const groups: string[][][] = [];
    for (const order of [BRIDGED, [...BRIDGED].reverse(), shuffled(BRIDGED, 3)]) {
      const store = await b.open();
      try {
        for (const r of order) await store.putArticle(r);
        assert.equal((await store.stats()).utterances, 1, order.map((r) => r.article.id).join(' '));
        groups.push(await utteranceGroups(store));
        // A new version of the long one without the quote: its three cuts no longer link to each other.
        await store.putArticle(said('x1', '2026-03-02', 'Nothing more to add today.'));
        assert.equal((await store.stats()).utterances, 4);
        const fresh = await b.open();
        try {
          for (const r of [...order.filter((r) => r.article.id !== 'x1'), said('x1', '2026-03-02', 'Nothing more to add today.')]) await fresh.putArticle(r);
          assert.deepEqual(await utteranceGroups(store), await utteranceGroups(fresh), 'regrouped as if stored without it');
        } finally { await fresh.close(); }
      } finally { await store.close(); }
    }
    assert.deepEqual(groups[1], groups[0]);
    assert.deepEqual(groups[2], groups[0]);
  });
}

const pg = backends().find((b) => b.name === 'postgres')!;
test('postgres: concurrent writers give the utterances of one writer', { skip: pg.skip ?? false, timeout: 120_000 }, async () => {
  const all = [...corpus, ...BRIDGED];
  const serial = await pg.open();
  const parallel = await pg.open();
  try {
    for (const r of all) await serial.putArticle(r);
    // Eight at a time on a pool of ten connections, in a shuffled order.
    const queue = shuffled(all, 9);
    await Promise.all(Array.from({ length: 8 }, async () => { for (let r; (r = queue.shift()); ) await parallel.putArticle(r); }));
    assert.deepEqual(await parallel.stats(), await serial.stats());
    assert.deepEqual(await utteranceGroups(parallel), await utteranceGroups(serial));
  } finally { await serial.close(); await parallel.close(); }
});
