/**
 * Inputs that make naive patterns backtrack or a tokenizer go quadratic. Each must finish (the
 * timeout only guards against a hang; speed is measured by `npm run bench`) with sane output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/pipeline.js';
import { MAX_CUES_PER_SENTENCE } from '../../src/extract/indirect.js';

const GUARD = { timeout: 60_000 };
const run = (text: string) => extract(text, { published: '2025-03-04' });

test('a very long sentence of adverbials after a cue', GUARD, () => {
  const x = run('The council, Varnholt said ' + 'on Monday in Dunmere at the port during the storm '.repeat(400) + 'that');
  assert.equal(x.messages.filter((m) => m.severity === 'fatal').length, 0);
});

test('a 200,000-character run without spaces keeps offsets and finds the statement after it', GUARD, () => {
  const blob = 'x'.repeat(200_000);
  const text = `${blob}\n\n"The quays stay open," said Oskar Pell.`;
  const x = run(text);
  assert.deepEqual(x.statements.map((s) => [s.text, s.speaker?.name]), [['The quays stay open,', 'Oskar Pell']]);
  assert.equal(text.slice(x.statements[0]!.start, x.statements[0]!.end), 'The quays stay open,');
});

test('thousands of attributions, quotes, quote marks and datelines', GUARD, () => {
  assert.equal(run('"a," he said, '.repeat(3000)).statements.length, 3000);
  // A sentence of 2,000 cues is junk: only its first MAX_CUES_PER_SENTENCE cues are read.
  assert.ok(run('Prices rose' + ', officials said'.repeat(2000) + '.').statements.length <= MAX_CUES_PER_SENTENCE);
  assert.deepEqual(run('"'.repeat(20_000)).statements, []);
  assert.deepEqual(run("'a' ".repeat(20_000)).statements, []);
  assert.deepEqual(run('DUNMERE'.repeat(3000) + ' - said.').statements, []);
  // Thirty thousand characters of adverbials are no trailing attribution any more: nothing, quickly.
  assert.deepEqual(run('The port will reopen, officials said' + ' on Monday'.repeat(3000)).statements, []);
});

test('one long sentence of cues, many people named, runs of quote marks', GUARD, () => {
  assert.equal(run('Pell ' + 'said that '.repeat(10_000)).messages.filter((m) => m.severity === 'fatal').length, 0);
  const names = Array.from({ length: 5000 }, (_, i) => `Ilse Varn${i} said the port was open. `).join('');
  assert.equal(run(names).entities.filter((e) => e.type === 'person').length, 5000);
  assert.deepEqual(run('"\''.repeat(20_000) + 'x').statements, []);
});
