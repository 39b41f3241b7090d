import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';
import { record } from '../store/records.js';

/** Runs the CLI in-process and captures what it writes. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  // The test runner reports to its parent through stdout as binary chunks: let those through.
  process.stdout.write = ((s: string | Uint8Array, ...rest: never[]) => (typeof s === 'string' ? ((out += s), true) : o(s, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try { return { code: await main(argv), out, err }; } finally { process.stdout.write = o; process.stderr.write = e; }
}

const dir = mkdtempSync(join(tmpdir(), 'onr-cli-'));
const db = join(dir, 'kb.db');
{
  const store = await openStore({ file: db, url: '' });
  const people = [{ name: 'Ilse Varnholt', aliases: ['Varnholt'], role: 'mayor', affiliation: 'Dunmere' }, { name: 'Pia Lindqvist' }];
  await store.putArticle(record({ id: 'https://gazette.example/1', outlet: 'Dunmere Gazette', published: '2026-01-10', title: 'Ferry row', people, said: [
    { speaker: 'Ilse Varnholt', text: 'The ferry, "as planned", runs\nin March.' },
    { speaker: 'Pia Lindqvist', text: 'the timetable is fine', type: 'indirect' },
  ] }));
  await store.close();
}

test('statements filters by speaker and prints JSON pages', async () => {
  const r = await cli('statements', '--db', db, '--speaker', 'Varnholt', '--json');
  assert.equal(r.code, 0);
  const page = JSON.parse(r.out);
  assert.equal(page.total, 1);
  assert.equal(page.items[0].speaker.name, 'Ilse Varnholt');
  const t = await cli('statements', '--db', db, '--type', 'indirect');
  assert.match(t.out, /Pia Lindqvist: the timetable is fine/);
  assert.match(t.out, /of 1\n$/);
});

test('bad options are refused with a clear error', async () => {
  const r = await cli('statements', '--db', db, '--type', 'partial');
  assert.equal(r.code, 2);
  assert.match(r.err, /ONR_ERR_OPTION: .*--type/);
  assert.match((await cli('statements', '--db', db, '--limit', 'ten')).err, /--limit: expected a whole number/);
});

test('speakers, entities and article', async () => {
  const s = JSON.parse((await cli('speakers', '--db', db, '--json')).out);
  assert.deepEqual(s.items.map((e: { name: string }) => e.name).sort(), ['Ilse Varnholt', 'Pia Lindqvist']);
  const e = await cli('entities', '--db', db, '--type', 'person');
  assert.match(e.out, /Ilse Varnholt .*roles: mayor, Dunmere/);
  const a = await cli('article', 'https://gazette.example/1', '--db', db);
  assert.match(a.out, /^Ferry row\n/);
  assert.match(a.out, /2 statements/);
  const missing = await cli('article', 'nope', '--db', db);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /ONR_ERR_NOT_FOUND: .*no stored article with id nope/);
});

test('export writes JSON Lines, escaped CSV and schema.org JSON-LD', async () => {
  const jsonl = (await cli('export', '--db', db, '--format', 'jsonl')).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(jsonl.length, 2);
  const csvFile = join(dir, 'out.csv');
  assert.equal((await cli('export', '--db', db, '--format', 'csv', '--out', csvFile)).code, 0);
  const csv = readFileSync(csvFile, 'utf8');
  assert.ok(csv.startsWith('id,type,text,speaker,'));
  assert.ok(csv.includes('"The ferry, ""as planned"", runs\nin March."'));
  assert.equal(csv.split('\r\n').length, 4);
  const ld = JSON.parse((await cli('export', '--db', db, '--format', 'jsonld', '--speaker', 'Ilse Varnholt')).out);
  assert.equal(ld['@context'], 'https://schema.org');
  const q = ld['@graph'][0];
  assert.equal(q['@type'], 'Quotation');
  assert.equal(q.spokenByCharacter.name, 'Ilse Varnholt');
  assert.equal(q.creator.name, 'Ilse Varnholt');
  assert.equal(q.datePublished, '2026-01-10');
  assert.equal(q.isBasedOn.identifier, 'https://gazette.example/1');
  assert.equal(q.citation.publisher.name, 'Dunmere Gazette');
});
