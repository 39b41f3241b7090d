import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { record } from './records.js';

const people = [{ name: 'Ilse Varnholt' }];
const sqliteDir = mkdtempSync(join(tmpdir(), 'onr-mig-'));
const pgSchema = `mig_c_${process.pid}_${Date.now().toString(36)}`;
const old = record({ id: 'm1', published: '2026-05-01', people, said: [{ speaker: 'Ilse Varnholt', text: 'The lighthouse reopens in June.' }] });

test('sqlite: a database at the first schema version migrates forward on open and keeps its data', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'onr-mig-')), 'old.db');
  const first = await openStore({ file, url: '', migrateTo: '0001_initial' });
  await first.putArticle(old);
  await first.close();
  const store = await openStore({ file, url: '' });
  try {
    assert.equal((await store.stats()).statements, 1);
    assert.equal((await store.statements({ q: 'lighthouse' })).total, 1, 'statements stored before full text was added are searchable');
    assert.equal((await store.statements({ q: 'harbour' })).total, 0);
  } finally { await store.close(); }
});

test('postgres: a database at the first schema version migrates forward on open', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set' }, async () => {
  const schema = `mig_${process.pid}_${Date.now().toString(36)}`;
  const first = await openStore({ url: process.env.TEST_DATABASE_URL!, schema, migrateTo: '0001_initial' });
  await first.putArticle(old);
  await first.close();
  const store = await openStore({ url: process.env.TEST_DATABASE_URL!, schema });
  try {
    assert.equal((await store.statements({ q: 'lighthouse' })).total, 1);
  } finally { await store.close(); }
});

for (const b of [
  { name: 'sqlite', open: (migrateTo?: string) => openStore({ file: join(sqliteDir, 'before-corrections.db'), url: '', ...(migrateTo ? { migrateTo } : {}) }) },
  { name: 'postgres', open: (migrateTo?: string) => openStore({ url: process.env.TEST_DATABASE_URL!, schema: pgSchema, ...(migrateTo ? { migrateTo } : {}) }), skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set' },
]) {
  test(`${b.name}: a store of the schema before corrections (0005) migrates forward and takes corrections`, { skip: b.skip || false }, async () => {
    const first = await b.open('0005_generation');
    await first.putArticle(old);
    await first.close();
    const store = await b.open();
    try {
      const s = (await store.statements({ q: 'lighthouse' })).items[0]!;
      await store.correct({ kind: 'change-type', statementId: s.id, type: 'indirect' }, { editor: 'ana' });
      assert.equal(await store.putArticle(old), 'unchanged');
      assert.equal((await store.statements({ q: 'lighthouse' })).items[0]!.type, 'indirect');
      assert.equal((await store.corrections({})).total, 1);
    } finally { await store.close(); }
  });
}
