import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';

/** Runs the CLI in-process and captures what it writes. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array, ...rest: never[]) => (typeof s === 'string' ? ((out += s), true) : o(s, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try { return { code: await main(argv), out, err }; } finally { process.stdout.write = o; process.stderr.write = e; }
}

const dir = mkdtempSync(join(tmpdir(), 'onr-corr-'));
const QUOTE = 'We will open the harbour bridge before the first snow';
const story = (quote = QUOTE, extra = '') =>
  `---\nurl: https://gazette.example/bridge\npublished: 2026-02-03\n---\nBridge date set\n\n"${quote}," Mayor Ilse Varnholt said on Monday at the town hall in Dunmere.\n\nCouncillor Ruben Eskildsen was also at the meeting.\n${extra}`;
const source = join(dir, 'bridge.md');

async function fixSpeaker(db: string): Promise<void> {
  const store = await openStore({ file: db, url: '' });
  try {
    const s = (await store.statements({ q: 'harbour bridge' })).items[0]!;
    assert.equal(s.speaker?.name, 'Ilse Varnholt', 'the extractor credits the mayor');
    await store.correct({ kind: 'reassign', statementId: s.id, speaker: { name: 'Ruben Eskildsen' } }, { editor: 'ana', reason: 'the recording' });
  } finally { await store.close(); }
}

async function speakerIn(db: string): Promise<string | undefined> {
  const store = await openStore({ file: db, url: '' });
  try { return (await store.statements({ q: 'harbour bridge' })).items[0]?.speaker?.name; } finally { await store.close(); }
}

test('corrections export writes gold JSONL and the log; a store rebuilt from the same sources imports the log', async () => {
  writeFileSync(source, story());
  const db = join(dir, 'old.db');
  assert.equal((await cli('ingest', source, '--db', db)).code, 0);
  await fixSpeaker(db);

  const gold = await cli('corrections', 'export', '--db', db);
  assert.equal(gold.code, 0, gold.err);
  const docs = gold.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(docs.length, 1);
  const q = docs[0].quotes.find((x: any) => x.corrected);
  assert.equal(q.speaker, 'Ruben Eskildsen');
  assert.equal(q.type, 'direct');
  assert.equal(docs[0].text.slice(q.start, q.end), q.text, 'offsets point at the words');
  assert.match(q.text, /harbour bridge/);

  const logFile = join(dir, 'log.jsonl');
  assert.equal((await cli('corrections', 'export', '--log', '--out', logFile, '--db', db)).code, 0);
  assert.equal(readFileSync(logFile, 'utf8').trim().split('\n').length, 1);

  const rebuilt = join(dir, 'rebuilt.db');
  assert.equal((await cli('ingest', source, '--db', rebuilt)).code, 0);
  assert.equal(await speakerIn(rebuilt), 'Ilse Varnholt');
  const imported = await cli('corrections', 'import', logFile, '--db', rebuilt, '--json');
  assert.equal(imported.code, 0, imported.err);
  assert.deepEqual(JSON.parse(imported.out), { kind: 'replay-summary', imported: 1, applied: 1, unmatched: 0 });
  assert.equal(await speakerIn(rebuilt), 'Ruben Eskildsen');
  assert.match((await cli('corrections', 'list', '--db', rebuilt)).out, /#1 .* ana reassign https:\/\/gazette\.example\/bridge: the recording/);
});

test('a new version of an article keeps the fix; one without its words is reported by ingest and listed', async () => {
  writeFileSync(source, story());
  const db = join(dir, 'versions.db');
  await cli('ingest', source, '--db', db);
  await fixSpeaker(db);
  writeFileSync(source, story(QUOTE, '\nThis story was updated with the meeting time.\n'));
  const v2 = await cli('ingest', source, '--db', db);
  assert.equal(v2.code, 0);
  assert.doesNotMatch(v2.err, /UNMATCHED/);
  assert.equal(await speakerIn(db), 'Ruben Eskildsen');
  writeFileSync(source, story('We will open the harbour bridge in spring'));
  const v3 = await cli('ingest', source, '--db', db);
  assert.match(v3.err, /ONR_ERR_CORRECTION_UNMATCHED: correction #1 \(reassign by ana\)/);
  assert.match((await cli('corrections', 'list', '--unmatched', '--db', db)).out, /#1 .*reassign.*matches nothing/);
});

test('a file that is not a corrections log is refused with its line', async () => {
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"kind":"correction","id":1}\n');
  const r = await cli('corrections', 'import', bad, '--db', join(dir, 'old.db'));
  assert.equal(r.code, 2);
  assert.match(r.err, /ONR_ERR_RECORD: .*bad\.jsonl line 1 is not a corrections log entry/);
  assert.match((await cli('corrections', 'frobnicate')).err, /ONR_ERR_OPTION: .*unknown action/);
});
