import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends.js';
import { record } from './records.js';
import { ftsMatchString, parseSearch, tsQueryString } from '../../src/store/search-query.js';
import type { Store } from '../../src/types.js';

const ODA = { name: 'Oda Brennquist', aliases: ['Brennquist'] };
const TEO = { name: 'Teo Marlowe', aliases: ['Marlowe'] };
const PORT = { name: 'Harrowgate Port Authority', type: 'organization' as const };

/** Fictional statements: each search below is checked against the texts it must find, on both backends. */
async function fill(store: Store): Promise<void> {
  await store.putArticle(record({ id: 'k1', outlet: 'Harrowgate Herald', published: '2026-03-01', people: [ODA, TEO, PORT], said: [
    { speaker: 'Oda Brennquist', text: 'The tidal barrier will be finished by spring.', addressee: 'the city council' },
    { speaker: 'Teo Marlowe', text: 'The barrier is late and the Harrowgate Port Authority has old tidal data.', via: 'a spokesperson for the port', mentions: ['Harrowgate Port Authority'] },
    { speaker: 'Oda Brennquist', text: 'Ferries keep running while the barrier is built.', type: 'indirect' },
  ] }));
  await store.putArticle(record({ id: 'k2', outlet: 'Harrowgate Evening Post', published: '2026-03-05', people: [ODA, TEO], said: [
    { speaker: 'Teo Marlowe', text: 'Barriers, barriers, barriers: that is all the council talks about.', addressee: 'reporters' },
    { speaker: 'Oda Brennquist', text: 'The ferry timetable will not change.' },
  ] }));
  await store.putArticle(record({ id: 'k3', outlet: 'Coastline Weekly', published: '2026-03-09', people: [TEO], said: [
    { speaker: 'Teo Marlowe', text: 'Nobody asked the fishermen about the barrier.', via: 'Harbour Radio' },
  ] }));
}

const texts = async (store: Store, query: Parameters<Store['statements']>[0]) =>
  (await store.statements({ ...query, limit: 100 })).items.map((s) => s.text).sort();

for (const b of backends()) {
  test(`${b.name}: the search language: phrases, OR, exclusions, prefixes`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await fill(store);
      assert.deepEqual(await texts(store, { q: '"tidal barrier"' }), ['The tidal barrier will be finished by spring.']);
      assert.deepEqual(await texts(store, { q: 'tidal barrier' }), ['The barrier is late and the Harrowgate Port Authority has old tidal data.', 'The tidal barrier will be finished by spring.']);
      assert.deepEqual(await texts(store, { q: 'fishermen OR timetable' }), ['Nobody asked the fishermen about the barrier.', 'The ferry timetable will not change.']);
      assert.deepEqual(await texts(store, { q: 'barrier -tidal -fishermen' }), [
        'Barriers, barriers, barriers: that is all the council talks about.', 'Ferries keep running while the barrier is built.',
      ]);
      assert.deepEqual(await texts(store, { q: 'barrier -"tidal barrier"' }).then((t) => t.length), 4);
      assert.deepEqual(await texts(store, { q: 'timet*' }), ['The ferry timetable will not change.']);
      assert.deepEqual(await texts(store, { q: 'fisher*' }), ['Nobody asked the fishermen about the barrier.']);
      assert.deepEqual(await texts(store, { q: 'fisher' }), [], 'without * a word is a word');
      assert.deepEqual(await texts(store, { q: 'ferr* OR fisher*' }), [
        'Ferries keep running while the barrier is built.', 'Nobody asked the fishermen about the barrier.', 'The ferry timetable will not change.',
      ]);
      // Lower-case "or" is a word like any other, so both must occur.
      assert.deepEqual(await texts(store, { q: 'fishermen or timetable' }), []);
      // Exclusions alone degrade to plain words rather than fail or match everything.
      assert.deepEqual(await texts(store, { q: '-fishermen' }), ['Nobody asked the fishermen about the barrier.']);
    } finally { await store.close(); }
  });

  test(`${b.name}: relevance sort ranks the best match first and keeps the total`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await fill(store);
      const byDate = await store.statements({ q: 'barrier', order: 'desc' });
      const ranked = await store.statements({ q: 'barrier', sort: 'relevance' });
      assert.equal(ranked.total, byDate.total);
      assert.deepEqual(ranked.items.map((s) => s.id).sort(), byDate.items.map((s) => s.id).sort());
      // Three times the word in a short statement outranks once in a longer one, on both scorers.
      assert.equal(ranked.items[0]!.text, 'Barriers, barriers, barriers: that is all the council talks about.');
      assert.equal(byDate.items[0]!.text, 'Nobody asked the fishermen about the barrier.');
      const second = await store.statements({ q: 'barrier', sort: 'relevance', limit: 2, offset: 2 });
      assert.deepEqual(second.items.map((s) => s.id), ranked.items.slice(2, 4).map((s) => s.id));
      const filtered = await store.statements({ q: 'barrier', sort: 'relevance', speaker: 'Brennquist' });
      assert.ok(filtered.items.length === 2 && filtered.items.every((s) => s.speaker?.name === 'Oda Brennquist'));
    } finally { await store.close(); }
  });

  test(`${b.name}: outlet by prefix, addressee and via by any part, organisations as mentioned entities`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await fill(store);
      assert.equal((await store.statements({ outlet: 'harrowgate' })).total, 5);
      assert.equal((await store.statements({ outlet: 'Harrowgate E' })).total, 2);
      assert.equal((await store.statements({ outlet: 'herald' })).total, 0, 'a prefix, not any part');
      assert.equal((await store.statements({ outlet: 'Harrowgate%' })).total, 0, 'LIKE wildcards are plain characters');
      assert.deepEqual(await texts(store, { addressee: 'council' }), ['The tidal barrier will be finished by spring.']);
      assert.deepEqual(await texts(store, { addressee: 'REPORTERS' }), ['Barriers, barriers, barriers: that is all the council talks about.']);
      assert.deepEqual(await texts(store, { via: 'radio' }), ['Nobody asked the fishermen about the barrier.']);
      assert.deepEqual(await texts(store, { via: 'port', q: 'tidal' }), ['The barrier is late and the Harrowgate Port Authority has old tidal data.']);
      assert.deepEqual(await texts(store, { entity: 'Harrowgate Port Authority' }), ['The barrier is late and the Harrowgate Port Authority has old tidal data.']);
      assert.deepEqual(await store.outlets(), [
        { name: 'Coastline Weekly', articles: 1 }, { name: 'Harrowgate Evening Post', articles: 1 }, { name: 'Harrowgate Herald', articles: 1 },
      ]);
    } finally { await store.close(); }
  });

  test(`${b.name}: no search text is a syntax error, whatever the engine`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await fill(store);
      const pieces = ['"', '“', '»', '-', '*', 'OR', 'AND', 'NOT', 'NEAR', '(', ')', ':', '!', '&', '|', '<->', "'", '^', 'barrier', 'x', '²', '①', '\u0301', ' '];
      let seed = 7;
      const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
      for (let i = 0; i < 150; i++) {
        const q = Array.from({ length: 1 + rand(6) }, () => pieces[rand(pieces.length)]).join(rand(2) ? ' ' : '');
        await assert.doesNotReject(store.statements({ q }), JSON.stringify(q));
        await assert.doesNotReject(store.statements({ q, sort: 'relevance' }), JSON.stringify(q));
      }
    } finally { await store.close(); }
  });
}

test('the parser: phrases, negation, OR and prefixes become the same query for FTS5 and tsquery', () => {
  const ast = parseSearch('"tidal barrier" ferr* -late OR fishermen');
  assert.equal(ftsMatchString(ast), '(("tidal barrier" AND "ferr"*) NOT ("late")) OR ("fishermen")');
  assert.equal(tsQueryString(ast), '((tidal <-> barrier) & ferr:* & !late) | (fishermen)');
  assert.equal(ftsMatchString(parseSearch('')), '""');
  assert.equal(tsQueryString(parseSearch('!&|')), '');
  // An unclosed quote is punctuation; OR at either end separates nothing; a one-letter prefix is a plain word.
  assert.equal(ftsMatchString(parseSearch('OR "tidal barrier OR')), '("tidal" AND "barrier")');
  assert.equal(tsQueryString(parseSearch('a* -"late data"')), '(a & !(late <-> data))');
});
