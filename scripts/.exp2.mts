import { openStore } from '../src/store/index.js';
import { csvRow } from '../src/store/export.js';
const store = await openStore({ file: process.argv[2]!, url: '' });
for (const q of [{ from: '2020-01-01', to: '2020-12-31' }, { q: 'council' }, { speaker: 'Ilse Varnholt' }] as any[]) {
  for (const csv of [false, true]) {
    const t = performance.now(); const c = process.cpuUsage(); let n = 0; let len = 0;
    for await (const s of store.statementRows(q)) { if (csv) len += csvRow(s).length; n++; }
    const cpu = process.cpuUsage(c); const ms = performance.now() - t;
    console.log(JSON.stringify(q), csv ? 'csv' : 'walk', n, ms.toFixed(0), 'ms wall', ((cpu.user + cpu.system) / 1000).toFixed(0), 'ms cpu', Math.round(n / ms * 1000), 'rows/s wall', Math.round(n / (cpu.user + cpu.system) * 1e6), 'rows/s cpu');
  }
}
await store.close();
