import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { MAX_PAGE_SIZE } from '../../src/server/limits.js';
import { openApiPath } from '../../src/server/openapi.js';
import type { KbEntity, Page, Store, StoredArticle, StoredStatement, Utterance } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { ARTICLES, RECORDS, SNOW } from './fixtures.js';

const TOKEN = 'test-token-7c1f';

async function json<T = any>(app: Hono, path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

function assertError(r: { status: number; body: any }, status: number, code: string) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.error.code, code);
  assert.equal(typeof r.body.error.message, 'string');
}

for (const backend of backends()) {
  describe(`HTTP API on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: Hono;
    const faults: unknown[] = [];

    before(async () => {
      store = await backend.open();
      for (const record of RECORDS) await store.putArticle(record);
      app = createApp(store, { ingestToken: TOKEN, rateLimit: false, onError: (e) => faults.push(e) });
    });
    after(async () => {
      await store.close();
    });

    test('the OpenAPI document lists every API route and nothing else', async () => {
      const { status, body } = await json(app, '/openapi.json');
      assert.equal(status, 200);
      assert.equal(body.openapi, '3.1.0');
      const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      const served = [...new Set(app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${openApiPath(r.path)}`))].sort();
      assert.ok(served.length >= 10);
      assert.deepEqual(documented, served);
      const params = body.paths['/api/statements'].get.parameters.map((p: { name: string }) => p.name);
      for (const name of ['speaker', 'entity', 'q', 'from', 'to', 'outlet', 'type', 'limit', 'offset']) assert.ok(params.includes(name), name);
    });

    test('statements: all of them, each with its article and utterance', async () => {
      const { status, body } = await json<Page<StoredStatement>>(app, '/api/statements');
      assert.equal(status, 200);
      assert.equal(body.total, RECORDS.reduce((n, r) => n + r.statements.length, 0));
      assert.equal(body.limit, 20);
      assert.equal(body.offset, 0);
      for (const s of body.items) {
        assert.equal(s.kind, 'stored-statement');
        assert.ok(s.articleId && s.utteranceId && s.id);
      }
    });

    test('statements: filtered by speaker name and by knowledge-base id', async () => {
      const byName = await json<Page<StoredStatement>>(app, '/api/statements?speaker=Ilse%20Varnholt');
      assert.equal(byName.body.total, 3);
      assert.ok(byName.body.items.every((s) => s.speaker?.name === 'Ilse Varnholt'));
      const kbId = byName.body.items[0]!.speaker!.kbId!;
      const byId = await json<Page<StoredStatement>>(app, `/api/statements?speaker=${encodeURIComponent(kbId)}`);
      assert.deepEqual(byId.body.items.map((s) => s.id).sort(), byName.body.items.map((s) => s.id).sort());
    });

    test('statements: filtered by words, type, outlet, dates and mentioned entity', async () => {
      const q = await json<Page<StoredStatement>>(app, '/api/statements?q=snow');
      assert.deepEqual(q.body.items.map((s) => s.text), [SNOW, SNOW]);
      const indirect = await json<Page<StoredStatement>>(app, '/api/statements?type=indirect');
      assert.deepEqual(indirect.body.items.map((s) => s.text), ['the mayor was wrong about the steel']);
      const outlet = await json<Page<StoredStatement>>(app, '/api/statements?outlet=Northern%20Wire');
      assert.deepEqual(outlet.body.items.map((s) => s.outlet), ['Northern Wire']);
      const range = await json<Page<StoredStatement>>(app, '/api/statements?from=2025-03-04&to=2025-04-30');
      assert.equal(range.body.total, 4);
      assert.ok(range.body.items.every((s) => { const d = (s.date ?? s.published)!.slice(0, 10); return d >= '2025-03-04' && d <= '2025-04-30'; }));
      const entity = await json<Page<StoredStatement>>(app, '/api/statements?entity=Ilse%20Varnholt');
      const texts = entity.body.items.map((s) => s.text);
      assert.ok(texts.includes('Ilse Varnholt is dreaming'), texts.join(' | '));
      assert.ok(texts.includes('Ilse Varnholt asked me for a deeper river, and she has it'));
      const both = await json<Page<StoredStatement>>(app, '/api/statements?speaker=Ruben%20Eskildsen&type=direct&q=dreaming');
      assert.deepEqual(both.body.items.map((s) => s.text), ['Ilse Varnholt is dreaming']);
    });

    test('statements: pages are disjoint and cover everything; empty fields are no filter', async () => {
      const all = (await json<Page<StoredStatement>>(app, '/api/statements?limit=100')).body;
      const seen: string[] = [];
      for (let offset = 0; offset < all.total; offset += 3) {
        const page = (await json<Page<StoredStatement>>(app, `/api/statements?limit=3&offset=${offset}`)).body;
        assert.equal(page.limit, 3);
        assert.equal(page.offset, offset);
        assert.equal(page.total, all.total);
        seen.push(...page.items.map((s) => s.id));
      }
      assert.deepEqual([...seen].sort(), all.items.map((s) => s.id).sort());
      assert.equal(new Set(seen).size, seen.length);
      const beyond = (await json<Page<StoredStatement>>(app, `/api/statements?offset=${all.total}`)).body;
      assert.deepEqual(beyond.items, []);
      const blank = (await json<Page<StoredStatement>>(app, '/api/statements?speaker=&q=&type=')).body;
      assert.equal(blank.total, all.total);
    });

    test('statements: newest first unless order=asc; odd search words never fail', async () => {
      const dates = async (query: string) =>
        (await json<Page<StoredStatement>>(app, `/api/statements?limit=100${query}`)).body.items.map((s) => (s.date ?? s.published)!.slice(0, 10));
      const desc = await dates('');
      assert.deepEqual(desc, [...desc].sort().reverse());
      const asc = await dates('&order=asc');
      assert.deepEqual(asc, [...asc].sort());
      for (const q of ['"', '"snow', 'snow AND', 'NOT snow', 'snow*', '*', 'NEAR(a b)', '(', 'text:snow', '-snow', '%', "'", '\\', '%00', 'snow%00', 'Łódź', '日本', '🙂']) {
        const r = await json<Page<StoredStatement>>(app, `/api/statements?q=${encodeURIComponent(q).replace('%2500', '%00')}`);
        assert.equal(r.status, 200, `${q}: ${JSON.stringify(r.body)}`);
      }
      assert.equal((await json<Page<StoredStatement>>(app, '/api/statements?q=snow%00')).body.total, 2);
      for (const path of ['/api/speakers?q=%00', '/api/statements?speaker=%00', '/api/entities/%00', '/api/articles?outlet=%25']) {
        assert.ok([200, 404].includes((await app.request(path)).status), path);
      }
    });

    test('statements: bad parameters are 400 with a code and the field named', async () => {
      for (const [query, field] of [
        ['limit=0', 'query.limit'],
        [`limit=${MAX_PAGE_SIZE + 1}`, 'query.limit'],
        ['limit=ten', 'query.limit'],
        ['offset=-1', 'query.offset'],
        ['from=2025-02-30', 'query.from'],
        ['to=yesterday', 'query.to'],
        ['type=rumour', 'query.type'],
        ['order=newest', 'query.order'],
        [`q=${'x'.repeat(201)}`, 'query.q'],
      ] as const) {
        const r = await json(app, `/api/statements?${query}`);
        assertError(r, 400, 'ONR_ERR_HTTP_BAD_REQUEST');
        assert.ok(r.body.error.issues.some((i: { path: string }) => i.path === field), `${query}: ${JSON.stringify(r.body.error.issues)}`);
      }
    });

    test('speakers and entities', async () => {
      const speakers = (await json<Page<KbEntity>>(app, '/api/speakers')).body;
      assert.deepEqual(speakers.items.map((e) => e.name).sort(), ['Ilse Varnholt', 'Ruben Eskildsen', 'Teodor Blaskovic']);
      const prefix = (await json<Page<KbEntity>>(app, '/api/speakers?q=ilse')).body;
      assert.deepEqual(prefix.items.map((e) => e.name), ['Ilse Varnholt']);
      const places = (await json<Page<KbEntity>>(app, '/api/entities?type=place')).body;
      assert.deepEqual(places.items.map((e) => e.name), ['Dunmere']);
      const varnholt = speakers.items.find((e) => e.name === 'Ilse Varnholt')!;
      const one = await json<KbEntity>(app, `/api/entities/${encodeURIComponent(varnholt.id)}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.name, 'Ilse Varnholt');
      assert.equal(one.body.statementCount, 3);
      assert.equal(one.body.articleCount, 3);
      assertError(await json(app, '/api/entities/no-such-entity'), 404, 'ONR_ERR_HTTP_NOT_FOUND');
      assertError(await json(app, '/api/entities?type=planet'), 400, 'ONR_ERR_HTTP_BAD_REQUEST');
    });

    test('articles: list, outlet filter, one article by its URL id with statement offsets', async () => {
      const list = (await json<Page<{ id: string; outlet?: string }>>(app, '/api/articles')).body;
      assert.equal(list.total, ARTICLES.length);
      const gazette = (await json<Page<{ id: string; outlet?: string }>>(app, '/api/articles?outlet=Dunmere%20Gazette')).body;
      assert.deepEqual(gazette.items.map((a) => a.outlet), ['Dunmere Gazette']);
      const id = gazette.items[0]!.id;
      const one = await json<StoredArticle>(app, `/api/articles/${encodeURIComponent(id)}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.article.id, id);
      for (const s of one.body.statements) assert.equal(one.body.article.text.slice(s.start, s.end), s.text);
      assertError(await json(app, `/api/articles/${encodeURIComponent('https://nowhere.example/x')}`), 404, 'ONR_ERR_HTTP_NOT_FOUND');
    });

    test('utterances: a quote carried by two outlets is one utterance with two reports', async () => {
      const several = (await json<Page<Utterance>>(app, '/api/utterances?minReports=2')).body;
      assert.deepEqual(several.items.map((u) => u.text), [SNOW]);
      const id = several.items[0]!.id;
      const one = (await json<Utterance>(app, `/api/utterances/${encodeURIComponent(id)}`)).body;
      assert.equal(one.speakerName, 'Ilse Varnholt');
      assert.deepEqual(one.reports.map((r) => r.outlet).sort(), ['Dunmere Gazette', 'Northern Wire']);
      assert.equal(one.firstReported?.slice(0, 10), '2025-03-03');
      const bySpeaker = (await json<Page<Utterance>>(app, '/api/utterances?speaker=Teodor%20Blaskovic')).body;
      assert.equal(bySpeaker.total, 1);
      assertError(await json(app, '/api/utterances/nope'), 404, 'ONR_ERR_HTTP_NOT_FOUND');
    });

    test('stats, unknown API paths and methods', async () => {
      const stats = (await json(app, '/api/stats')).body;
      assert.equal(stats.articles, ARTICLES.length);
      assert.equal(stats.statements, 7);
      assertError(await json(app, '/api/nothing-here'), 404, 'ONR_ERR_HTTP_NOT_FOUND');
      const del = await json(app, '/api/statements', { method: 'DELETE' });
      assertError(del, 405, 'ONR_ERR_HTTP_METHOD');
      assert.equal(del.res.headers.get('allow'), 'GET, HEAD, OPTIONS');
      const put = await json(app, '/api/articles', { method: 'PUT' });
      assertError(put, 405, 'ONR_ERR_HTTP_METHOD');
      assert.equal(put.res.headers.get('allow'), 'GET, POST, HEAD, OPTIONS');
      const options = await app.request('/api/statements', { method: 'OPTIONS' });
      assert.equal(options.status, 204);
      assert.equal(options.headers.get('allow'), 'GET, HEAD, OPTIONS');
      const page = await app.request('/speakers', { method: 'POST' });
      assert.equal(page.status, 405);
      assert.match(await page.text(), /ONR_ERR_HTTP_METHOD/);
    });

    test('POST /api/articles needs the bearer token and a valid body', async () => {
      const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
        json(app, '/api/articles', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      const article = {
        text: '"The harbour will stay open," said Oskar Pell, the director of the Dunmere Harbour Authority.',
        url: 'https://gazette.dunmere.example/2025/06/01/harbour-open',
        outlet: 'Dunmere Gazette',
        published: '2025-06-01',
      };
      const anonymous = await post(article, {});
      assertError(anonymous, 401, 'ONR_ERR_HTTP_UNAUTHORIZED');
      assert.match(anonymous.res.headers.get('www-authenticate') ?? '', /^Bearer/);
      assertError(await post(article, { authorization: 'Bearer wrong-token' }), 401, 'ONR_ERR_HTTP_UNAUTHORIZED');
      assertError(await post(article, { authorization: `Basic ${TOKEN}` }), 401, 'ONR_ERR_HTTP_UNAUTHORIZED');
      assertError(await post('{"text": '), 400, 'ONR_ERR_HTTP_BAD_REQUEST');
      const noText = await post({ url: article.url });
      assertError(noText, 400, 'ONR_ERR_HTTP_BAD_REQUEST');
      assert.ok(noText.body.error.issues.some((i: { path: string }) => i.path === 'body.text'));
      assertError(await post({ ...article, url: 'javascript:alert(1)' }), 400, 'ONR_ERR_HTTP_BAD_REQUEST');
      assertError(await post({ ...article, published: 'last week' }), 400, 'ONR_ERR_HTTP_BAD_REQUEST');
      assertError(await post({ ...article, extra: 1 }), 400, 'ONR_ERR_HTTP_BAD_REQUEST');
      for (const bad of [{ text: '  \n ' }, { text: 'Nul\u0000 here.' }, { text: 'Fine.', outlet: 'Gazette\u0000' }, [], null, 'text']) {
        assertError(await post(bad as object), 400, 'ONR_ERR_HTTP_BAD_REQUEST');
      }

      const stored = await post(article);
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
      assert.equal(stored.body.kind, 'ingest-result');
      assert.equal(stored.body.outcome, 'stored');
      const again = await post(article);
      assert.equal(again.status, 200);
      assert.equal(again.body.outcome, 'unchanged');
      const read = await json<StoredArticle>(app, `/api/articles/${encodeURIComponent(stored.body.id)}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.article.text, article.text);
      assert.equal(read.body.article.outlet, 'Dunmere Gazette');
    });

    test('POST /api/articles is off without a token', async () => {
      const closed = createApp(store, { rateLimit: false });
      const r = await json(closed, '/api/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer anything' },
        body: JSON.stringify({ text: 'Some text.' }),
      });
      assertError(r, 403, 'ONR_ERR_HTTP_DISABLED');
    });

    test('no server fault was reported', () => {
      assert.deepEqual(faults, []);
    });
  });
}
