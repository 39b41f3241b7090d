import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends.js';
import { record } from './records.js';
import type { Store } from '../../src/types.js';

const VARNHOLT = { name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'mayor' };
const ESKILDSEN = { name: 'Ruben Eskildsen', aliases: ['Eskildsen'], role: 'councillor' };
const BRIDGE = 'The harbour bridge opens before the first snow';
const TAXES = 'Taxes stay where they are this year';

/** The article as the extractor gave it: both quotes credited to Varnholt (the second wrongly). */
const first = (extra = '') => record({
  id: 'https://gazette.example/bridge', published: '2026-03-02', people: [VARNHOLT, ESKILDSEN],
  said: [{ speaker: 'Ilse Varnholt', text: BRIDGE }, { speaker: 'Ilse Varnholt', text: TAXES + extra }],
});

async function speakerOf(store: Store, text: string) {
  const s = (await store.statements({ q: text.split(' ').slice(0, 3).join(' ') })).items.find((x) => x.text === text);
  return s?.speaker?.name;
}

const kbId = async (store: Store, name: string) => (await store.entities({ q: name })).items.find((e) => e.name === name)!.id;

for (const b of backends()) {
  test(`${b.name}: a reassigned speaker is logged, a stale etag is a conflict, and undo puts it back`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(first());
      const taxes = (await store.statements({ q: 'taxes' })).items[0]!;
      const seen = (await store.statement(taxes.id))!;
      const eskildsen = await kbId(store, 'Ruben Eskildsen');
      const fix = await store.correct({ kind: 'reassign', statementId: taxes.id, speaker: { kbId: eskildsen } }, { editor: 'ana', reason: 'he said it', etag: seen.etag });
      assert.equal(fix.action, 'reassign');
      assert.equal(fix.editor, 'ana');
      assert.equal(await speakerOf(store, TAXES), 'Ruben Eskildsen');
      assert.deepEqual((await store.statements({ speaker: eskildsen })).items.map((s) => s.text), [TAXES]);
      // A second editor with the form loaded before the fix: refused, and the first fix stays.
      await assert.rejects(store.correct({ kind: 'change-type', statementId: taxes.id, type: 'indirect' }, { editor: 'ben', etag: seen.etag }), { code: 'ONR_ERR_HTTP_CONFLICT' });
      assert.equal(await speakerOf(store, TAXES), 'Ruben Eskildsen');
      assert.equal((await store.corrections({})).total, 1);
      const undone = await store.undo(fix.id, { editor: 'ben', reason: 'checked the tape' });
      assert.equal(undone.undoOf, fix.id);
      assert.equal(await speakerOf(store, TAXES), 'Ilse Varnholt');
      const log = await store.corrections({ statementId: taxes.id });
      assert.deepEqual(log.items.map((c) => c.action), ['undo', 'reassign']);
      assert.equal(log.items[1]!.undoneBy, undone.id);
      await assert.rejects(store.undo(fix.id, { editor: 'ben' }), /undone already/);
    } finally { await store.close(); }
  });

  test(`${b.name}: fixes survive storing the article again, a new version, and are reported when their words are gone`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(first());
      const taxes = (await store.statements({ q: 'taxes' })).items[0]!;
      const bridge = (await store.statements({ q: 'bridge' })).items[0]!;
      await store.correct({ kind: 'reassign', statementId: taxes.id, speaker: { name: 'Ruben Eskildsen' } }, { editor: 'ana' });
      await store.correct({ kind: 'change-type', statementId: bridge.id, type: 'indirect' }, { editor: 'ana' });
      assert.equal(await store.putArticle(first()), 'unchanged');
      assert.equal(await speakerOf(store, TAXES), 'Ruben Eskildsen');
      // A new version (a correction line appended by the outlet): new statement ids, same words.
      const v2 = first();
      const edited = { ...v2, article: { ...v2.article, text: v2.article.text + 'Correction: an earlier version misspelt a street.\n', version: 'v2' } };
      assert.equal(await store.putArticle(edited), 'new-version');
      assert.equal(await speakerOf(store, TAXES), 'Ruben Eskildsen');
      assert.equal((await store.statements({ q: 'bridge' })).items[0]!.type, 'indirect');
      assert.equal((await store.corrections({ unmatched: true })).total, 0);
      // A version whose taxes quote is reworded: that fix matches nothing and is listed, the other still holds.
      assert.equal(await store.putArticle(first(' or next')), 'new-version');
      const unmatched = await store.corrections({ unmatched: true });
      assert.deepEqual(unmatched.items.map((c) => c.action), ['reassign']);
      assert.ok(unmatched.items[0]!.unmatched?.version);
      assert.equal((await store.statements({ q: 'bridge' })).items[0]!.type, 'indirect');
      // Back to the words it was made for: applied again and no longer reported.
      assert.equal(await store.putArticle(edited), 'new-version');
      assert.equal(await speakerOf(store, TAXES), 'Ruben Eskildsen');
      assert.equal((await store.corrections({ unmatched: true })).total, 0);
    } finally { await store.close(); }
  });

  test(`${b.name}: not a statement, a changed span and a verification; each undone`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(first());
      const taxes = (await store.statements({ q: 'taxes' })).items[0]!;
      const gone = await store.correct({ kind: 'not-a-statement', statementId: taxes.id }, { editor: 'ana' });
      assert.equal((await store.stats()).statements, 1);
      assert.equal(await store.statement(taxes.id), undefined);
      await store.undo(gone.id, { editor: 'ana' });
      assert.equal((await store.stats()).statements, 2);
      assert.equal((await store.statement(taxes.id))?.text, TAXES);
      const span = await store.correct({ kind: 'change-span', statementId: taxes.id, text: 'Taxes stay where they are' }, { editor: 'ana' });
      const cut = (await store.statement(taxes.id))!;
      assert.equal(cut.text, 'Taxes stay where they are');
      assert.equal(cut.end - cut.start, cut.text.length);
      await assert.rejects(store.correct({ kind: 'change-span', statementId: taxes.id, text: 'words nobody wrote' }, { editor: 'ana' }), { code: 'ONR_ERR_CORRECTION' });
      await store.correct({ kind: 'verify', statementId: taxes.id, source: 'recording of the council meeting' }, { editor: 'ana' });
      await assert.rejects(store.undo(span.id, { editor: 'ana' }), /later/);
      const log = await store.corrections({ statementId: taxes.id });
      assert.deepEqual(log.items.map((c) => c.action), ['verify', 'change-span', 'undo', 'not-a-statement']);
      await store.undo(log.items[0]!.id, { editor: 'ana' });
      await store.undo(span.id, { editor: 'ana' });
      assert.equal((await store.statement(taxes.id))?.text, TAXES);
    } finally { await store.close(); }
  });

  test(`${b.name}: rename, roles, merge and split of entities, each undone`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      await store.putArticle(first());
      await store.putArticle(record({ id: 'a2', published: '2026-03-04', people: [{ name: 'I. Varnholt' }], said: [{ speaker: 'I. Varnholt', text: 'We will not wait for spring' }] }));
      const ilse = await kbId(store, 'Ilse Varnholt');
      const initial = await kbId(store, 'I. Varnholt');
      const rn = await store.correct({ kind: 'rename', entityId: ilse, name: 'Ilse M. Varnholt' }, { editor: 'ana' });
      assert.equal((await store.entity(ilse))!.name, 'Ilse M. Varnholt');
      assert.ok((await store.entity(ilse))!.aliases.includes('Ilse Varnholt'));
      await store.undo(rn.id, { editor: 'ana' });
      assert.equal((await store.entity(ilse))!.name, 'Ilse Varnholt');
      await store.correct({ kind: 'add-role', entityId: ilse, role: 'harbour board chair', first: '2026-01-01' }, { editor: 'ana' });
      const end = await store.correct({ kind: 'end-role', entityId: ilse, role: 'mayor', ended: '2026-03-03' }, { editor: 'ana' });
      assert.equal((await store.entity(ilse))!.roles.find((r) => r.role === 'mayor')?.ended, '2026-03-03');
      await store.undo(end.id, { editor: 'ana' });
      assert.equal((await store.entity(ilse))!.roles.find((r) => r.role === 'mayor')?.ended, undefined);
      const etag = await store.entityEtag(initial);
      const merge = await store.correct({ kind: 'merge', entityId: initial, into: ilse }, { editor: 'ana', etag });
      assert.equal(await store.entity(initial), undefined);
      assert.equal((await store.entity(ilse))!.statementCount, 3);
      assert.equal((await store.corrections({ entityId: ilse })).items[0]!.id, merge.id);
      await store.undo(merge.id, { editor: 'ana' });
      assert.equal((await store.entity(initial))!.statementCount, 1);
      assert.equal((await store.entity(ilse))!.statementCount, 2);
      const taxes = (await store.statements({ q: 'taxes' })).items[0]!;
      const split = await store.correct({ kind: 'split', entityId: ilse, name: 'Iris Varnholt', aliases: [], statementIds: [taxes.id] }, { editor: 'ana' });
      const iris = await kbId(store, 'Iris Varnholt');
      assert.equal(await speakerOf(store, TAXES), 'Iris Varnholt');
      assert.equal((await store.entity(iris))!.statementCount, 1);
      await store.undo(split.id, { editor: 'ana' });
      assert.equal(await store.entity(iris), undefined);
      assert.equal(await speakerOf(store, TAXES), 'Ilse Varnholt');
    } finally { await store.close(); }
  });

  test(`${b.name}: a store rebuilt from the same sources takes the exported log, before or after the articles`, { skip: b.skip ?? false }, async () => {
    const old = await b.open();
    let log;
    try {
      await old.putArticle(first());
      const taxes = (await old.statements({ q: 'taxes' })).items[0]!;
      const bridge = (await old.statements({ q: 'bridge' })).items[0]!;
      await old.correct({ kind: 'reassign', statementId: taxes.id, speaker: { kbId: await kbId(old, 'Ruben Eskildsen') } }, { editor: 'ana' });
      const wrong = await old.correct({ kind: 'not-a-statement', statementId: bridge.id }, { editor: 'ana' });
      await old.undo(wrong.id, { editor: 'ben' });
      await old.correct({ kind: 'add-role', entityId: await kbId(old, 'Ruben Eskildsen'), role: 'deputy mayor' }, { editor: 'ana' });
      log = (await old.corrections({ limit: 1000 })).items;
    } finally { await old.close(); }
    const after = await b.open();
    try {
      await after.putArticle(first());
      const summary = await after.importCorrections(log);
      assert.deepEqual(summary, { kind: 'replay-summary', imported: 4, applied: 2, unmatched: 0 });
      assert.equal(await speakerOf(after, TAXES), 'Ruben Eskildsen');
      assert.equal((await after.stats()).statements, 2, 'the undone removal stays undone');
      assert.ok((await after.entity(await kbId(after, 'Ruben Eskildsen')))!.roles.some((r) => r.role === 'deputy mayor'));
    } finally { await after.close(); }
    const before = await b.open();
    try {
      await before.importCorrections(log);
      await before.putArticle(first());
      assert.equal(await speakerOf(before, TAXES), 'Ruben Eskildsen');
    } finally { await before.close(); }
  });
}
