import { openStore } from '../src/store/index.js';
import { FACETS } from '../src/server/pages/facets.js';
import { WORDS } from './bench/query.js';
const store = await openStore({ file: process.argv[2]!, url: '' });
const cpu = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); const c = process.cpuUsage(); await f(); const u = process.cpuUsage(c); console.log(label, (performance.now() - t).toFixed(0), 'ms wall', ((u.user + u.system) / 1000).toFixed(0), 'ms cpu'); };
for (let i = 0; i < 3; i++) {
  await cpu('separate ' + WORDS[30 + i], () => Promise.all(FACETS.map((by) => store.statementCounts({ q: WORDS[30 + i] }, by, 8))));
  await cpu('one pass ' + WORDS[40 + i], () => store.statementFacets({ q: WORDS[40 + i] }, FACETS, 8));
  await cpu('volume month split ' + WORDS[50 + i], () => store.statementVolume({ q: WORDS[50 + i] }, { unit: 'month', split: 'outlet', top: 5 }));
  await cpu('volume week ' + WORDS[60 + i], () => store.statementVolume({ q: WORDS[60 + i] }, { unit: 'week' }));
}
console.log((await store.statementCounts({ q: WORDS[30] }, 'type', 2)).total, (await store.statementCounts({ q: WORDS[60] }, 'type', 2)).total);
await store.close();
