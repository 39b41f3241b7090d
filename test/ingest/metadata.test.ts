import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPage } from '../../src/ingest/page.js';
import { parsePage } from '../../src/ingest/html.js';
import { pageMeta, isoDate } from '../../src/ingest/metadata.js';
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

test('each metadata source alone is read', () => {
  assert.deepEqual(meta(META), { title: 'Meta title', outlet: 'Meta Outlet', authors: ['Ada Quill'], published: '2024-05-07' });
  const og = meta(OG);
  assert.equal(og.title, 'OG title');
  assert.equal(og.outlet, 'OG Outlet');
  assert.equal(og.published, '2024-05-06T10:00:00Z');
  assert.equal(og.url, 'https://og.example/story');
  assert.equal(og.language, 'en-GB');
  const ld = meta(LD);
  assert.equal(ld.title, 'LD headline');
  assert.equal(ld.outlet, 'LD Outlet');
  assert.deepEqual(ld.authors, ['Rune Osterby', 'Mila Harrow']);
  assert.equal(ld.published, '2024-05-05');
  assert.equal(ld.language, 'en-IE');
  assert.equal(meta('', TIME).published, '2024-05-04');
  assert.deepEqual(meta('', BYLINE).authors, ['Tova Lindqvist', 'Per Elm']);
});

test('order of trust: meta tags, Open Graph, JSON-LD, <time>, bylines', () => {
  const all = meta(META + OG + LD, TIME + BYLINE);
  assert.equal(all.title, 'Meta title');
  assert.equal(all.published, '2024-05-07');
  assert.deepEqual(all.authors, ['Ada Quill']);
  const noMeta = meta(OG + LD, TIME + BYLINE);
  assert.equal(noMeta.title, 'OG title');
  assert.equal(noMeta.published, '2024-05-06T10:00:00Z');
  assert.deepEqual(noMeta.authors, ['Rune Osterby', 'Mila Harrow']);
  const ldOnly = meta(LD, TIME + BYLINE);
  assert.equal(ldOnly.published, '2024-05-05');
  assert.equal(meta('', TIME + BYLINE).published, '2024-05-04');
  assert.equal(meta('', '', 'en').language, 'en', '<html lang> counts as a meta tag');
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
