import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends.js';
import { record } from './records.js';

for (const b of backends()) {
  test(`${b.name}: a speaker named only by surname is one entity however many articles quote them`, { skip: b.skip ?? false }, async () => {
    const store = await b.open();
    try {
      for (let i = 0; i < 30; i++) {
        await store.putArticle(record({ id: `p${i}`, people: [{ name: 'Pell' }], said: [{ speaker: 'Pell', text: `The ferry timetable ${i} stands.` }] }));
      }
      const pells = await store.entities({ type: 'person' });
      assert.deepEqual(pells.items.map((e) => [e.name, e.statementCount]), [['Pell', 30]]);
      // A full name arrives: it is a person of its own; a bare "Pell" after it is explained by the one full name.
      await store.putArticle(record({ id: 'f1', people: [{ name: 'Oskar Pell' }], said: [{ speaker: 'Oskar Pell', text: 'We sail at dawn.' }] }));
      await store.putArticle(record({ id: 'f2', people: [{ name: 'Pell' }], said: [{ speaker: 'Pell', text: 'Dawn it is.' }] }));
      const oskar = (await store.entities({ q: 'Oskar Pell' })).items[0]!;
      assert.equal(oskar.statementCount, 2);
      // Two full names make a bare surname ambiguous again: it goes back to the bare-surname entity.
      await store.putArticle(record({ id: 'f3', people: [{ name: 'Runa Pell' }], said: [{ speaker: 'Runa Pell', text: 'Not at dawn.' }] }));
      await store.putArticle(record({ id: 'f4', people: [{ name: 'Pell' }], said: [{ speaker: 'Pell', text: 'Which dawn?' }] }));
      const all = await store.entities({ type: 'person' });
      assert.deepEqual(all.items.map((e) => [e.name, e.statementCount]), [['Oskar Pell', 2], ['Pell', 31], ['Runa Pell', 1]]);
    } finally { await store.close(); }
  });
}
