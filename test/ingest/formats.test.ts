import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Message } from '../../src/types.js';
import { readBytes, readSources, sniffFormat } from '../../src/ingest/sources.js';
import { MAX_XML_DEPTH } from '../../src/ingest/limits.js';
import { PARAS, atom, page, rss, warc } from './fixtures.js';

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

test('Atom: content over summary, published date, author, xml:lang', async () => {
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
  assert.equal(articles[1]!.published, undefined, 'updated is not the publication date');
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
  assert.equal((await collect(deep, 'deep.xml')).messages[0]!.code, 'ONR_ERR_TOO_DEEP');
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
  const cut = await collect(bytes.subarray(0, bytes.length - 300), 'cut.warc');
  assert.equal(cut.articles.length, 1);
  assert.equal(fatal(cut.messages)[0]!.code, 'ONR_ERR_WARC');
  const gz = gzipSync(bytes);
  const cutGz = await collect(gz.subarray(0, gz.length - 20), 'cut.warc.gz');
  assert.equal(fatal(cutGz.messages)[0]!.code, 'ONR_ERR_GZIP');
  assert.equal(fatal(cutGz.messages)[0]!.source, 'cut.warc.gz');
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
