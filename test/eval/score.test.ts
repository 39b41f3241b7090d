import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jaccard, rates, scoreDoc, speakerOk } from '../../src/eval/score.js';
import { extract } from '../../src/extract/pipeline.js';

test('jaccard over offsets', () => {
  assert.equal(jaccard({ start: 0, end: 10 }, { start: 5, end: 15 }), 5 / 15);
});

test('one-to-one matching by overlap whatever the type; optional gold neither miss nor false positive', () => {
  const text = 'x'.repeat(60);
  const gold = [
    { type: 'direct', start: 0, end: 10, speaker: 'Ilse Varnholt', speaker_aliases: ['Varnholt'] },
    { type: 'indirect', start: 20, end: 30, speaker: 'Teodor Blaskovic', speaker_aliases: [] },
    { type: 'direct', start: 40, end: 50, speaker: 'X', speaker_aliases: [], optional: true },
  ];
  const s = scoreDoc(text, gold, [
    { type: 'direct', start: 0, end: 10, speaker: { name: 'Mayor Varnholt' } },
    { type: 'direct', start: 0, end: 9, speaker: null },
    { type: 'direct', start: 20, end: 30, speaker: null },
    { type: 'direct', start: 40, end: 50, speaker: null },
  ]);
  assert.deepEqual(s.all, { tp: 2, fp: 1, fn: 0, tpSpeaker: 1 });
  assert.deepEqual(s.indirect, { tp: 1, fp: 0, fn: 0, tpSpeaker: 0 });
  const r = rates(s.all);
  assert.equal(r.f1, 0.8);
  assert.equal(r.speakerAccuracy, 0.5);
});

test('speakers agree by alias, appositive part, honorific and surname, never by another first name', () => {
  const gold = { speaker: 'Rep. Mila Harrow (D-Dunmere), who chairs the committee', speaker_aliases: [] };
  assert.ok(speakerOk('Mila Harrow', gold));
  assert.ok(speakerOk('Ms. Harrow', gold));
  assert.ok(!speakerOk('Oskar Harrow', gold));
  assert.ok(!speakerOk('', gold));
  assert.ok(speakerOk('he', { speaker: 'he', speaker_aliases: [] }));
});

test('offsets: gold in code points, predictions in UTF-16 indices', () => {
  const text = '\u{1F600} "Ready," Varnholt said.';
  const start = text.indexOf('Ready');
  const gold = [{ type: 'direct', start: start - 1, end: start - 1 + 6, speaker: 'Varnholt', speaker_aliases: [] }];
  const s = scoreDoc(text, gold, [{ type: 'direct', start, end: start + 6, speaker: 'Varnholt' }]);
  assert.deepEqual(s.all, { tp: 1, fp: 0, fn: 0, tpSpeaker: 1 });
  assert.deepEqual(s.exact, { tp: 1, fp: 0, fn: 0 });
});

const shared = resolve(import.meta.dirname, '../../../shared/tools/score.py');
test('agrees with the judges\' score.py on the fictional gold set', { skip: existsSync(shared) ? false : 'no ../shared/tools/score.py beside the repo' }, () => {
  const dir = resolve(import.meta.dirname, '../gold');
  const files = ['court-fraud-trial.json', 'interview-novelist-qa.json', 'mixed-quotes-festival.json', 'uk-doctors-strike.json'];
  const golds = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; text: string; quotes: never[] });
  const preds = golds.map((g) => ({ id: g.id, statements: extract(g.text).statements }));
  const tmp = mkdtempSync(join(tmpdir(), 'onrecord-score-'));
  writeFileSync(join(tmp, 'gold.jsonl'), golds.map((g) => JSON.stringify(g)).join('\n'));
  writeFileSync(join(tmp, 'pred.jsonl'), preds.map((p) => JSON.stringify(p)).join('\n'));
  const python = JSON.parse(execFileSync('python3', [shared, join(tmp, 'gold.jsonl'), join(tmp, 'pred.jsonl')], { encoding: 'utf8' }));
  const docs = golds.map((g, i) => scoreDoc(g.text, g.quotes, preds[i]!.statements));
  for (const k of ['direct', 'indirect', 'all'] as const) {
    const sum = docs.reduce((a, d) => ({ tp: a.tp + d[k].tp, fp: a.fp + d[k].fp, fn: a.fn + d[k].fn, tpSpeaker: a.tpSpeaker + d[k].tpSpeaker }), { tp: 0, fp: 0, fn: 0, tpSpeaker: 0 });
    assert.deepEqual([sum.tp, sum.fp, sum.fn, sum.tpSpeaker], [python[k].tp, python[k].fp, python[k].fn, python[k].tp_sp], k);
  }
});
