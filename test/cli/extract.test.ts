import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile, truncate, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/onrecord.js', 'extract', ...args], { encoding: 'utf8', timeout: 60_000 });

test('extract goes on past bad files, reports each on stderr and exits 1', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-extract-'));
  try {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'good.txt'), '“We will rebuild the bridge by spring,” Mayor Ilse Varnholt of Dunmere said on Monday.\n');
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'bin.txt'), Buffer.from([0, 1, 2, 3]));
    await writeFile(join(dir, 'bad.txt'), Buffer.from([0x61, 0xc3, 0x28]));
    await writeFile(join(dir, 'huge.txt'), '');
    await truncate(join(dir, 'huge.txt'), 50 * 1024 * 1024);
    await writeFile(join(dir, 'nested.txt'), '“'.repeat(5000) + 'x' + '”'.repeat(5000) + ' "unbalanced ' + '"a '.repeat(3000));
    const r = cli(dir, '--jsonl');
    assert.equal(r.status, 1);
    for (const code of ['ONR_ERR_EMPTY', 'ONR_ERR_BINARY', 'ONR_ERR_TOO_LARGE']) assert.match(r.stderr, new RegExp(code));
    // Not UTF-8 is no longer refused: read as Windows-1252, with a warning.
    assert.match(r.stderr, /bad\.txt: .*read as Windows-1252 \(ONR_ERR_ENCODING\)/);
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(docs.some((d) => d.id.endsWith('bad.txt')));
    const good = docs.find((d) => d.id.endsWith('good.txt'));
    assert.ok(docs.some((d) => d.id.endsWith('nested.txt')));
    assert.equal(good.statements[0].type, 'direct');
    assert.equal(good.statements[0].speaker.name, 'Ilse Varnholt');
    assert.equal(good.statements[0].kind, undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('extract rejects an impossible --published date with exit 2', () => {
  const r = cli('--published', '2026-02-30', 'x.txt');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /published/);
});

test('extract reads an HTML page and JSON Lines as ingest does: article text, not markup, one document per record', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-extract-'));
  try {
    await writeFile(join(dir, 'page.html'), '<!doctype html><html><head><title>Ferry row</title><meta property="article:published_time" content="2026-02-03"></head><body><nav>Home | News</nav><article><h1>Ferry row</h1><p>The ferry will not run this winter, harbour officials said on Monday.</p><p>&ldquo;We have no boat,&rdquo; said Ilse Varnholt, the harbour master.</p></article></body></html>');
    await writeFile(join(dir, 'wire.jsonl'), [
      { id: 'w1', published: '2026-02-01', text: 'Oskar Pell said the tunnel would open in March.' },
      { id: 'w2', published: '2026-02-02', text: '"It is safe," Mila Harrow said.' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = cli(join(dir, 'page.html'), join(dir, 'wire.jsonl'), '--jsonl');
    assert.equal(r.status, 0, r.stderr);
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(docs.length, 3);
    const page = docs[0];
    assert.deepEqual(page.statements.map((s: { text: string }) => s.text), ['The ferry will not run this winter', 'We have no boat,']);
    assert.ok(!JSON.stringify(page).includes('<p>'), 'no markup reaches the extractor');
    assert.equal(page.statements[0].date, '2026-02-02', 'relative dates read against the page\'s own date');
    assert.deepEqual(docs.slice(1).map((d: { statements: { speaker: { name: string } }[] }) => d.statements[0]!.speaker.name), ['Oskar Pell', 'Mila Harrow']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
