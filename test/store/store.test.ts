import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends.js';
import { record } from './records.js';
import { MAX_LIMIT, TOTAL_CAP } from '../../src/store/index.js';

const VARNHOLT = { name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'mayor', affiliation: 'Dunmere' };
const QUOTE = 'We will rebuild the harbour bridge before the winter storms arrive, whatever it costs the city';

for (const b of backends()) {
  test(`${b.name}: put is idempotent and a changed text is a new version`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const r1 = record({ id: 'a1', outlet: 'Dunmere Gazette', published: '2026-03-02', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: QUOTE }] });
      assert.equal(await store.putArticle(r1), 'stored');
      assert.equal(await store.putArticle(r1), 'unchanged');
      const r2 = record({ id: 'a1', outlet: 'Dunmere Gazette', published: '2026-03-02', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: 'The bridge will wait until spring.' }, { speaker: 'Ilse Varnholt', text: 'Taxes stay as they are.' }] });
      assert.equal(await store.putArticle(r2), 'new-version');
      const st = await store.stats();
      assert.equal(st.articles, 1);
      assert.equal(st.statements, 2);
      assert.equal(st.utterances, 2);
      assert.ok(await store.hasArticle('a1', r2.article.version));
      assert.equal(await store.hasArticle('a1', r1.article.version), false);
      const art = await store.article('a1');
      assert.deepEqual(art?.statements.map((s) => s.text), ['The bridge will wait until spring.', 'Taxes stay as they are.']);
    } finally { await store.close(); }
  });

  test(`${b.name}: putArticles stores several articles in one transaction, all or none`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const rs = [1, 2, 3].map((i) => record({ id: `batch${i}`, outlet: 'Dunmere Gazette', published: '2026-03-02', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: `${QUOTE} ${i}` }] }));
      assert.deepEqual(await store.putArticles(rs), ['stored', 'stored', 'stored']);
      assert.deepEqual(await store.putArticles([rs[0]!]), ['unchanged']);
      // One article the store refuses (no text: NOT NULL in both backends) undoes the whole batch.
      const bad = record({ id: 'batch-bad', people: [], said: [] });
      const broken = { ...bad, article: { ...bad.article, text: null as unknown as string } };
      const fresh = record({ id: 'batch4', people: [], said: [] });
      await assert.rejects(store.putArticles([fresh, broken]), /ONR_ERR_STORE|store/);
      assert.equal(await store.hasArticle('batch4'), false, 'the batch was undone');
      const st = await store.stats();
      assert.equal(st.articles, 3);
      assert.equal(st.statements, 3);
      // Entities resolve across the articles of one batch as across separate puts.
      assert.equal((await store.entities({ q: 'Ilse Varnholt' })).items.length, 1);
    } finally { await store.close(); }
  });

  test(`${b.name}: the same person across articles is one entity; namesakes are not merged`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(record({ id: 'a1', published: '2026-03-01', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: 'One.' }] }));
      await store.putArticle(record({ id: 'a2', published: '2026-03-05', people: [{ name: 'Mayor Ilse Varnholt', aliases: ['Ilse Varnholt'], role: 'mayor', affiliation: 'Dunmere' }], said: [{ speaker: 'Mayor Ilse Varnholt', text: 'Two.' }] }));
      await store.putArticle(record({ id: 'a3', published: '2026-03-07', people: [{ name: 'Varnholt' }], said: [{ speaker: 'Varnholt', text: 'Three.' }] }));
      let speakers = await store.entities({ speakersOnly: true });
      assert.equal(speakers.total, 1);
      const kb = speakers.items[0]!;
      assert.equal(kb.statementCount, 3);
      assert.equal(kb.articleCount, 3);
      assert.deepEqual(kb.roles, [{ role: 'mayor, Dunmere', first: '2026-03-01', last: '2026-03-05' }]);
      assert.equal((await store.statements({ speaker: 'Varnholt' })).total, 3);
      assert.equal((await store.statements({ speaker: kb.id })).total, 3);
      // A second Varnholt: a bare surname is now ambiguous and joins no one.
      await store.putArticle(record({ id: 'a4', people: [{ name: 'Oskar Varnholt' }], said: [{ speaker: 'Oskar Varnholt', text: 'Four.' }] }));
      await store.putArticle(record({ id: 'a5', people: [{ name: 'Varnholt' }], said: [{ speaker: 'Varnholt', text: 'Five.' }] }));
      speakers = await store.entities({ speakersOnly: true });
      assert.equal(speakers.total, 3);
      assert.equal((await store.statements({ speaker: 'Ilse Varnholt' })).total, 3);
      assert.equal((await store.statements({ speaker: 'Oskar Varnholt' })).total, 1);
    } finally { await store.close(); }
  });

  test(`${b.name}: an unnamed role speaker is resolved when a later article names them`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(record({ id: 'a1', published: '2026-04-01', people: [{ name: "Korvania's foreign minister", role: 'foreign minister', affiliation: 'Korvania', unnamed: true }], said: [{ speaker: "Korvania's foreign minister", text: 'The border stays open.' }] }));
      assert.equal((await store.entities({ speakersOnly: true })).items[0]?.unnamed, true);
      await store.putArticle(record({ id: 'a2', published: '2026-04-03', people: [{ name: 'Teodor Blaskovic', role: 'foreign minister', affiliation: 'Korvania' }], said: [{ speaker: 'Teodor Blaskovic', text: 'Talks resume Monday.' }] }));
      const speakers = await store.entities({ speakersOnly: true });
      assert.equal(speakers.total, 1);
      assert.equal(speakers.items[0]!.name, 'Teodor Blaskovic');
      assert.equal((await store.statements({ speaker: 'Teodor Blaskovic' })).total, 2);
    } finally { await store.close(); }
  });

  test(`${b.name}: a later article that both describes and names the minister resolves the unnamed speaker`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const unnamed = { name: "Korvania's foreign minister", role: 'foreign minister', affiliation: 'Korvania', unnamed: true };
      await store.putArticle(record({ id: 'a1', published: '2026-04-01', people: [unnamed], said: [{ speaker: unnamed.name, text: 'The border stays open.' }] }));
      // The extractor did not tie the two together in the article, and gave the named minister no country.
      await store.putArticle(record({ id: 'a2', published: '2026-04-03', people: [unnamed, { name: 'Teodor Blaskovic', role: 'Foreign Minister' }], said: [
        { speaker: unnamed.name, text: 'Talks resume Monday.' }, { speaker: 'Teodor Blaskovic', text: 'The crossing stays open.' },
      ] }));
      const speakers = await store.entities({ speakersOnly: true });
      assert.deepEqual(speakers.items.map((e) => [e.name, e.statementCount, e.unnamed ?? false]), [['Teodor Blaskovic', 3, false]]);
      const all = await store.statements({});
      assert.ok(all.items.every((s) => s.speaker?.kbId === speakers.items[0]!.id), 'no statement points at the merged-away entity');
      assert.deepEqual(speakers.items[0]!.roles, [{ role: 'foreign minister, Korvania', first: '2026-04-01', last: '2026-04-03' }]);
      // Two named ministers in one article: no guessing which one the description means.
      await store.putArticle(record({ id: 'a3', published: '2026-04-05', people: [{ ...unnamed, name: "Estravia's foreign minister", affiliation: 'Estravia' }, { name: 'Piet Halvorsen', role: 'foreign minister' }, { name: 'Anja Brunow', role: 'foreign minister' }], said: [
        { speaker: "Estravia's foreign minister", text: 'We agree.' }, { speaker: 'Piet Halvorsen', text: 'Yes.' }, { speaker: 'Anja Brunow', text: 'No.' },
      ] }));
      assert.equal((await store.entities({ speakersOnly: true })).total, 4);
    } finally { await store.close(); }
  });

  test(`${b.name}: one quote in several outlets, lightly edited, is one utterance`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const edits = [
        QUOTE + '.',
        'we will rebuild the harbour bridge before the winter storms arrive',
        'We will rebuild [the] harbour bridge before the winter storms arrive, whatever it costs the city',
      ];
      await store.putArticle(record({ id: 'b2', outlet: 'Harbour Post', published: '2026-03-03', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: edits[1]!, via: 'Dunmere Wire' }] }));
      await store.putArticle(record({ id: 'b1', outlet: 'Dunmere Gazette', published: '2026-03-02', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: edits[0]! }] }));
      await store.putArticle(record({ id: 'b3', outlet: 'Coast Daily', published: '2026-03-04', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: edits[2]! }, { speaker: 'Ilse Varnholt', text: 'Something else entirely.' }] }));
      const st = await store.stats();
      assert.equal(st.utterances, 2);
      const multi = await store.utterances({ minReports: 2 });
      assert.equal(multi.total, 1);
      const u = multi.items[0]!;
      assert.deepEqual(u.reports.map((r) => r.outlet), ['Dunmere Gazette', 'Harbour Post', 'Coast Daily']);
      assert.equal(u.reports[1]!.via, 'Dunmere Wire');
      assert.equal(u.firstReported, '2026-03-02');
      assert.equal(u.speakerName, 'Ilse Varnholt');
    } finally { await store.close(); }
  });

  test(`${b.name}: statement filters and pagination`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const people = [VARNHOLT, { name: 'Pia Lindqvist', aliases: ['Lindqvist'] }];
      await store.putArticle(record({ id: 'c1', outlet: 'Dunmere Gazette', published: '2026-01-10', people, said: [
        { speaker: 'Ilse Varnholt', text: 'Lindqvist is wrong about the ferry.', mentions: ['Lindqvist'] },
        { speaker: 'Pia Lindqvist', text: 'The ferry timetable is fine.', type: 'indirect', date: '2026-01-08' },
      ] }));
      await store.putArticle(record({ id: 'c2', outlet: 'Coast Daily', published: '2026-02-10', people, said: [
        { speaker: 'Ilse Varnholt', text: 'The ferry fares go down in March.' },
      ] }));
      assert.equal((await store.statements({ q: 'ferry' })).total, 3);
      assert.equal((await store.statements({ q: 'fares' })).total, 1);
      assert.equal((await store.statements({ entity: 'Pia Lindqvist' })).total, 1);
      assert.equal((await store.statements({ outlet: 'coast daily' })).total, 1);
      assert.equal((await store.statements({ type: 'indirect' })).total, 1);
      assert.equal((await store.statements({ articleId: 'c1' })).total, 2);
      assert.deepEqual((await store.statements({ from: '2026-01-09', to: '2026-01-31' })).items.map((s) => s.text), ['Lindqvist is wrong about the ferry.']);
      const all = await store.statements({});
      assert.deepEqual(all.items.map((s) => s.date ?? s.published), ['2026-01-08', '2026-01-10', '2026-02-10']);
      const p2 = await store.statements({ limit: 1, offset: 1 });
      assert.equal(p2.total, 3);
      assert.equal(p2.items[0]!.id, all.items[1]!.id);
      assert.equal((await store.statements({ limit: 10 ** 9 })).limit, MAX_LIMIT);
      const u = all.items[0]!.utteranceId;
      assert.equal((await store.statements({ utteranceId: u })).total, 1);
    } finally { await store.close(); }
  });

  test(`${b.name}: sorted by date either way with undated statements last; articles newest first`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const people = [VARNHOLT];
      await store.putArticle(record({ id: 'o1', people, said: [{ speaker: 'Ilse Varnholt', text: 'Undated words.' }] }));
      await store.putArticle(record({ id: 'o2', published: '2026-02-01', people, said: [{ speaker: 'Ilse Varnholt', text: 'February words.' }] }));
      await store.putArticle(record({ id: 'o3', published: '2026-01-01', people, said: [{ speaker: 'Ilse Varnholt', text: 'January words.' }] }));
      const texts = async (order?: 'asc' | 'desc') => (await store.statements({ ...(order ? { order } : {}) })).items.map((s) => s.text);
      assert.deepEqual(await texts(), ['January words.', 'February words.', 'Undated words.']);
      assert.deepEqual(await texts('desc'), ['February words.', 'January words.', 'Undated words.']);
      assert.deepEqual((await store.articles({})).items.map((a) => a.id), ['o2', 'o3', 'o1']);
    } finally { await store.close(); }
  });

  test(`${b.name}: odd search input never fails: quotes, operators, wildcards, unicode, NUL`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(record({ id: 'f1', published: '2026-01-01', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: 'The harbour-bridge über Straße opens; Łódź and 日本 wait, don\'t they?' }] }));
      const odd = ['"', '"unclosed', "'", 'a AND', 'OR', 'NOT', 'NEAR(a b)', '*', 'bridge*', '(', ')', '^', ':', 'text:bridge', '-bridge', '+', '%', '_', '\\', '\u0000', 'bridge\u0000', '🙂', 'ü', 'x'.repeat(200)];
      for (const q of odd) {
        for (const query of [{ q }, { speaker: q }, { entity: q }, { outlet: q }, { articleId: q }, { utteranceId: q }]) {
          await assert.doesNotReject(store.statements(query), JSON.stringify(query));
        }
        await assert.doesNotReject(store.entities({ q }), q);
        await assert.doesNotReject(store.articles({ outlet: q }), q);
        await assert.doesNotReject(store.utterances({ speaker: q }), q);
        assert.equal(await store.article(q), undefined);
        assert.equal(await store.entity(q), undefined);
        assert.equal(await store.utterance(q), undefined);
      }
      for (const q of ['harbour-bridge', 'bridge*', 'über Straße', 'Łódź', '"opens"', 'bridge\u0000', 'BRIDGE']) {
        assert.equal((await store.statements({ q })).total, 1, q);
      }
      assert.equal((await store.statements({ q: 'bridge ferry' })).total, 0, 'every word must occur');
      assert.equal((await store.entities({ q: '%' })).total, 0, 'LIKE wildcards are plain characters');
    } finally { await store.close(); }
  });

  test(`${b.name}: one-word places and organisations are one entity across articles`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const korvania = { name: 'Korvania', type: 'place' as const };
      const people = [VARNHOLT, korvania, { name: 'Harbour Party', type: 'organization' as const }];
      await store.putArticle(record({ id: 'p1', people, said: [{ speaker: 'Ilse Varnholt', text: 'Korvania needs the bridge.', mentions: ['Korvania'] }] }));
      await store.putArticle(record({ id: 'p2', people: [VARNHOLT, { ...korvania, name: 'KORVANIA' }], said: [{ speaker: 'Ilse Varnholt', text: 'KORVANIA is watching.', mentions: ['KORVANIA'] }] }));
      assert.deepEqual((await store.entities({ type: 'place' })).items.map((e) => e.name), ['Korvania']);
      assert.equal((await store.statements({ entity: 'Korvania' })).total, 2);
      // A one-word person is still only a surname: it never makes a new person out of a known one by name alone.
      await store.putArticle(record({ id: 'p3', people: [{ name: 'Korvania' }], said: [{ speaker: 'Korvania', text: 'A person named like a country.' }] }));
      assert.equal((await store.entities({ type: 'place' })).total, 1);
      assert.equal((await store.entities({ type: 'person' })).total, 2);
    } finally { await store.close(); }
  });

  test(`${b.name}: a quote cut at the start, or repeated after many others by the speaker, is still one utterance`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(record({ id: 'q1', outlet: 'Dunmere Gazette', published: '2026-03-02', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: QUOTE }] }));
      // Hundreds of other quotes by the same speaker in between.
      const said = Array.from({ length: 260 }, (_, i) => ({ speaker: 'Ilse Varnholt', text: `Point number ${i} of the plan is settled.` }));
      await store.putArticle(record({ id: 'q2', published: '2026-03-03', people: [VARNHOLT], said }));
      await store.putArticle(record({ id: 'q3', outlet: 'Coast Daily', published: '2026-03-05', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: `"${QUOTE}!"` }] }));
      await store.putArticle(record({ id: 'q4', outlet: 'Harbour Post', published: '2026-03-04', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: '... the harbour bridge before the winter storms arrive, whatever it costs' }] }));
      const u = (await store.utterances({ minReports: 2 })).items;
      assert.equal(u.length, 1);
      assert.deepEqual(u[0]!.reports.map((r) => r.outlet), ['Dunmere Gazette', 'Harbour Post', 'Coast Daily']);
      assert.equal((await store.stats()).utterances, 261);
      // Cut at a sentence, days later: still the same utterance.
      const long = 'Nobody in Dunmere asked for a toll. People are angry, and frankly they have every right to be.';
      await store.putArticle(record({ id: 'q5', outlet: 'Dunmere Gazette', published: '2026-03-06', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: long }] }));
      await store.putArticle(record({ id: 'q6', outlet: 'Coast Daily', published: '2026-03-09', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: 'People are angry, and frankly they have every right to be' }] }));
      assert.deepEqual((await store.statements({ articleId: 'q6' })).items[0]!.utteranceId, (await store.statements({ articleId: 'q5' })).items[0]!.utteranceId);
    } finally { await store.close(); }
  });

  test(`${b.name}: concurrent writers agree on one entity and one utterance`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.putArticle(record({
        id: `w${i}`, outlet: `Outlet ${i}`, published: `2026-01-0${i + 1}`, people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: QUOTE }],
      }))));
      assert.deepEqual(await store.stats(), { articles: 8, statements: 8, entities: 1, utterances: 1 });
    } finally { await store.close(); }
  });

  test(`${b.name}: a new version drops only the utterances nobody else reports`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const said = (text: string) => [{ speaker: 'Ilse Varnholt', text }];
      await store.putArticle(record({ id: 'v1', published: '2026-03-01', people: [VARNHOLT], said: [...said(QUOTE), ...said('Only here.')] }));
      await store.putArticle(record({ id: 'v2', published: '2026-03-02', people: [VARNHOLT], said: said(QUOTE) }));
      assert.equal((await store.stats()).utterances, 2);
      await store.putArticle(record({ id: 'v1', published: '2026-03-01', people: [VARNHOLT], said: said('Something new.') }));
      const all = await store.utterances({});
      assert.deepEqual(all.items.map((u) => [u.text, u.reports.map((r) => r.articleId)]), [['Something new.', ['v1']], [QUOTE, ['v2']]]);
    } finally { await store.close(); }
  });

  test(`${b.name}: a failing insert leaves nothing of the article`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const bad = record({ id: 'd1', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: 'Fine.' }] });
      const broken = { ...bad, statements: [bad.statements[0]!, { ...bad.statements[0]!, type: null as unknown as 'direct', text: null as unknown as string }] };
      await assert.rejects(store.putArticle(broken), /d1/);
      assert.deepEqual(await store.stats(), { articles: 0, statements: 0, entities: 0, utterances: 0 });
      assert.equal(await store.putArticle(bad), 'stored');
    } finally { await store.close(); }
  });
}

for (const b of backends()) {
  test(`${b.name}: totals stop at TOTAL_CAP and say so; pages of common and rare words keep date order`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      // One article of TOTAL_CAP + 50 statements: every one says "harbour", every 2nd "ferry", every 50th "storm";
      // one in ten undated (the article has no date), so it sorts last either way.
      const n = TOTAL_CAP + 50;
      const day = (i: number) => i % 10 === 9 ? undefined : `2025-${String(1 + (i * 7) % 12).padStart(2, '0')}-${String(1 + (i * 13) % 28).padStart(2, '0')}`;
      const said = Array.from({ length: n }, (_, i) => ({
        speaker: i % 2 ? 'Ilse Varnholt' : 'Pia Lindqvist', type: 'indirect' as const, ...(day(i) ? { date: day(i)! } : {}),
        text: `Note ${i} on the harbour${i % 2 ? ' ferry' : ''}${i % 50 ? '' : ' storm'}.`,
      }));
      await store.putArticle(record({ id: 'big', people: [VARNHOLT, { name: 'Pia Lindqvist' }], said }));
      const expected = (keep: (i: number) => boolean, order: 'asc' | 'desc') => said.map((_, i) => ({ i, d: day(i) }))
        .filter((x) => keep(x.i))
        .sort((x, y) => (x.d ? 0 : 1) - (y.d ? 0 : 1) || (x.d && y.d && x.d !== y.d ? (x.d < y.d) === (order === 'asc') ? -1 : 1 : 0) || x.i - y.i)
        .map((x) => said[x.i]!.text);

      const common = await store.statements({ q: 'harbour', limit: 20 });
      assert.equal(common.total, TOTAL_CAP);
      assert.equal(common.totalCapped, true);
      assert.equal((await store.statements({ speaker: 'Ilse Varnholt' })).totalCapped, undefined, 'under the cap: exact');
      assert.equal((await store.statements({ speaker: 'Ilse Varnholt' })).total, n / 2);
      assert.equal((await store.statements({})).totalCapped, true);
      for (const order of ['asc', 'desc'] as const) {
        assert.deepEqual((await store.statements({ q: 'harbour', order, limit: 20 })).items.map((s) => s.text), expected(() => true, order).slice(0, 20), order);
        assert.deepEqual((await store.statements({ q: 'harbour', order, limit: 20, offset: n - 30 })).items.map((s) => s.text), expected(() => true, order).slice(n - 30, n - 10), `${order}, past the cap`);
        const ferry = await store.statements({ q: 'ferry', order, limit: 20, offset: 40 });
        assert.equal(ferry.total, n / 2);
        assert.equal(ferry.totalCapped, undefined);
        assert.deepEqual(ferry.items.map((s) => s.text), expected((i) => i % 2 === 1, order).slice(40, 60), `${order}, ferry`);
        const storm = await store.statements({ q: 'storm', order, limit: 20, offset: 180 });
        assert.equal(storm.total, Math.ceil(n / 50));
        assert.deepEqual(storm.items.map((s) => s.text), expected((i) => i % 50 === 0, order).slice(180, 200), `${order}, storm`);
      }
    } finally { await store.close(); }
  });
}
