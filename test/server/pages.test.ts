import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { parseHTML } from 'linkedom';
import { createApp } from '../../src/server/app.js';
import type { KbEntity, Page, Store, Utterance } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { RECORDS, SCRIPT_QUOTE, SNOW } from './fixtures.js';

async function page(app: Hono, path: string): Promise<{ status: number; html: string; doc: Document; res: Response }> {
  const res = await app.request(path);
  const html = await res.text();
  return { status: res.status, html, doc: parseHTML(html).document as unknown as Document, res };
}

const texts = (doc: Document, selector: string) => Array.from(doc.querySelectorAll(selector)).map((e) => e.textContent?.trim() ?? '');

/** The pages render the store's answers, so one backend is enough here; the API tests cover both. */
const sqlite = backends().find((b) => b.name === 'sqlite')!;

describe('web pages', { skip: sqlite.skip }, () => {
  let store: Store;
  let app: Hono;
  let ids: Record<string, string>;
  const faults: unknown[] = [];

  before(async () => {
    store = await sqlite.open();
    for (const record of RECORDS) await store.putArticle(record);
    app = createApp(store, { rateLimit: false, onError: (e) => faults.push(e) });
    const speakers = (await (await app.request('/api/speakers')).json()) as Page<KbEntity>;
    ids = Object.fromEntries(speakers.items.map((e) => [e.name, e.id]));
  });
  after(async () => {
    await store.close();
  });

  test('the search page lists the latest statements with speaker links, and answers with a strict CSP', async () => {
    const { status, doc, res } = await page(app, '/');
    assert.equal(status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(doc.querySelectorAll('li.statement').length, 7);
    const dates = Array.from(doc.querySelectorAll('li.statement time')).map((t) => t.getAttribute('datetime') ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse(), 'latest first');
    assert.ok(texts(doc, 'a.speaker').includes('Ilse Varnholt'));
    assert.ok(doc.querySelector('form.search input[name=q]'));
    assert.ok(doc.querySelector('link[rel=stylesheet][href="/style.css"]'));
    assert.equal(doc.querySelectorAll('script').length, 0);
  });

  test('search marks the matching words and keeps the filters in the form', async () => {
    const { doc } = await page(app, '/?q=snow&type=direct&speaker=Ilse+Varnholt');
    assert.deepEqual(texts(doc, 'li.statement blockquote'), [SNOW, SNOW]);
    assert.deepEqual(texts(doc, 'li.statement mark'), ['snow', 'snow']);
    assert.equal((doc.querySelector('input[name=q]') as HTMLInputElement).getAttribute('value'), 'snow');
    assert.equal(doc.querySelector('select[name=type] option[selected]')?.getAttribute('value'), 'direct');
    const none = await page(app, '/?q=zeppelin');
    assert.ok(none.doc.querySelector('.empty'));
  });

  test('search with a bad date shows the problem on the page with status 400', async () => {
    const { status, doc } = await page(app, '/?from=2025-13-01');
    assert.equal(status, 400);
    assert.match(doc.querySelector('.problem')?.textContent ?? '', /from/);
  });

  test('article text is escaped everywhere: a quote holding <script> is shown as text', async () => {
    const home = await page(app, '/');
    assert.ok(!home.html.includes('<script>alert'), 'no live script tag on the search page');
    assert.ok(home.html.includes('&lt;script&gt;alert('));
    assert.ok(texts(home.doc, 'blockquote').includes(SCRIPT_QUOTE));
    assert.ok(!home.html.includes('<b>Bold Outlet</b>'));
    const evil = RECORDS.find((r) => r.article.outlet === '<b>Bold Outlet</b>')!.article.id;
    const article = await page(app, `/articles/${encodeURIComponent(evil)}`);
    assert.equal(article.status, 200);
    assert.equal(article.doc.querySelectorAll('script, iframe, img, b').length, 0);
    assert.equal(article.doc.querySelector('h1')?.textContent, '<img src=x onerror=alert(1)> headline');
    assert.equal(article.doc.querySelector('.article-text mark.st')?.textContent, SCRIPT_QUOTE);
    assert.ok(article.doc.querySelector('.article-text')?.textContent?.includes('<iframe src="https://evil.example"></iframe>'));
  });

  test('the speaker page has a timeline chart, their statements and the people they talk about', async () => {
    // Three months of statements chart per week unless months are asked for.
    const weekly = await page(app, `/speakers/${encodeURIComponent(ids['Ilse Varnholt']!)}`);
    assert.equal(weekly.doc.querySelector('figure.timeline')?.getAttribute('data-unit'), 'week');
    const varnholt = await page(app, `/speakers/${encodeURIComponent(ids['Ilse Varnholt']!)}?unit=month`);
    assert.equal(varnholt.status, 200);
    assert.equal(varnholt.doc.querySelector('h1')?.textContent, 'Ilse Varnholt');
    const chart = varnholt.doc.querySelector('figure.timeline svg');
    assert.ok(chart, 'timeline chart present');
    assert.equal(varnholt.doc.querySelector('figure.timeline')?.getAttribute('data-unit'), 'month');
    assert.deepEqual(texts(varnholt.doc, 'figure.timeline rect.bar title'), ['Mar 2025: 2 statements', 'May 2025: 1 statement']);
    const barLink = varnholt.doc.querySelector('figure.timeline a')?.getAttribute('href') ?? '';
    assert.match(barLink, /from=2025-03-01&to=2025-03-31/);
    assert.equal(varnholt.doc.querySelectorAll('#statements-title ~ ol li.statement').length, 3);
    assert.deepEqual(
      texts(varnholt.doc, '#mentioned-in-title ~ ol li.statement blockquote').sort(),
      ['Ilse Varnholt asked me for a deeper river, and she has it', 'Ilse Varnholt is dreaming'],
    );
    const eskildsen = await page(app, `/speakers/${encodeURIComponent(ids['Ruben Eskildsen']!)}`);
    const talksAbout = eskildsen.doc.querySelector('ul.chips a');
    assert.equal(talksAbout?.textContent, 'Ilse Varnholt');
    assert.equal(talksAbout?.getAttribute('href'), `/speakers/${encodeURIComponent(ids['Ilse Varnholt']!)}`);
  });

  test('the article page marks each statement at its offsets and links it to its speaker', async () => {
    const gazette = RECORDS.find((r) => r.article.outlet === 'Dunmere Gazette')!;
    const { status, doc } = await page(app, `/articles/${encodeURIComponent(gazette.article.id)}`);
    assert.equal(status, 200);
    const marks = Array.from(doc.querySelectorAll('.article-text mark.st'));
    assert.deepEqual(marks.map((m) => m.textContent), gazette.statements.map((s) => s.text));
    assert.deepEqual(marks.map((m) => m.getAttribute('class')), ['st direct', 'st indirect', 'st direct']);
    const by = Array.from(doc.querySelectorAll('.article-text sup.by a'));
    assert.deepEqual(by.map((a) => a.textContent), ['Ilse Varnholt', 'Ruben Eskildsen', 'Ruben Eskildsen']);
    assert.equal(by[0]?.getAttribute('href'), `/speakers/${encodeURIComponent(ids['Ilse Varnholt']!)}`);
    assert.equal(doc.querySelector('.article-text')?.textContent?.replace(/Ilse Varnholt(?=,")|Ruben Eskildsen(?=\.|,")/g, ''), gazette.article.text);
  });

  test('the utterance page lists every outlet that carried the quote, earliest first', async () => {
    const list = (await (await app.request('/api/utterances?minReports=2')).json()) as Page<Utterance>;
    const { doc } = await page(app, `/utterances/${encodeURIComponent(list.items[0]!.id)}`);
    assert.equal(doc.querySelector('blockquote.big')?.textContent, SNOW);
    assert.deepEqual(texts(doc, 'ol.reports .outlet'), ['Northern Wire', 'Dunmere Gazette']);
    assert.deepEqual(texts(doc, 'ol.reports time'), ['3 Mar 2025', '4 Mar 2025']);
    const quotes = await page(app, '/utterances');
    assert.deepEqual(texts(quotes.doc, 'li.statement blockquote'), [SNOW]);
  });

  test('lists of speakers and articles, and the stylesheet', async () => {
    const speakers = await page(app, '/speakers');
    assert.deepEqual(texts(speakers.doc, 'table.list td:first-child a').sort(), ['Ilse Varnholt', 'Ruben Eskildsen', 'Teodor Blaskovic']);
    const articles = await page(app, '/articles');
    assert.equal(articles.doc.querySelectorAll('table.list tbody tr').length, RECORDS.length);
    const css = await app.request('/style.css');
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(await css.text(), /mark\.st\.indirect/);
  });

  test('unknown pages are HTML 404s with the error code', async () => {
    for (const path of ['/speakers/nobody', `/articles/${encodeURIComponent('https://nowhere.example/')}`, '/utterances/none', '/no/such/page']) {
      const { status, doc } = await page(app, path);
      assert.equal(status, 404, path);
      assert.equal(doc.querySelector('h1')?.textContent, 'Not found');
      assert.match(doc.querySelector('.problem code')?.textContent ?? '', /ONR_ERR_HTTP_NOT_FOUND/);
    }
  });

  test('no server fault was reported', () => {
    assert.deepEqual(faults, []);
  });
});
