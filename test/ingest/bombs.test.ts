/**
 * Limits that hold while the bytes arrive: gzip bombs stop at the byte past their limit, JSON Lines are read a
 * line at a time across chunk boundaries, WARC bodies decode within MAX_RECORD_BYTES, and HTML that would nest
 * or sprawl past the limits is refused before a DOM is built. The whole-process memory and time bounds are
 * checked by test/ingest/hostile.test.ts and measured by the `hostile` bench suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { Article, Message } from '../../src/types.js';
import { readBytes } from '../../src/ingest/sources.js';
import { MAX_BAD_RECORDS, readJsonl, readJsonlStream } from '../../src/ingest/jsonl.js';
import { MAX_GZIP_LAYERS, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, MAX_RECORD_BYTES } from '../../src/ingest/limits.js';
import { MAX_TEXT_BYTES } from '../../src/ingest/text.js';
import { nestingOver } from '../../src/ingest/html.js';
import { PARAS, page, warc } from './fixtures.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
async function collect(items: AsyncIterable<Article | Message> | Iterable<Article | Message>): Promise<{ articles: Article[]; messages: Message[] }> {
  const articles: Article[] = [];
  const messages: Message[] = [];
  for await (const x of items) (x.kind === 'article' ? articles : messages).push(x as never);
  return { articles, messages };
}
const codes = (ms: Message[]) => ms.map((m) => [m.code, m.source]);
/** gzip of `unit` repeated to about `bytes`, as joined members (never holding the inflated bytes). */
const bomb = (unit: string, bytes: number): Buffer => {
  const mib = gzipSync(unit.repeat(Math.ceil((1 << 20) / unit.length)));
  return Buffer.concat(Array.from({ length: Math.ceil(bytes / (1 << 20)) }, () => mib));
};
async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

test('a gzip bomb stops at its format limit while inflating, named by file', async () => {
  const text = await collect(readBytes(bomb('x\n', 3 * MAX_TEXT_BYTES), 'bomb.txt.gz'));
  assert.deepEqual(codes(text.messages), [['ONR_ERR_TOO_LARGE', 'bomb.txt.gz']]);
  assert.match(text.messages[0]!.reason, new RegExp(`decompresses past ${MAX_TEXT_BYTES} bytes`));
  const html = await collect(readBytes(bomb('<p>x</p>', 2 * MAX_RECORD_BYTES), 'bomb.html.gz'));
  assert.deepEqual(codes(html.messages), [['ONR_ERR_TOO_LARGE', 'bomb.html.gz']]);
  // Just under the limit is read.
  const under = await collect(readBytes(gzipSync(`${PARAS[0]} ${'word '.repeat(100_000)}`), 'under.txt.gz'));
  assert.equal(under.articles.length, 1);
});

test(`gzip inside gzip is undone up to ${MAX_GZIP_LAYERS} layers, refused past`, async () => {
  const wrap = (n: number) => Array.from({ length: n }).reduce<Buffer>((b) => gzipSync(b), Buffer.from(PARAS[0]!));
  assert.equal((await collect(readBytes(wrap(MAX_GZIP_LAYERS), 'ok.txt.gz'))).articles[0]!.text, PARAS[0]);
  const deep = await collect(readBytes(wrap(MAX_GZIP_LAYERS + 1), 'deep.txt.gz'));
  assert.deepEqual(codes(deep.messages), [['ONR_ERR_GZIP', 'deep.txt.gz']]);
});

test('JSON Lines read as a stream give what the whole file gives, lines cut anywhere by chunks', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => (i === 7 ? 'not json' : JSON.stringify({ id: `r${i}`, text: `${PARAS[i % 3]} (${i}) «ü»` })));
  const content = lines.join('\n') + '\n';
  const whole = await collect(readJsonl(content, 'a.jsonl'));
  for (const size of [1, 7, 4096]) {
    const streamed = await collect(readJsonlStream(inPieces(enc(content), size), 'a.jsonl'));
    assert.deepEqual(streamed, whole, `chunks of ${size}`);
  }
  assert.deepEqual(codes(whole.messages), [['ONR_ERR_JSON', 'a.jsonl#8']]);
});

test('a JSON line over MAX_RECORD_BYTES is skipped without being held; repeats are read once; bad lines end a file', async () => {
  const long = `{"text":"${'a'.repeat(MAX_RECORD_BYTES + 10)}"}`;
  const good = JSON.stringify({ text: PARAS[0] });
  const a = await collect(readJsonlStream(inPieces(enc(`${good}\n${long}\n${JSON.stringify({ text: PARAS[1] })}\n`), 64 * 1024), 'long.jsonl'));
  assert.equal(a.articles.length, 2);
  assert.deepEqual(codes(a.messages), [['ONR_ERR_TOO_LARGE', 'long.jsonl#2']]);
  const same = await collect(readJsonlStream(inPieces(enc(`${good}\n`.repeat(5_000)), 16 * 1024), 'same.jsonl'));
  assert.equal(same.articles.length, 1);
  assert.deepEqual(same.messages.map((m) => [m.code, m.severity]), [['ONR_ERR_RECORD', 'warning']]);
  assert.match(same.messages[0]!.reason, /4999 lines repeat/);
  const junk = Array.from({ length: MAX_BAD_RECORDS + 50 }, (_, i) => `junk ${i}`).concat(good).join('\n');
  const j = await collect(readJsonlStream(inPieces(enc(junk), 16 * 1024), 'junk.jsonl'));
  assert.equal(j.articles.length, 0, 'the good line after the junk is not read');
  assert.equal(j.messages.length, MAX_BAD_RECORDS + 1);
  assert.deepEqual(codes(j.messages.slice(-1)), [['ONR_ERR_TOO_MANY', 'junk.jsonl']]);
});

test('a WARC body whose gzip Content-Encoding decodes past MAX_RECORD_BYTES is refused; the next record is read', async () => {
  const huge = page({ body: `<p>${'x '.repeat(MAX_RECORD_BYTES)}</p>` });
  const bytes = await warc([{ url: 'https://g.example/bomb', html: huge, gzipBody: true }, { url: 'https://g.example/ok', html: page() }]);
  assert.ok(bytes.length < MAX_RECORD_BYTES / 10, 'the record is small on disk');
  const r = await collect(readBytes(bytes, 'c.warc'));
  assert.deepEqual(r.articles.map((a) => a.url), ['https://g.example/ok']);
  const fatal = r.messages.filter((m) => m.severity === 'fatal');
  assert.deepEqual(fatal.map((m) => m.code), ['ONR_ERR_TOO_LARGE']);
  assert.match(fatal[0]!.reason, /body decodes past/);
});

test('HTML: unclosed <a> and headings nest as linkedom nests them; the element count is bounded', async () => {
  const t = performance.now();
  const anchors = await collect(readBytes(enc(page({ body: `<p>${'<a href="#">link '.repeat(20_000)}</p>` })), 'a.html'));
  assert.deepEqual(codes(anchors.messages), [['ONR_ERR_HTML', 'a.html']]);
  assert.match(anchors.messages[0]!.reason, new RegExp(`nested deeper than ${MAX_HTML_DEPTH}`));
  assert.ok(performance.now() - t < 30_000, 'refused before the DOM, not after minutes');
  assert.ok(nestingOver('<h2>a'.repeat(MAX_HTML_DEPTH + 5), MAX_HTML_DEPTH));
  // Closed anchors and headings do not nest.
  assert.equal(nestingOver('<p><a href="#">x</a> '.repeat(5_000), MAX_HTML_DEPTH), undefined);
  assert.equal(nestingOver('<h2>a</h2><p>b</p>'.repeat(2_000), MAX_HTML_DEPTH), undefined);
  const flat = await collect(readBytes(enc(page({ body: `<article>${'<b>x</b> '.repeat(MAX_HTML_ELEMENTS + 1)}</article>` })), 'flat.html'));
  assert.deepEqual(codes(flat.messages), [['ONR_ERR_HTML', 'flat.html']]);
  assert.match(flat.messages[0]!.reason, new RegExp(`more than ${MAX_HTML_ELEMENTS} elements`));
});
