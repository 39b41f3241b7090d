import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Context } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { RECORDS } from './fixtures.js';

const sqlite = backends().find((b) => b.name === 'sqlite')!;
const TOKEN = 'limits-token';

describe('request limits', { skip: sqlite.skip }, () => {
  let store: Store;
  before(async () => {
    store = await sqlite.open();
    for (const record of RECORDS) await store.putArticle(record);
  });
  after(async () => {
    await store.close();
  });

  test('a body over the limit is refused with 413 before it is read, with or without Content-Length', async () => {
    const app = createApp(store, { ingestToken: TOKEN, rateLimit: false, maxBodyBytes: 1000 });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const big = JSON.stringify({ text: 'Mayor Ilse Varnholt spoke. '.repeat(100) });
    const sized = await app.request('/api/articles', { method: 'POST', headers, body: big });
    assert.equal(sized.status, 413);
    assert.equal(((await sized.json()) as any).error.code, 'ONR_ERR_HTTP_TOO_LARGE');
    const chunks = [big.slice(0, 600), big.slice(600)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = await app.request(
      new Request('http://localhost/api/articles', { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit),
    );
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as any).error.code, 'ONR_ERR_HTTP_TOO_LARGE');
    const small = await app.request('/api/articles', { method: 'POST', headers, body: JSON.stringify({ text: 'Short.' }) });
    assert.notEqual(small.status, 413);
  });

  test('each client gets a token bucket: past the burst, 429 with Retry-After; other clients go on', async () => {
    const app = createApp(store, {
      rateLimit: { capacity: 3, refillPerSecond: 0.01, key: (c: Context) => c.req.header('x-client') ?? 'none' },
    });
    const get = (client: string, path = '/api/stats') => app.request(path, { headers: { 'x-client': client } });
    for (let i = 0; i < 3; i++) assert.equal((await get('a')).status, 200);
    const limited = await get('a', '/');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal(((await limited.json()) as any).error.code, 'ONR_ERR_HTTP_RATE_LIMIT');
    assert.equal((await get('b')).status, 200);
  });

  test('by default the bucket is keyed on the peer address of the connection', async () => {
    const app = createApp(store, { rateLimit: { capacity: 1, refillPerSecond: 0.01 } });
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    assert.equal((await app.request('/api/stats', {}, from('10.0.0.1'))).status, 200);
    assert.equal((await app.request('/api/stats', {}, from('10.0.0.1'))).status, 429);
    assert.equal((await app.request('/api/stats', {}, from('10.0.0.2'))).status, 200);
  });

  test('the default limits let an ordinary burst through', async () => {
    const app = createApp(store);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => app.request('/api/stats')));
    assert.ok(statuses.every((r) => r.status === 200));
  });
});

describe('a failing store', { skip: sqlite.skip }, () => {
  test('answers 500 with a stable code, reports the fault and keeps its detail private', async () => {
    const store = await sqlite.open();
    await store.putArticle(RECORDS[0]!);
    const faults: unknown[] = [];
    const app = createApp(store, { rateLimit: false, onError: (e) => faults.push(e) });
    await store.close();
    const api = await app.request('/api/statements');
    assert.equal(api.status, 500);
    const body = (await api.json()) as any;
    assert.match(body.error.code, /^ONR_ERR_(STORE|INTERNAL)$/);
    assert.doesNotMatch(body.error.message, /SELECT|sqlite|database|\/tmp\//i);
    const html = await app.request('/');
    assert.equal(html.status, 500);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(faults.length, 2);
  });
});
