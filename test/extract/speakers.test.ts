import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/extract/document.js';
import { extract, run, stages } from '../../src/extract/pipeline.js';
import { speakers } from '../../src/extract/speakers.js';
import { FEATURES, candidates, context, target } from '../../src/extract/model/speaker-features.js';
import { SPEAKER_WEIGHTS } from '../../src/extract/model/speaker-weights.js';

const TEXT = 'Ilse Varnholt, the harbour master, walked the quay on Monday. "Teodor Blaskovic promised us a new wall," she said.\n\n"We are still waiting," she said.';
const before = () => run(createDoc(TEXT), stages.slice(0, stages.indexOf(speakers)));

test('the learned weights cover every feature of the ranker', () => {
  assert.deepEqual(Object.keys(SPEAKER_WEIGHTS).sort(), [...FEATURES].sort());
});

test('candidate features: who spoke last, who was named only inside a quote', () => {
  const doc = before();
  const statements = doc.layers.statements!;
  const last = statements[statements.length - 1]!;
  const t = target(doc, last)!;
  assert.equal(t.pronoun?.text, 'she');
  const cs = candidates(context(doc), t, statements.slice(0, -1));
  const of = (name: string) => cs.find((c) => c.entity.name === name)!;
  const f = (name: string, feature: (typeof FEATURES)[number]) => of(name).features[FEATURES.indexOf(feature)];
  assert.equal(f('Ilse Varnholt', 'lastSpeaker'), 1);
  assert.equal(f('Teodor Blaskovic', 'inQuote'), 1);
  assert.equal(f('Teodor Blaskovic', 'lastSpeaker'), 0);
});

test('a pronoun speaker the rules gave to someone named inside a quote goes back to the one speaking', () => {
  const doc = before();
  const statements = doc.layers.statements!;
  const blaskovic = doc.layers.entities!.find((e) => e.name === 'Teodor Blaskovic')!;
  const last = statements[statements.length - 1]!;
  doc.layers.statements = [...statements.slice(0, -1), { ...last, speaker: { name: blaskovic.name, mention: 'she', entityId: blaskovic.id } }];
  speakers(doc);
  assert.equal(doc.layers.statements!.at(-1)!.speaker?.name, 'Ilse Varnholt');
  // A speaker named outright is never re-ranked.
  assert.deepEqual(doc.layers.statements!.slice(0, -1), statements.slice(0, -1));
});

/** Each statement of `text` as "content => speaker". */
const who = (text: string): string[] => extract(text).statements.map((s) => `${s.text} => ${s.speaker?.name ?? '-'}`);

test('a sentence-opening adverb and its comma are no speaker', () => {
  assert.deepEqual(who('The levy drew fire. Similarly, Oskar Pell, a former harbour commissioner, said he could not support the new fee.'),
    ['he could not support the new fee => Oskar Pell']);
});

test('a participle cue shares the subject of the cue it follows: "Tull said, adding", "said Mara Tull, adding"', () => {
  assert.deepEqual(who('Pell and Brisk will meet next week, Tull said, adding, "They need to sit down and talk about the harbour."'),
    ['Pell and Brisk will meet next week => Tull', 'They need to sit down and talk about the harbour. => Tull']);
  assert.deepEqual(who('The levy is too high, said Mara Tull, adding: "We have the money for the wall."'),
    ['The levy is too high => Mara Tull', 'We have the money for the wall. => Mara Tull']);
});

test('"said, calling X …": the participle’s object is not an inverted subject', () => {
  const [quote] = who('"The board was always going to do what the board wanted," Mr. Varga said, calling the harbour chief "brilliant."');
  assert.equal(quote, 'The board was always going to do what the board wanted, => Varga');
});

test('a group named after a person speaks for itself: "The Pell campaign suggested", "the Varga administration has said"', () => {
  assert.deepEqual(who('Oskar Pell toured the port on Monday. The Pell campaign suggested the ads were false. The Varga administration has said the levy would stay.'),
    ['the ads were false => Pell campaign', 'the levy would stay => Varga administration']);
});

test('"said Pell constituent Dan Golvach": the name after the modifier heads the subject', () => {
  const [quote] = who('Oskar Pell spoke first.\n\n"Anyone who refuses to pay the levy should leave," said Pell constituent Dan Golvach when asked about the fee.');
  assert.equal(quote, 'Anyone who refuses to pay the levy should leave, => Dan Golvach');
});
