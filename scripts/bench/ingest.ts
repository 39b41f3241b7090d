/**
 * Ingest throughput: articles/s for HTML pages and a WARC file, parsing + text
 * extraction alone and with the extractor, so that parsing is seen not to halve
 * the extractor's throughput. Fixtures are generated fictional articles.
 */
import { WARCRecord, WARCSerializer } from 'warcio';
import { readBytes } from '../../src/ingest/sources.js';
import { processArticle } from '../../src/ingest/process.js';
import { extract } from '../../src/extract/pipeline.js';
import type { Article } from '../../src/types.js';
import { time } from './measure.js';

export const name = 'ingest';

const NAMES = ['Ilse Varnholt', 'Teodor Blaskovic', 'Ada Quill', 'Rune Osterby', 'Mila Harrow'];
const PLACES = ['Dunmere', 'Korvania', 'Lake Tessel', 'Brannock'];

function fictionalPage(i: number): string {
  const paras: string[] = [];
  for (let p = 0; p < 12; p++) {
    const who = NAMES[(i + p) % NAMES.length];
    const where = PLACES[(i * 3 + p) % PLACES.length];
    paras.push(
      p % 2
        ? `"We will keep the ${where} bridge open for everyone, and we will do it this year," ${who} told reporters on Tuesday, as the council met for the ${p + i}th time.`
        : `${who}, who has led the ${where} council since 2019, said the budget for item ${i}-${p} would be published next week after a vote by the full assembly.`,
    );
  }
  return `<!doctype html><html lang="en"><head><title>Story ${i}</title><meta property="og:site_name" content="Dunmere Gazette">
<meta name="author" content="${NAMES[i % NAMES.length]}"><meta property="article:published_time" content="2024-05-07T09:00:00Z">
<link rel="canonical" href="https://gazette.example/story/${i}"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Story ${i}"}</script></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav><article><h1>Story ${i}</h1>${paras.map((p) => `<p>${p}</p>`).join('\n')}</article>
<section class="comments"><p>First!</p></section><footer>Copyright</footer></body></html>`;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function read(bytes: Uint8Array, source: string): Promise<Article[]> {
  const out: Article[] = [];
  for await (const x of readBytes(bytes, source)) if (x.kind === 'article') out.push(x);
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const N = Number(process.env.BENCH_INGEST_ARTICLES ?? 200);
  const enc = new TextEncoder();
  const pages = Array.from({ length: N }, (_, i) => enc.encode(fictionalPage(i)));
  const warcParts: Uint8Array[] = [];
  for (let i = 0; i < N; i++)
    warcParts.push(await WARCSerializer.serialize(WARCRecord.create({ url: `https://gazette.example/story/${i}`, type: 'response', httpHeaders: { 'Content-Type': 'text/html' } }, once(pages[i]!))));
  const warc = Buffer.concat(warcParts);

  await read(pages[0]!, 'warm.html'); // warm-up: linkedom, readability, wink model load
  extract('Warm-up sentence, she said.');

  const htmlParse = await time(async () => {
    const all: Article[] = [];
    for (let i = 0; i < N; i++) all.push(...(await read(pages[i]!, `p${i}.html`)));
    return all;
  });
  const warcParse = await time(() => read(warc, 'bench.warc'));
  const extractOnly = await time(async () => {
    for (const a of htmlParse.value) extract(a.text, { published: a.published });
  });
  const htmlFull = await time(async () => {
    for (let i = 0; i < N; i++) for (const a of await read(pages[i]!, `p${i}.html`)) processArticle(a);
  });
  const warcFull = await time(async () => {
    for (const a of await read(warc, 'bench.warc')) processArticle(a);
  });
  const rate = (ms: number): number => Math.round((N * 1000 * 10) / ms) / 10;
  return {
    articles: N,
    bytesPerArticle: Math.round(pages.reduce((s, p) => s + p.length, 0) / N),
    'html parse+text articles/s': rate(htmlParse.ms),
    'warc parse+text articles/s': rate(warcParse.ms),
    'extract only articles/s': rate(extractOnly.ms),
    'html full (parse+extract) articles/s': rate(htmlFull.ms),
    'warc full (parse+extract) articles/s': rate(warcFull.ms),
    // Target: full >= half of extract-only, i.e. parsing costs less than the extractor.
    'html full / extract only': Math.round((rate(htmlFull.ms) / rate(extractOnly.ms)) * 100) / 100,
    'warc full / extract only': Math.round((rate(warcFull.ms) / rate(extractOnly.ms)) * 100) / 100,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
