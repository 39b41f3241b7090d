import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDoc } from '../../src/extract/document.js';
import { paragraphs } from '../../src/extract/paragraphs.js';
import { sentences } from '../../src/extract/sentences.js';
import { dates } from '../../src/extract/dates.js';

function found(text: string, published?: string) {
  const doc = createDoc(text, published ? { published } : {});
  paragraphs(doc);
  sentences(doc);
  dates(doc);
  for (const d of doc.layers.dates!) assert.equal(text.slice(d.start, d.end), d.text);
  return doc.layers.dates!.map((d) => [d.text, d.date]);
}

test('dates resolve against the publication date, leaning to the past', () => {
  assert.deepEqual(found('Mayor Ilse Varnholt said on Feb. 26 that the bridge was safe.', '2024-02-27'), [['Feb. 26', '2024-02-26']]);
  // Published on a Tuesday: "Monday" is the day before, "Friday" the one before that.
  assert.deepEqual(found('On Monday she spoke. He replied on Friday.', '2024-02-27T09:00:00Z'), [['Monday', '2024-02-26'], ['Friday', '2024-02-23']]);
  assert.deepEqual(found('Last week the council met. Yesterday it voted.', '2024-02-27'), [['Last week', '2024-02-20'], ['Yesterday', '2024-02-26']]);
  // A month-day later than publication, without a year, is last year's.
  assert.deepEqual(found('The plan was drafted on Dec. 12.', '2024-02-27'), [['Dec. 12', '2023-12-12']]);
});

test('without a publication date only absolute dates are kept', () => {
  assert.deepEqual(found('Yesterday, on March 3, 2021, the council met. On Monday it rained.'), [['March 3, 2021', '2021-03-03']]);
});

test('text without dates gives none', () => {
  assert.deepEqual(found('The council of Dunmere met at 10 and voted 5 to 2.', '2024-02-27'), []);
});

test('relative dates inside a statement are read against the day it was made; "will … on Monday" lies ahead', async () => {
  const { extract } = await import('../../src/extract/pipeline.js');
  const x = extract('"We met yesterday and we will meet again on Monday," Ilse Varnholt said on Friday. Oskar Pell said on March 3, 2025 that the vote was last week.', { published: '2025-03-04' });
  assert.deepEqual(x.statements.map((s) => [s.date, s.dates?.map((d) => [d.text, d.date])]), [
    ['2025-02-28', [['yesterday', '2025-02-27'], ['Monday', '2025-03-03']]],
    ['2025-03-03', [['last week', '2025-02-24']]],
  ]);
});

test('date work is bounded: identical windows are read once, at most MAX_DATE_PARSES different ones an article', async () => {
  const { MAX_DATE_PARSES } = await import('../../src/extract/dates.js');
  // The same phrase over and over: every occurrence found, chrono run once for the window they share.
  const same = 'He left on Monday. '.repeat(3_000);
  const doc = createDoc(same, { published: '2024-02-27' });
  paragraphs(doc);
  sentences(doc);
  dates(doc);
  assert.equal(doc.layers.dates!.length, 3_000);
  assert.ok(doc.layers.dates!.every((d) => d.date === '2024-02-26' && same.slice(d.start, d.end) === 'Monday'));
  assert.deepEqual(doc.messages, []);
  // More different dates than the cap: the first ones are read, then a warning says how many were left.
  const many = Array.from({ length: MAX_DATE_PARSES + 200 }, (_, i) => `It opened on ${1 + (i % 28)} May ${1000 + i}.`).join(' ');
  const big = createDoc(many, { published: '2024-02-27' });
  paragraphs(big);
  sentences(big);
  dates(big);
  assert.equal(big.layers.dates!.length, MAX_DATE_PARSES);
  assert.deepEqual(big.messages.map((m) => [m.code, m.severity]), [['ONR_ERR_TOO_MANY', 'warning']]);
  assert.match(big.messages[0]!.reason, /200 more left unread/);
});
