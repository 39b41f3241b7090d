import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, truncate, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText, readTextFile, MAX_TEXT_BYTES } from '../../src/ingest/text.js';

const enc = (s: string) => new TextEncoder().encode(s);
const codeOf = (r: ReturnType<typeof decodeText>) => (r.kind === 'message' ? r.code : 'text');

test('decodes UTF-8 and strips a BOM', () => {
  const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Mayor Ilse Varnholt said “yes”.')]), 'a.txt');
  assert.deepEqual(r, { kind: 'text', text: 'Mayor Ilse Varnholt said “yes”.' });
});

test('refuses empty, whitespace-only, binary, invalid UTF-8 and too large input, naming the source', () => {
  assert.equal(codeOf(decodeText(new Uint8Array(), 'e.txt')), 'ONR_ERR_EMPTY');
  assert.equal(codeOf(decodeText(enc(' \n\t \n'), 'w.txt')), 'ONR_ERR_EMPTY');
  assert.equal(codeOf(decodeText(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0x41]), 'z.txt')), 'ONR_ERR_BINARY');
  assert.equal(codeOf(decodeText(new Uint8Array(100).fill(1), 'c.txt')), 'ONR_ERR_BINARY');
  assert.equal(codeOf(decodeText(new Uint8Array([0x61, 0xc3, 0x28, 0x62]), 'bad.txt')), 'ONR_ERR_ENCODING');
  const big = decodeText(new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x61), 'big.txt');
  assert.equal(codeOf(big), 'ONR_ERR_TOO_LARGE');
  assert.equal(big.kind === 'message' && big.source, 'big.txt');
});

test('readTextFile refuses a missing file and a 50 MB sparse file without reading it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'onr-text-'));
  try {
    assert.equal(codeOf(await readTextFile(join(dir, 'none.txt'))), 'ONR_ERR_NOT_FOUND');
    const huge = join(dir, 'huge.txt');
    await writeFile(huge, '');
    await truncate(huge, 50 * 1024 * 1024);
    assert.equal(codeOf(await readTextFile(huge)), 'ONR_ERR_TOO_LARGE');
    const ok = join(dir, 'ok.txt');
    await writeFile(ok, 'Teodor Blaskovic spoke.');
    assert.deepEqual(await readTextFile(ok), { kind: 'text', text: 'Teodor Blaskovic spoke.' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
