import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDoc } from '../../src/extract/document.js';
import { paragraphs } from '../../src/extract/paragraphs.js';
import { sentences } from '../../src/extract/sentences.js';

function split(text: string) {
  const doc = createDoc(text);
  paragraphs(doc);
  sentences(doc);
  return doc;
}

test('token offsets are exact, with curly quotes, dashes, non-ASCII and abbreviations', () => {
  const doc = split('Deputy Mayor Rosalind Achterberg said on Feb. 26 that U.S. crews\u2014\u201cnot\u201d  yet\u2026 Zoë Ørsted can\u2019t. \u00a0Done.');
  const tokens = doc.layers.tokens!;
  for (const t of tokens) assert.equal(doc.text.slice(t.start, t.end), t.value);
  const values = tokens.map((t) => t.value);
  assert.ok(values.includes('Feb.'));
  assert.ok(values.includes('U.S.'));
  assert.ok(values.includes('Zoë'));
  assert.equal(tokens.find((t) => t.value === 'said')!.pos, 'VERB');
  assert.equal(tokens.find((t) => t.value === 'Rosalind')!.normal, 'rosalind');
});

test('sentences never cross paragraphs and index their tokens', () => {
  const doc = split('Mayor Ilse Varnholt spoke on Feb. 26 in Dunmere. She left early\nThe council met. It voted.');
  const sents = doc.layers.sentences!;
  const texts = sents.map((s) => doc.text.slice(s.start, s.end));
  assert.deepEqual(texts, ['Mayor Ilse Varnholt spoke on Feb. 26 in Dunmere.', 'She left early', 'The council met.', 'It voted.']);
  assert.deepEqual(sents.map((s) => s.paragraph), [0, 0, 1, 1]);
  const tokens = doc.layers.tokens!;
  for (const s of sents) {
    assert.equal(tokens[s.firstToken]!.start, s.start);
    assert.equal(tokens[s.lastToken]!.end, s.end);
  }
});

test('the seed article keeps every token offset exact', () => {
  const text = readFileSync(new URL('../../samples/seed-paris-troops.txt', import.meta.url), 'utf8');
  const doc = split(text);
  for (const t of doc.layers.tokens!) assert.equal(text.slice(t.start, t.end), t.value);
  assert.ok(doc.layers.sentences!.length >= 15);
  assert.equal(new Set(doc.layers.sentences!.map((s) => s.paragraph)).size, doc.layers.paragraphs!.length);
});
