import { test } from 'node:test';
import assert from 'node:assert/strict';
import { score, jaccard } from '../../src/eval/score.js';

test('jaccard over offsets', () => {
  assert.equal(jaccard({ start: 0, end: 10 }, { start: 5, end: 15 }), 5 / 15);
});

test('one-to-one matching by type and overlap; optional gold neither miss nor false positive', () => {
  const gold = [
    { type: 'direct', start: 0, end: 10, speaker_aliases: ['Ilse Varnholt', 'Varnholt'] },
    { type: 'indirect', start: 20, end: 30, speaker_aliases: ['Teodor Blaskovic'] },
    { type: 'direct', start: 40, end: 50, speaker_aliases: ['X'], optional: true },
  ];
  const s = score(gold, [
    { type: 'direct', start: 1, end: 10, speaker: { name: 'VARNHOLT' } },
    { type: 'direct', start: 0, end: 9, speaker: null },
    { type: 'direct', start: 20, end: 30, speaker: null },
    { type: 'direct', start: 40, end: 50, speaker: null },
  ]);
  assert.deepEqual(s, { tp: 1, fp: 2, fn: 1, speakerRight: 1, matched: 2 });
});
