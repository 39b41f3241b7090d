import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/types.js';
import { ingest } from '../../src/ingest/ingest.js';
import { page, PARAS } from './fixtures.js';

type Backend = { name: string; open: () => Promise<Store>; skip?: string };
const backendsFile = new URL('../store/backends.ts', import.meta.url);
const list: Backend[] = existsSync(backendsFile)
  ? ((await import(backendsFile.href)) as { backends: () => Backend[] }).backends()
  : [{ name: 'store', open: async () => { throw new Error('unreachable'); }, skip: 'test/store/backends.ts not there yet' }];

for (const backend of list) {
  test(`ingest into the ${backend.name} store: once, then unchanged, then a new version`, { skip: backend.skip ?? false }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onr-store-'));
    const head = '<link rel="canonical" href="https://gazette.example/bridge">';
    await writeFile(join(dir, 'a.html'), page({ head }));
    await writeFile(join(dir, 'b.txt'), PARAS[2]!);
    const store = await backend.open();
    try {
      assert.equal((await ingest([dir], { store })).stored, 2);
      assert.equal((await ingest([dir], { store })).unchanged, 2);
      await writeFile(join(dir, 'a.html'), page({ head, body: '<p>Updated on Tuesday evening after the vote.</p>' }));
      const third = await ingest([dir], { store });
      assert.equal(third.newVersions, 1);
      assert.equal(third.unchanged, 1);
      assert.equal(await store.hasArticle('https://gazette.example/bridge'), true);
    } finally {
      await store.close();
    }
  });
}
