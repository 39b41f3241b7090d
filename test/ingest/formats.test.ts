import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Message } from '../../src/types.js';
import { readBytes, readSources, sniffFormat } from '../../src/ingest/sources.js';
import { MAX_XML_DEPTH } from '../../src/ingest/limits.js';
import { PARAS, atom, dnsRecord, page, rss, warc } from './fixtures.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
async function collect(bytes: Uint8Array | string, source: string): Promise<{ articles: Article[]; messages: Message[] }> {
  const articles: Article[] = [];
  const messages: Message[] = [];
  for await (const x of readBytes(typeof bytes === 'string' ? enc(bytes) : bytes, source)) {
    if (x.kind === 'article') articles.push(x);
    else messages.push(x);
  }
  return { articles, messages };
}
const fatal = (ms: Message[]): Message[] => ms.filter((m) => m.severity === 'fatal');

test('plain text is one article with paragraphs kept', async () => {
  const { articles } = await collect(PARAS.join('\n\n'), 'a.txt');
  assert.equal(articles.length, 1);
  assert.equal(articles[0]!.text, PARAS.join('\n\n'));
  assert.match(articles[0]!.id, /^sha256:[0-9a-f]{64}$/);
});

test('HTML: main text as paragraphs, navigation, comments and footer left out', async () => {
  const { articles, messages } = await collect(page(), 'p.html');
  assert.deepEqual(fatal(messages), []);
  const text = articles[0]!.text;
  for (const p of PARAS) assert.ok(text.includes(p), p);
  assert.ok(text.includes(`${PARAS[0]}\n\n${PARAS[1]}`), 'paragraph breaks kept');
  assert.doesNotMatch(text, /Sport|first!|All rights reserved/);
});

test('malformed HTML is still read best-effort', async () => {
  const broken = `<html><body><div><p>${PARAS[0]}<p>${PARAS[1]}<div><span>${PARAS[2]}`;
  const { articles } = await collect(broken, 'broken.html');
  assert.equal(articles.length, 1);
  assert.ok(articles[0]!.text.includes('Ilse Varnholt'));
});

test('RSS 2.0: full content when present, description otherwise, HTML turned into text', async () => {
  const xml = rss([
    { title: 'One', link: 'https://gazette.example/one', description: 'Short summary.', content: `<p>${PARAS[0]}</p><p>${PARAS[1]}</p>`, pubDate: 'Tue, 07 May 2024 09:30:00 GMT', creator: 'Ada Quill' },
    { title: 'Two &amp; more', link: 'https://gazette.example/two', description: `&lt;p&gt;${PARAS[2]}&lt;/p&gt;` },
  ]);
  const { articles, messages } = await collect(xml, 'feed.rss');
  assert.deepEqual(fatal(messages), []);
  assert.equal(articles.length, 2);
  assert.equal(articles[0]!.text, `${PARAS[0]}\n\n${PARAS[1]}`);
  assert.equal(articles[0]!.published, '2024-05-07T09:30:00.000Z');
  assert.deepEqual(articles[0]!.authors, ['Ada Quill']);
  assert.equal(articles[0]!.outlet, 'Dunmere Gazette');
  assert.equal(articles[0]!.language, 'en-gb');
  assert.equal(articles[0]!.id, 'https://gazette.example/one');
  assert.equal(articles[1]!.text, PARAS[2]);
  assert.equal(articles[1]!.title, 'Two & more');
  assert.equal(articles[1]!.published, undefined);
  assert.equal(articles[1]!.source, 'feed.rss#2');
});

test('Atom: content over summary, published date (else updated), author, xml:lang', async () => {
  const xml = atom([
    { title: 'A', link: 'https://herald.example/a', summary: 'Only a summary.', content: `<p>${PARAS[0]}</p>`, published: '2024-05-01T08:00:00Z', author: 'Teodor Blaskovic' },
    { title: 'B', link: 'https://herald.example/b', summary: 'Only a summary here.' },
  ]);
  const { articles } = await collect(xml, 'herald.atom');
  assert.equal(articles.length, 2);
  assert.equal(articles[0]!.text, PARAS[0]);
  assert.equal(articles[0]!.published, '2024-05-01T08:00:00Z');
  assert.deepEqual(articles[0]!.authors, ['Teodor Blaskovic']);
  assert.equal(articles[0]!.outlet, 'Korvania Herald');
  assert.equal(articles[0]!.language, 'en');
  assert.equal(articles[1]!.text, 'Only a summary here.');
  // Atom requires <updated> and makes <published> optional: an entry with only the first is dated by it.
  assert.equal(articles[1]!.published, '2024-05-02T10:00:00Z');
});

test('XML entity declarations are refused', async () => {
  const bomb = rss([{ title: '&lol9;', description: 'x' }], '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>');
  const { articles, messages } = await collect(bomb, 'bomb.xml');
  assert.equal(articles.length, 0);
  assert.equal(messages[0]!.code, 'ONR_ERR_ENTITY_EXPANSION');
  assert.equal(messages[0]!.source, 'bomb.xml');
});

test('malformed and too deep XML are reported', async () => {
  const cut = rss([{ title: 'One', description: 'Text.' }]).replace('</channel></rss>', '');
  assert.equal((await collect(cut, 'cut.xml')).messages[0]!.code, 'ONR_ERR_XML');
  const deep = `<?xml version="1.0"?><rss><channel>${'<x>'.repeat(MAX_XML_DEPTH + 5)}${'</x>'.repeat(MAX_XML_DEPTH + 5)}</channel></rss>`;
  const tooDeep = (await collect(deep, 'deep.xml')).messages[0]!;
  assert.equal(tooDeep.code, 'ONR_ERR_XML');
  assert.match(tooDeep.reason, new RegExp(`deeper than ${MAX_XML_DEPTH}`));
});

test('JSONL: text or html records, bad lines reported with line number and skipped', async () => {
  const lines = [
    JSON.stringify({ id: 'r1', title: 'One', outlet: 'Gazette', author: 'Ada Quill', published: '2024-05-07', text: PARAS[0] }),
    '{"id": "broken",',
    JSON.stringify({ id: 'r3', url: 'https://gazette.example/three?utm_source=feed', html: `<p>${PARAS[1]}</p><p>${PARAS[2]}</p>`, author: ['A B', 'C D'] }),
    JSON.stringify({ id: 'r4', title: 'No text' }),
    JSON.stringify({ id: 'r5', text: PARAS[2], published: 'last Tuesday' }),
  ].join('\n');
  const { articles, messages } = await collect(lines, 'dump.jsonl');
  assert.equal(articles.length, 3);
  assert.equal(articles[0]!.id, 'r1');
  assert.equal(articles[0]!.published, '2024-05-07');
  assert.deepEqual(articles[0]!.authors, ['Ada Quill']);
  assert.equal(articles[1]!.id, 'https://gazette.example/three');
  assert.equal(articles[1]!.text, `${PARAS[1]}\n\n${PARAS[2]}`);
  assert.equal(articles[2]!.published, undefined, 'an unparseable date stays missing');
  const bad = fatal(messages);
  assert.deepEqual(bad.map((m) => [m.code, m.source]), [['ONR_ERR_JSON', 'dump.jsonl#2'], ['ONR_ERR_RECORD', 'dump.jsonl#4']]);
  assert.match(bad[0]!.reason, /line 2/);
});

test('WARC and WARC.gz: each HTML response is an article with its target URI; WARC-Date is not used', async () => {
  const bytes = await warc([
    { url: 'https://gazette.example/bridge', html: page() },
    { url: 'https://gazette.example/logo.png', html: 'PNG', contentType: 'image/png' },
  ]);
  for (const [data, name] of [[bytes, 'a.warc'], [gzipSync(bytes), 'a.warc.gz']] as const) {
    const { articles, messages } = await collect(data, name);
    assert.deepEqual(fatal(messages), []);
    assert.equal(articles.length, 1, name);
    assert.equal(articles[0]!.url, 'https://gazette.example/bridge');
    assert.equal(articles[0]!.published, undefined);
    assert.ok(articles[0]!.text.includes(PARAS[1]!));
  }
});

test('truncated WARC and truncated gzip are reported, earlier records kept', async () => {
  const bytes = await warc([{ url: 'https://g.example/1', html: page() }, { url: 'https://g.example/2', html: page({ body: '<p>Second.</p>' }) }]);
  // Cut in the middle of the second page.
  const cut = await collect(bytes.subarray(0, Buffer.from(bytes).indexOf('Second.')), 'cut.warc');
  assert.deepEqual(cut.articles.map((a) => a.url), ['https://g.example/1']);
  assert.deepEqual(fatal(cut.messages).map((m) => [m.code, m.source]), [['ONR_ERR_WARC', 'cut.warc#6']]);
  // Common Crawl's .warc.gz: one gzip member per record, cut inside the last ones.
  const gz = await warc([{ url: 'https://g.example/1', html: page() }, { url: 'https://g.example/2', html: page() }], { gzip: true });
  const cutGz = await collect(gz.subarray(0, gz.length - 400), 'cut.warc.gz');
  assert.equal(fatal(cutGz.messages)[0]!.code, 'ONR_ERR_GZIP');
  assert.equal(fatal(cutGz.messages)[0]!.source, 'cut.warc.gz');
  assert.deepEqual(cutGz.articles.map((a) => a.url), ['https://g.example/1'], 'records before the cut are kept');
  // Half an article is not an article: a cut single page is reported, not stored.
  const html = gzipSync(enc(page()));
  const cutHtml = await collect(html.subarray(0, html.length - 100), 'cut.html.gz');
  assert.deepEqual([cutHtml.articles.length, fatal(cutHtml.messages)[0]!.code], [0, 'ONR_ERR_GZIP']);
  // A cut JSON Lines dump keeps its whole lines and drops the torn one quietly (the gzip error says why).
  const jsonl = gzipSync(enc(Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `${PARAS[0]} (${i})` })).join('\n')));
  const cutJsonl = await collect(jsonl.subarray(0, jsonl.length - 30), 'cut.jsonl.gz');
  assert.ok(cutJsonl.articles.length > 10 && cutJsonl.articles.length < 50, String(cutJsonl.articles.length));
  assert.deepEqual(fatal(cutJsonl.messages).map((m) => m.code), ['ONR_ERR_GZIP']);
});

test('content wins over a wrong extension, with a warning', async () => {
  const { articles, messages } = await collect(rss([{ title: 'T', description: PARAS[0]! }]), 'feed.html');
  assert.equal(articles.length, 1);
  assert.equal(articles[0]!.text, PARAS[0]);
  assert.equal(messages[0]!.code, 'ONR_ERR_FORMAT');
  assert.equal(messages[0]!.severity, 'warning');
  const gzFeed = await collect(gzipSync(enc(rss([{ title: 'T', description: 'Hello there.' }]))), 'feed.txt');
  assert.equal(gzFeed.articles[0]!.text, 'Hello there.');
});

test('sniffing tells formats apart', () => {
  assert.equal(sniffFormat('WARC/1.1\r\n'), 'warc');
  assert.equal(sniffFormat('<?xml version="1.0"?><feed xmlns="x">'), 'feed');
  assert.equal(sniffFormat('<!DOCTYPE html><html>'), 'html');
  assert.equal(sniffFormat('{"text":"a"}\n'), 'jsonl');
  assert.equal(sniffFormat('Plain words.'), 'text');
});

test('empty files and binary junk are reported', async () => {
  assert.equal((await collect(new Uint8Array(), 'empty.txt')).messages[0]!.code, 'ONR_ERR_EMPTY');
  const junk = new Uint8Array(2000).map((_, i) => (i * 37) % 256);
  const m = (await collect(junk, 'junk.html')).messages.filter((x) => x.severity === 'fatal');
  assert.ok(['ONR_ERR_BINARY', 'ONR_ERR_ENCODING'].includes(m[0]!.code), m[0]!.code);
});

test('readSources walks directories recursively, reports missing paths and goes on', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-src-'));
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'a.txt'), PARAS[0]!);
  await writeFile(join(dir, 'sub', 'b.html.gz'), gzipSync(enc(page())));
  const out: Array<Article | Message> = [];
  for await (const x of readSources([join(dir, 'nope'), dir])) out.push(x);
  assert.equal(out[0]!.kind, 'message');
  assert.equal((out[0] as Message).code, 'ONR_ERR_NOT_FOUND');
  assert.deepEqual(out.slice(1).map((x) => x.kind), ['article', 'article']);
  assert.equal((out[2] as Article).source, join(dir, 'sub', 'b.html.gz'));
});

test('a record over MAX_RECORD_BYTES is refused by line, the next line still read', async () => {
  const { MAX_RECORD_BYTES } = await import('../../src/ingest/limits.js');
  const huge = JSON.stringify({ text: 'a'.repeat(MAX_RECORD_BYTES + 10) });
  const { articles, messages } = await collect(`${huge}\n${JSON.stringify({ text: PARAS[0] })}\n`, 'big.jsonl');
  assert.equal(fatal(messages)[0]!.code, 'ONR_ERR_TOO_LARGE');
  assert.equal(fatal(messages)[0]!.source, 'big.jsonl#1');
  assert.equal(articles.length, 1);
});

test('RSS 1.0 (RDF) items are read too', async () => {
  const xml = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://g.example/"><title>Brannock Courier</title></channel>
<item rdf:about="https://g.example/1"><title>One</title><link>https://g.example/1</link><description>${PARAS[0]}</description><dc:date>2024-05-03</dc:date></item></rdf:RDF>`;
  const { articles } = await collect(xml, 'feed.rdf');
  assert.equal(articles.length, 1);
  assert.equal(articles[0]!.outlet, 'Brannock Courier');
  assert.equal(articles[0]!.published, '2024-05-03');
  assert.equal(articles[0]!.url, 'https://g.example/1');
});

test('an HTML page in its declared charset (windows-1252) is decoded by it', async () => {
  const html = page({ head: '<meta charset="windows-1252">', body: '<p>Caf\u00e9 owner Bo Tamsin said the r\u00e9sum\u00e9 was fine.</p>' });
  const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0));
  const { articles, messages } = await collect(bytes, 'latin.html');
  assert.deepEqual(fatal(messages), []);
  assert.match(articles[0]!.text, /Café owner Bo Tamsin said the résumé was fine\./);
});

test('<br> never glues words; two or more <br> break paragraphs, in pages and in fragments', async () => {
  const [a, b, c] = PARAS;
  const body = `<div class="story"><p>${a}<br>${b}<br><br>${c}</p></div>`;
  const { articles } = await collect(page({ body: '' }).replace(/<article>[\s\S]*<\/article>/, `<article>${body}</article>`), 'br.html');
  assert.equal(articles[0]!.text, `${a} ${b}\n\n${c}`);
  const fragment = await collect(JSON.stringify({ html: `Councillor Bo Tamsin spoke.<br>"It was close," she said.<br/><br />The vote is on Friday.` }), 'br.jsonl');
  assert.equal(fragment.articles[0]!.text, 'Councillor Bo Tamsin spoke. "It was close," she said.\n\nThe vote is on Friday.');
});

test('RSS in the wild: CDATA, unescaped HTML, twice-escaped entities, "email (Name)" authors', async () => {
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Dunmere Gazette</title>
<item><title>CDATA</title><link>https://gazette.example/1</link><description><![CDATA[<p>${PARAS[0]}</p><p>Second <b>part</b>.</p>]]></description><author>desk@gazette.example (Ada Quill)</author></item>
<item><title>Raw</title><link>https://gazette.example/2</link><description><p>Raw paragraph one.</p><p>Raw <i>paragraph</i> two.</p></description><author>desk@gazette.example</author></item>
<item><title>Entities</title><link>https://gazette.example/3</link><description>Caf&amp;eacute; owner Bo Tamsin said &amp;quot;yes&amp;quot;.</description></item>
</channel></rss>`;
  const { articles, messages } = await collect(xml, 'wild.rss');
  assert.deepEqual(fatal(messages), []);
  assert.deepEqual(articles.map((a) => a.text), [`${PARAS[0]}\n\nSecond part.`, 'Raw paragraph one.\n\nRaw paragraph two.', 'Café owner Bo Tamsin said "yes".']);
  assert.deepEqual(articles.map((a) => a.authors), [['Ada Quill'], [], []], 'an e-mail address alone names nobody');
});

test('Atom content types: xhtml as markup, html escaped, text as plain text; titles alike', async () => {
  const xml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Korvania Herald</title>
<entry><title type="html">Bridge &amp;amp; quay</title><link href="https://herald.example/x"/><id>x</id>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${PARAS[0]}</p><p>"Soon," she said &amp; left.</p></div></content></entry>
<entry><title>Escaped</title><link href="https://herald.example/y"/><id>y</id><content type="html">&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry>
<entry><title type="text">Plain &lt;b&gt;</title><link href="https://herald.example/z"/><id>z</id><content type="text">Profits &lt;b&gt; costs, said Bo Tamsin.</content></entry>
</feed>`;
  const { articles, messages } = await collect(xml, 'types.atom');
  assert.deepEqual(fatal(messages), []);
  assert.deepEqual(articles.map((a) => a.text), [`${PARAS[0]}\n\n"Soon," she said & left.`, 'One.\n\nTwo.', 'Profits <b> costs, said Bo Tamsin.']);
  assert.deepEqual(articles.map((a) => a.title), ['Bridge & quay', 'Escaped', 'Plain <b>']);
});

test('a .jsonl whose first line is broken is still read as JSON Lines', async () => {
  const { articles, messages } = await collect(`not json\n${JSON.stringify({ id: 'r2', text: PARAS[0] })}\n`, 'dump.jsonl');
  assert.deepEqual(articles.map((a) => a.id), ['r2']);
  assert.deepEqual(messages.map((m) => [m.code, m.source]), [['ONR_ERR_JSON', 'dump.jsonl#1']]);
});

test('a crawl WARC.gz: DNS, request, metadata records, redirects, errors and non-HTML are skipped, not failed', async () => {
  const bytes = await warc(
    [
      { url: 'https://gazette.example/old', html: '<html><body>Moved</body></html>', statusline: 'HTTP/1.1 301 Moved Permanently' },
      { url: 'https://gazette.example/gone', html: '<html><body>Not found</body></html>', statusline: 'HTTP/1.1 404 Not Found' },
      { url: 'https://gazette.example/bridge', html: page(), gzipBody: true },
      { url: 'https://gazette.example/robots.txt', html: 'User-agent: *\nDisallow:\n', contentType: null },
      { url: 'https://gazette.example/feed.json', html: '{"items": []}', contentType: 'application/json' },
      { url: 'https://gazette.example/quay', html: page({ head: '<link rel="canonical" href="/quay-story">' }), contentType: null },
    ],
    { gzip: true, raw: [dnsRecord('gazette.example')] },
  );
  const { articles, messages } = await collect(bytes, 'crawl.warc.gz');
  assert.deepEqual(messages, []);
  assert.deepEqual(articles.map((a) => a.url), ['https://gazette.example/bridge', 'https://gazette.example/quay-story']);
  assert.ok(articles[0]!.text.includes(PARAS[1]!), 'a gzip-encoded body is decoded');
});

test('an HTML page with no charset that is not UTF-8 is read as windows-1252; an HTML file over MAX_RECORD_BYTES is refused', async () => {
  const html = page({ body: '<p>Caf\u00e9 owner Bo Tamsin said the r\u00e9sum\u00e9 was \u201cfine\u201d.</p>' });
  const bytes = new Uint8Array(Buffer.from(html.replace(/\u201c|\u201d/g, (q) => (q === '\u201c' ? '\x93' : '\x94')), 'latin1'));
  const { articles, messages } = await collect(bytes, 'old.html');
  assert.deepEqual(fatal(messages), []);
  assert.match(articles[0]!.text, /Café owner Bo Tamsin said the résumé was “fine”\./);
  const { MAX_RECORD_BYTES } = await import('../../src/ingest/limits.js');
  const big = await collect(page({ body: `<p>${'a '.repeat(MAX_RECORD_BYTES / 2)}</p>` }), 'big.html');
  assert.deepEqual([big.articles.length, fatal(big.messages)[0]!.code, fatal(big.messages)[0]!.source], [0, 'ONR_ERR_TOO_LARGE', 'big.html']);
});
