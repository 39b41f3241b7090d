import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Message } from '../../src/types.js';
import { htmlToText } from '../../src/ingest/html.js';
import { readPage } from '../../src/ingest/page.js';
import { readBytes } from '../../src/ingest/sources.js';
import { PARAS } from './fixtures.js';

/** The body text of pages built the way real sites build them, not only of tidy `<p>` articles. */

const body = (a: Article | Message): string => (a.kind === 'article' ? a.text : `refused: ${a.code}`);
const wrap = (inner: string) => `<!doctype html><html><head><title>Pier</title></head><body><main>${inner}</main></body></html>`;

test('text written straight inside a section beside its paragraphs is kept, in order', () => {
  const html = wrap(`<section>${PARAS[0]}<p>${PARAS[1]}</p>${PARAS[2]}</section>`);
  assert.equal(body(readPage(html, 'loose.html')), PARAS.join('\n\n'));
});

test('the attribution line of an embedded post is kept with the post', () => {
  const post = '<blockquote class="embedded-post"><p>The ferry is running again, at last!</p>— Nell Forsby (@nellforsby) March 3, 2025</blockquote>';
  const text = body(readPage(wrap(`<article><p>${PARAS[0]}</p>${post}<p>${PARAS[1]}</p><p>${PARAS[2]}</p></article>`), 'post.html'));
  assert.match(text, /The ferry is running again, at last!\n\n— Nell Forsby \(@nellforsby\) March 3, 2025\n\n"We will not wait/);
});

test('in a fragment, one- and two-word labels in bare <div>s are left out; a bare <div> of prose is kept', () => {
  // Feed items and JSON Lines `html` are fragments, read without Readability (which turns bare divs into paragraphs).
  const text = htmlToText(`<div><p>${PARAS[0]}</p><div>Print PDF</div><div>${PARAS[1]}</div><p>${PARAS[2]}</p></div>`);
  assert.equal(text, PARAS.join('\n\n'));
});

test('a page behind stray output (a PHP warning) or without <html> is still read as a page', async () => {
  const page = `<!DOCTYPE html><html><head><title>Pier</title></head><body><article>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const variants = {
    'php-warning': `Warning: Undefined variable $x in /srv/site/index.php on line 3\n${page}`,
    'style-first': `<style>body { color: #222 }</style>\n${page}`,
    'no-html-tag': `<title>Pier</title><article>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>`,
  };
  for (const [name, html] of Object.entries(variants)) {
    const out: (Article | Message)[] = [];
    for await (const x of readBytes(new TextEncoder().encode(html), name)) out.push(x);
    const articles = out.filter((x): x is Article => x.kind === 'article');
    assert.equal(articles.length, 1, name);
    assert.equal(articles[0]!.title, 'Pier', name);
    assert.equal(articles[0]!.text, PARAS.join('\n\n'), name);
  }
});
