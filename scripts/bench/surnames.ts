/**
 * Issue 18's reproduction: articles whose speaker is named only by surname ("…," Pell said.), extracted and
 * stored in a fresh embedded store, timed per chunk. Before the fix every article made a new entity "Pell" and
 * each chunk took longer than the last; after, one entity and flat chunks.
 *
 *   node --import tsx scripts/bench/surnames.ts [articles=10000] [chunk=2500] [source root, for a before/after]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [articles = 10_000, chunk = 2_500] = process.argv.slice(2, 4).map(Number);
const root = pathToFileURL(resolve(process.argv[4] ?? new URL('../..', import.meta.url).pathname) + '/').href;
const { extract } = await import(root + 'src/extract/pipeline.ts');
const { openStore } = await import(root + 'src/store/index.ts');

const store = await openStore({ file: join(mkdtempSync(join(tmpdir(), 'onr-surnames-')), 'bench.db'), url: '' });
const seconds: number[] = [];
for (let start = 0; start < articles; start += chunk) {
  const t0 = performance.now();
  for (let i = start; i < Math.min(articles, start + chunk); i++) {
    const text = `"The ferry timetable number ${i} stands for the winter," Pell said.`;
    const id = `https://news.example.org/pell-${i}`;
    const r = extract(text, { id, source: `pell-${i}.txt` });
    await store.putArticle({ kind: 'article-record', article: { kind: 'article', id, version: String(i), text, authors: [], source: `pell-${i}.txt` }, statements: r.statements, entities: r.entities, messages: r.messages });
  }
  seconds.push((performance.now() - t0) / 1000);
}
const stats = await store.stats();
await store.close();
console.log(JSON.stringify({ articles, chunk, secondsPerChunk: seconds.map((s) => +s.toFixed(1)), entities: stats.entities, statements: stats.statements, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }));
