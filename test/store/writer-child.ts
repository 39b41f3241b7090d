/**
 * A second process writing to one SQLite file (test/store/two-processes.test.ts): stores hand-built articles one
 * transaction each, in the order given by its seed, and exits 0 only when every one was stored.
 */
import { openStore } from '../../src/store/index.js';
import { writerRecords } from './two-processes-records.js';

const [file, seed] = [process.argv[2]!, Number(process.argv[3])];
const store = await openStore({ file, url: '' });
let failed = 0;
for (const r of writerRecords(seed)) {
  await store.putArticle(r).catch((error: Error) => { failed++; process.stderr.write(`${error.message}\n`); });
}
await store.close();
process.exit(failed ? 1 : 0);
