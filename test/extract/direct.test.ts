import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../../src/extract/pipeline.js';

const st = (text: string) => extract(text, { published: '2025-03-10' }).statements;

test('trailing attribution: "...," X said', () => {
  const [s] = st('"We will reopen the bridge by spring," Mayor Ilse Varnholt said on Monday.');
  assert.equal(s?.type, 'direct');
  assert.equal(s?.text, 'We will reopen the bridge by spring,');
  assert.equal(s?.cue, 'said');
  assert.match(s?.speaker?.name ?? '', /Varnholt/);
});

test('colon-introduced quote and carried-over speaker', () => {
  const out = st('Korvania\u2019s prime minister Teodor Blaskovic said: "The tariffs are a mistake." Critics disagreed.\n\n"We are not going to accept these terms under any circumstances."');
  const direct = out.filter((s) => s.type === 'direct');
  assert.equal(direct.length, 2);
  assert.equal(direct[1]?.cue, null);
  assert.match(direct[1]?.speaker?.name ?? '', /Blaskovic/);
});

test('scare quotes and titles are not statements', () => {
  const out = st('The council approved the "Green Harbour" plan after watching the film "Tides of Dunmere" last week.');
  assert.equal(out.filter((s) => s.type === 'direct').length, 0);
});

test('reported speech with that-clause, partial quote stays inside', () => {
  const out = st('Mayor Ilse Varnholt said on Monday that the harbour plan was "not dead" and would return next year.');
  assert.equal(out.length, 1);
  assert.equal(out[0]?.type, 'indirect');
  assert.match(out[0]?.text ?? '', /^the harbour plan was "not dead"/);
});

test('according to an outlet gives via', () => {
  const out = st('"Nothing is ruled out," Teodor Blaskovic said, according to the Dunmere Gazette.');
  assert.equal(out[0]?.via, 'Dunmere Gazette');
});

test('a quote over two paragraphs with its attribution at the end keeps its first paragraph', () => {
  const text = 'Harbour officials met on Tuesday.\n\n"We have waited ten years for this bridge. Nobody believed it would be built,\n\n"But now it is here, and the ferry can retire," said Mara Quill, who chairs the residents\' group.\n\nOthers were less sure.';
  const out = extract(text).statements;
  assert.equal(out.length, 1);
  assert.equal(out[0]!.type, 'direct');
  assert.equal(out[0]!.speaker?.name, 'Mara Quill');
  assert.match(out[0]!.text, /^We have waited ten years[\s\S]*the ferry can retire,$/);
});
