import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { parseHTML } from 'linkedom';
import { createApp } from '../../src/server/app.js';
import { MAX_PAGE_SIZE } from '../../src/server/limits.js';
import type { KbEntity, Page, StatementCounts, StatementVolume, Store, UtteranceGroup } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { record } from '../store/records.js';
import { parseCsv } from './csv.js';

/** Exports, counts, the volume chart and grouped quotes through app.request(), on each backend. */

const VARNHOLT = { name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'mayor' };
const ESKILDSEN = { name: 'Ruben Eskildsen', aliases: ['Eskildsen'], role: 'councillor' };
const QUOTE = 'We will rebuild the harbour bridge before the winter storms arrive, whatever it costs the city';
/** More statements than any page holds, so an export that stopped at a page would show. */
const MANY = MAX_PAGE_SIZE + 30;

const RECORDS = [
  record({ id: 'https://gazette.example/a1', outlet: 'Dunmere Gazette', published: '2026-03-02T08:00:00+01:00', title: 'Bridge, "before" winter', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: QUOTE }] }),
  record({ id: 'https://wire.example/a2', outlet: 'Northern Wire', published: '2026-03-04', people: [VARNHOLT], said: [{ speaker: 'Ilse Varnholt', text: QUOTE }] }),
  record({ id: 'https://wire.example/a3', outlet: 'Northern Wire', people: [ESKILDSEN], said: [{ speaker: 'Ruben Eskildsen', text: '=SUM(A1) is not a budget' }, { speaker: 'Ruben Eskildsen', text: '@harbour ferry, twice a day' }] }),
  ...Array.from({ length: MANY }, (_, i) => record({
    id: `https://post.example/ferry-${i}`, outlet: 'Coastal Post', published: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`, people: [ESKILDSEN],
    said: [{ speaker: 'Ruben Eskildsen', text: `The ferry timetable number ${i} changes on Monday` }],
  })),
];
const TOTAL = 4 + MANY;

const doc = async (app: Hono, path: string) => {
  const res = await app.request(path);
  return { res, doc: parseHTML(await res.text()).document as unknown as Document };
};

for (const b of backends()) {
  describe(`${b.name}: export, counts, volume and grouped quotes over HTTP`, { skip: b.skip ?? false }, () => {
    let store: Store;
    let app: Hono;
    let eskildsen: string;
    before(async () => {
      store = await b.open();
      await store.putArticles(RECORDS);
      app = createApp(store, { rateLimit: false });
      eskildsen = ((await (await app.request('/api/speakers?q=Eskildsen')).json()) as Page<KbEntity>).items[0]!.id;
    });
    after(async () => { await store?.close(); });

    test('CSV of every row: UTF-8 with a BOM, the spreadsheet columns, formulas defused, ISO days', async () => {
      const res = await app.request('/api/statements?format=csv&limit=5');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="onrecord-statements\.csv"/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
      const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
      const [header, ...body] = rows;
      for (const c of ['title', 'outlet', 'url', 'published', 'speaker', 'speakerRole', 'type', 'cue', 'addressee', 'via', 'date']) assert.ok(header!.includes(c), c);
      assert.equal(body.length, TOTAL, 'every statement, not a page (limit is ignored)');
      const col = (name: string) => header!.indexOf(name);
      const first = body.find((r) => r[col('outlet')] === 'Dunmere Gazette')!;
      assert.deepEqual([first[col('published')], first[col('title')], first[col('speaker')], first[col('speakerRole')]], ['2026-03-02', 'Bridge, "before" winter', 'Ilse Varnholt', 'mayor']);
      const texts = body.map((r) => r[col('text')]);
      assert.ok(texts.includes("'=SUM(A1) is not a budget") && texts.includes("'@harbour ferry, twice a day"), 'formula cells start with an apostrophe');
      assert.ok(body.every((r) => r.length === header!.length));
      assert.ok(body.every((r) => /^(\d{4}-\d{2}-\d{2})?$/.test(r[col('published')]!)), 'one date format');
    });

    test('bom=0 leaves the mark out; JSON Lines streams every row as JSON; filters apply', async () => {
      const plain = await (await app.request('/api/statements?format=csv&bom=0&speaker=Ilse%20Varnholt')).text();
      assert.ok(plain.startsWith('published,'));
      assert.equal(parseCsv(plain).length, 3, 'header and her two statements');
      const res = await app.request(`/api/statements?format=jsonl&speaker=${encodeURIComponent(eskildsen)}`);
      assert.equal(res.headers.get('content-type'), 'application/x-ndjson; charset=utf-8');
      const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, MANY + 2);
      assert.ok(lines.every((s) => s.kind === 'stored-statement' && s.speaker.name === 'Ruben Eskildsen'));
      assert.equal((await app.request('/api/statements?format=xml')).status, 400);
      // The search page serves the same download for the same query.
      const page = await (await app.request('/?q=harbour%20bridge&format=jsonl')).text();
      assert.equal(page.trim().split('\n').length, 2);
    });

    test('counts: by any property, with the search filters; a bad "by" is a 400', async () => {
      const speaker = (await (await app.request('/api/statements/counts?by=speaker')).json()) as StatementCounts;
      assert.deepEqual(speaker.buckets.map((x) => [x.label, x.count]), [['Ruben Eskildsen', MANY + 2], ['Ilse Varnholt', 2]]);
      const month = (await (await app.request('/api/statements/counts?by=month&q=ferry')).json()) as StatementCounts;
      assert.deepEqual([month.buckets.map((x) => x.key), month.none, month.total], [['2026-04'], 1, MANY + 1]);
      const outlet = (await (await app.request('/api/statements/counts?by=outlet&limit=1')).json()) as StatementCounts;
      assert.deepEqual([outlet.buckets[0]!.key, outlet.other], ['Coastal Post', 4]);
      const bad = await app.request('/api/statements/counts?by=colour');
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'ONR_ERR_HTTP_BAD_REQUEST');
    });

    test('volume: per month or week, split by outlet, undated counted; its CSV has the same numbers', async () => {
      const v = (await (await app.request('/api/statements/volume?unit=month&split=outlet&top=1')).json()) as StatementVolume;
      assert.deepEqual(v.series.map((s) => s.label), ['Coastal Post', 'other']);
      assert.deepEqual(v.buckets.map((x) => [x.key, ...x.counts]), [['2026-03', 0, 2], ['2026-04', MANY, 0]]);
      assert.deepEqual([v.undated, v.total], [2, TOTAL]);
      const csv = parseCsv((await (await app.request('/api/statements/volume?unit=month&split=outlet&top=1&format=csv&bom=0')).text()));
      assert.deepEqual(csv, [['period', 'from', 'to', 'Coastal Post', 'other', 'total'], ['2026-03', '2026-03-01', '2026-03-31', '0', '2', '2'], ['2026-04', '2026-04-01', '2026-04-30', String(MANY), '0', String(MANY)], ['undated', '', '', '', '', '2']]);
    });

    test('grouped: the quote carried by two outlets is one entry, first reported by the earliest', async () => {
      const g = (await (await app.request('/api/statements/grouped?q=harbour%20bridge')).json()) as Page<UtteranceGroup>;
      assert.equal(g.total, 1);
      assert.deepEqual([g.items[0]!.outlets, g.items[0]!.first?.outlet], [2, 'Dunmere Gazette']);
    });

    test('the search page: facets narrow the search, the chart counts undated statements, downloads link the same query', async () => {
      const { res, doc: d } = await doc(app, '/?q=ferry');
      assert.equal(res.status, 200);
      const outletLink = d.querySelector('aside.facets section[data-facet=outlet] a') as HTMLAnchorElement | null;
      assert.equal(outletLink?.textContent, 'Coastal Post');
      const narrowed = await doc(app, outletLink!.getAttribute('href')!);
      assert.match(narrowed.doc.querySelector('#results-title')?.textContent ?? '', new RegExp(`^${MANY} statements found`));
      const chart = d.querySelector('figure.volume');
      assert.equal(chart?.getAttribute('data-undated'), '1');
      assert.equal(chart?.getAttribute('data-total'), String(MANY + 1));
      assert.match(d.querySelector('p.undated')?.textContent ?? '', /1 undated statement/);
      const csv = d.querySelector('p.downloads a[href*="format=csv"]')?.getAttribute('href') ?? '';
      assert.match(csv, /^\/api\/statements\?q=ferry&format=csv$/);
      const grouped = await doc(app, '/?q=harbour+bridge&group=utterance');
      const items = grouped.doc.querySelectorAll('li.group');
      assert.equal(items.length, 1);
      assert.match(items[0]!.querySelector('.carried')?.textContent ?? '', /carried by 2 outlets, first reported by Dunmere Gazette on 2 Mar 2026/);
      assert.equal(items[0]!.querySelectorAll('details li').length, 2);
    });

    test('the speaker page charts every statement and says how many are undated, with downloads of all of them', async () => {
      const { doc: d } = await doc(app, `/speakers/${encodeURIComponent(eskildsen)}`);
      const chart = d.querySelector('figure.volume');
      assert.equal(chart?.getAttribute('data-total'), String(MANY + 2));
      const charted = Array.from(d.querySelectorAll('figure.volume a[data-count]')).reduce((n, a) => n + Number(a.getAttribute('data-count')), 0);
      assert.equal(charted + Number(chart?.getAttribute('data-undated')), MANY + 2, 'charted plus undated is every statement');
      assert.match(d.querySelector('p.undated')?.textContent ?? '', /2 undated statements/);
      assert.ok(d.querySelector(`p.downloads a[href="/api/statements?speaker=${encodeURIComponent(eskildsen)}&format=csv"]`));
    });

    test('the OpenAPI document describes the new endpoints and the CSV and JSON Lines responses', async () => {
      const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, any>> };
      for (const p of ['/api/statements/counts', '/api/statements/volume', '/api/statements/grouped']) assert.ok(doc.paths[p]?.get, p);
      assert.ok(doc.paths['/api/statements']!.get.responses['200'].content['text/csv']);
    });
  });
}
