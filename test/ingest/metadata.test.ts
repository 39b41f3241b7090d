import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPage } from '../../src/ingest/page.js';
import { parsePage } from '../../src/ingest/html.js';
import { feedDate, pageMeta, isoDate, splitByline } from '../../src/ingest/metadata.js';
import { articleId, normalizeUrl, textVersion } from '../../src/ingest/identity.js';
import { makeArticle } from '../../src/ingest/article.js';
import type { Article } from '../../src/types.js';
import { page } from './fixtures.js';

const META = '<meta name="author" content="Ada Quill"><meta name="date" content="2024-05-07"><meta name="title" content="Meta title"><meta name="publisher" content="Meta Outlet">';
const OG = '<meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Outlet"><meta property="article:published_time" content="2024-05-06T10:00:00Z"><meta property="og:url" content="https://og.example/story"><meta property="og:locale" content="en_GB">';
const LD = `<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@graph': [
    { '@type': 'WebSite', name: 'Not an article' },
    { '@type': 'NewsArticle', headline: 'LD headline', datePublished: '2024-05-05', author: [{ '@type': 'Person', name: 'Rune Osterby' }, { '@type': 'Person', name: 'Mila Harrow' }], publisher: { '@type': 'Organization', name: 'LD Outlet' }, inLanguage: 'en-IE' },
  ],
})}</script>`;
const TIME = '<p><time datetime="2024-05-04">4 May</time></p>';
const BYLINE = '<p class="byline">By Tova Lindqvist and Per Elm</p>';

const meta = (head: string, body = '', lang?: string) => pageMeta(parsePage(page({ head, body, lang })));
/** The page without its <title>: the fixture's <h1> agrees with that title and, as the visible headline, would win. */
const metaNoTitle = (head: string, body = '', lang?: string) => pageMeta(parsePage(page({ head, body, lang }).replace(/<title>.*?<\/title>/, '')));

test('each metadata source alone is read', () => {
  assert.deepEqual(metaNoTitle(META), { title: 'Meta title', outlet: 'Meta Outlet', authors: ['Ada Quill'], published: '2024-05-07' });
  const og = metaNoTitle(OG);
  assert.equal(og.title, 'OG title');
  assert.equal(og.outlet, 'OG Outlet');
  assert.equal(og.published, '2024-05-06T10:00:00Z');
  assert.equal(og.url, 'https://og.example/story');
  assert.equal(og.language, 'en-GB');
  const ld = metaNoTitle(LD);
  assert.equal(ld.title, 'LD headline');
  assert.equal(ld.outlet, 'LD Outlet');
  assert.deepEqual(ld.authors, ['Rune Osterby', 'Mila Harrow']);
  assert.equal(ld.published, '2024-05-05');
  assert.equal(ld.language, 'en-IE');
  assert.equal(metaNoTitle('', TIME).published, '2024-05-04');
  assert.deepEqual(metaNoTitle('', BYLINE).authors, ['Tova Lindqvist', 'Per Elm']);
});

test('order of trust: meta tags, Open Graph, JSON-LD, <time>, bylines', () => {
  const all = metaNoTitle(META + OG + LD, TIME + BYLINE);
  assert.equal(all.title, 'Meta title');
  assert.equal(all.published, '2024-05-06T10:00:00Z', 'for dates, article:published_time is the most specific head tag');
  assert.deepEqual(all.authors, ['Ada Quill']);
  const noMeta = metaNoTitle(OG + LD, TIME + BYLINE);
  assert.equal(noMeta.title, 'OG title');
  assert.equal(noMeta.published, '2024-05-06T10:00:00Z');
  assert.deepEqual(noMeta.authors, ['Rune Osterby', 'Mila Harrow']);
  const ldOnly = metaNoTitle(LD, TIME + BYLINE);
  assert.equal(ldOnly.published, '2024-05-05');
  assert.equal(metaNoTitle('', TIME + BYLINE).published, '2024-05-04');
  assert.equal(metaNoTitle('', '', 'en').language, 'en', '<html lang> counts as a meta tag');
});

test('a missing field stays missing', () => {
  const m = meta('');
  assert.equal(m.published, undefined);
  assert.equal(m.authors, undefined);
  assert.equal(m.outlet, undefined);
  assert.equal(m.language, undefined);
  assert.equal(isoDate('last Tuesday'), undefined);
  assert.equal(meta('<meta name="date" content="May 7th">').published, undefined);
});

test('canonical link wins over og:url; relative canonical resolves against the crawl URL', () => {
  assert.equal(meta(OG + '<link rel="canonical" href="https://canon.example/s?id=3">').url, 'https://canon.example/s?id=3');
  const a = readPage(page({ head: '<link rel="canonical" href="/story/9?utm_source=rss">' }), 'w.warc#2', 'https://news.example/crawl?x=1') as Article;
  assert.equal(a.id, 'https://news.example/story/9');
  assert.equal((readPage(page({ head: OG }), 'p.html') as Article).id, 'https://og.example/story');
  assert.equal((readPage(page({ head: '<link rel="canonical" href="https://Canon.Example/s?utm_medium=x&id=3#top">' }), 'p.html') as Article).id, 'https://canon.example/s?id=3');
});

test('identity: URL normalised, text hashed, version follows text', () => {
  assert.equal(normalizeUrl('HTTPS://News.Example/a?utm_source=x&b=2#frag'), 'https://news.example/a?b=2');
  assert.equal(normalizeUrl('mailto:a@b'), undefined);
  assert.equal(articleId({ text: 'abc' }), textVersion('abc'));
  assert.notEqual(textVersion('abc'), textVersion('abd'));
  const a = makeArticle({ text: 'One.', source: 'x', url: 'https://n.example/a#x' });
  const b = makeArticle({ text: 'One, changed.', source: 'y', url: 'https://N.example/a?utm_campaign=z' });
  assert.equal(a.id, b.id);
  assert.notEqual(a.version, b.version);
  assert.deepEqual(Object.keys(makeArticle({ text: 'T', source: 's', title: '  ' })).sort(), ['authors', 'id', 'kind', 'source', 'text', 'version']);
});

test('ISO dates in their many forms come out in one form; impossible dates stay missing', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2024-05-07', '2024-05-07'],
    ['2024-05-07T09:30:00+0200', '2024-05-07T09:30:00+02:00'],
    ['2024-05-07T09:30:00+02', '2024-05-07T09:30:00+02:00'],
    ['2024-05-07 09:30:00Z', '2024-05-07T09:30:00Z'],
    ['2024-05-07t09:30z', '2024-05-07T09:30Z'],
    ['2024-05-07T09:30:00.123456-05:00', '2024-05-07T09:30:00.123456-05:00'],
    ['2024-02-30', undefined],
    ['2024-05-07T24:10:00Z', undefined],
    ['07/05/2024', undefined],
  ];
  for (const [given, expected] of cases) assert.equal(isoDate(given), expected, given);
  assert.equal(feedDate('Tue, 07 May 2024 09:30:00 +0200'), '2024-05-07T07:30:00.000Z');
  assert.equal(feedDate('7 May 24 09:30 GMT'), '2024-05-07T09:30:00.000Z');
  assert.equal(feedDate('May 7'), undefined, 'no year is no date');
});

test('JSON-LD in the wild: top-level arrays, @type lists, author as object or list, odd field types', () => {
  const ld = (data: unknown) => metaNoTitle(`<script type="application/ld+json">${JSON.stringify(data)}</script>`);
  const one = ld([{ '@type': 'WebPage', name: 'Page' }, { '@type': ['NewsArticle'], headline: 'Quay vote', author: { '@type': 'Person', name: 'Jane Doe' }, publisher: 'Dunmere Gazette', datePublished: '2024-05-07T09:30:00+0200', mainEntityOfPage: { '@id': 'https://gazette.example/quay' } }]);
  assert.deepEqual(one, { title: 'Quay vote', authors: ['Jane Doe'], outlet: 'Dunmere Gazette', published: '2024-05-07T09:30:00+02:00', url: 'https://gazette.example/quay' });
  const list = ld({ '@type': 'ReportageNewsArticle', headline: 'Quay vote', author: ['Jane Doe', { name: 'John Roe' }, 'https://gazette.example/staff/7'] });
  assert.deepEqual([list.title, list.authors], ['Quay vote', ['Jane Doe', 'John Roe']], 'NewsArticle subtypes count; a URL names nobody');
  const odd = ld({ '@type': 'NewsArticle', headline: 42, author: [{ name: 'Jane Doe' }, { name: 7 }], datePublished: 'yesterday' });
  assert.equal(odd.title, undefined, 'a headline that is no string is no title');
  assert.deepEqual(odd.authors, ['Jane Doe'], 'one bad author does not lose the others');
  assert.equal(odd.published, undefined);
});

test('bylines: "By Jane Doe and John Roe" without a byline class, roles and outlets dropped', () => {
  assert.deepEqual(meta('', '<p class="meta">By Jane Doe and John Roe</p>').authors, ['Jane Doe', 'John Roe']);
  assert.deepEqual(meta('', '<div class="byline">By Jane Doe, Staff Writer | Dunmere Gazette</div>').authors, ['Jane Doe']);
  assert.deepEqual(meta('', '<span class="author">Jane Doe, John Roe &amp; Mila Harrow</span>').authors, ['Jane Doe', 'John Roe', 'Mila Harrow']);
  assert.deepEqual(meta('<meta name="author" content="Jane Doe and John Roe">').authors, ['Jane Doe', 'John Roe']);
  assert.equal(meta('', '<p>by the river the council met.</p>').authors, undefined, 'no name, no author');
  assert.deepEqual(splitByline('BY JANE DOE'), ['JANE DOE']);
});
