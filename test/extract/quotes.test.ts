import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/extract/document.js';
import { paragraphs } from '../../src/extract/paragraphs.js';
import { quotes, MAX_QUOTE_DEPTH } from '../../src/extract/quotes.js';

function run(text: string) {
  const doc = createDoc(text);
  paragraphs(doc);
  quotes(doc);
  return { doc, spans: (doc.layers.quotes ?? []).map((q) => ({ t: text.slice(q.start, q.end), depth: q.depth, continued: !!q.continued })) };
}

test('pairs straight and curly double quotes', () => {
  assert.deepEqual(run('"We will build it," said Mayor Ilse Varnholt. \u201CSoon.\u201D').spans.map((s) => s.t), ['We will build it,', 'Soon.']);
});

test('UK single quotes are told from apostrophes', () => {
  const { spans } = run("\u2018We don\u2019t know the plan for the \u201990s,\u2019 said Teodor Blaskovic. 'It's rock 'n' roll.'");
  assert.deepEqual(spans.map((s) => s.t), ['We don\u2019t know the plan for the \u201990s,', "It's rock 'n' roll."]);
});

test('nested quotes get a depth', () => {
  const { spans } = run('"She called it \'a farce\' today," he said.');
  assert.deepEqual(spans.map((s) => [s.t, s.depth]), [["She called it 'a farce' today,", 0], ['a farce', 1]]);
});

test('a quote that never closes continues into a paragraph opening with a quote mark', () => {
  const { spans, doc } = run('"We are ready for the vote.\n\n"And we will win it," said Varnholt.');
  assert.equal(spans.length, 2);
  assert.equal(spans[1]!.continued, true);
  assert.equal(doc.messages.length, 0);
});

test('an unbalanced mark is a warning and does not swallow the next paragraphs', () => {
  const { spans, doc } = run('He said "this never closes.\n\nA plain paragraph with "a quote" in it.');
  assert.ok(spans.some((s) => s.t === 'a quote'));
  assert.ok(doc.messages.some((m) => m.code === 'ONR_ERR_UNBALANCED_QUOTES'));
});

test('nesting deeper than the limit is a warning, not a crash', () => {
  const text = '\u201C'.repeat(MAX_QUOTE_DEPTH + 5) + 'x' + '\u201D'.repeat(MAX_QUOTE_DEPTH + 5);
  const { doc } = run(text);
  assert.ok(doc.messages.some((m) => m.code === 'ONR_ERR_TOO_DEEP'));
});
