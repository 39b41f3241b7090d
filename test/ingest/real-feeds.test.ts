import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Message } from '../../src/types.js';
import { readBytes } from '../../src/ingest/sources.js';
import { PARAS, atom, rss } from './fixtures.js';

/** Feeds as real sites publish them: legacy encodings, prefixed Atom, relative links, stray bytes. */

async function collect(bytes: Uint8Array, source: string): Promise<{ articles: Article[]; messages: Message[] }> {
  const articles: Article[] = [];
  const messages: Message[] = [];
  for await (const x of readBytes(bytes, source)) (x.kind === 'article' ? articles : messages).push(x as never);
  return { articles, messages };
}
const utf8 = (s: string) => new TextEncoder().encode(s);
const CAFE = 'Café owner Bo Tamsin said the new résumé rules were fair to the town’s workers and their families.';

test('a feed is decoded by its XML declaration: ISO-8859-1 and windows-1251', async () => {
  const latin = rss([{ title: 'Café', link: 'https://gazette.example/cafe', description: CAFE }]).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('’', "'");
  const { articles, messages } = await collect(new Uint8Array(Buffer.from(latin, 'latin1')), 'latin.rss');
  assert.deepEqual(messages, []);
  assert.equal(articles[0]!.text, CAFE.replace('’', "'"));
  // "Мэр Дунмера заявил" in windows-1251: one byte per Cyrillic letter, none of them valid UTF-8.
  const cyrillic = 'Мэр Дунмера заявил, что мост откроется весной.';
  const cp1251 = Buffer.from([...cyrillic].map((c) => (c >= 'А' && c <= 'я' ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));
  const [head, tail] = rss([{ title: 'X', link: 'https://gazette.example/x', description: 'BODY' }]).replace('encoding="UTF-8"', 'encoding="windows-1251"').split('BODY');
  const bytes = Buffer.concat([Buffer.from(head!, 'latin1'), cp1251, Buffer.from(tail!, 'latin1')]);
  assert.equal((await collect(new Uint8Array(bytes), 'ru.rss')).articles[0]!.text, cyrillic);
});

test('one stray byte in a UTF-8 feed costs a replacement character and a warning, not the feed', async () => {
  const good = Buffer.from(rss([{ title: 'One', link: 'https://gazette.example/1', description: PARAS[0]! }, { title: 'Two', link: 'https://gazette.example/2', description: CAFE }]), 'utf8');
  const at = good.indexOf('Mayor');
  const { articles, messages } = await collect(new Uint8Array(Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)])), 'stray.rss');
  assert.equal(articles.length, 2);
  assert.match(articles[0]!.text, /^\uFFFDMayor Ilse Varnholt/);
  assert.equal(articles[1]!.text, CAFE);
  assert.deepEqual(messages.map((m) => [m.code, m.severity]), [['ONR_ERR_ENCODING', 'warning']]);
});

test('UTF-16 with a byte-order mark is text, not binary: feeds, pages and plain text', async () => {
  const feed = rss([{ title: 'One', link: 'https://gazette.example/1', description: CAFE }]).replace('encoding="UTF-8"', 'encoding="UTF-16"');
  const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(feed, 'utf16le')]));
  assert.equal((await collect(le, 'wide.rss')).articles[0]?.text, CAFE);
  const page = `<!doctype html><html><head><title>Wide</title></head><body><article>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const swapped = Buffer.from(page, 'utf16le').swap16();
  const be = new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), swapped]));
  const read = await collect(be, 'wide-page');
  assert.equal(read.articles[0]?.title, 'Wide');
  assert.match(read.articles[0]!.text, /Mayor Ilse Varnholt/);
  const text = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CAFE, 'utf16le')]));
  assert.equal((await collect(text, 'wide.txt')).articles[0]?.text, CAFE);
});

test('Atom with a namespace prefix is read like plain Atom', async () => {
  const prefixed = atom([{ title: 'A', link: 'https://herald.example/a', content: `<p>${PARAS[0]}</p>`, published: '2024-05-01T08:00:00Z' }])
    .replace('<feed xmlns="http://www.w3.org/2005/Atom"', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"')
    .replace(/<(\/?)(title|id|updated|entry|link|published|content|summary|author|name)\b/g, '<$1a:$2').replace('</feed>', '</a:feed>')
    .replace(/^<\?xml[^>]*>\s*/, '');
  const { articles, messages } = await collect(utf8(prefixed), 'prefixed.xml');
  assert.deepEqual(messages.filter((m) => m.severity === 'fatal'), []);
  assert.deepEqual(articles.map((a) => [a.title, a.url, a.outlet, a.published, a.text]), [['A', 'https://herald.example/a', 'Korvania Herald', '2024-05-01T08:00:00Z', PARAS[0]]]);
});

test('a feed with no items is reported, not read as nothing', async () => {
  for (const [xml, name] of [[atom([]), 'empty.atom'], [rss([]), 'empty.rss']] as const) {
    const { articles, messages } = await collect(utf8(xml), name);
    assert.equal(articles.length, 0);
    assert.deepEqual(messages.map((m) => [m.code, m.severity, m.source]), [['ONR_ERR_EMPTY', 'fatal', name]]);
  }
});

test('relative links resolve against xml:base, else the feed’s own address', async () => {
  const rel = rss([{ title: 'One', link: '/news/bridge.html', description: CAFE }, { title: 'Two', link: 'https://other.example/x', description: CAFE }]);
  const { articles } = await collect(utf8(rel), 'rel.rss');
  assert.deepEqual(articles.map((a) => a.url), ['https://gazette.example/news/bridge.html', 'https://other.example/x']);
  const based = atom([{ title: 'A', link: 'stories/a', summary: CAFE }]).replace('xml:lang="en"', 'xml:lang="en" xml:base="https://herald.example/2024/"');
  assert.equal((await collect(utf8(based), 'based.atom')).articles[0]!.url, 'https://herald.example/2024/stories/a');
  // Nothing to resolve against: no address rather than an invented one.
  const bare = rel.replace('<link>https://gazette.example/</link>', '');
  assert.equal((await collect(utf8(bare), 'bare.rss')).articles[0]!.url, undefined);
});
