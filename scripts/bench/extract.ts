/**
 * Extraction throughput on one core: `extract` over a generated fictional
 * corpus (≥ 5 MB), sequential, in this one process. MB is 10^6 bytes of UTF-8
 * article text. Targets: ≥ 1 MB/s and peak RSS < 300 MB.
 */
import { extract } from '../../src/extract/pipeline.js';
import { generateCorpus } from '../corpus.js';
import { peakRssMb, round, time } from './measure.js';

export const name = 'extract';

export const TARGET_MB_PER_S = 1;
export const TARGET_RSS_MB = 300;

export async function run(): Promise<Record<string, unknown>> {
  const mb = Number(process.env.BENCH_EXTRACT_MB ?? 5);
  const corpus = generateCorpus({ bytes: mb * 1e6, seed: 1 });
  const bytes = corpus.reduce((s, a) => s + Buffer.byteLength(a.text), 0);
  extract('"Warm-up," she said.'); // loads the lexicons and the model before the clock starts
  const { ms, value: statements } = await time(() => {
    let n = 0;
    for (const a of corpus) n += extract(a.text, { id: a.id, published: a.published, outlet: a.outlet }).statements.length;
    return n;
  });
  const mbPerS = bytes / 1e6 / (ms / 1000);
  const rss = peakRssMb();
  return {
    corpusMB: round(bytes / 1e6, 2),
    articles: corpus.length,
    statements,
    'MB/s': round(mbPerS, 2),
    'articles/s': round(corpus.length / (ms / 1000), 0),
    peakRssMB: rss,
    targetMBps: TARGET_MB_PER_S,
    okMBps: mbPerS >= TARGET_MB_PER_S,
    targetRssMB: TARGET_RSS_MB,
    okRss: rss < TARGET_RSS_MB,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
