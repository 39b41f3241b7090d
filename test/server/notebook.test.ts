import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { corsOf } from '../../src/cli/serve.js';
import { createApp } from '../../src/server/app.js';
import { publicSource } from '../../src/server/public.js';
import type { Page, Store, StoredArticle, StoredStatement } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { ARTICLES, RECORDS, SNOW, record } from './fixtures.js';

type Paged = Page<StoredStatement> & { next?: string };
const get = async <T = any>(app: Hono, path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  return { res, body: (res.status === 200 || res.status >= 400 ? await res.json() : undefined) as T };
};

for (const backend of backends()) {
  describe(`API for notebooks on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: Hono;
    before(async () => {
      store = await backend.open();
      for (const r of RECORDS) await store.putArticle(r);
      app = createApp(store, { rateLimit: false, corsOrigins: ['https://notebooks.example.org'] });
    });
    after(() => store.close());

    test('unknown query parameters of a shared link are ignored, on the API and the pages', async () => {
      const plain = await get<Paged>(app, '/api/statements?q=bridge');
      const shared = await get<Paged>(app, '/api/statements?q=bridge&utm_source=newsletter&utm_medium=email&fbclid=IwAR0x&gclid=Cj0K&whatever=1');
      assert.equal(shared.res.status, 200);
      assert.deepEqual(shared.body.items.map((s) => s.id), plain.body.items.map((s) => s.id));
      for (const path of ['/?q=bridge&fbclid=x', '/speakers?utm_campaign=y', '/articles?gclid=z', '/utterances?utm_term=w']) {
        assert.equal((await app.request(path)).status, 200, path);
      }
    });

    test('cursor pagination: next links walk every statement once, without the tracking parameters', async () => {
      const seen: string[] = [];
      let path: string | undefined = '/api/statements?limit=2&order=asc&utm_source=x';
      let pages = 0;
      while (path) {
        const { res, body }: { res: Response; body: Paged } = await get<Paged>(app, path);
        assert.equal(res.status, 200, path);
        seen.push(...body.items.map((s) => s.id));
        if (body.next) {
          assert.equal(res.headers.get('link'), `<${body.next}>; rel="next"`);
          assert.ok(!body.next.includes('utm_source'), body.next);
          assert.ok(body.next.includes('order=asc'), body.next);
        }
        path = body.next ? new URL(body.next).pathname + new URL(body.next).search : undefined;
        pages++;
      }
      const all = (await get<Paged>(app, '/api/statements?limit=100&order=asc')).body;
      assert.deepEqual(seen, all.items.map((s) => s.id));
      assert.equal(pages, Math.ceil(all.total / 2));
      assert.equal(all.next, undefined, 'the last page has no next');
      // Offset keeps working and agrees with the cursor.
      const byOffset = (await get<Paged>(app, '/api/statements?limit=2&order=asc&offset=2')).body;
      assert.deepEqual(byOffset.items.map((s) => s.id), seen.slice(2, 4));
      // A cursor is bound to its search and must be ours.
      const first = (await get<Paged>(app, '/api/statements?limit=2&order=asc')).body;
      const cursor = new URL(first.next!).searchParams.get('cursor')!;
      const other = await get(app, `/api/statements?limit=2&order=desc&cursor=${cursor}`);
      assert.equal(other.res.status, 400);
      assert.equal(other.body.error.code, 'ONR_ERR_HTTP_BAD_REQUEST');
      assert.equal((await get(app, '/api/statements?cursor=not-a-cursor')).res.status, 400);
      const speakers = (await get<Paged>(app, '/api/speakers?limit=1')).body;
      assert.ok(speakers.next?.includes('/api/speakers?'), 'every list pages the same way');
    });

    test('ETag and Cache-Control: 304 while the store is unchanged, a new tag after a write', async () => {
      const first = await app.request('/api/statements?q=bridge');
      const tag = first.headers.get('etag')!;
      assert.match(tag, /^W\/".+"$/);
      assert.equal(first.headers.get('cache-control'), 'public, no-cache');
      const again = await app.request('/api/statements?q=bridge', { headers: { 'if-none-match': tag } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.notEqual((await app.request('/api/statements?q=snow')).headers.get('etag'), tag, 'the tag is per URL');
      const page = await app.request('/');
      assert.equal((await app.request('/', { headers: { 'if-none-match': page.headers.get('etag')! } })).status, 304, 'pages too');
      await store.putArticle(record({
        url: 'https://post.example/late', outlet: 'Late Post', published: '2025-06-01', text: 'Late words, said Mira Soll.',
        people: [{ name: 'Mira Soll' }], statements: [{ text: 'Late words', speaker: 'Mira Soll' }],
      }));
      const changed = await app.request('/api/statements?q=bridge', { headers: { 'if-none-match': tag } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), tag);
      assert.equal((await app.request('/api/nothing', { headers: { 'if-none-match': '*' } })).status, 404, 'errors are never 304');
    });

    test('gzip when the client accepts it, identity otherwise', async () => {
      const zipped = await app.request('/api/statements?limit=100', { headers: { 'accept-encoding': 'gzip, deflate' } });
      assert.equal(zipped.headers.get('content-encoding'), 'gzip');
      const body = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8'));
      assert.ok(body.items.some((s: StoredStatement) => s.text === SNOW));
      const plain = await app.request('/api/statements?limit=100');
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.deepEqual(await plain.json(), body);
    });

    test('CORS for the configured origins only; none at all by default', async () => {
      const ok = await app.request('/api/stats', { headers: { origin: 'https://notebooks.example.org' } });
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://notebooks.example.org');
      assert.match(ok.headers.get('access-control-expose-headers') ?? '', /ETag/);
      const preflight = await app.request('/api/statements', { method: 'OPTIONS', headers: { origin: 'https://notebooks.example.org', 'access-control-request-method': 'GET' } });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
      const stranger = await app.request('/api/stats', { headers: { origin: 'https://elsewhere.example' } });
      assert.equal(stranger.headers.get('access-control-allow-origin'), null);
      const closed = createApp(store, { rateLimit: false });
      assert.equal((await closed.request('/api/stats', { headers: { origin: 'https://notebooks.example.org' } })).headers.get('access-control-allow-origin'), null);
    });

    test('no local file path in an article source', async () => {
      const id = ARTICLES[0]!.url!;
      const one = (await get<StoredArticle>(app, `/api/articles/${encodeURIComponent(id)}`)).body;
      assert.equal(one.article.source, 'fixtures.ts');
    });

    test('the search language and relevance sort over HTTP', async () => {
      const phrase = (await get<Paged>(app, '/api/statements?q=%22first%20snow%22')).body;
      assert.deepEqual([...new Set(phrase.items.map((s) => s.text))], [SNOW]);
      const either = (await get<Paged>(app, '/api/statements?q=steel%20OR%20river&limit=100')).body;
      assert.equal(either.total, 2);
      const without = (await get<Paged>(app, '/api/statements?q=bridge%20-snow')).body;
      assert.equal(without.total, 0);
      const ranked = (await get<Paged>(app, '/api/statements?q=varnholt&sort=relevance')).body;
      assert.equal(ranked.total, 2);
      assert.equal((await get(app, '/api/statements?sort=best')).res.status, 400);
      assert.equal((await get<Paged>(app, '/api/statements?via=northern')).body.total, 1);
      assert.equal((await get<Paged>(app, '/api/statements?outlet=dunmere')).body.total, 3);
    });
  });
}

test('publicSource keeps a file name and record, never the folders', () => {
  assert.equal(publicSource('/home/desk/feeds/2026-03/wire.xml#item-4'), 'wire.xml#item-4');
  assert.equal(publicSource('C:\\data\\a.warc.gz#rec-9'), 'a.warc.gz#rec-9');
  assert.equal(publicSource('https://example.org/feed.xml'), 'https://example.org/feed.xml');
  assert.equal(publicSource('stdin'), 'stdin');
});

test('ONRECORD_CORS_ORIGINS: origins, *, or a clear error', () => {
  assert.deepEqual(corsOf(undefined), {});
  assert.deepEqual(corsOf(' '), {});
  assert.deepEqual(corsOf('*'), { corsOrigins: '*' });
  assert.deepEqual(corsOf('https://a.example, http://localhost:8888/'), { corsOrigins: ['https://a.example', 'http://localhost:8888'] });
  assert.throws(() => corsOf('https://a.example/notebooks'), /ONRECORD_CORS_ORIGINS/);
  assert.throws(() => corsOf('a.example'), /ONRECORD_CORS_ORIGINS/);
});
