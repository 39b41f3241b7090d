import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/index.js';
import { record } from './records.js';

const people = [{ name: 'Ilse Varnholt' }];
const QUOTE = 'The lighthouse reopens in June.';
const again = record({ id: 'm2', published: '2026-05-02', people, said: [{ speaker: 'Ilse Varnholt', text: QUOTE }] });

/** One article as a store of the first schema holds it, written as its code wrote rows (no later columns). */
const OLD_ROWS: Array<[string, unknown[]]> = [
  ["insert into articles (id, version, text, authors, published, source, entities, statement_count) values ($1, 'v1', $2, '[]', '2026-05-01', 'm1.txt', '[]', 1)", ['m1', `"${QUOTE}" said Ilse Varnholt.`]],
  ["insert into kb_entities (id, type, name, surname, unnamed, roles) values ('kold', 'person', 'Ilse Varnholt', 'varnholt', 0, '[]')", []],
  ["insert into aliases (norm, entity_id, alias) values ('ilse varnholt', 'kold', 'Ilse Varnholt')", []],
  ["insert into utterances (id, speaker_kb_id, fingerprint, text) values ('uold', 'kold', 'lighthouse reopens in june', $1)", [QUOTE]],
  [`insert into statements (id, article_id, seq, type, text, start_pos, end_pos, speaker_name, speaker_mention, speaker_local, speaker_kb_id, cue, sort_date, utterance_id)
    values ('sold', 'm1', 0, 'direct', $1, 1, 32, 'Ilse Varnholt', 'Ilse Varnholt', 'e1', 'kold', 'said', '2026-05-01', 'uold')`, [QUOTE]],
];

async function checkForward(store: Awaited<ReturnType<typeof openStore>>): Promise<void> {
  assert.equal((await store.stats()).statements, 1);
  assert.equal((await store.statements({ q: 'lighthouse' })).total, 1, 'statements stored before full text was added are searchable');
  assert.equal((await store.statements({ q: 'harbour' })).total, 0);
  // The old statement's speaker key and fingerprint were filled in: a new report of it joins its utterance.
  assert.equal(await store.putArticle(again), 'stored');
  assert.deepEqual((await store.utterances({})).items.map((u) => u.reports.map((r) => r.articleId)), [['m1', 'm2']]);
}

test('sqlite: a database at the first schema version migrates forward on open and keeps its data', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'onr-mig-')), 'old.db');
  await (await openStore({ file, url: '', migrateTo: '0001_initial' })).close();
  const raw = new Database(file);
  for (const [q, args] of OLD_ROWS) raw.prepare(q.replace(/\$\d/g, '?')).run(...args);
  raw.close();
  const store = await openStore({ file, url: '' });
  try { await checkForward(store); } finally { await store.close(); }
});

test('postgres: a database at the first schema version migrates forward on open', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set' }, async () => {
  const schema = `mig_${process.pid}_${Date.now().toString(36)}`;
  await (await openStore({ url: process.env.TEST_DATABASE_URL!, schema, migrateTo: '0001_initial' })).close();
  const raw = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL!, options: `-c search_path=${schema}` });
  await raw.connect();
  try { for (const [q, args] of OLD_ROWS) await raw.query(q, args); } finally { await raw.end(); }
  const store = await openStore({ url: process.env.TEST_DATABASE_URL!, schema });
  try { await checkForward(store); } finally { await store.close(); }
});

const sqliteDir = mkdtempSync(join(tmpdir(), 'onr-mig-'));
const pgSchema = `mig_c_${process.pid}_${Date.now().toString(36)}`;

for (const b of [
  {
    name: 'sqlite',
    open: (migrateTo?: string) => openStore({ file: join(sqliteDir, 'before-corrections.db'), url: '', ...(migrateTo ? { migrateTo } : {}) }),
    rows: async () => {
      const raw = new Database(join(sqliteDir, 'before-corrections.db'));
      for (const [q, args] of OLD_ROWS) raw.prepare(q.replace(/\$\d/g, '?')).run(...args);
      raw.close();
    },
  },
  {
    name: 'postgres',
    open: (migrateTo?: string) => openStore({ url: process.env.TEST_DATABASE_URL!, schema: pgSchema, ...(migrateTo ? { migrateTo } : {}) }),
    rows: async () => {
      const raw = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL!, options: `-c search_path=${pgSchema}` });
      await raw.connect();
      try { for (const [q, args] of OLD_ROWS) await raw.query(q, args); } finally { await raw.end(); }
    },
    skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL not set',
  },
]) {
  test(`${b.name}: a store of the schema before corrections (0005) migrates forward and takes corrections`, { skip: b.skip || false }, async () => {
    await (await b.open('0005_generation')).close();
    await b.rows();
    const store = await b.open();
    try {
      const s = (await store.statements({ q: 'lighthouse' })).items[0]!;
      await store.correct({ kind: 'change-type', statementId: s.id, type: 'indirect' }, { editor: 'ana' });
      assert.equal((await store.statements({ q: 'lighthouse' })).items[0]!.type, 'indirect');
      assert.equal((await store.corrections({})).total, 1);
    } finally { await store.close(); }
  });
}
