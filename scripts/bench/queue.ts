/**
 * Scale-out throughput: the same queued corpus drained by 1 and then 2 real
 * `onrecord worker` processes into a fresh PostgreSQL database each, reported
 * as articles/s and the 2:1 ratio, with the database size per article (for the
 * 100-million-article estimate in docs/scale-out.md). Needs Redis and
 * PostgreSQL: started with scripts/services.sh when TEST_* are unset.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { enqueue } from '../../src/queue/enqueue.js';
import { connect, QUEUE_NAME } from '../../src/queue/config.js';
import { median, RUNS } from './measure.js';

export const name = 'queue';

const root = new URL('../../', import.meta.url).pathname;
const NAMES = ['Ilse Varnholt', 'Teodor Blaskovic', 'Ada Quill', 'Rune Osterby', 'Mila Harrow'];
const PLACES = ['Dunmere', 'Korvania', 'Lake Tessel', 'Brannock'];

/** A fictional article of about 3 KB (a typical news story), half of its paragraphs quotes. */
function article(i: number): Record<string, unknown> {
  const paras: string[] = [];
  for (let p = 0; p < 12; p++) {
    const who = NAMES[(i + p) % NAMES.length]!;
    const where = PLACES[(i * 3 + p) % PLACES.length]!;
    paras.push(
      p % 2
        ? `"We will keep the ${where} bridge open for everyone, and we will do it this year," ${who} told reporters on Tuesday, as the council met for the ${p + i}th time.`
        : `${who}, who has led the ${where} council since 2019, said the budget for item ${i}-${p} would be published next week after a vote by the full assembly.`,
    );
  }
  return { url: `https://gazette.example/bench/${i}`, title: `Story ${i}`, outlet: 'Dunmere Gazette', published: '2024-05-07', text: paras.join('\n\n') };
}

function services(): { redis: string; pg: string } {
  if (process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL) return { redis: process.env.TEST_REDIS_URL, pg: process.env.TEST_DATABASE_URL };
  const out = execFileSync('bash', [join(root, 'scripts/services.sh'), 'start'], { encoding: 'utf8' });
  const get = (k: string): string => out.match(new RegExp(`${k}=(\\S+)`))![1]!;
  return { redis: get('TEST_REDIS_URL'), pg: get('TEST_DATABASE_URL') };
}

async function admin(url: string, sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

function startWorker(redis: string, prefix: string, db: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'bin/onrecord.js'), 'worker', '--queue', redis, '--prefix', prefix], {
    env: { ...process.env, DATABASE_URL: db },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

let drains = 0;

/** Drains N queued articles with k worker processes; the queue stays paused until all are ready. */
async function drain(k: number, file: string, n: number, svc: { redis: string; pg: string }): Promise<{ perSecond: number; bytesPerArticle: number }> {
  const tag = `${process.pid}_${k}_${drains++}`; // every drain its own queue and database
  const prefix = `onrbench-${tag}`;
  const dbName = `onrecord_bench_${tag}`;
  await admin(svc.pg, `create database ${dbName}`);
  const dbUrl = new URL(svc.pg);
  dbUrl.pathname = '/' + dbName;
  const connection = connect(svc.redis);
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  const workers: ChildProcess[] = [];
  try {
    await queue.pause();
    const summary = await enqueue([file], svc.redis, { prefix });
    if (summary.added !== n) throw new Error(`enqueued ${summary.added} of ${n}`);
    for (let i = 0; i < k; i++) workers.push(await startWorker(svc.redis, prefix, dbUrl.toString()));
    await queue.resume();
    // Steady state only, from 10% to 90% done: worker start-up and the tail do not count.
    const lo = Math.ceil(n * 0.1);
    const hi = Math.floor(n * 0.9);
    let t0 = 0;
    let t1 = 0;
    let d0 = 0;
    let d1 = 0;
    // Light polling on the open connection: the bench must not take CPU from the workers it measures.
    for (;;) {
      const c = await queue.getJobCounts('completed', 'failed');
      const done = (c.completed ?? 0) + (c.failed ?? 0);
      if (!t0 && done >= lo) [t0, d0] = [performance.now(), done];
      if (t0 && !t1 && done >= hi) [t1, d1] = [performance.now(), done];
      if (done >= n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (t1 - t0) / 1000;
    const size = await admin(dbUrl.toString(), 'select pg_database_size(current_database())::bigint as b');
    const empty = await admin(svc.pg, 'select pg_database_size(\'template1\')::bigint as b');
    return { perSecond: (d1 - d0) / seconds, bytesPerArticle: (Number(size.rows[0].b) - Number(empty.rows[0].b)) / n };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode === null ? w.once('exit', r) : r(null)))));
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await admin(svc.pg, `drop database if exists ${dbName} with (force)`);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const n = Number(process.env.BENCH_QUEUE_ARTICLES ?? 400);
  const svc = services();
  const dir = await mkdtemp(join(tmpdir(), 'onrecord-bench-queue-'));
  const file = join(dir, 'corpus.jsonl');
  await writeFile(file, Array.from({ length: n }, (_, i) => JSON.stringify(article(i))).join('\n') + '\n');
  try {
    // Median of RUNS drains per worker count, each into its own fresh database.
    const rates = { 1: [] as number[], 2: [] as number[] };
    let bytesPerArticle = 0;
    for (let r = 0; r < RUNS; r++) {
      for (const k of [1, 2] as const) {
        const d = await drain(k, file, n, svc);
        rates[k].push(d.perSecond);
        bytesPerArticle = d.bytesPerArticle;
      }
    }
    const [one, two] = [median(rates[1]), median(rates[2])];
    return {
      articles: n,
      workers1PerSecond: Number(one.toFixed(1)),
      workers2PerSecond: Number(two.toFixed(1)),
      ratio2to1: Number((two / one).toFixed(2)),
      dbBytesPerArticle: Math.round(bytesPerArticle),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Run alone: node --import tsx scripts/bench/queue.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
