import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { Editors } from '../../src/server/editors.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { RECORDS } from './fixtures.js';

const ANA = 'ana-token-0123456789abcdef';
const BEN = 'ben-token-fedcba9876543210';
const editors = Editors.parse(`ana:${ANA},ben:${BEN}`, 'test');
const ORIGIN = 'http://localhost';
const DREAMING = 'Ilse Varnholt is dreaming';

const bearer = (token: string, body: unknown): RequestInit =>
  ({ method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const form = (fields: Record<string, string>, cookie?: string, origin = ORIGIN): RequestInit =>
  ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(fields).toString() });

for (const backend of backends()) {
  describe(`correcting the record over HTTP on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: Hono;
    let readOnly: Hono;
    let statementId: string;
    let varnholt: string;
    let eskildsen: string;

    before(async () => {
      store = await backend.open();
      for (const record of RECORDS) await store.putArticle(record);
      app = createApp(store, { editors, rateLimit: false });
      readOnly = createApp(store, { rateLimit: false });
      statementId = (await store.statements({ q: 'dreaming' })).items[0]!.id;
      const people = (await store.entities({ speakersOnly: true })).items;
      varnholt = people.find((e) => e.name === 'Ilse Varnholt')!.id;
      eskildsen = people.find((e) => e.name === 'Ruben Eskildsen')!.id;
    });
    after(async () => { await store.close(); });

    const speaker = async () => (await (await app.request(`/api/statements/${statementId}`)).json()).speaker?.name;

    test('editing is off without editor tokens: no form, and posts are refused', async () => {
      const page = await (await readOnly.request(`/statements/${statementId}`)).text();
      assert.match(page, new RegExp(DREAMING));
      assert.doesNotMatch(page, /action="\/corrections"|sign-in/);
      const api = await readOnly.request('/api/corrections', bearer(ANA, { kind: 'not-a-statement', statementId }));
      assert.equal(api.status, 403);
      assert.equal((await api.json()).error.code, 'ONR_ERR_HTTP_DISABLED');
      assert.equal((await readOnly.request('/corrections', form({ kind: 'not-a-statement', statementId }))).status, 403);
      assert.equal((await readOnly.request('/sign-in')).status, 403);
    });

    test('reads stay open; writes need an editor token', async () => {
      const page = await (await app.request(`/statements/${statementId}`)).text();
      assert.match(page, /Sign in as an editor/);
      assert.doesNotMatch(page, /action="\/corrections"/);
      for (const init of [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, bearer('not-a-token-at-all-000', { kind: 'not-a-statement', statementId })]) {
        const r = await app.request('/api/corrections', init);
        assert.equal(r.status, 401);
        assert.equal((await r.json()).error.code, 'ONR_ERR_HTTP_UNAUTHORIZED');
      }
      assert.equal((await app.request('/corrections', form({ kind: 'not-a-statement', statementId }))).status, 401);
      assert.equal((await store.corrections({})).total, 0);
      assert.equal(await speaker(), 'Ruben Eskildsen');
    });

    test('the API corrects with a bearer token and If-Match; a stale etag is 409 and nothing is lost', async () => {
      const got = await app.request(`/api/statements/${statementId}`);
      const etag = got.headers.get('etag')!;
      assert.equal((await got.json()).etag, etag);
      const bad = await app.request('/api/corrections', bearer(ANA, { kind: 'reassign', statementId, speaker: {} }));
      assert.equal(bad.status, 400);
      const r = await app.request('/api/corrections', { ...bearer(ANA, { kind: 'reassign', statementId, speaker: { kbId: varnholt }, reason: 'wrong speaker' }), headers: { authorization: `Bearer ${ANA}`, 'content-type': 'application/json', 'if-match': etag } });
      assert.equal(r.status, 201, await r.clone().text());
      const fix = await r.json();
      assert.equal(fix.editor, 'ana');
      assert.equal(await speaker(), 'Ilse Varnholt');
      const stale = await app.request('/api/corrections', bearer(BEN, { kind: 'change-type', statementId, type: 'indirect', etag }));
      assert.equal(stale.status, 409);
      assert.equal((await stale.json()).error.code, 'ONR_ERR_HTTP_CONFLICT');
      const log = await (await app.request(`/api/corrections?statement=${encodeURIComponent(statementId)}`)).json();
      assert.deepEqual(log.items.map((c: any) => [c.action, c.editor]), [['reassign', 'ana']]);
      const undo = await app.request(`/api/corrections/${fix.id}/undo`, bearer(ANA, { reason: 'my mistake' }));
      assert.equal(undo.status, 201);
      assert.equal(await speaker(), 'Ruben Eskildsen');
      assert.equal((await app.request(`/api/corrections/${fix.id}/undo`, bearer(ANA, {}))).status, 409);
    });

    test('two editors send the same version at once: one change is made, the other gets 409', async () => {
      const { etag } = (await store.statement(statementId))!;
      const results = await Promise.all([
        app.request('/api/corrections', bearer(ANA, { kind: 'reassign', statementId, speaker: { kbId: varnholt }, etag })),
        app.request('/api/corrections', bearer(BEN, { kind: 'change-type', statementId, type: 'indirect', etag })),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
      const won = await results.find((r) => r.status === 201)!.json();
      const log = await store.corrections({ statementId });
      assert.equal(log.items[0]!.id, won.id, 'the change made is the newest entry');
      assert.equal(log.items.filter((c) => c.undoneBy === undefined && c.action !== 'undo').length, 1);
      await store.undo(won.id, { editor: 'test' });
    });

    test('a browser signs in with a cookie; forms need the CSRF token and the same origin', async () => {
      const wrong = await app.request('/sign-in', form({ token: 'nope-nope-nope-nope', next: '/' }));
      assert.equal(wrong.status, 401);
      const signed = await app.request('/sign-in', form({ token: BEN, next: `/statements/${statementId}` }));
      assert.equal(signed.status, 303);
      assert.equal(signed.headers.get('location'), `/statements/${statementId}`);
      const setCookie = signed.headers.get('set-cookie')!;
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Strict/i);
      assert.doesNotMatch(setCookie, new RegExp(BEN), 'the token itself is not in the cookie');
      const cookie = setCookie.split(';')[0]!;
      const page = await (await app.request(`/statements/${statementId}`, { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      const etag = /name="etag" value="([^"]+)"/.exec(page)![1]!.replace(/&quot;/g, '"');
      const fields = { kind: 'reassign', statementId, speakerId: varnholt, etag, reason: 'heard the tape' };
      const noCsrf = await app.request('/corrections', form(fields, cookie));
      assert.equal(noCsrf.status, 403);
      assert.match(await noCsrf.text(), /ONR_ERR_HTTP_CSRF/);
      assert.equal((await app.request('/corrections', form({ ...fields, csrf }, cookie, 'https://elsewhere.example'))).status, 403);
      const done = await app.request('/corrections', form({ ...fields, csrf }, cookie));
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), `/statements/${statementId}`);
      assert.equal(await speaker(), 'Ilse Varnholt');
      // The same form again (its etag is stale now): a conflict page, nothing changed.
      const again = await app.request('/corrections', form({ ...fields, speakerId: eskildsen, csrf }, cookie));
      assert.equal(again.status, 409);
      assert.match(await again.text(), /Reload it/);
      assert.equal(await speaker(), 'Ilse Varnholt');
      const speakerPage = await (await app.request(`/speakers/${varnholt}`, { headers: { cookie } })).text();
      assert.match(speakerPage, new RegExp(DREAMING));
      assert.match(speakerPage, /name="kind" value="rename"/);
    });

    test('/changes lists the log with undo buttons, and its Atom feed has every entry', async () => {
      const cookie = (await app.request('/sign-in', form({ token: ANA, next: '/changes' }))).headers.get('set-cookie')!.split(';')[0]!;
      const page = await (await app.request('/changes', { headers: { cookie } })).text();
      assert.match(page, /speaker Ruben Eskildsen → Ilse Varnholt/);
      assert.match(page, /because: heard the tape/);
      const undo = /action="\/corrections\/(\d+)\/undo"/.exec(page)!;
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      const feed = await app.request('/changes.atom');
      assert.match(feed.headers.get('content-type')!, /atom\+xml/);
      const xml = await feed.text();
      assert.equal((xml.match(/<entry>/g) ?? []).length, (await store.corrections({})).total);
      assert.match(xml, /<author><name>ben<\/name><\/author>/);
      assert.equal((await app.request(`/corrections/${undo[1]}/undo`, form({}, cookie))).status, 403, 'no CSRF token');
      const undone = await app.request(`/corrections/${undo[1]}/undo`, form({ csrf }, cookie));
      assert.equal(undone.status, 303);
      assert.equal(await speaker(), 'Ruben Eskildsen');
      assert.doesNotMatch((await (await app.request('/changes')).text()), /action="\/corrections\/\d+\/undo"/, 'no undo button for a reader');
    });

    test('the speaker page splits an entity by form: the chosen aliases and statements move to a new one', async () => {
      const cookie = (await app.request('/sign-in', form({ token: ANA, next: '/' }))).headers.get('set-cookie')!.split(';')[0]!;
      const page = await (await app.request(`/speakers/${varnholt}`, { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      const ids = [...page.matchAll(/name="statementIds" value="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(ids.length >= 3, 'her statements are offered');
      const body = new URLSearchParams({ kind: 'split', entityId: varnholt, name: 'Ilse Varnholt Jr', csrf });
      body.append('statementIds', ids[0]!);
      body.append('statementIds', ids[1]!);
      const r = await app.request('/corrections', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie }, body: body.toString() });
      assert.equal(r.status, 303, await r.clone().text());
      const junior = (await store.entities({ q: 'Ilse Varnholt Jr' })).items[0]!;
      assert.equal(junior.statementCount, 2);
      const [split] = (await store.corrections({ entityId: varnholt })).items;
      assert.equal(split!.action, 'split');
      assert.equal((await app.request(`/api/corrections/${split!.id}/undo`, bearer(ANA, {}))).status, 201);
      assert.equal((await store.entity(junior.id)), undefined);
      assert.equal((await store.entity(varnholt))!.statementCount, ids.length);
    });

    test('a re-ingested article keeps the fix', async () => {
      await app.request('/api/corrections', bearer(ANA, { kind: 'reassign', statementId, speaker: { name: 'Ottilie Brandvold' } }));
      const record = RECORDS.find((r) => r.statements.some((s) => s.text === DREAMING))!;
      const v2 = { ...record, article: { ...record.article, version: 'second', text: record.article.text + '\nUpdated with a photo caption.' } };
      assert.equal(await store.putArticle(v2), 'new-version');
      const now = (await store.statements({ q: 'dreaming' })).items[0]!;
      assert.notEqual(now.id, statementId, 'a new version has new statement ids');
      assert.equal(now.speaker?.name, 'Ottilie Brandvold');
      const page = await (await app.request(`/statements/${now.id}`)).text();
      assert.match(page, /speaker Ruben Eskildsen → Ottilie Brandvold/, 'its change log follows it');
    });
  });
}
