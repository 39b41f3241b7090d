import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { enqueue } from '../../src/queue/enqueue.js';
import { connect, MAX_ATTEMPTS, QUEUE_NAME } from '../../src/queue/config.js';
import { jobIdFor } from '../../src/queue/job.js';
import { queueStatus } from '../../src/queue/status.js';
import { ingest } from '../../src/ingest/ingest.js';
import { utteranceGroups } from '../store/groups.js';
import { PG, REDIS, fictionalArticles, freshDatabase, openPgStore, spawnWorker, uniquePrefix, waitForQueue, writeCorpus, type WorkerProcess } from './harness.js';

const bin = new URL('../../bin/onrecord.js', import.meta.url).pathname;
const storeReady = existsSync(new URL('../../src/store/index.ts', import.meta.url));
const skip =
  (!REDIS && 'TEST_REDIS_URL not set') || (!PG && 'TEST_DATABASE_URL not set') || (!storeReady && 'src/store/index.ts not built yet') || false;

/** Removes the test's queue keys so repeated runs leave nothing in Redis. */
async function dropQueue(prefix: string): Promise<void> {
  const connection = connect(REDIS!);
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
}

test('job ids are deterministic, distinct per version, and free of ":"', () => {
  const a = jobIdFor({ id: 'https://news.example.org/a', version: 'v1' });
  assert.equal(a, jobIdFor({ id: 'https://news.example.org/a', version: 'v1' }));
  assert.notEqual(a, jobIdFor({ id: 'https://news.example.org/a', version: 'v2' }));
  assert.notEqual(a, jobIdFor({ id: 'https://news.example.org/b', version: 'v1' }));
  assert.ok(!a.includes(':'));
});

test('three workers store a corpus exactly once, like a single-process ingest; re-enqueueing adds nothing', { skip, timeout: 60_000 }, async () => {
  const prefix = uniquePrefix('n');
  const corpus = await writeCorpus(fictionalArticles(24, 7));
  const [db, ref] = [await freshDatabase(PG!), await freshDatabase(PG!)];
  const workers: WorkerProcess[] = [];
  try {
    // Reference: the same files ingested by one process into its own database.
    const refStore = await openPgStore(ref.url);
    await ingest([corpus], { store: refStore });
    const expected = await refStore.stats();
    await refStore.close();
    assert.equal(expected.articles, 24);

    const first = await enqueue([corpus], REDIS!, { prefix, backoffMs: 100 });
    assert.deepEqual([first.read, first.added, first.failed], [24, 24, 0]);
    for (let i = 0; i < 3; i++) workers.push(await spawnWorker(prefix, db.url));
    await waitForQueue(prefix, (s) => s.completed === 24);

    // The second enqueue goes through the CLI, as an operator would run it.
    const cli = spawnSync(process.execPath, [bin, 'ingest', '--queue', REDIS!, '--json', corpus], { env: { ...process.env, ONRECORD_QUEUE_PREFIX: prefix }, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const again = JSON.parse(cli.stdout) as { read: number; added: number; duplicates: number };
    assert.deepEqual([again.read, again.added, again.duplicates], [24, 0, 24]);
    const status = await queueStatus(REDIS!, { prefix });
    assert.deepEqual([status.waiting, status.active, status.completed, status.failed], [0, 0, 24, 0]);

    const store = await openPgStore(db.url);
    assert.deepEqual(await store.stats(), expected);
    await store.close();
    // Graceful shutdown: SIGTERM ends each worker with exit code 0.
    for (const w of workers.splice(0)) assert.equal(await w.stop('SIGTERM'), 0);
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await dropQueue(prefix);
    await db.drop();
    await ref.drop();
  }
});

const N_KILL = 300;

test('a worker killed with SIGKILL mid-run loses nothing: another worker finishes every article, and the record is that of one process', { skip, timeout: 180_000 }, async () => {
  const prefix = uniquePrefix('kill');
  // Large enough that the run is still going when the kill comes.
  const corpus = await writeCorpus(fictionalArticles(N_KILL, 11));
  const [db, ref] = [await freshDatabase(PG!), await freshDatabase(PG!)];
  const workers: WorkerProcess[] = [];
  try {
    await enqueue([corpus], REDIS!, { prefix, backoffMs: 100 });
    const victim = await spawnWorker(prefix, db.url, ['--concurrency', '2']);
    workers.push(victim);
    // Kill it while it holds jobs: some done, some still waiting.
    await waitForQueue(prefix, (s) => s.completed >= 3 && s.active > 0, 40_000, 10);
    await victim.stop('SIGKILL');
    const mid = await queueStatus(REDIS!, { prefix });
    assert.ok(mid.completed < N_KILL, 'the kill came before the end of the run');
    workers.push(await spawnWorker(prefix, db.url));
    await waitForQueue(prefix, (s) => s.completed === N_KILL, 150_000);
    const store = await openPgStore(db.url);
    const stats = await store.stats();
    const groups = await utteranceGroups(store);
    await store.close();
    assert.equal(stats.articles, N_KILL);
    const status = await queueStatus(REDIS!, { prefix });
    assert.equal(status.failed, 0);
    // The same record as one process storing the corpus in file order: articles, statements, utterances.
    const refStore = await openPgStore(ref.url);
    await ingest([corpus], { store: refStore });
    assert.deepEqual(stats, await refStore.stats());
    assert.deepEqual(groups, await utteranceGroups(refStore));
    await refStore.close();
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await dropQueue(prefix);
    await db.drop();
    await ref.drop();
  }
});

test('two workers on two queues holding the same articles store each once, first time (no duplicate key)', { skip, timeout: 60_000 }, async () => {
  const prefixes = [uniquePrefix('dup'), uniquePrefix('dup')];
  const corpus = await writeCorpus(fictionalArticles(30, 17));
  const db = await freshDatabase(PG!);
  const workers: WorkerProcess[] = [];
  try {
    for (const prefix of prefixes) await enqueue([corpus], REDIS!, { prefix, backoffMs: 100 });
    for (const prefix of prefixes) workers.push(await spawnWorker(prefix, db.url, ['--concurrency', '2']));
    for (const prefix of prefixes) await waitForQueue(prefix, (s) => s.completed === 30);
    for (const prefix of prefixes) assert.equal((await queueStatus(REDIS!, { prefix })).failed, 0);
    assert.doesNotMatch(workers.map((w) => w.stderr()).join(''), /duplicate key|attempt/);
    const store = await openPgStore(db.url);
    assert.equal((await store.stats()).articles, 30);
    await store.close();
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    for (const prefix of prefixes) await dropQueue(prefix);
    await db.drop();
  }
});

test('a poison job fails after the bounded tries with its reason, and the rest of the queue completes', { skip, timeout: 60_000 }, async () => {
  const prefix = uniquePrefix('poison');
  const corpus = await writeCorpus(fictionalArticles(10, 3));
  const db = await freshDatabase(PG!);
  const workers: WorkerProcess[] = [];
  const connection = connect(REDIS!);
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  try {
    // A job whose payload has no text (as a corrupt or foreign producer would add), queued first.
    await queue.add('article', { kind: 'article', id: 'https://news.example.org/poison', version: 'x', source: 'poison.jsonl#1', authors: [] }, {
      jobId: 'poison', attempts: MAX_ATTEMPTS, backoff: { type: 'exponential', delay: 100 }, removeOnFail: false,
    });
    await enqueue([corpus], REDIS!, { prefix, backoffMs: 100 });
    workers.push(await spawnWorker(prefix, db.url));
    const status = await waitForQueue(prefix, (s) => s.completed === 10 && s.failed === 1);
    assert.equal(status.failures.length, 1);
    const [failure] = status.failures;
    assert.equal(failure!.id, 'poison');
    assert.equal(failure!.source, 'poison.jsonl#1');
    assert.equal(failure!.attempts, MAX_ATTEMPTS);
    assert.match(failure!.reason, /text/);
    const cli = spawnSync(process.execPath, [bin, 'status', '--queue', REDIS!, '--prefix', prefix], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /completed 10 .*failed 1/);
    assert.match(cli.stdout, /failed poison \(3 tries\) poison\.jsonl#1: .*text/);
    const store = await openPgStore(db.url);
    assert.equal((await store.stats()).articles, 10);
    await store.close();
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await queue.close();
    connection.disconnect();
    await dropQueue(prefix);
    await db.drop();
  }
});

test('the worker refuses to start without a PostgreSQL DATABASE_URL', { skip: !REDIS && 'TEST_REDIS_URL not set' }, async () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [bin, 'worker', '--queue', REDIS!], { env, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /DATABASE_URL/);
});

test('status counts every done job though finished jobs are trimmed, and shows a rate from the first minute', { skip, timeout: 60_000 }, async () => {
  const prefix = uniquePrefix('status');
  const corpus = await writeCorpus(fictionalArticles(12, 5));
  const db = await freshDatabase(PG!);
  const workers: WorkerProcess[] = [];
  const connection = connect(REDIS!);
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  try {
    await enqueue([corpus], REDIS!, { prefix, keepCompleted: 5 });
    workers.push(await spawnWorker(prefix, db.url));
    const status = await waitForQueue(prefix, (s) => s.completed === 12 && s.waiting === 0 && s.active === 0);
    assert.ok((await queue.getJobCounts('completed')).completed! <= 5, 'finished jobs were trimmed');
    assert.ok(status.ratePerSecond > 0, `rate ${status.ratePerSecond}`);
    const cli = spawnSync(process.execPath, [bin, 'status', '--queue', REDIS!, '--prefix', prefix, '--json'], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal((JSON.parse(cli.stdout) as { completed: number }).completed, 12);
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await queue.close();
    connection.disconnect();
    await dropQueue(prefix);
    await db.drop();
  }
});
