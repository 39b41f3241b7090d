import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, readFile, appendFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { ArticleRecord, PutOutcome, Store } from '../../src/types.js';
import { ingest } from '../../src/ingest/ingest.js';
import { processArticle } from '../../src/ingest/process.js';
import { makeArticle } from '../../src/ingest/article.js';
import { PARAS, page, rss } from './fixtures.js';

const records = async (path: string): Promise<ArticleRecord[]> =>
  (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ArticleRecord);

async function corpus(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onr-ing-'));
  await mkdir(join(dir, 'feeds'));
  await writeFile(join(dir, 'a.txt'), `${PARAS[0]}\n\n${PARAS[1]}`);
  await writeFile(join(dir, 'b.html'), page({ head: '<link rel="canonical" href="https://gazette.example/bridge">' }));
  await writeFile(
    join(dir, 'feeds', 'c.rss'),
    rss([1, 2, 3].map((n) => ({ title: `Item ${n}`, link: `https://gazette.example/i${n}`, description: `Councillor Bo Tamsin ${n} said the vote was close. "It was close," she said.` }))),
  );
  return dir;
}

test('processArticle runs the extractor with the article metadata', () => {
  const article = makeArticle({ text: PARAS.join('\n\n'), source: 'x.txt', published: '2024-05-07', outlet: 'Gazette' });
  const record = processArticle(article);
  assert.equal(record.kind, 'article-record');
  assert.equal(record.article, article);
  assert.ok(Array.isArray(record.statements));
  assert.ok(!record.messages.some((m) => m.severity === 'fatal'));
});

test('--jsonl: every article once; a rerun is all unchanged; changed text is a new version', async () => {
  const dir = await corpus();
  const out = join(dir, 'out.jsonl');
  const first = await ingest([dir], { jsonl: out });
  assert.equal(first.read, 5);
  assert.equal(first.stored, 5);
  assert.equal(first.failed, 0);
  assert.equal((await records(out)).length, 5);
  const second = await ingest([dir], { jsonl: out });
  assert.equal(second.stored, 0);
  assert.equal(second.unchanged, 5);
  assert.equal((await records(out)).length, 5);
  await writeFile(join(dir, 'b.html'), page({ head: '<link rel="canonical" href="https://gazette.example/bridge">', body: '<p>Updated: the council met again on Tuesday evening.</p>' }));
  const third = await ingest([dir], { jsonl: out });
  assert.equal(third.stored, 1);
  const all = await records(out);
  const bridge = all.filter((r) => r.article.id === 'https://gazette.example/bridge');
  assert.equal(bridge.length, 2);
  assert.notEqual(bridge[0]!.article.version, bridge[1]!.article.version);
});

test('interrupted ingest resumes: nothing lost, nothing doubled, a torn last line is dropped', async () => {
  const dir = await corpus();
  const out = join(dir, 'out.jsonl');
  const controller = new AbortController();
  const partial = await ingest([dir], { jsonl: out, signal: controller.signal, onProgress: (p) => p.read >= 2 && controller.abort() });
  assert.equal(partial.interrupted, true);
  assert.equal((await records(out)).length, 2);
  await appendFile(out, '{"kind":"article-record","article":{"id":"half'); // as if killed mid-write
  const rest = await ingest([dir], { jsonl: out });
  assert.equal(rest.unchanged, 2);
  assert.equal(rest.stored, 3);
  const ids = (await records(out)).map((r) => r.article.id);
  assert.equal(ids.length, 5);
  assert.equal(new Set(ids).size, 5);
});

/** A minimal in-memory Store: enough to check the ingest loop's use of hasArticle/putArticle. */
function memoryStore(): Store & { puts: number } {
  const versions = new Map<string, Set<string>>();
  const store = {
    dialect: 'sqlite' as const,
    puts: 0,
    async hasArticle(id: string, version?: string) {
      return version ? !!versions.get(id)?.has(version) : versions.has(id);
    },
    async putArticle(r: ArticleRecord): Promise<PutOutcome> {
      store.puts++;
      const known = versions.get(r.article.id);
      if (known?.has(r.article.version)) return 'unchanged';
      versions.set(r.article.id, (known ?? new Set()).add(r.article.version));
      return known ? 'new-version' : 'stored';
    },
    // All or none, as a transaction: the first refusal undoes the articles before it.
    async putArticles(rs: readonly ArticleRecord[]): Promise<PutOutcome[]> {
      const before = new Map([...versions].map(([id, v]) => [id, new Set(v)]));
      const puts = store.puts;
      const outcomes: PutOutcome[] = [];
      try {
        for (const r of rs) outcomes.push(await store.putArticle(r));
      } catch (error) {
        versions.clear();
        for (const [id, v] of before) versions.set(id, v);
        store.puts = puts;
        throw error;
      }
      return outcomes;
    },
    // No corrections in memory: nothing is ever left unmatched.
    async corrections() { return { items: [], total: 0, limit: 100, offset: 0 }; },
    async close() {},
  };
  return store as unknown as Store & { puts: number };
}

test('with a store: stored articles are skipped before extraction', async () => {
  const dir = await corpus();
  const store = memoryStore();
  const first = await ingest([dir], { store });
  assert.equal(first.stored, 5);
  const second = await ingest([dir], { store });
  assert.equal(second.unchanged, 5);
  assert.equal(store.puts, 5, 'no second put for known id+version');
});

test('bad files are counted as failed and the rest goes on', async () => {
  const dir = await corpus();
  await writeFile(join(dir, 'bad.jsonl'), `{"text": "Fine record."}\nnot json\n`);
  await writeFile(join(dir, 'empty.txt'), '');
  const summary = await ingest([dir], { jsonl: join(dir, '..', `${dir.split('/').pop()}.out.jsonl`) });
  assert.equal(summary.read, 6);
  assert.equal(summary.failed, 2);
  assert.deepEqual(summary.messages.filter((m) => m.severity === 'fatal').map((m) => m.code).sort(), ['ONR_ERR_EMPTY', 'ONR_ERR_JSON']);
});

/** Runs `onrecord ingest` in this process, capturing stdout and stderr (spawning costs seconds per run). */
async function cli(args: string[], opts: { tty?: boolean } = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  const out = { stdout: '', stderr: '' };
  const saved = { o: process.stdout.write, e: process.stderr.write, ci: process.env.CI, tty: process.stderr.isTTY };
  if (opts.tty) delete process.env.CI;
  else process.env.CI = '1';
  process.stderr.isTTY = !!opts.tty;
  process.stdout.write = ((chunk: string) => ((out.stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((out.stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { status: await main(['ingest', ...args]), ...out };
  } finally {
    process.stdout.write = saved.o;
    process.stderr.write = saved.e;
    process.stderr.isTTY = saved.tty;
    if (saved.ci === undefined) delete process.env.CI;
    else process.env.CI = saved.ci;
  }
}

test('CLI: exit 0 when all read, 1 when something failed, 2 for bad options; --json summary', async () => {
  const dir = await corpus();
  const ok = await cli([dir, '--jsonl', join(dir, 'o.jsonl'), '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).stored, 5);
  assert.equal(ok.stderr, '', 'quiet in pipes');
  await writeFile(join(dir, 'x.warc'), 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort');
  const bad = await cli([dir, '--jsonl', join(dir, 'o.jsonl')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /x\.warc#1: ONR_ERR_WARC/);
  assert.match(bad.stderr, /5 articles read.*5 unchanged, 1 failed/);
  assert.equal((await cli(['--bogus', dir])).status, 2);
  assert.equal((await cli(['--jsonl', join(dir, 'z.jsonl')])).status, 2);
  assert.equal((await cli([dir, '--jsonl', 'a', '--db', 'b'])).status, 2);
  assert.equal(existsSync(join(dir, 'z.jsonl')), false);
});

test('CLI: - reads standard input', async () => {
  const out = `${await mkdtemp(join(tmpdir(), 'onr-stdin-'))}/p.jsonl`;
  const piped = spawnSync(process.execPath, ['bin/onrecord.js', 'ingest', '-', '--jsonl', out, '--json'], { input: PARAS[2], encoding: 'utf8', env: { ...process.env, CI: '1' } });
  assert.equal(piped.status, 0, piped.stderr);
  const [record] = await records(out);
  assert.equal(record!.article.source, '-');
  assert.equal(record!.article.text, PARAS[2]);
  // Any format on stdin, gzipped too: told by content, as there is no name.
  const feed = gzipSync(rss([{ title: 'One', link: 'https://gazette.example/one', description: PARAS[0]! }]));
  const gz = spawnSync(process.execPath, ['bin/onrecord.js', 'ingest', '-', '--jsonl', out], { input: feed, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  assert.equal(gz.status, 0, gz.stderr);
  assert.deepEqual((await records(out)).map((r) => r.article.source), ['-', '-#1']);
});

test('kill -9 during --jsonl ingest, then rerun: every article exactly once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-kill-'));
  const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: `k${i}`, text: `${PARAS[i % 3]} Item ${i}.` }));
  await writeFile(join(dir, 'many.jsonl'), lines.join('\n'));
  const out = `${dir}.out.jsonl`;
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['bin/onrecord.js', 'ingest', dir, '--jsonl', out], { env: { ...process.env, CI: '1' }, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  // Kill as soon as some records are written, mid-run.
  for (let i = 0; i < 1000 && !(existsSync(out) && (await readFile(out, 'utf8')).split('\n').length > 5); i++) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGKILL');
  await exited;
  const before = (await readFile(out, 'utf8')).split('\n').filter(Boolean).length;
  assert.ok(before > 0 && before < 1000, `killed mid-run (${before} written)`);
  const rest = await ingest([dir], { jsonl: out });
  const ids = (await records(out)).map((r) => r.article.id);
  assert.equal(ids.length, 1000);
  assert.equal(new Set(ids).size, 1000);
  assert.equal(rest.stored + rest.unchanged, 1000);
});

test('kill -9 during a batched --db ingest, then rerun: every article exactly once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-kill-db-'));
  // Tiny records: stored BATCH_ARTICLES to a transaction, so a kill lands inside an open batch.
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `t${i}`, text: `Rain ${i} fell.` }));
  await writeFile(join(dir, 'tiny.jsonl'), lines.join('\n'));
  const db = `${dir}.db`;
  const { spawn } = await import('node:child_process');
  const Database = (await import('better-sqlite3')).default;
  const count = (): number => {
    if (!existsSync(db)) return 0;
    try {
      const sqlite = new Database(db, { readonly: true });
      try { return Number(sqlite.prepare('select count(*) from articles').pluck().get()); } finally { sqlite.close(); }
    } catch {
      return 0;
    }
  };
  const child = spawn(process.execPath, ['bin/onrecord.js', 'ingest', dir, '--db', db], { env: { ...process.env, CI: '1' }, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  for (let i = 0; i < 2000 && count() === 0; i++) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGKILL');
  await exited;
  const before = count();
  assert.ok(before > 0 && before < 3000, `killed mid-run (${before} stored)`);
  assert.equal(before % 200, 0, 'only whole batches are stored');
  const { openStore } = await import('../../src/store/index.js');
  const store = await openStore({ file: db });
  try {
    const rest = await ingest([dir], { store });
    assert.equal(rest.unchanged, before);
    assert.equal(rest.stored, 3000 - before);
    assert.equal((await store.stats()).articles, 3000);
  } finally {
    await store.close();
  }
});

test('a store that fails on one article: recorded with its source and code, the batch goes on', async () => {
  const dir = await corpus();
  const store = memoryStore();
  const put = store.putArticle.bind(store);
  const has = store.hasArticle.bind(store);
  store.putArticle = async (r) => (r.article.id === 'https://gazette.example/i2' ? Promise.reject(new Error('deadlock detected')) : put(r));
  store.hasArticle = async (id, version) => (id === 'https://gazette.example/i3' ? Promise.reject(new Error('connection reset')) : has(id, version));
  const summary = await ingest([dir], { store });
  assert.equal(summary.stored, 3);
  assert.equal(summary.failed, 2);
  // Sorted: a store refusal shows when the batch is written, after messages on articles read later.
  assert.deepEqual(
    summary.messages.map((m) => [m.code, m.source, m.reason]).sort(),
    [
      ['ONR_ERR_STORE', join(dir, 'feeds', 'c.rss#2'), 'the store failed: deadlock detected'],
      ['ONR_ERR_STORE', join(dir, 'feeds', 'c.rss#3'), 'the store failed: connection reset'],
    ],
  );
});

test('CLI on a terminal: a progress line (articles, rate, errors), messages on lines of their own, then the summary', async () => {
  const dir = await corpus();
  await writeFile(join(dir, 'bad.jsonl'), 'not json\n');
  const run = await cli([dir, '--jsonl', join(dir, 'o.jsonl')], { tty: true });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /\r\x1b\[K1 articles, [\d.]+\/s, 0 errors/);
  assert.match(run.stderr, /\r\x1b\[K[^\r]*bad\.jsonl#1: ONR_ERR_JSON: [^\r]*\n/);
  assert.match(run.stderr, /\r\x1b\[K5 articles read, 5 stored .* 1 failed, \d+ statements\n$/);
});

test('--jsonl OUT that is some other file is refused, not cut or appended to', async () => {
  const dir = await corpus();
  const other = join(dir, '..', `${dir.split('/').pop()}.other.jsonl`);
  const original = `${JSON.stringify({ id: 'x', text: 'Not an output record.' })}\n{"torn":`;
  await writeFile(other, original);
  const run = await cli([dir, '--jsonl', other]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /ONR_ERR_OPTION: .*line 1 is not an ingest record/);
  assert.equal(await readFile(other, 'utf8'), original);
});
