import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ArticleRecord, Store, StoredStatement } from '../../src/types.js';
import { backends } from './backends.js';
import { record } from './records.js';

/** Exports, counts, volume and grouping, once per backend, over four fictional articles. */

const VARNHOLT = { name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'mayor' };
const ESKILDSEN = { name: 'Ruben Eskildsen', aliases: ['Eskildsen'], role: 'councillor' };
const QUOTE = 'We will rebuild the harbour bridge before the winter storms arrive, whatever it costs the city';

function addressed(r: ArticleRecord, seq: number, addressee: string): ArticleRecord {
  return { ...r, statements: r.statements.map((s, i) => (i === seq ? { ...s, addressee } : s)) };
}

const RECORDS: ArticleRecord[] = [
  addressed(record({
    id: 'a1', outlet: 'Dunmere Gazette', published: '2026-03-02', title: 'Bridge before winter', people: [VARNHOLT, ESKILDSEN],
    said: [
      { speaker: 'Ilse Varnholt', text: QUOTE },
      { speaker: 'Ilse Varnholt', text: 'taxes would stay as they are', type: 'indirect', via: 'Harbour Radio' },
      { speaker: 'Ruben Eskildsen', text: 'Varnholt has no money for steel', mentions: ['Varnholt'] },
    ],
  }), 1, 'the council'),
  record({ id: 'a2', outlet: 'Northern Wire', published: '2026-03-04', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: QUOTE }] }),
  record({ id: 'a3', outlet: 'Northern Wire', people: [ESKILDSEN], said: [{ speaker: 'Ruben Eskildsen', text: '=SUM(A1) is not a budget' }, { speaker: 'Ruben Eskildsen', text: 'The ferry will run twice a day' }] }),
  record({ id: 'a4', outlet: 'Coastal Post', published: '2026-04-15', people: [ESKILDSEN], said: [{ speaker: 'Ruben Eskildsen', text: 'The ferry needs a new pier', date: '2026-04-14' }] }),
];

async function filled(open: () => Promise<Store>): Promise<Store> {
  const store = await open();
  for (const r of RECORDS) await store.putArticle(r);
  return store;
}

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const ids = (xs: readonly StoredStatement[]) => xs.map((s) => s.id);

for (const b of backends()) {
  test(`${b.name}: statementRows walks every match in page order by keyset, batch after batch, undated last`, { skip: b.skip ?? false }, async () => {
    const store = await filled(b.open);
    try {
      for (const order of ['desc', 'asc'] as const) {
        const page = await store.statements({ order, limit: 100 });
        assert.equal(page.items.length, 7);
        // Batches of 1 and 2 cross ties on the date (two statements of a1 on one day) and the undated pair of a3.
        for (const batch of [1, 2, 1000]) assert.deepEqual(ids(await all(store.statementRows({ order }, { batch }))), ids(page.items), `${order}, batch ${batch}`);
      }
      const eskildsen = await all(store.statementRows({ speaker: 'Ruben Eskildsen' }, { batch: 1 }));
      assert.deepEqual(eskildsen.map((s) => s.text), ['The ferry needs a new pier', 'Varnholt has no money for steel', '=SUM(A1) is not a budget', 'The ferry will run twice a day']);
      assert.ok(eskildsen.every((s) => s.speakerRole === 'councillor'), 'the role from the knowledge base');
      assert.deepEqual(await all(store.statementRows({ q: 'nothingmatchesthis' })), []);
    } finally { await store.close(); }
  });

  test(`${b.name}: statementCounts counts a query by each property, the rest as other and none`, { skip: b.skip ?? false }, async () => {
    const store = await filled(b.open);
    try {
      const speaker = await store.statementCounts({}, 'speaker', 10);
      assert.deepEqual(speaker.buckets.map((x) => [x.label, x.count]), [['Ruben Eskildsen', 4], ['Ilse Varnholt', 3]]);
      assert.match(speaker.buckets[0]!.key, /^k/, 'a speaker bucket is keyed by KB id, to filter on');
      assert.equal((await store.statements({ speaker: speaker.buckets[0]!.key })).total, 4);
      assert.deepEqual([speaker.other, speaker.none, speaker.total], [0, 0, 7]);
      const outlet = await store.statementCounts({}, 'outlet', 1);
      assert.deepEqual(outlet.buckets.map((x) => [x.key, x.count]), [['Dunmere Gazette', 3]]);
      assert.equal(outlet.other, 4, 'Northern Wire (3) and Coastal Post (1) beyond the one bucket asked for');
      const month = await store.statementCounts({}, 'month', 10);
      assert.deepEqual(month.buckets.map((x) => [x.key, x.count]), [['2026-04', 1], ['2026-03', 4]], 'newest first');
      assert.equal(month.none, 2, 'the undated pair of a3');
      const type = await store.statementCounts({ speaker: 'Ilse Varnholt' }, 'type', 10);
      assert.deepEqual(type.buckets.map((x) => [x.key, x.count]), [['direct', 2], ['indirect', 1]]);
      const entity = await store.statementCounts({}, 'entity', 10);
      assert.deepEqual(entity.buckets.map((x) => [x.label, x.count]), [['Ilse Varnholt', 1]]);
      assert.deepEqual([entity.none, entity.total], [6, 7]);
      const via = await store.statementCounts({}, 'via', 10);
      assert.deepEqual(via.buckets.map((x) => [x.key, x.count]), [['Harbour Radio', 1]]);
      const addressee = await store.statementCounts({ q: 'taxes' }, 'addressee', 10);
      assert.deepEqual([addressee.buckets.map((x) => x.key), addressee.total], [['the council'], 1]);
      // Each bucket narrows the search it came from.
      assert.equal((await store.statements({ via: 'harbour radio' })).items[0]?.text, 'taxes would stay as they are');
      assert.equal((await store.statements({ addressee: 'The Council' })).total, 1);
      const narrowed = await store.statementCounts({ outlet: 'Northern Wire' }, 'speaker', 10);
      assert.deepEqual(narrowed.buckets.map((x) => [x.label, x.count]), [['Ruben Eskildsen', 2], ['Ilse Varnholt', 1]]);
    } finally { await store.close(); }
  });

  test(`${b.name}: statementVolume counts every period from first to last, split with other, and the undated apart`, { skip: b.skip ?? false }, async () => {
    const store = await filled(b.open);
    try {
      const months = await store.statementVolume({}, { unit: 'month' });
      assert.deepEqual(months.buckets.map((x) => [x.key, x.from, x.to, x.total]), [['2026-03', '2026-03-01', '2026-03-31', 4], ['2026-04', '2026-04-01', '2026-04-30', 1]]);
      assert.deepEqual([months.undated, months.total], [2, 7], 'nothing dropped: dated plus undated is every statement');
      const weeks = await store.statementVolume({}, { unit: 'week' });
      assert.equal(weeks.buckets[0]!.key, '2026-03-02', 'weeks start on Monday');
      assert.equal(weeks.buckets.at(-1)!.key, '2026-04-13', 'the Monday before 14 April');
      assert.equal(weeks.buckets.length, 7, 'empty weeks between are there');
      assert.deepEqual(weeks.buckets.map((x) => x.total), [4, 0, 0, 0, 0, 0, 1]);
      const split = await store.statementVolume({}, { unit: 'month', split: 'outlet', top: 1 });
      assert.deepEqual(split.series, [{ key: 'Dunmere Gazette', label: 'Dunmere Gazette' }, { key: '', label: 'other' }]);
      assert.deepEqual(split.buckets.map((x) => x.counts), [[3, 1], [0, 1]]);
      const bySpeaker = await store.statementVolume({ q: 'ferry' }, { unit: 'month', split: 'speaker' });
      assert.deepEqual(bySpeaker.series.map((s) => s.label), ['Ruben Eskildsen']);
      assert.deepEqual([bySpeaker.buckets.map((x) => x.counts), bySpeaker.undated], [[[1]], 1]);
      assert.deepEqual((await store.statementVolume({ q: 'nothingmatchesthis' }, { unit: 'week' })).buckets, []);
    } finally { await store.close(); }
  });

  test(`${b.name}: statementGroups gives one entry per utterance, carried by N outlets, first reported by the earliest`, { skip: b.skip ?? false }, async () => {
    const store = await filled(b.open);
    try {
      const flat = await store.statements({ q: 'harbour bridge' });
      assert.equal(flat.total, 2, 'the same quote twice');
      const grouped = await store.statementGroups({ q: 'harbour bridge' });
      assert.equal(grouped.total, 1);
      const g = grouped.items[0]!;
      assert.deepEqual([g.type, g.matching, g.outlets, g.first?.outlet, g.first?.published], ['direct', 2, 2, 'Dunmere Gazette', '2026-03-02']);
      assert.equal((await store.statementGroups({ q: 'taxes' })).items[0]?.type, 'indirect');
      assert.equal(g.utterance.reports.length, 2);
      const everything = await store.statementGroups({ limit: 3, offset: 0 });
      assert.equal(everything.total, 6, 'seven statements, the quote twice');
      const next = await store.statementGroups({ limit: 3, offset: 3 });
      assert.equal(new Set([...everything.items, ...next.items].map((x) => x.utterance.id)).size, 6, 'pages do not overlap');
    } finally { await store.close(); }
  });
}
