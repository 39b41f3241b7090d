import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { parseHTML } from 'linkedom';
import { createApp } from '../../src/server/app.js';
import type { ArticleRecord, CorpusOverview, KbEntity, Store } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { record } from './fixtures.js';

/** A fictional port town: one organisation that speaks and is spoken about, one place, three outlets. */
const authority = { name: 'Kessmoor Harbour Board', type: 'organization' as const, aliases: ['Harbour Board'] };
const kessmoor = { name: 'Kessmoor', type: 'place' as const };
const okafor = { name: 'Nell Okafor', aliases: ['Okafor'], role: 'harbourmaster' };

const withWarning = (r: ArticleRecord, reason: string): ArticleRecord => ({
  ...r, messages: [{ kind: 'message', code: 'ONR_ERR_UNBALANCED_QUOTES', severity: 'warning', reason, start: 0 }, { kind: 'message', code: 'ONR_ERR_EMPTY', severity: 'info', reason: 'a note' }],
});

const RECORDS: readonly ArticleRecord[] = [
  withWarning(record({
    url: 'https://tide.example/1', title: 'Dredging starts', outlet: 'Kessmoor Tide', published: '2026-02-03',
    text: 'Nell Okafor spoke in Kessmoor.\n"The Harbour Board owes us a channel," Okafor said.\n"Dredging starts in April," the Kessmoor Harbour Board said.',
    people: [okafor, authority, kessmoor],
    statements: [{ text: 'The Harbour Board owes us a channel', speaker: 'Nell Okafor' }, { text: 'Dredging starts in April', speaker: 'Kessmoor Harbour Board' }],
  }), 'a quote mark at 12 is never closed'),
  record({
    url: 'https://tide.example/2', title: 'Channel deeper', outlet: 'Kessmoor Tide', published: '2026-03-10',
    text: '"Kessmoor needs the channel," Nell Okafor said.',
    people: [okafor, kessmoor], statements: [{ text: 'Kessmoor needs the channel', speaker: 'Nell Okafor' }],
  }),
  record({
    url: 'https://wire.example/3', title: 'Undated wire', outlet: 'Coast Wire',
    text: '"The Harbour Board is slow," Nell Okafor said.',
    people: [okafor, authority], statements: [{ text: 'The Harbour Board is slow', speaker: 'Nell Okafor' }],
  }),
];

const html = async (app: Hono, path: string) => {
  const res = await app.request(path);
  return { status: res.status, doc: parseHTML(await res.text()).document as unknown as Document };
};
const texts = (doc: Document, selector: string) => Array.from(doc.querySelectorAll(selector)).map((e) => e.textContent?.trim() ?? '');

for (const backend of backends()) {
  describe(`entity pages, overview and shareable links on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: Hono;
    before(async () => {
      store = await backend.open();
      for (const r of RECORDS) await store.putArticle(r);
      app = createApp(store, { rateLimit: false });
    });
    after(() => store.close());

    test('an organisation has a page: what it said and what others said about it', async () => {
      const board = (await (await app.request('/api/entities?type=organization')).json()).items[0] as KbEntity;
      assert.equal(board.name, 'Kessmoor Harbour Board');
      const { status, doc } = await html(app, `/entities/${encodeURIComponent(board.id)}`);
      assert.equal(status, 200);
      assert.equal(doc.querySelector('h1')?.textContent, 'Kessmoor Harbour Board');
      assert.ok(texts(doc, '#statements-title ~ ol li blockquote').includes('Dredging starts in April'));
      assert.deepEqual(texts(doc, '#mentioned-in-title ~ ol li blockquote').sort(), ['The Harbour Board is slow', 'The Harbour Board owes us a channel']);
      const place = await html(app, '/entities/Kessmoor');
      assert.equal(place.status, 200, 'a place by its name');
      assert.deepEqual(texts(place.doc, '#mentioned-in-title ~ ol li blockquote'), ['Kessmoor needs the channel']);
      const list = await html(app, '/entities?type=place');
      assert.deepEqual(texts(list.doc, 'table.list td a'), ['Kessmoor']);
    });

    test('URLs take names and aliases as well as ids, on pages and the API', async () => {
      for (const path of ['/speakers/Nell%20Okafor', '/speakers/okafor', '/speakers/Nell+Okafor'.replace('+', '%20')]) {
        const { status, doc } = await html(app, path);
        assert.equal(status, 200, path);
        assert.equal(doc.querySelector('h1')?.textContent, 'Nell Okafor');
      }
      assert.equal((await (await app.request('/api/entities/Harbour%20Board')).json()).name, 'Kessmoor Harbour Board');
      assert.equal((await html(app, '/speakers/Nobody%20Atall')).status, 404);
    });

    test('the search form offers outlets, organisations and places, and links to its canonical URL', async () => {
      const { doc } = await html(app, '/?q=channel&utm_source=mail&fbclid=abc&outlet=kessmoor&sort=date');
      assert.deepEqual(texts(doc, 'li.statement blockquote').sort(), ['Kessmoor needs the channel', 'The Harbour Board owes us a channel']);
      const options = (id: string) => Array.from(doc.querySelectorAll(`datalist#${id} option`)).map((o) => o.getAttribute('value'));
      assert.deepEqual(options('outlet-names'), ['Coast Wire', 'Kessmoor Tide']);
      assert.ok(options('entity-names').includes('Kessmoor Harbour Board') && options('entity-names').includes('Kessmoor'));
      const link = doc.querySelector('.permalink a[rel=bookmark]')!.getAttribute('href');
      assert.equal(link, '/?q=channel&outlet=kessmoor', 'known parameters only, defaults left out');
      assert.equal(doc.querySelector('.permalink input')!.getAttribute('value'), `http://localhost${link}`);
      const again = await html(app, link!);
      assert.deepEqual(texts(again.doc, 'li.statement blockquote').sort(), texts(doc, 'li.statement blockquote').sort());
      const ranked = await html(app, '/?q=channel&sort=relevance');
      assert.equal(ranked.doc.querySelector('select[name=sort] option[selected]')?.getAttribute('value'), 'relevance');
      assert.equal(ranked.doc.querySelector('.permalink a')!.getAttribute('href'), '/?q=channel&sort=relevance');
    });

    test('the corpus overview: articles per outlet and month, undated apart, top speakers, warnings', async () => {
      const o = (await (await app.request('/api/overview')).json()) as CorpusOverview;
      assert.equal(o.articles, 3);
      assert.deepEqual(o.months, [{ outlet: 'Kessmoor Tide', month: '2026-03', articles: 1 }, { outlet: 'Kessmoor Tide', month: '2026-02', articles: 1 }]);
      assert.deepEqual(o.undated, [{ outlet: 'Coast Wire', articles: 1 }]);
      assert.deepEqual(o.topSpeakers.map((s) => [s.name, s.statements]), [['Nell Okafor', 3], ['Kessmoor Harbour Board', 1]]);
      assert.deepEqual(o.warnings.map((w) => [w.code, w.articles, w.examples.map((e) => e.title)]), [['ONR_ERR_UNBALANCED_QUOTES', 1, ['Dredging starts']]]);
      const { doc } = await html(app, '/overview');
      assert.deepEqual(texts(doc, 'table.overview tbody th'), ['Mar 2026', 'Feb 2026', 'undated']);
      assert.ok(texts(doc, 'code').includes('ONR_ERR_UNBALANCED_QUOTES'));
      // A new version of the article replaces its messages.
      await store.putArticle(record({
        url: 'https://tide.example/1', title: 'Dredging starts', outlet: 'Kessmoor Tide', published: '2026-02-03',
        text: '"Dredging starts in May," Nell Okafor said.', people: [okafor], statements: [{ text: 'Dredging starts in May', speaker: 'Nell Okafor' }],
      }));
      assert.deepEqual((await store.overview()).warnings, []);
      assert.deepEqual(await (await app.request('/api/outlets')).json(), [{ name: 'Coast Wire', articles: 1 }, { name: 'Kessmoor Tide', articles: 2 }]);
    });
  });
}
