import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePage } from '../../src/ingest/html.js';
import { pageMeta } from '../../src/ingest/metadata.js';
import { stripSiteName } from '../../src/ingest/meta/title.js';
import { anyDate, textDate, urlDate } from '../../src/ingest/meta/dates.js';
import { splitByline } from '../../src/ingest/meta/authors.js';
import { PARAS } from './fixtures.js';

/** A fictional page: head tags, then a body of the given markup before the usual paragraphs. */
const html = (head: string, body: string) =>
  `<!doctype html><html><head>${head}</head><body>${body}<article>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
const meta = (head: string, body = '') => pageMeta(parsePage(html(head, body)));

test('titles: the site name goes, whether og:site_name, application-name, the host or a logo heading names it', () => {
  assert.equal(meta('<title>Bridge to reopen | Dunmere Gazette</title><meta property="og:site_name" content="Dunmere Gazette">').title, 'Bridge to reopen');
  assert.equal(meta('<title>Dunmere Gazette - Bridge to reopen</title><meta name="application-name" content="Dunmere Gazette">').title, 'Bridge to reopen', 'a leading site name too');
  assert.equal(meta('<title>Bridge to reopen - Gazette.example</title><link rel="canonical" href="https://www.gazette.example/a/1">').title, 'Bridge to reopen', 'the host names the site');
  assert.equal(meta('<title>Bridge to reopen | Politics | Dunmere Gazette</title><meta property="og:site_name" content="Dunmere Gazette">').title, 'Bridge to reopen', 'a section between headline and site');
  assert.equal(meta('<title>橋の再開が決定_地域_ダンメア新聞</title>', '<a href="/"><h1>ダンメア新聞</h1></a>').title, '橋の再開が決定', 'a heading in a link is the logo');
  assert.equal(meta('<title>Bridge to reopen: what it means</title>').title, 'Bridge to reopen: what it means', 'no site named, nothing stripped');
  assert.equal(stripSiteName('Kessler - Dunmere Gazette - Sport', ['Dunmere Gazette']), 'Kessler - Dunmere Gazette - Sport', 'only the ends are stripped');
});

test('titles: the visible headline wins when a head title agrees with it, not when it is a label or the site', () => {
  const og = '<meta property="og:title" content="Bridge reopens"><meta property="og:site_name" content="Dunmere Gazette">';
  assert.equal(meta(og + '<title>Bridge reopens in spring after months of repairs | Dunmere Gazette</title>', '<h1>Bridge reopens in spring after months of repairs</h1>').title, 'Bridge reopens in spring after months of repairs');
  assert.equal(meta('<meta property="og:title" content="Its a bridge!">', '<h1>It’s a bridge!</h1>').title, 'It’s a bridge!', 'the page’s own quote marks');
  assert.equal(meta(og, '<h1>Opinion</h1>').title, 'Bridge reopens', 'a short heading is a label');
  assert.equal(meta(og, '<h1>Dunmere Gazette</h1>').title, 'Bridge reopens', 'a heading naming the site is no headline');
  assert.equal(meta(og, '<h1>Council elections next week</h1>').title, 'Bridge reopens', 'a heading that agrees with no head title');
  assert.equal(meta('<meta property="og:title" content="Decorating mistakes">', '<h1>Decorating mistakes</h1><h2 itemprop="headline">Five decorating mistakes and how to fix them</h2>').title, 'Five decorating mistakes and how to fix them', 'itemprop=headline first');
});

test('dates: microdata, <time> variants, data attributes', () => {
  assert.equal(meta('<meta itemprop="datePublished" content="2024-05-07">').published, '2024-05-07');
  assert.equal(meta('', '<span itemprop="datePublished" content="2024-05-07T09:30:00+02:00">7 May</span>').published, '2024-05-07T09:30:00+02:00');
  assert.equal(meta('', '<time datetime="2024-05-07 09:30:00 UTC">7 May</time>').published, '2024-05-07T09:30:00Z');
  assert.equal(meta('', '<time datetime="2024-05-07 17:00:00 -0400">7 May</time>').published, '2024-05-07T17:00:00-04:00');
  assert.equal(meta('', '<div data-published="2024-05-07 09:13:00Z"></div>').published, '2024-05-07T09:13:00Z');
  assert.equal(meta('<meta name="article:published_time" content="Tue May 07 12:45:00 EDT 2024">').published, '2024-05-07T16:45:00.000Z', "Java's Date.toString");
  assert.equal(meta('<meta name="publish-date" content="Tue, 07 May 2024 07:36:07 +0530">').published, '2024-05-07T02:06:07.000Z');
});

test('dates: visible text beside the headline, never comments, other stories or a last update', () => {
  assert.equal(meta('', '<h1>Bridge</h1><p class="post-date">Published: May 7, 2024, 6:47 p.m.</p>').published, '2024-05-07T18:47');
  assert.equal(meta('', '<h1>Bridge</h1><p>Posted Dec 19, 2023</p>').published, '2023-12-19', 'no class needed right after the headline');
  assert.equal(meta('', '<h1>Bridge</h1><p class="dateline">Updated 8 May 2024</p><p>Published 7 May 2024</p>').published, '2024-05-07', 'a last update is no publication');
  assert.equal(meta('', '<h1>Bridge</h1><div class="comments"><span class="date">May 9, 2024</span></div>').published, undefined, 'a comment’s date');
  assert.equal(meta('', '<h1>Bridge</h1><div class="related-stories"><span class="date">May 1, 2024</span></div>').published, undefined, 'another story’s date');
  assert.equal(meta('', '<h1>Bridge</h1><p class="date">3/4/2024</p>').published, undefined, 'day and month could be either way round');
  assert.equal(meta('<link rel="canonical" href="https://gazette.example/2024/05/07/bridge">').published, '2024-05-07', 'the URL, last');
});

test('dates in words and numbers, several languages', () => {
  const cases: [string, string | undefined][] = [
    ['Dec. 22, 2016, 6:47 p.m.', '2016-12-22T18:47'],
    ['Dec 1st 2016 1:01PM', '2016-12-01T13:01'],
    ['Publié le 07 mai 2019 à 13h59', '2019-05-07T13:59'],
    ['19.07.2022', '2022-07-19'],
    ['2022.08.10', '2022-08-10'],
    ['2019年4月4日', '2019-04-04'],
    ['2019年04月21日 12時00分更新', '2019-04-21T12:00'],
    ['2017-03-01 14:27:02 +0800', '2017-03-01T14:27:02+08:00'],
    ['7. März 2024', '2024-03-07'],
    ['February 30, 2024', undefined],
    ['in 1875 the bridge was built', undefined],
    ['5 minutes ago', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(textDate(text), expected, text);
  assert.equal(anyDate('2018-10-29T10:15-500'), '2018-10-29T10:15-05:00', 'a three-digit offset');
  assert.equal(urlDate('https://gazette.example/news/20240507/bridge/'), '2024-05-07');
  assert.equal(urlDate('https://gazette.example/news/2024/13/07/bridge'), undefined);
});

test('bylines: lead-ins, glued neighbours, follow links, places and e-mail addresses cut', () => {
  const cases: [string, string[] | undefined][] = [
    ['By: Tova Lindqvist', ['Tova Lindqvist']],
    ['ByTova Lindqvist', ['Tova Lindqvist']],
    ['Written by Tova Lindqvist in Transport on 7 May 2024', ['Tova Lindqvist']],
    ['von Tova Lindqvist und Per Elm', ['Tova Lindqvist', 'Per Elm']],
    ['Par Tova Lindqvist', ['Tova Lindqvist']],
    ['Tova LindqvistTwitterNews', ['Tova Lindqvist']],
    ['By Tova LindqvistDunmere GazetteMay 7, 2024', ['Tova Lindqvist']],
    ['Per Elm+Follow', ['Per Elm']],
    ['Per Elm More stories by Per Elm', ['Per Elm']],
    ['Per Elm (Dunmere, correspondent)', ['Per Elm']],
    ['Per Elm / DGN / Updated: May 7, 2024', ['Per Elm']],
    ['Lindqvist, Tova', ['Tova Lindqvist']],
    ['Gazette Staff', ['Gazette Staff']],
    ['著者：山田花子', ['山田花子']],
    ['Ewan McDonald', ['Ewan McDonald']],
    ['View author archive', undefined],
  ];
  for (const [raw, expected] of cases) assert.deepEqual(splitByline(raw), expected, raw);
});

test('authors: marked name elements, co-authors, the publisher dropped, a contradicted head tag passed over', () => {
  assert.deepEqual(meta('', '<div class="byline">By <a href="/author/tova">Tova Lindqvist</a> and <a href="/author/per">Per Elm</a>, Dunmere Gazette, May 7, 2024 at 9:30 with a long tail of text</div>').authors, ['Tova Lindqvist', 'Per Elm']);
  assert.deepEqual(meta('<meta name="author" content="Dunmere Gazette"><meta property="og:site_name" content="Dunmere Gazette">', '<p class="byline">By Per Elm</p>').authors, ['Per Elm'], 'the publisher is no author');
  assert.deepEqual(meta('<meta name="author" content="Gazette Media Group"><meta property="article:author" content="Per Elm">', '<span class="author-name">Per Elm</span>').authors, ['Per Elm'], 'the byline confirms the second head tag');
  assert.deepEqual(meta('<meta name="author" content="Gazette Media Group">').authors, ['Gazette Media Group'], 'no byline to contradict it');
  assert.deepEqual(meta('', '<aside class="sidebar"><a rel="author" href="/a/x">Bo Tamsin</a></aside><span itemprop="author"><span itemprop="name">Per Elm</span></span>').authors, ['Per Elm'], 'not a sidebar’s author');
});

test('authors: links to editors’ pages, the link that holds a name, a byline under page-wide body classes, a deep "By" line', () => {
  assert.deepEqual(meta('', '<a class="meta" href="https://gazette.example/about/editors/nell-forsby/">Nell Forsby</a>').authors, ['Nell Forsby']);
  const portrait = '<a href="/author/nforsby"><img src="/p.jpg" alt=""></a><a href="/author/nforsby">Nell Forsby</a>';
  assert.deepEqual(meta('', portrait).authors, ['Nell Forsby'], 'a portrait link first');
  const page = html('', '<a href="/author/nforsby">Nell Forsby</a>').replace('<body>', '<body class="theme f_alerts_sidebar_on">');
  assert.deepEqual(pageMeta(parsePage(page)).authors, ['Nell Forsby'], 'body classes are settings, not a sidebar');
  const wrappers = '<div><span>x</span></div>'.repeat(150);
  assert.deepEqual(meta('', `${wrappers}<div class="q7"><div>By <span class="n">Nell Forsby</span></div></div>`).authors, ['Nell Forsby']);
});

test('dates: custom date elements, Unix times in data attributes, a sidebar class on <body>', () => {
  assert.equal(meta('', '<relative-time datetime="2024-05-07T09:30:00Z" title="May 7, 2024">on May 7</relative-time>').published, '2024-05-07T09:30:00Z');
  assert.equal(meta('', '<a class="stamp"><span data-time="1715074200" data-time-ms="1715074200000">May 7</span></a>').published, '2024-05-07T09:30:00Z');
  assert.equal(meta('', '<span data-timestamp="1715074200000">May 7</span>').published, '2024-05-07T09:30:00Z', 'milliseconds');
  assert.equal(meta('', '<span data-time="4102444800123">x</span><span data-time="12345">y</span>').published, undefined, 'not a Unix time of a news page');
  const page = html('', '<time datetime="2024-05-07T09:30:00+02:00" pubdate>7 May</time>').replace('<body>', '<body class="single content-sidebar">');
  assert.equal(pageMeta(parsePage(page)).published, '2024-05-07T09:30:00+02:00');
});
