import { openStore } from '../src/store/index.js';
import { exportResponse } from '../src/server/export.js';
const store = await openStore({ file: process.argv[2]!, url: '' });
for (const q of [{ from: '2020-01-01', to: '2020-12-31' }, { q: 'council' }, { speaker: 'Ilse Varnholt' }] as any[]) {
  const t = performance.now();
  const text = await exportResponse(store, q, 'csv', { bom: false, name: 'x' }).text();
  const rows = text.split('\n').length - 2;
  const s = (performance.now() - t) / 1000;
  console.log(JSON.stringify(q), rows, 'rows', s.toFixed(2), 's', Math.round(rows / s), 'rows/s');
}
await store.close();
