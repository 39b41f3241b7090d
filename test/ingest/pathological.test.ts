/**
 * Inputs that made the readers hang or grow faster than their size: each is refused with a clear message
 * naming the record, or read, and the batch goes on. The timeouts only guard against a hang (speed is
 * measured by `npm run bench`); the CLI test runs in a child process so that a hang is killed and fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Message } from '../../src/types.js';
import { normalizeUrl } from '../../src/ingest/identity.js';
import { readBytes, sniffFormat } from '../../src/ingest/sources.js';
import { MAX_HTML_DEPTH } from '../../src/ingest/limits.js';
import { PARAS, page, rss } from './fixtures.js';

const GUARD = { timeout: 120_000 };
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
async function collect(input: string, source: string): Promise<{ articles: Article[]; messages: Message[] }> {
  const articles: Article[] = [];
  const messages: Message[] = [];
  for await (const x of readBytes(enc(input), source)) {
    if (x.kind === 'article') articles.push(x);
    else messages.push(x);
  }
  return { articles, messages };
}

test('comments before the first element are skipped one by one when sniffing', () => {
  assert.equal(sniffFormat('<!---->'.repeat(12) + 'x'), 'text');
  assert.equal(sniffFormat('<!-- a -->'.repeat(40) + '<rss version="2.0">'), 'feed');
  assert.equal(sniffFormat('<?xml version="1.0"?>\n<!-- a -->\n<!DOCTYPE rss [ <!ELEMENT rss ANY> ]>\n<!-- b --><rss>'), 'feed');
  assert.equal(sniffFormat('<!-- a --><!DOCTYPE html><!-- b --><html><body>'), 'html');
  assert.equal(sniffFormat('<!-- never closed <html>'), 'text');
});

test('an HTML page nested deeper than MAX_HTML_DEPTH is refused with the reason; one just under it is read', GUARD, async () => {
  const deep = (n: number) => page({ body: '<div>'.repeat(n) + '<p>A footnote.</p>' + '</div>'.repeat(n) });
  const over = await collect(deep(MAX_HTML_DEPTH + 50), 'deep.html');
  assert.equal(over.articles.length, 0);
  assert.deepEqual(over.messages.map((m) => [m.code, m.source]), [['ONR_ERR_HTML', 'deep.html']]);
  assert.match(over.messages[0]!.reason, new RegExp(`nested deeper than ${MAX_HTML_DEPTH}`));
  // Unclosed inline elements nest too: 100,000 of them took 9 s to parse into a DOM, then overflowed the stack.
  const unclosed = await collect(page({ body: '<span><b>'.repeat(50_000) }), 'unclosed.html');
  assert.deepEqual(unclosed.messages.map((m) => m.code), ['ONR_ERR_HTML']);
  assert.match(unclosed.messages[0]!.reason, /nested deeper/);
  // Siblings that close each other (<p>, <li>) and void elements (<br>) do not nest.
  const flat = await collect(page({ body: '<ul>' + '<li>item <br>'.repeat(5_000) + '</ul>' + '<p>note '.repeat(5_000) }), 'flat.html');
  assert.equal(flat.articles.length, 1);
  const under = await collect(deep(150), 'under.html');
  assert.equal(under.articles.length, 1);
  for (const p of PARAS) assert.ok(under.articles[0]!.text.includes(p));
});

test('a JSONL line whose html is nested too deep is one bad line; the next is read', GUARD, async () => {
  const lines = [
    JSON.stringify({ id: 'a', html: '<div>'.repeat(100_000) + '<p>Too deep.</p>' }),
    JSON.stringify({ id: 'b', text: PARAS[0] }),
  ].join('\n');
  const { articles, messages } = await collect(lines, 'dump.jsonl');
  assert.deepEqual(articles.map((a) => a.id), ['b']);
  assert.deepEqual(messages.map((m) => [m.code, m.source]), [['ONR_ERR_HTML', 'dump.jsonl#1']]);
  assert.match(messages[0]!.reason, /line 1: .*nested deeper/);
});

test('a feed item whose HTML is nested too deep is one bad item; the next is read', GUARD, async () => {
  const feed = rss([
    { title: 'Deep', link: 'https://gazette.example/deep', content: '<div>'.repeat(1_000) + '<p>Too deep.</p>' },
    { title: 'Bridge', link: 'https://gazette.example/bridge', description: PARAS[0] },
  ]);
  const { articles, messages } = await collect(feed, 'feed.xml');
  assert.deepEqual(articles.map((a) => a.url), ['https://gazette.example/bridge']);
  assert.deepEqual(messages.map((m) => [m.code, m.source]), [['ONR_ERR_XML', 'feed.xml#1']]);
  assert.match(messages[0]!.reason, /nested deeper/);
});

test('an RSS <author> ending in "(Name)" names the author, read without a pattern that scans from every "("', async () => {
  const author = async (raw: string) =>
    (await collect(rss([{ title: 'Bridge', description: PARAS[0] }]).replace('</item>', `<author>${raw}</author></item>`), 'feed.xml')).articles[0]!.authors;
  assert.deepEqual(await author('desk@gazette.example (Jo Roe)'), ['Jo Roe']);
  assert.deepEqual(await author('desk@gazette.example'), []);
  assert.deepEqual(await author('Jo Roe (Gazette) (Bo Tamsin) '), ['Bo Tamsin']);
  assert.deepEqual(await author('a (b (Jo Roe)'), ['b (Jo Roe']);
  assert.deepEqual(await author('(' + 'x'.repeat(10)), ['(xxxxxxxxxx']);
});

test('tracking parameters are dropped in one pass, the rest kept in order', () => {
  const params = Array.from({ length: 40 }, (_, i) => (i % 2 ? `utm_k${i}=1` : `k${i}=${i}`)).join('&');
  assert.equal(normalizeUrl(`https://Gazette.example/a?${params}#top`), `https://gazette.example/a?${params.split('&').filter((p) => !p.startsWith('utm_')).join('&')}`);
  assert.equal(normalizeUrl('https://gazette.example/a?utm_source=x&fbclid=2'), 'https://gazette.example/a');
  assert.equal(normalizeUrl('https://gazette.example/a?q=a%20b&b=1'), 'https://gazette.example/a?q=a%20b&b=1');
});

test('onrecord ingest gets through every hostile file and reports each by name', GUARD, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onrecord-hostile-'));
  const out = join(dir, 'out.jsonl');
  // The old sniffing pattern backtracked exponentially on these 211 bytes: it never finished.
  await writeFile(join(dir, 'comments.txt'), '<!---->'.repeat(30) + 'x');
  // 3,000 nested <div>: Readability's time grows with the cube of the depth (1,000 took 20 s).
  await writeFile(join(dir, 'deep.html'), page({ body: '<div>'.repeat(3_000) + '<p>x</p>' }));
  // 100,000 <meta name="author"> (4 MB): the meta index copied its list for each one, quadratic (1 MB took 7 s).
  await writeFile(join(dir, 'meta.html'), page({ head: '<meta name="author" content="Jo Roe">'.repeat(100_000) }));
  await writeFile(join(dir, 'good.txt'), PARAS[1]!);
  // 60,000 query parameters, half of them utm_: deleting them one by one re-serialised the query each time (16,000: 9 s).
  const params = Array.from({ length: 60_000 }, (_, i) => (i % 2 ? `utm_k${i}=1` : `k${i}=1`)).join('&');
  // An <author> of 400,000 "(": /\(([^)]+)\)\s*$/ scanned to the end from each one (90 s).
  await writeFile(join(dir, 'feed.xml'), rss([{ title: 'Bridge', link: 'https://gazette.example/b', description: PARAS[0] }]).replace('</item>', `<author>${'('.repeat(400_000)}</author></item>`));
  await writeFile(join(dir, 'urls.jsonl'), JSON.stringify({ text: PARAS[2], url: `https://gazette.example/a?${params}` }) + '\n');
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/onrecord.js', 'ingest', dir, '--jsonl', out, '--json'],
      { env: { ...process.env, CI: '1' }, timeout: 100_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && error.killed) reject(new Error(`onrecord ingest did not finish within 100 s (a hang): ${stderr.slice(-500)}`));
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
  assert.equal(run.code, 1, run.stderr);
  const summary = JSON.parse(run.stdout) as { read: number; stored: number; failed: number };
  assert.deepEqual([summary.read, summary.stored, summary.failed], [5, 5, 1]);
  assert.match(run.stderr, /deep\.html.*ONR_ERR_HTML.*nested deeper than 256/);
  const stored = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).article);
  assert.deepEqual(stored.map((a: Article) => a.source.split('/').pop()).sort(), ['comments.txt', 'feed.xml#1', 'good.txt', 'meta.html', 'urls.jsonl#1']);
  assert.deepEqual(stored.find((a: Article) => a.source.endsWith('meta.html')).authors, ['Jo Roe']);
  const url: string = stored.find((a: Article) => a.source.endsWith('urls.jsonl#1')).url;
  assert.ok(url.startsWith('https://gazette.example/a?k0=1&k2=1&') && !url.includes('utm_'), url.slice(0, 100));
});
