import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALONE_ABOVE, inOrder, TaskPool } from '../../src/ingest/pool.js';
import { ingest } from '../../src/ingest/ingest.js';
import { main } from '../../src/cli/main.js';
import type { ArticleRecord, Extraction } from '../../src/types.js';

// Fictional speakers and places only.
const SPEAKERS = ['Ilse Varnholt', 'Oskar Pell', 'Mila Harrow', 'Teodor Blaskovic', 'Ada Quill'];
const story = (i: number): string =>
  `"The ${i}th ferry will sail from Dunmere on time," ${SPEAKERS[i % SPEAKERS.length]} said on Monday.\n\n` +
  `${SPEAKERS[(i + 1) % SPEAKERS.length]} told reporters the harbour would stay open for ${i} more days.\n`;

async function corpus(n: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onr-pool-'));
  // Sizes differ so that threads finish out of order.
  for (let i = 0; i < n; i++) await writeFile(join(dir, `${String(i).padStart(3, '0')}.txt`), story(i).repeat(1 + (i % 4) * 6));
  return dir;
}

async function extractCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const saved = { o: process.stdout.write, e: process.stderr.write };
  // Only the command's text: the test runner's own reports to its parent (Buffers) go through.
  process.stdout.write = ((c: string | Uint8Array, ...rest: unknown[]) => (typeof c === 'string' ? ((out.stdout += c), true) : (saved.o as (...a: unknown[]) => boolean).call(process.stdout, c, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => ((out.stderr += c), true)) as typeof process.stderr.write;
  try {
    return { status: await main(['extract', ...args]), ...out };
  } finally {
    process.stdout.write = saved.o;
    process.stderr.write = saved.e;
  }
}

test('extract --jobs 2 prints the same documents in the same order as --jobs 1', async () => {
  const dir = await corpus(24);
  try {
    const one = await extractCli([dir, '--jsonl', '--jobs', '1']);
    const two = await extractCli([dir, '--jsonl', '--jobs', '2']);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    const ids = two.stdout.trim().split('\n').map((l) => JSON.parse(l).id as string);
    assert.deepEqual(ids, [...ids].sort(), 'input order');
    assert.equal(ids.length, 24);
    assert.equal(two.stdout, one.stdout);
    assert.ok(JSON.parse(two.stdout.split('\n')[3]!).statements.some((s: { speaker?: { name: string } }) => s.speaker?.name === SPEAKERS[3]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('extract --jobs rejects 0 and words with exit 2', async () => {
  for (const bad of ['0', 'two']) {
    const r = await extractCli(['x.txt', '--jobs', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs/);
  }
});

test('ingest with 2 worker threads stores what 1 thread stores, in input order, with one writer', async () => {
  const dir = await corpus(16);
  try {
    const runs: ArticleRecord[][] = [];
    for (const jobs of [1, 2]) {
      const put: ArticleRecord[] = [];
      let writing = 0;
      const store = {
        async hasArticle() { return false; },
        async putArticle(r: ArticleRecord) {
          assert.equal(writing++, 0, 'one write at a time');
          await new Promise((res) => setTimeout(res, 1));
          put.push(r);
          writing--;
          return 'stored' as const;
        },
        async corrections() { return { items: [], total: 0, limit: 100, offset: 0 }; },
      };
      const summary = await ingest([dir], { store: store as never, jobs });
      assert.equal(summary.stored, 16);
      runs.push(put);
    }
    assert.deepEqual(runs[1]!.map((r) => r.article.source), runs[0]!.map((r) => r.article.source));
    assert.deepEqual(runs[1]!.map((r) => r.statements.length), runs[0]!.map((r) => r.statements.length));
    assert.ok(runs[1]!.every((r) => r.statements.length >= 2));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a task that throws on a thread settles as an error; the pool goes on with the next', async () => {
  const pool = new TaskPool(2);
  try {
    const bad = await pool.run({ kind: 'process-article', article: null as never });
    assert.equal(bad.ok, false);
    const good = await pool.run<Extraction>({ kind: 'extract-text', text: '"It will open," Ada Quill said.', meta: {} });
    assert.ok(good.ok && good.value.statements.length === 1);
  } finally {
    await pool.close();
  }
});

test('inOrder yields results in the order started, whatever order they finish in', async () => {
  const delays = [30, 1, 20, 5, 0, 12];
  async function* started() {
    for (const [i, ms] of delays.entries()) yield { result: new Promise<number>((r) => setTimeout(() => r(i), ms)) };
  }
  const seen: number[] = [];
  for await (const i of inOrder(started(), 3)) seen.push(i);
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5]);
});

test('work above ALONE_ABOVE waits for the tasks under way and runs alone; later tasks wait for it', async () => {
  const pool = new TaskPool(2);
  const done: string[] = [];
  const task = (text: string, name: string, weight?: number) =>
    pool.run<Extraction>({ kind: 'extract-text', text, meta: {} }, weight).then((r) => { assert.ok(r.ok); done.push(name); });
  try {
    // The first task is slow: without the rule the marked one and the one after it would finish before it.
    const slow = task(story(1).repeat(400), 'slow');
    const large = task(story(2), 'large', ALONE_ABOVE + 1);
    const after = task(story(3), 'after');
    await Promise.all([slow, large, after]);
    assert.deepEqual(done, ['slow', 'large', 'after']);
  } finally {
    await pool.close();
  }
});
