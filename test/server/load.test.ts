import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { burst, paths } from '../../scripts/bench/load.js';
import { loadPostgres, loadSqlite } from '../../scripts/bench/query.js';
import { createApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/types.js';

/**
 * The short version of the load bench (`npm run bench -- load`): a small generated store, a burst of the
 * bench's mixed requests on loopback, both backends. Behaviour only, no timing: every request answered,
 * none failed; and over a small bound the excess is shed with 503 and Retry-After, never left waiting.
 */
const SHAPE = { statements: 1500, perArticle: 23 };
const BURST = 400;

async function ids(store: Store): Promise<{ articles: string[]; utterances: string[] }> {
  const articles = (await store.articles({ limit: 200 })).items.map((a) => a.id);
  const utterances = (await store.statements({ limit: 200 })).items.map((s) => s.utteranceId);
  return { articles, utterances };
}

async function exercise(store: Store): Promise<void> {
  const sample = await ids(store);
  const roomy = await listen(createApp(store, { rateLimit: false, concurrency: { maxWaitMs: 120_000 } }), { port: 0, host: '127.0.0.1' });
  try {
    const fig = await burst(roomy.origin, paths(sample, BURST, 3));
    assert.deepEqual({ ok: fig.ok, errors: fig.errors, timedOut: fig.timedOut, other: fig.otherStatus }, { ok: BURST, errors: 0, timedOut: 0, other: 0 });
  } finally {
    await roomy.close();
  }
  // A bound far below the burst, each request held 20 ms in the store (so they cannot all be done before the
  // last one arrives): the excess gets 503 with Retry-After, and every request gets an answer.
  const held: Store = Object.assign(Object.create(store), {
    statements: async (q: Parameters<Store['statements']>[0]) => (await new Promise((resolve) => setTimeout(resolve, 20)), store.statements(q)),
  });
  const tight = await listen(createApp(held, { rateLimit: false, concurrency: { maxInFlight: 2, maxQueued: 5, maxWaitMs: 120_000 } }), { port: 0, host: '127.0.0.1' });
  try {
    const fig = await burst(tight.origin, paths(sample, BURST, 4));
    assert.equal(Number(fig.ok) + Number(fig.shed503), BURST, 'only 200s and 503s');
    assert.equal(fig.errors, 0);
    assert.equal(fig.timedOut, 0);
    assert.ok(Number(fig.shed503) > 0, 'over the bound, some are shed');
    assert.equal(fig.shedWithRetryAfter, fig.shed503, 'every 503 says when to retry');
    assert.ok(Number(fig.ok) > 0);
  } finally {
    await tight.close();
  }
}

test('sqlite: a burst of mixed pages and API calls on loopback; over the bound the excess is shed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onr-load-'));
  const file = join(dir, 'load.db');
  try {
    await (await openStore({ file, url: '' })).close();
    loadSqlite(file, SHAPE);
    const store = await openStore({ file, url: '' });
    try { await exercise(store); } finally { await store.close(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const url = process.env.TEST_DATABASE_URL;
test('postgres: a burst of mixed pages and API calls on loopback; over the bound the excess is shed', { skip: url ? false : 'TEST_DATABASE_URL not set' }, async () => {
  const admin = async (sqlText: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { await c.query(sqlText); } finally { await c.end(); }
  };
  const name = `onrecord_load_test_${process.pid}`;
  const db = new URL(url!);
  db.pathname = '/' + name;
  await admin(`CREATE DATABASE ${name}`);
  try {
    await (await openStore({ url: db.toString() })).close();
    await loadPostgres(db.toString(), SHAPE);
    const store = await openStore({ url: db.toString() });
    try { await exercise(store); } finally { await store.close(); }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});
