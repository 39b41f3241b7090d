import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  for (const [args, field] of [
    [['--from', '2026-13-01'], '--from'], [['--to', '2026-01-01junk'], '--to'], [['--limit', '0'], '--limit'],
    [['--order', 'newest'], '--order'], [['--nope'], 'nope'],
  ] as const) {
    const bad = await cli('statements', '--db', db, ...args);
    assert.equal(bad.code, 2, args.join(' '));
    assert.match(bad.err, new RegExp(`ONR_ERR_OPTION: .*${field}`));
  }
  for (const command of ['speakers', 'entities']) assert.equal((await cli(command, '--db', db, '--limit', '0')).code, 2);
  const missing = await cli('statements', '--db', join(dir, 'no', 'such', 'dir', 'kb.db'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /ONR_ERR_STORE: .*cannot open/);
});

test('statements: order, utterance filter, an empty page says 0-0', async () => {
  const dated = join(dir, 'dated.db');
  const store = await openStore({ file: dated, url: '' });
  for (const [id, published] of [['d1', '2026-02-01'], ['d2', '2026-01-01'], ['d3', undefined]] as const) {
    await store.putArticle(record({ id, ...(published ? { published } : {}), people: [{ name: 'Pia Lindqvist' }], said: [{ speaker: 'Pia Lindqvist', text: `Words of ${id}.` }] }));
  }
  await store.close();
  const order = async (...args: string[]) => JSON.parse((await cli('statements', '--db', dated, '--json', ...args)).out).items.map((s: { articleId: string }) => s.articleId);
  assert.deepEqual(await order(), ['d2', 'd1', 'd3']);
  assert.deepEqual(await order('--order', 'desc'), ['d1', 'd2', 'd3']);
  const asc = JSON.parse((await cli('statements', '--db', db, '--json')).out);
  const u = asc.items[0].utteranceId;
  assert.equal(JSON.parse((await cli('statements', '--db', db, '--utterance', u, '--json')).out).total, 1);
  assert.equal((await cli('statements', '--db', db, '--q', 'zeppelin')).out, '0-0 of 0\n');
  const page = await cli('statements', '--db', db, '--limit', '1', '--offset', '1');
  assert.match(page.out, /^2026-01-10  Pia Lindqvist: the timetable is fine  \[Dunmere Gazette\]\n2-2 of 2\n$/);
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
  assert.ok(csv.startsWith('\uFEFFpublished,date,outlet,title,url,speaker,speakerRole,type,cue,text,'));
  assert.ok(csv.includes('"The ferry, ""as planned"", runs\nin March."'));
  assert.equal(csv.split('\r\n').length, 4);
  // Read back with an RFC 4180 parser: every field comes back exactly as stored.
  const rows = parseCsv(csv.slice(1));
  assert.deepEqual(rows.slice(1).map((r) => r[rows[0]!.indexOf('text')]), jsonl.map((s: { text: string }) => s.text));
  assert.ok(rows.every((r) => r.length === rows[0]!.length));
  assert.ok((await cli('export', '--db', db, '--format', 'csv', '--no-bom')).out.startsWith('published,date,'), '--no-bom leaves the mark out');
  assert.equal((await cli('export', '--db', db, '--format', 'jsonl', '--offset', '1', '--limit', '5')).out.trim().split('\n').length, 1, 'offset and limit still apply');
  const summary = await cli('export', '--db', db, '--format', 'csv', '--out', csvFile, '--json');
  assert.deepEqual(JSON.parse(summary.out), { kind: 'export-summary', format: 'csv', statements: 2, out: csvFile });
  const ld = JSON.parse((await cli('export', '--db', db, '--format', 'jsonld', '--speaker', 'Ilse Varnholt')).out);
  assert.equal(ld['@context'], 'https://schema.org');
  const q = ld['@graph'][0];
  assert.equal(q['@type'], 'Quotation');
  assert.equal(q.spokenByCharacter.name, 'Ilse Varnholt');
  assert.equal(q.creator.name, 'Ilse Varnholt');
  assert.equal(q.datePublished, '2026-01-10');
  assert.equal(q.isBasedOn.identifier, 'https://gazette.example/1');
  assert.equal(q.citation.publisher.name, 'Dunmere Gazette');
  // Only schema.org terms, each on a type that has it: what a JSON-LD consumer would accept.
  const work = ['@id', '@type', 'genre', 'identifier', 'text', 'spokenByCharacter', 'creator', 'dateCreated', 'datePublished', 'audience', 'contributor', 'mentions', 'exampleOfWork', 'isBasedOn', 'citation'];
  const terms: Record<string, string[]> = {
    Quotation: work,
    CreativeWork: work,
    Person: ['@id', '@type', 'name', 'identifier'],
    Place: ['@id', '@type', 'name', 'identifier'],
    NewsArticle: ['@id', '@type', 'identifier', 'url', 'headline', 'publisher', 'datePublished'],
    Organization: ['@id', '@type', 'name', 'identifier'],
    Audience: ['@id', '@type', 'name'],
  };
  const check = (node: Record<string, unknown>) => {
    const allowed = terms[node['@type'] as string];
    assert.ok(allowed, `unknown type ${String(node['@type'])}`);
    assert.match(String(node['@id']), /^urn:onrecord:/, 'every node has an @id');
    for (const [key, value] of Object.entries(node)) {
      assert.ok(allowed.includes(key), `${String(node['@type'])}.${key}`);
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object') check(child as Record<string, unknown>);
    }
  };
  const all = JSON.parse((await cli('export', '--db', db, '--format', 'jsonld')).out);
  assert.deepEqual(Object.keys(all), ['@context', '@graph']);
  assert.equal(all['@graph'].length, 2);
  all['@graph'].forEach(check);
});

/** RFC 4180: quoted fields may hold commas, CR, LF and doubled quotes; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (text[i] === '"') break; else field += text[i];
      }
    } else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

test('first run: --version, help COMMAND, and a read with no store says so without creating one', async () => {
  const version = await cli('--version');
  assert.equal(version.code, 0);
  assert.match(version.out, /^onrecord \d+\.\d+\.\d+\n$/);
  const help = await cli('help', 'speakers');
  assert.match(help.out, /usage: onrecord speakers/);
  const typo = join(dir, 'kb-typo.db');
  for (const command of ['statements', 'speakers', 'entities', 'export']) {
    const r = await cli(command, '--db', typo);
    assert.equal(r.code, 2, command);
    assert.match(r.err, /ONR_ERR_STORE: .*no store there; make one with `onrecord ingest/);
  }
  assert.equal(existsSync(typo), false, 'a read never creates a store');
  const junk = join(dir, 'notes.db');
  writeFileSync(junk, 'these are my notes, not a database\n'.repeat(100));
  assert.match((await cli('statements', '--db', junk)).err, /ONR_ERR_STORE: .*not an onrecord store/);
});

test('a DATABASE_URL that is not postgres:// is an error, not silently ignored', async () => {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = 'mysql://localhost/kb';
  try {
    const r = await cli('statements');
    assert.equal(r.code, 2);
    assert.match(r.err, /ONR_ERR_OPTION: .*DATABASE_URL must be a postgres/);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = saved;
  }
});
