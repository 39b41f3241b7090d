import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends.js';
import { record } from './records.js';

const PEOPLE = [{ name: 'Ilse Varnholt' }];
const version = (published: string, text: string) => record({ id: 'https://news.example.org/ferry', published, people: PEOPLE, said: [{ speaker: 'Ilse Varnholt', text }] });

for (const b of backends()) {
  test(`${b.name}: the newest version of an article wins, whichever arrives last`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const older = version('2026-04-01T08:00:00Z', 'The ferry sails at nine.');
      const newer = version('2026-04-01T12:00:00Z', 'The ferry sails at ten.');
      assert.equal(await store.putArticle(newer), 'stored');
      assert.equal(await store.putArticle(older), 'older-version');
      assert.equal((await store.article(newer.article.id))!.article.version, newer.article.version);
      assert.deepEqual((await store.statements({})).items.map((s) => s.text), ['The ferry sails at ten.']);
      // Undated: the last to arrive wins.
      const plain = record({ id: 'plain', people: PEOPLE, said: [{ speaker: 'Ilse Varnholt', text: 'One.' }] });
      const later = record({ id: 'plain', people: PEOPLE, said: [{ speaker: 'Ilse Varnholt', text: 'Two.' }] });
      await store.putArticle(plain);
      assert.equal(await store.putArticle(later), 'new-version');
    } finally { await store.close(); }
  });

  test(`${b.name}: versions of many URLs stored at once end on the newest`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      const urls = Array.from({ length: 20 }, (_, i) => `https://news.example.org/story-${i}`);
      const of = (url: string, hour: number) => record({ id: url, published: `2026-04-02T${String(hour).padStart(2, '0')}:00:00Z`, people: PEOPLE, said: [{ speaker: 'Ilse Varnholt', text: `Update at ${hour} on ${url}.` }] });
      // Older and newer of each URL raced against each other, the older sent first for half of them.
      await Promise.all(urls.flatMap((u, i) => (i % 2 ? [of(u, 9), of(u, 15)] : [of(u, 15), of(u, 9)]).map((r) => store.putArticle(r))));
      for (const u of urls) assert.equal((await store.article(u))!.article.published, '2026-04-02T15:00:00Z', u);
      assert.equal((await store.stats()).statements, 20);
    } finally { await store.close(); }
  });
}
