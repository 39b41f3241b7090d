import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/types.js';
import { queueStatus, type QueueStatus } from '../../src/queue/status.js';

export const REDIS = process.env.TEST_REDIS_URL;
export const PG = process.env.TEST_DATABASE_URL;
const root = new URL('../../', import.meta.url).pathname;

/** A fresh PostgreSQL database per test, so stored counts belong to that test alone. */
export async function freshDatabase(admin: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `onrecord_q_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function openPgStore(url: string): Promise<Store> {
  const specifier = '../../src/store/index.js';
  const { openStore } = (await import(specifier)) as { openStore: (o: { url: string }) => Promise<Store> };
  return openStore({ url });
}

/** Deterministic PRNG so a failing run can be repeated. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const PEOPLE = ['Ilse Varnholt', 'Teodor Blaskovic', 'Marta Quellen', 'Oskar Dremmel', 'Livia Santorne', 'Piet Harrowgate'];
const ROLES = ['Mayor', 'Minister', 'Senator', 'Director', 'Councillor', 'Professor'];
const PLACES = ['Dunmere', 'Korvania', 'Esselbrook', 'Valdria', 'Northam Quay'];
const TOPICS = ['the harbour bridge', 'the water tariff', 'the rail strike', 'the school budget', 'the flood barrier'];

/** Fictional news articles with direct and indirect quotes, as JSON Lines records. */
export function fictionalArticles(count: number, seed: number): Array<Record<string, unknown>> {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const paras: string[] = [];
    for (let p = 0; p < 4; p++) {
      const who = pick(PEOPLE);
      const topic = pick(TOPICS);
      paras.push(
        `${pick(ROLES)} ${who} of ${pick(PLACES)} said on Tuesday that ${topic} would be reviewed before winter (${i}-${p}).`,
        `"We will not accept delays on ${topic}," ${who.split(' ')[1]} told reporters in ${pick(PLACES)}. "The council owes residents an answer."`,
      );
    }
    return {
      url: `https://news.example.org/${seed}/story-${i}`,
      title: `Story ${i} about ${pick(TOPICS)}`,
      outlet: 'The Dunmere Courier',
      published: '2026-03-1' + (i % 10),
      text: paras.join('\n\n'),
    };
  });
}

export async function writeCorpus(records: Array<Record<string, unknown>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onrecord-queue-'));
  const file = join(dir, 'corpus.jsonl');
  await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A real `onrecord worker` process, resolved once it says it is ready. */
export async function spawnWorker(prefix: string, databaseUrl: string, extra: string[] = []): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/onrecord.js'), 'worker', '--queue', REDIS!, '--prefix', prefix, '--lock-ms', '2000', '--stalled-ms', '1000', ...extra],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready: ${err}`)), 20_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
  return {
    child,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls the queue until the predicate holds (bounded, so a broken worker fails the test instead of hanging it). */
export async function waitForQueue(prefix: string, done: (s: QueueStatus) => boolean, timeoutMs = 40_000, everyMs = 200): Promise<QueueStatus> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await queueStatus(REDIS!, { prefix });
    if (done(s)) return s;
    if (Date.now() > until) throw new Error(`queue never reached the expected state: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function uniquePrefix(label: string): string {
  return `onrtest-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
