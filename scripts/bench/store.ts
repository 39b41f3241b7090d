import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extract } from '../../src/extract/pipeline.js';
import { openStore } from '../../src/store/index.js';
import type { ArticleRecord } from '../../src/types.js';
import { median, RUNS } from './measure.js';

export const name = 'store';

/** Target from the issue: embedded store, extract + store end to end. */
export const INGEST_TARGET_PER_S = 300;
const ARTICLES = 600;

function article(i: number): string {
  return [
    `Mayor Ilse Varnholt of Dunmere said on Monday that the harbour bridge number ${i} would be rebuilt before winter.`,
    `"We will not wait for the storms," Varnholt told reporters. "The city has the money for bridge ${i}."`,
    `Korvania's prime minister Teodor Blaskovic said his government would help, according to the Dunmere Wire.`,
  ].join('\n\n');
}

/** Ingest rate into a fresh embedded store: extract + putArticle, one transaction per article. */
async function once(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'onr-bench-'));
  const store = await openStore({ file: join(dir, 'bench.db'), url: '' });
  const t0 = performance.now();
  for (let i = 0; i < ARTICLES; i++) {
    const text = article(i);
    const x = extract(text, { id: `a${i}`, published: '2026-03-02', outlet: 'Dunmere Gazette' });
    const record: ArticleRecord = {
      kind: 'article-record',
      article: { kind: 'article', id: `a${i}`, version: `v${i}`, text, authors: [], source: `bench#${i}`, published: '2026-03-02', outlet: 'Dunmere Gazette' },
      statements: x.statements, entities: x.entities, messages: x.messages,
    };
    await store.putArticle(record);
  }
  const seconds = (performance.now() - t0) / 1000;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return ARTICLES / seconds;
}

/** Median over RUNS fresh stores, so one slow run on a shared machine does not decide. */
export async function run(): Promise<{ articlesPerSecond: number; target: number; ok: boolean }> {
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) rates.push(await once());
  const rate = median(rates);
  return { articlesPerSecond: Math.round(rate), target: INGEST_TARGET_PER_S, ok: rate >= INGEST_TARGET_PER_S };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
