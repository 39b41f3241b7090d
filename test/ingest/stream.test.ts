import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Message } from '../../src/types.js';
import { readSources } from '../../src/ingest/sources.js';
import { readWarc } from '../../src/ingest/warc.js';
import { MAX_RECORD_BYTES } from '../../src/ingest/limits.js';
import { page, warc } from './fixtures.js';

async function collect(items: AsyncIterable<Article | Message>): Promise<{ articles: Article[]; messages: Message[] }> {
  const articles: Article[] = [];
  const messages: Message[] = [];
  for await (const x of items) {
    if (x.kind === 'article') articles.push(x);
    else messages.push(x);
  }
  return { articles, messages };
}
const fatal = (ms: Message[]): Message[] => ms.filter((m) => m.severity === 'fatal');
const pages = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `https://gazette.example/story/${i}`, html: page({ body: `<p>Story number ${i} of the Dunmere council desk.</p>` }) }));

test('a WARC.gz larger than the file-size limit is streamed record by record, every record read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-stream-'));
  try {
    const gz = await warc(pages(300), { gzip: true });
    const file = join(dir, 'crawl.warc.gz');
    await writeFile(file, gz);
    const maxFileBytes = Math.floor(gz.length / 4);
    // The same limit still refuses other formats read whole.
    const jsonl = join(dir, 'big.jsonl');
    await writeFile(jsonl, `${JSON.stringify({ id: 'r1', text: 'x'.repeat(maxFileBytes) })}\n`);
    const { articles, messages } = await collect(readSources([file, jsonl], { maxFileBytes }));
    assert.deepEqual(fatal(messages).map((m) => [m.code, m.source]), [['ONR_ERR_TOO_LARGE', jsonl]]);
    assert.equal(articles.length, 300);
    assert.deepEqual(articles.map((a) => a.url), pages(300).map((p) => p.url));
    assert.ok(articles[299]!.text.includes('Story number 299'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('readWarc yields the first article long before the input is all read', async () => {
  const bytes = await warc(pages(200));
  let served = 0;
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += 16 * 1024) {
      const chunk = bytes.subarray(at, at + 16 * 1024);
      served += chunk.length;
      yield chunk;
    }
  }
  let first = -1;
  let n = 0;
  for await (const x of readWarc(chunks(), 's.warc')) {
    assert.equal(x.kind, 'article');
    if (first < 0) first = served;
    n++;
  }
  assert.equal(n, 200);
  assert.ok(first > 0 && first <= 32 * 1024, `${first} of ${bytes.length} bytes read before the first article`);
});

test('streamed files cut short keep the records before the cut and end (no endless skip)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-stream-'));
  try {
    const gz = await warc(pages(20), { gzip: true });
    const cutGz = join(dir, 'cut.warc.gz');
    await writeFile(cutGz, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const a = await collect(readSources([cutGz]));
    assert.ok(a.articles.length >= 10 && a.articles.length < 20, String(a.articles.length));
    assert.deepEqual(a.articles.map((x) => x.url), pages(a.articles.length).map((p) => p.url));
    const bad = fatal(a.messages);
    assert.deepEqual(bad.map((m) => [m.code, m.source]), [['ONR_ERR_GZIP', cutGz]]);
    assert.match(bad[0]!.reason, /in record \d+/);
    // Uncompressed, cut inside a record's content: the record is named (warcinfo, then request, response, metadata per page).
    const plain = gunzipSync(gz);
    const cutWarc = join(dir, 'cut.warc');
    await writeFile(cutWarc, plain.subarray(0, plain.indexOf('Story number 5 ')));
    const b = await collect(readSources([cutWarc]));
    assert.equal(b.articles.length, 5);
    assert.deepEqual(fatal(b.messages).map((m) => [m.code, m.source]), [['ONR_ERR_WARC', `${cutWarc}#18`]]);
    // Cut inside a WARC header.
    const cutHead = join(dir, 'head.warc');
    await writeFile(cutHead, plain.subarray(0, plain.indexOf('WARC-Target-URI: https://gazette.example/story/3') + 20));
    const c = await collect(readSources([cutHead]));
    assert.equal(c.articles.length, 3);
    assert.equal(fatal(c.messages)[0]!.code, 'ONR_ERR_WARC');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a streamed record over MAX_RECORD_BYTES is refused without being held, the next one read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-stream-'));
  try {
    const big = page({ body: `<p>${'Long minutes of the harbour board. '.repeat(Math.ceil(MAX_RECORD_BYTES / 30))}</p>` });
    const bytes = await warc([pages(1)[0]!, { url: 'https://gazette.example/huge', html: big }, pages(2)[1]!]);
    const file = join(dir, 'big.warc.gz');
    await writeFile(file, gzipSync(bytes));
    const { articles, messages } = await collect(readSources([file]));
    assert.deepEqual(articles.map((a) => a.url), ['https://gazette.example/story/0', 'https://gazette.example/story/1']);
    assert.deepEqual(fatal(messages).map((m) => [m.code, m.source]), [['ONR_ERR_TOO_LARGE', `${file}#6`]]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
