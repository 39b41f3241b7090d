import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/types.js';

let counter = 0;

/** Each backend once; each open() gives a fresh empty store (temp file, or a new PostgreSQL schema). */
export function backends(): Array<{ name: 'sqlite' | 'postgres'; open: () => Promise<Store>; skip?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  return [
    { name: 'sqlite', open: () => openStore({ file: join(mkdtempSync(join(tmpdir(), 'onr-store-')), 'test.db') }) },
    {
      name: 'postgres',
      open: () => openStore({ url: url!, schema: `t_${process.pid}_${Date.now().toString(36)}_${counter++}` }),
      ...(url ? {} : { skip: 'TEST_DATABASE_URL not set' }),
    },
  ];
}
