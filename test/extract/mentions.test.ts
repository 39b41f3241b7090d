import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/extract/document.js';
import { paragraphs } from '../../src/extract/paragraphs.js';
import { sentences } from '../../src/extract/sentences.js';
import { mentions } from '../../src/extract/mentions.js';
import type { Mention, QuoteSpan } from '../../src/types.js';

function find(text: string, quotes: QuoteSpan[] = []): Mention[] {
  const doc = createDoc(text);
  paragraphs(doc);
  sentences(doc);
  doc.layers.quotes = quotes;
  mentions(doc);
  for (const m of doc.layers.mentions!) assert.equal(text.slice(m.start, m.end), m.text);
  return [...doc.layers.mentions!];
}

const pick = (ms: Mention[], text: string) => ms.find((m) => m.text === text);

test('role words before a name become the role, the nationality the affiliation', () => {
  const ms = find('Korvanian President Teodor Blaskovic met Deputy Mayor Rosalind Achterberg and Russian leader Vladimir Putin.');
  assert.deepEqual(
    ms.filter((m) => m.type === 'person').map((m) => [m.text, m.form, m.role, m.affiliation]),
    [
      ['Teodor Blaskovic', 'name', 'Korvanian President', 'Korvania'],
      ['Rosalind Achterberg', 'name', 'Deputy Mayor', undefined],
      ['Vladimir Putin', 'name', 'Russian leader', 'Russia'],
    ],
  );
});

test('nationality adjectives give the country; abbreviated titles count as roles', () => {
  const ms = find('German Chancellor Olaf Brandauer spoke to Sen. Mary Kline, Foreign Minister Ilse Varnholt and U.S. Secretary of State Jorin Malbeck.');
  assert.deepEqual([pick(ms, 'Jorin Malbeck')?.role, pick(ms, 'Jorin Malbeck')?.affiliation], ['U.S. Secretary of State', 'U.S.']);
  assert.equal(pick(ms, 'Olaf Brandauer')?.affiliation, 'Germany');
  assert.equal(pick(ms, 'Mary Kline')?.role, 'Sen.');
  assert.equal(pick(ms, 'Ilse Varnholt')?.role, 'Foreign Minister');
});

test('surnames, courtesy titles and particle names', () => {
  const ms = find('Mayor Ilse Varnholt spoke. Varnholt left, and Mr. Dekker stayed with Ursula von der Brack and Bashar al-Qadiri.');
  assert.equal(pick(ms, 'Varnholt')?.form, 'surname');
  assert.equal(pick(ms, 'Varnholt')?.type, 'person');
  assert.equal(pick(ms, 'Dekker')?.form, 'surname');
  assert.equal(pick(ms, 'Dekker')?.role, undefined);
  assert.ok(pick(ms, 'Ursula von der Brack'));
  assert.ok(pick(ms, 'Bashar al-Qadiri'));
});

test('sentence-initial words, weekdays and lone adjectives are not names', () => {
  const ms = find('Addressing the crowd on Monday, Russian troops moved. The council met in Dunmere.');
  const texts = ms.map((m) => m.text);
  assert.ok(!texts.includes('Addressing'));
  assert.ok(!texts.includes('Monday'));
  assert.ok(!texts.includes('Russian'));
  assert.ok(!ms.some((m) => m.form === 'name' && m.text.startsWith('The ')));
});

test('an institution named by a common noun can speak: "the ministry", "the central bank"', () => {
  const ms = find('The ministry said the port would close. Prices rose, the central bank said. The news spread.');
  assert.deepEqual(ms.filter((m) => m.type === 'organization').map((m) => [m.text, m.form]),
    [['The ministry', 'description'], ['the central bank', 'description']]);
});

test('possessive descriptions of unnamed people keep role and affiliation, with no place mention inside', () => {
  const ms = find("Korvania's trade minister said the talks failed.");
  assert.equal(ms.length, 1);
  assert.deepEqual([ms[0]!.text, ms[0]!.type, ms[0]!.form, ms[0]!.role, ms[0]!.affiliation], [
    "Korvania's trade minister", 'person', 'description', 'trade minister', 'Korvania',
  ]);
});

test('titles, descriptions and groups', () => {
  const ms = find('The president left. A spokesperson for the Dunmere Health Ministry said officials and police agreed with a senior official.');
  assert.deepEqual([pick(ms, 'The president')?.form, pick(ms, 'The president')?.role], ['title', 'president']);
  const spokesperson = pick(ms, 'A spokesperson for the Dunmere Health Ministry');
  assert.equal(spokesperson?.form, 'description');
  assert.equal(spokesperson?.affiliation, 'Dunmere Health Ministry');
  assert.equal(pick(ms, 'officials')?.form, 'description');
  assert.equal(pick(ms, 'police')?.type, 'organization');
  assert.equal(pick(ms, 'a senior official')?.role, 'senior official');
});

test('organisations and places', () => {
  const ms = find('NATO and the Associated Press met in Paris, said Reuters and the Health Ministry.');
  assert.equal(pick(ms, 'NATO')?.type, 'organization');
  assert.equal(pick(ms, 'Associated Press')?.type, 'organization');
  assert.equal(pick(ms, 'Paris')?.type, 'place');
  assert.equal(pick(ms, 'Reuters')?.type, 'organization');
  assert.equal(pick(ms, 'Health Ministry')?.type, 'organization');
});

test('pronouns outside quotes are mentions; pronouns and descriptions inside quotes are not', () => {
  const text = 'She said "he and an official will go" and they left.';
  const open = text.indexOf('"') + 1;
  const ms = find(text, [{ start: open, end: text.indexOf('"', open), mark: 'double', depth: 0 }]);
  assert.deepEqual(ms.map((m) => [m.text, m.form]), [['She', 'pronoun'], ['they', 'pronoun']]);
});

test('unknown nationality adjectives are not names; a lone unknown name after "in" is a place', () => {
  const ms = find('Estravian ships sailed to the harbour in Velkmoor on time.');
  assert.ok(!pick(ms, 'Estravian'));
  assert.equal(pick(ms, 'Velkmoor')?.type, 'place');
});

test('an organisation before lower-case role words is the affiliation; a possessive inside an organisation name stays in it', () => {
  const ms = find('Harrowfield manager Declan Morrow spoke. The Landlords\u2019 Association of Vessland disagreed.');
  assert.deepEqual(ms.map((m) => [m.text, m.type, m.role, m.affiliation]), [
    ['Declan Morrow', 'person', 'Harrowfield manager', 'Harrowfield'],
    ['Landlords\u2019 Association of Vessland', 'organization', undefined, undefined],
  ]);
});
