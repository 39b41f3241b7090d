import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/extract/document.js';
import { paragraphs } from '../../src/extract/paragraphs.js';
import { extract } from '../../src/extract/pipeline.js';

test('paragraphs are trimmed lines; blank lines are skipped', () => {
  const doc = createDoc('  First line. \n\n\r\nSecond\tline.\r\nThird');
  paragraphs(doc);
  const texts = doc.layers.paragraphs!.map((p) => doc.text.slice(p.start, p.end));
  assert.deepEqual(texts, ['First line.', 'Second\tline.', 'Third']);
});

test('an empty text has no paragraphs', () => {
  const doc = createDoc(' \n \n');
  paragraphs(doc);
  assert.deepEqual(doc.layers.paragraphs, []);
});

const WRAPPED = 'The mayor of Dunmere, Ilse Varnholt, said on Monday that the\nferry would run again in May. "We have waited long enough," she\nsaid. Oskar Pell, a harbour pilot, told reporters that the wall\nwas still unsafe.\n\nThe council will vote on the ferry budget next week.\n';

test('hard-wrapped text: paragraphs lie between blank lines, so no sentence is cut at a wrap', () => {
  const doc = createDoc(WRAPPED);
  paragraphs(doc);
  assert.equal(doc.layers.paragraphs!.length, 2);
  const out = extract(WRAPPED).statements.map((s) => [s.type, s.speaker?.name, s.text.replace(/\s+/g, ' ')]);
  assert.deepEqual(out, [
    ['indirect', 'Ilse Varnholt', 'the ferry would run again in May'],
    ['direct', 'Ilse Varnholt', 'We have waited long enough,'],
    ['indirect', 'Oskar Pell', 'the wall was still unsafe'],
  ]);
});

test('one paragraph a line stays so, and so do short lines of a list', () => {
  for (const text of ['Ferry row deepens.\n\nThe mayor said the ferry would run.\nPell disagreed.\n', 'Pledged: 781\nSuperdelegates: 121\nUncommitted: 40\n\nThe count goes on.']) {
    const doc = createDoc(text);
    paragraphs(doc);
    assert.equal(doc.layers.paragraphs!.length, text.split('\n').filter((l) => l.trim()).length, text);
  }
});
