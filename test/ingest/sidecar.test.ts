import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSources } from '../../src/ingest/sources.js';
import { main } from '../../src/cli/main.js';
import type { Article, Message } from '../../src/types.js';

// Fictional people, places and outlets only.
const STORY = '"The ferry will sail on Friday," Ilse Varnholt, the Dunmere harbour master, said.\n';

async function read(paths: string[], textMeta = {}): Promise<{ articles: Article[]; messages: Message[] }> {
  const articles: Article[] = [];
  const messages: Message[] = [];
  for await (const x of readSources(paths, { textMeta })) if (x.kind === 'article') articles.push(x); else messages.push(x);
  return { articles, messages };
}

async function capture(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const saved = { o: process.stdout.write, e: process.stderr.write };
  // Only the command's text: the test runner's own reports to its parent (Buffers) go through.
  process.stdout.write = ((c: string | Uint8Array, ...rest: unknown[]) => (typeof c === 'string' ? ((out.stdout += c), true) : (saved.o as (...a: unknown[]) => boolean).call(process.stdout, c, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => ((out.stderr += c), true)) as typeof process.stderr.write;
  try {
    return { status: await main(argv), ...out };
  } finally {
    process.stdout.write = saved.o;
    process.stderr.write = saved.e;
  }
}

test('a sidecar story.json gives story.txt its title, outlet, date, URL and authors, and is not read as an input', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-side-'));
  try {
    await writeFile(join(dir, 'story.txt'), STORY);
    await writeFile(join(dir, 'story.json'), JSON.stringify({ title: 'Ferry back', outlet: 'Dunmere Gazette', published: '2026-02-03', url: 'https://gazette.example/ferry', author: ['Oskar Pell', 'Mila Harrow'] }));
    const { articles, messages } = await read([dir]);
    assert.deepEqual(messages, []);
    assert.equal(articles.length, 1);
    const a = articles[0]!;
    assert.deepEqual([a.title, a.outlet, a.published, a.url, a.authors], ['Ferry back', 'Dunmere Gazette', '2026-02-03', 'https://gazette.example/ferry', ['Oskar Pell', 'Mila Harrow']]);
    assert.equal(a.id, 'https://gazette.example/ferry');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bad sidecar is a clear error naming the sidecar and the key; the text is not stored without it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-side-'));
  try {
    await writeFile(join(dir, 'a.txt'), STORY);
    await writeFile(join(dir, 'a.json'), JSON.stringify({ title: 'Ferry', publised: '2026-02-03' }));
    await writeFile(join(dir, 'b.txt'), STORY);
    await writeFile(join(dir, 'b.json'), JSON.stringify({ published: 'last Tuesday' }));
    await writeFile(join(dir, 'c.txt'), STORY);
    await writeFile(join(dir, 'c.json'), '{"title": ');
    await writeFile(join(dir, 'd.txt'), STORY.replace('Friday', 'Monday'));
    const { articles, messages } = await read([dir]);
    assert.deepEqual(articles.map((a) => a.source), [join(dir, 'd.txt')]);
    assert.deepEqual(messages.map((m) => [m.code, m.source]), [
      ['ONR_ERR_RECORD', join(dir, 'a.json')], ['ONR_ERR_RECORD', join(dir, 'b.json')], ['ONR_ERR_JSON', join(dir, 'c.json')],
    ]);
    assert.match(messages[0]!.reason, /metadata sidecar of .*a\.txt: .*publised/);
    assert.match(messages[1]!.reason, /published: expected an ISO date/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a front-matter block is metadata, not text; it wins over the sidecar, which wins over the flags', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-front-'));
  try {
    await writeFile(join(dir, 'f.txt'), `---\ntitle: "Snow on the pass"\ndate: 2026-01-09\nauthor: Ada Quill\nauthor: Rune Osterby\n---\n${STORY}`);
    await writeFile(join(dir, 'f.json'), JSON.stringify({ title: 'Sidecar title', outlet: 'Korvania Herald' }));
    const { articles } = await read([dir], { outlet: 'Flag Outlet', title: 'Flag title', language: 'en' });
    const a = articles[0]!;
    assert.equal(a.text, STORY);
    assert.deepEqual([a.title, a.outlet, a.published, a.authors, a.language], ['Snow on the pass', 'Korvania Herald', '2026-01-09', ['Ada Quill', 'Rune Osterby'], 'en']);
    await writeFile(join(dir, 'f.txt'), `---\nheadline: x\n---\n${STORY}`);
    const bad = await read([join(dir, 'f.txt')]);
    assert.equal(bad.articles.length, 0);
    assert.match(bad.messages[0]!.reason, /front matter: .*headline/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Windows-1252 text is decoded (curly quotes, accents) with a warning, and its quote is found', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-1252-'));
  try {
    // “Le café ouvrira,” said Renée Valcour. — in Windows-1252 bytes.
    const bytes = Buffer.from([0x93, ...Buffer.from('Le caf', 'latin1'), 0xe9, ...Buffer.from(' ouvrira demain,', 'latin1'), 0x94, ...Buffer.from(' said Ren', 'latin1'), 0xe9, ...Buffer.from('e Valcour.\n', 'latin1')]);
    await writeFile(join(dir, 'old.txt'), bytes);
    const { articles, messages } = await read([dir]);
    assert.equal(articles[0]!.text, '\u201CLe caf\u00e9 ouvrira demain,\u201D said Ren\u00e9e Valcour.\n');
    assert.deepEqual(messages.map((m) => [m.code, m.severity]), [['ONR_ERR_ENCODING', 'warning']]);
    const r = await capture(['extract', join(dir, 'old.txt'), '--jsonl', '--jobs', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).statements[0].speaker.name, 'Ren\u00e9e Valcour');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ingest and extract flags --title --outlet --date --url --author set plain text metadata; bad ones exit 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-flags-'));
  try {
    await writeFile(join(dir, 's.txt'), STORY);
    const out = join(dir, 'out.jsonl');
    const ok = await capture(['ingest', join(dir, 's.txt'), '--jsonl', out, '--title', 'Ferry', '--outlet', 'Tessel Courier', '--date', '2026-03-01', '--url', 'https://courier.example/f', '--author', 'Piet Fenn', '--jobs', '1']);
    assert.equal(ok.status, 0, ok.stderr);
    const { readFile } = await import('node:fs/promises');
    const record = JSON.parse(await readFile(out, 'utf8'));
    assert.deepEqual([record.article.title, record.article.outlet, record.article.published, record.article.url, record.article.authors], ['Ferry', 'Tessel Courier', '2026-03-01', 'https://courier.example/f', ['Piet Fenn']]);
    const x = await capture(['extract', join(dir, 's.txt'), '--jsonl', '--date', '2026-03-01', '--jobs', '1']);
    assert.equal(x.status, 0, x.stderr);
    assert.equal(JSON.parse(x.stdout).statements[0].dates[0].date, '2026-02-27', '"Friday" read against --date');
    for (const bad of [['--date', 'soon'], ['--url', 'ftp://x.example/'], ['--url', 'https://x.example/', dir]]) {
      const r = await capture(['ingest', join(dir, 's.txt'), '--jsonl', join(dir, 'o2.jsonl'), ...bad]);
      assert.equal(r.status, 2, bad.join(' '));
      assert.match(r.stderr, /ONR_ERR_OPTION: .*(--date|--url)/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
