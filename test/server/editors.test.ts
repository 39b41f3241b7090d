import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Editors } from '../../src/server/editors.js';

const A = 'a-token-0123456789abcdef';
const B = 'b-token-0123456789abcdef';

test('editor tokens: each token names its editor; sessions cannot be forged or moved to another editor', () => {
  const editors = Editors.parse(`ana:${A}, ben:${B}`, 'ONRECORD_EDITOR_TOKENS');
  assert.equal(editors.byToken(A), 'ana');
  assert.equal(editors.byToken(B), 'ben');
  assert.equal(editors.byToken(A.slice(0, -1)), undefined);
  assert.equal(editors.byToken(''), undefined);
  const session = editors.session('ana');
  assert.equal(editors.bySession(session), 'ana');
  assert.doesNotMatch(session, new RegExp(A), 'the token is not in the session');
  assert.equal(editors.bySession(session.replace(/^ana/, 'ben')), undefined, 'a session names one editor');
  assert.equal(editors.bySession(session.slice(0, -2) + 'xx'), undefined);
  assert.equal(editors.bySession('%E0%A4%A.x'), undefined, 'a malformed cookie is nobody');
  assert.notEqual(editors.csrf('ana'), editors.csrf('ben'));
});

test('bad editor lists are refused naming where and what', () => {
  assert.throws(() => Editors.parse('ana', 'ONRECORD_EDITOR_TOKENS'), /ONRECORD_EDITOR_TOKENS: expected name:token/);
  assert.throws(() => Editors.parse('ana:short', 'ONRECORD_EDITOR_TOKENS'), /the token of ana is shorter than 16 characters/);
  assert.throws(() => Editors.parse(`ana:${A},ana:${B}`, 'X'), /X entry 2: ana is named twice/);
  assert.throws(() => Editors.parse(' , ', 'X'), /no editor named/);
  const dir = mkdtempSync(join(tmpdir(), 'onr-editors-'));
  const file = join(dir, 'editors');
  writeFileSync(file, `# newsroom editors\nana:${A}\n<b>:${B}\n`);
  assert.throws(() => Editors.fromEnv({ ONRECORD_EDITOR_TOKENS_FILE: file }), new RegExp(`${file} entry 3: expected name:token`));
  writeFileSync(file, `# newsroom editors\nana:${A}\nben:${B}\n`);
  assert.equal(Editors.fromEnv({ ONRECORD_EDITOR_TOKENS_FILE: file })?.byToken(B), 'ben');
  assert.throws(() => Editors.fromEnv({ ONRECORD_EDITOR_TOKENS_FILE: join(dir, 'missing') }), /ONR_ERR_READ|missing/);
  assert.equal(Editors.fromEnv({}), undefined, 'editing is off without either');
});
