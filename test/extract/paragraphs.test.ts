import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/extract/document.js';
import { paragraphs } from '../../src/extract/paragraphs.js';

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
