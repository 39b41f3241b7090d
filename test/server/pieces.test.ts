import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDate, safeHref, totalLabel, withQuery } from '../../src/server/pages/format.js';
import { Pager } from '../../src/server/pages/components.js';
import { markRanges, searchTerms, termRanges } from '../../src/server/pages/highlight.js';
import { TokenBuckets } from '../../src/server/rate-limit.js';
import { DEFAULT_RATE_LIMIT } from '../../src/server/limits.js';
import { ingestTokenFrom } from '../../src/cli/serve.js';

describe('markRanges', () => {
  const text = 'Mayor Ilse Varnholt said "the bridge will open" and left.';
  test('cuts the text into plain and marked pieces that join back to the text', () => {
    const start = text.indexOf('the bridge');
    const pieces = markRanges(text, [{ start, end: start + 'the bridge will open'.length, id: 'a' }]);
    assert.equal(pieces.map((p) => p.text).join(''), text);
    assert.deepEqual(pieces.filter((p) => p.mark).map((p) => [p.text, p.mark?.id]), [['the bridge will open', 'a']]);
  });
  test('drops a range that overlaps an earlier one, keeps the longer on a tie, clips to the text', () => {
    const pieces = markRanges(text, [
      { start: 6, end: 10, id: 'short' },
      { start: 6, end: 19, id: 'long' },
      { start: 11, end: 24, id: 'overlap' },
      { start: text.length - 5, end: text.length + 40, id: 'clipped' },
      { start: 30, end: 30, id: 'empty' },
    ]);
    assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.mark?.id), ['long', 'clipped']);
    assert.equal(pieces.map((p) => p.text).join(''), text);
  });
});

describe('search terms', () => {
  test('drops operators and punctuation, longest first', () => {
    assert.deepEqual(searchTerms('"harbour bridge" OR snow*'), ['harbour', 'bridge', 'snow']);
    assert.deepEqual(searchTerms(undefined), []);
  });
  test('marks whole words that start with a term, case-insensitively, not inside other words', () => {
    const text = 'Bridges and the bridge; abridged.';
    const ranges = termRanges(text, ['bridge']);
    assert.deepEqual(ranges.map((r) => text.slice(r.start, r.end)), ['Bridges', 'bridge']);
  });
  test('treats regular-expression characters in terms as text', () => {
    assert.deepEqual(termRanges('abc', ['a.c']), [], 'a dot is not a wildcard');
    assert.deepEqual(termRanges('x a.c', ['a.c']), [{ start: 2, end: 5 }]);
    assert.deepEqual(termRanges('aaa', ['a+']), []);
  });
});

describe('format helpers', () => {
  test('only http and https URLs become links', () => {
    assert.equal(safeHref('https://gazette.dunmere.example/a?b=1'), 'https://gazette.dunmere.example/a?b=1');
    assert.equal(safeHref('javascript:alert(1)'), undefined);
    assert.equal(safeHref('data:text/html,<script>alert(1)</script>'), undefined);
    assert.equal(safeHref('not a url'), undefined);
  });
  test('dates read as day month year; unreadable ones are shown as given', () => {
    assert.equal(formatDate('2024-02-27'), '27 Feb 2024');
    assert.equal(formatDate('2025-03-05T09:15:00+01:00'), '5 Mar 2025');
    assert.equal(formatDate('sometime'), 'sometime');
  });
  test('a capped total reads "10,000+", and its pager still offers the next page at the cap', () => {
    assert.equal(totalLabel(10000, true), '10,000+');
    assert.equal(totalLabel(12), '12');
    const html = String(Pager({ path: '/', params: { q: 'port' }, total: 10000, capped: true, limit: 20, offset: 9980 }));
    assert.match(html, /9981–10000 of 10,000\+/);
    assert.match(html, /rel="next" href="\/\?q=port&amp;offset=10000"/);
    assert.doesNotMatch(String(Pager({ path: '/', params: {}, total: 10000, limit: 20, offset: 9980 })), /rel="next"/);
  });
  test('query strings leave out empty values and encode the rest', () => {
    assert.equal(withQuery('/', { q: 'a&b', speaker: '', offset: 20, to: undefined }), '/?q=a%26b&offset=20');
    assert.equal(withQuery('/speakers', {}), '/speakers');
  });
});

describe('the ingest token', () => {
  test('unset or empty is off; only spaces or a space inside is refused; spaces around are trimmed', () => {
    assert.equal(ingestTokenFrom(undefined), undefined);
    assert.equal(ingestTokenFrom(''), undefined);
    assert.throws(() => ingestTokenFrom('   '), /ONRECORD_INGEST_TOKEN is blank/);
    assert.throws(() => ingestTokenFrom('ab cd'), /one word/);
    assert.equal(ingestTokenFrom(' s3cret\n'), 's3cret');
  });
});

describe('token buckets', () => {
  test('allow a burst of the capacity, then refuse until tokens refill', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 2 }, () => now);
    for (let i = 0; i < 3; i++) assert.deepEqual(buckets.take('a'), { ok: true });
    assert.deepEqual(buckets.take('a'), { ok: false, retryAfter: 1 });
    assert.deepEqual(buckets.take('b'), { ok: true }, 'another client has its own bucket');
    now += 500;
    assert.deepEqual(buckets.take('a'), { ok: true }, 'half a second refills one token at 2/s');
    assert.equal(buckets.take('a').ok, false);
    now += 60_000;
    for (let i = 0; i < 3; i++) assert.equal(buckets.take('a').ok, true, 'refill stops at the capacity');
    assert.equal(buckets.take('a').ok, false);
  });
  test('by default, a client asking faster than one server answers is refused once its burst is spent', () => {
    let now = 0;
    const buckets = new TokenBuckets(DEFAULT_RATE_LIMIT, () => now);
    let refused = 0;
    // 60 requests a second for two minutes: above the ~50 a second a server answers.
    for (let i = 0; i < 7200; i++, now += 1000 / 60) if (!buckets.take('a').ok) refused++;
    assert.ok(refused > 0 && refused < 7200 - DEFAULT_RATE_LIMIT.capacity, `refused ${refused}`);
    assert.ok(DEFAULT_RATE_LIMIT.refillPerSecond < 50);
  });
  test('forget the least recently seen clients beyond maxClients', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 0, maxClients: 2 }, () => 0);
    buckets.take('a');
    buckets.take('b');
    buckets.take('a');
    buckets.take('c');
    assert.equal(buckets.size, 2);
    assert.equal(buckets.take('a').ok, false, 'a was seen recently and kept its empty bucket');
    assert.equal(buckets.take('b').ok, true, 'b was forgotten and starts full again');
  });
});
