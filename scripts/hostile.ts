/**
 * `node --import tsx scripts/hostile.ts DIR [--scale N]`: writes hostile input files to DIR, small on disk
 * (bombs are gzip), for the fuzz test (test/ingest/hostile.test.ts) and the `hostile` bench suite. Each file
 * belongs to a class; every class has variants that differ by a seeded random choice of sizes and names, so
 * the same scale always writes the same files. `scale` multiplies the variants per class (1: ≥ 300 files).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface HostileFile {
  readonly name: string;
  readonly klass: string;
}

/** A small deterministic PRNG (mulberry32), so a variant is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIB = 1024 * 1024;
/** Variant 0 of each bomb class is the size the issue reported; the others are smaller, past the limits all the same. */
const issueSize = (i: number, mib: number, other: number): number => (i === 0 ? mib : other) * MIB;

/** gzip of `unit` repeated until `bytes`, compressed piecewise so the inflated bytes are never held. */
function gzipRepeat(unit: string, bytes: number, head = '', tail = ''): Buffer {
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor(MIB / unit.length))));
  // Deflate of a repeated MiB compresses ~1000:1: gzip members joined are one valid gzip stream.
  const one = gzipSync(block, { level: 9 });
  const members = [gzipSync(Buffer.from(head)), ...Array.from({ length: Math.ceil(bytes / block.length) }, () => one), gzipSync(Buffer.from(tail))];
  return Buffer.concat(members);
}

const warcRecord = (type: string, url: string, http: string, body: Buffer): Buffer => {
  const block = Buffer.concat([Buffer.from(http), body]);
  const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${url}\r\nWARC-Date: 2024-05-07T09:00:00Z\r\nWARC-Record-ID: <urn:uuid:${url.length}-${body.length}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]);
};

const GOOD = 'The council will reopen the bridge in May, Mayor Ilse Varnholt said on Tuesday.';
const page = (body: string): string => `<!doctype html><html><head><title>Hostile</title></head><body>${body}</body></html>`;

/** `records` scales the tiny-records class (articles per file), the one class whose cost is its count. */
type Maker = (rnd: () => number, i: number, records: number) => { name: string; bytes: Buffer | string };

/** The classes: each a maker of one variant. Sizes are chosen to pass the limits they attack, not more. */
export const CLASSES: Record<string, Maker> = {
  // 0.5 MB of gzip inflating to 500 MiB of `x\n` lines: once a V8 out-of-memory abort.
  'gzip-text-bomb': (r, i) => ({ name: `bomb-${i}.${['txt', 'html', 'md', 'xml'][i % 4]}.gz`, bytes: gzipRepeat(['x\n', 'ab ', '<p>x</p>', '<i>'][i % 4]!, issueSize(i, 500, 34 + Math.floor(r() * 30))) }),
  'gzip-nested': (r, i) => ({ name: `nested-${i}.txt.gz`, bytes: [0, 1, 2, 3].slice(0, 2 + (i % 3)).reduce((b) => gzipSync(b), gzipRepeat('y\n', (11 + Math.floor(r() * 4)) * MIB)) }),
  // Identical JSON Lines, over and over (500 MiB took 2.6 GB).
  'jsonl-identical': (r, i) => ({ name: `same-${i}.jsonl.gz`, bytes: gzipRepeat(JSON.stringify({ text: `${GOOD} (${Math.floor(r() * 1e6)})` }) + '\n', issueSize(i, 500, 4 + Math.floor(r() * 8))) }),
  'jsonl-junk': (r, i) => ({ name: `junk-${i}.jsonl.gz`, bytes: gzipRepeat('x\n', (2 + Math.floor(r() * 4)) * MIB, JSON.stringify({ text: GOOD }) + '\n') }),
  'jsonl-long-line': (r, i) => ({ name: `long-${i}.jsonl.gz`, bytes: gzipRepeat('a', (9 + Math.floor(r() * 4)) * MIB, `${JSON.stringify({ text: GOOD })}\n{"text":"`, `"}\n${JSON.stringify({ text: `${GOOD} Again ${i}.` })}\n`) }),
  // A 1 MB gzip of a 500 MiB RSS feed ran past 120 s.
  'feed-bomb': (r, i) => {
    const item = `<item><title>T</title><description>${GOOD}</description></item>`;
    return { name: `feed-${i}.rss.gz`, bytes: gzipRepeat(item, issueSize(i, 500, 33 + Math.floor(r() * 8)), '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>', '</channel></rss>') };
  },
  // A WARC record whose gzip body (Content-Encoding) inflates to 1 GiB took 2.2 GB before it was refused; a good record follows.
  'warc-body-bomb': (r, i) => {
    const inflated = issueSize(i, 1024, 64 + Math.floor(r() * 64));
    const body = gzipRepeat('<p>x</p>', inflated);
    const bomb = warcRecord('response', `https://bomb.example/${i}`, 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n', body);
    const good = warcRecord('response', `https://good.example/${i}`, 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n', Buffer.from(page(`<article><p>${GOOD}</p><p>${GOOD} ${i}</p></article>`)));
    return { name: `crawl-${i}.warc${i % 2 ? '.gz' : ''}`, bytes: i % 2 ? gzipSync(Buffer.concat([bomb, good])) : Buffer.concat([bomb, good]) };
  },
  // 20,000 unclosed <a> (240 KB) ran past 120 s; headings and other formatting elements the same.
  'html-unclosed': (r, i) => {
    const tag = ['a href="#"', 'a', 'h2', 'b', 'font', 'span'][i % 6]!;
    const n = 5_000 + Math.floor(r() * 20_000);
    return { name: `unclosed-${i}.html.gz`, bytes: gzipSync(page(`<p>${`<${tag}>word `.repeat(n)}</p>`)) };
  },
  'html-many-elements': (r, i) => ({ name: `flat-${i}.html.gz`, bytes: gzipSync(page(`<article>${['<b>x</b> ', '<p>Some words. ', '<div><span>w</span></div>'][i % 3]!.repeat(31_000 + Math.floor(r() * 50_000))}</article>`)) }),
  'html-deep': (r, i) => ({ name: `deep-${i}.html.gz`, bytes: gzipSync(page('<div>'.repeat(300 + Math.floor(r() * 5000)) + `<p>${GOOD}</p>`)) }),
  // 1 MB of text with "on Monday" 100,000 times took 50 s in the date parser.
  'dense-dates': (r, i) => {
    const phrase = [' on Monday', ' on March 3', ' last week on Friday', ` on ${1 + (i % 28)} May 2024`][i % 4]!;
    const varied = i % 3 === 0;
    const words = Array.from({ length: Math.floor((0.6 + r() * 0.4) * MIB / (phrase.length + 8)) }, (_, k) => (varied ? ` on ${1 + (k % 28)} ${['May', 'June', 'July'][k % 3]} ${1990 + (k % 30)}` : phrase) + (k % 12 === 11 ? '.' : ''));
    return { name: `dates-${i}.txt.gz`, bytes: gzipSync(`${GOOD}${words.join('')}`) };
  },
  // 40,000 JSONL records of 20 bytes, 30,000 feed items: one transaction each took over 120 s.
  'tiny-records': (r, i, records) => {
    const n = Math.ceil(records * (0.5 + r()));
    if (i % 2) return { name: `tiny-${i}.rss.gz`, bytes: gzipSync(`<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>${Array.from({ length: n }, (_, k) => `<item><description>Rain ${i}-${k}.</description></item>`).join('')}</channel></rss>`) };
    return { name: `tiny-${i}.jsonl.gz`, bytes: gzipSync(Array.from({ length: n }, (_, k) => JSON.stringify({ text: `Rain ${i}-${k}.` })).join('\n')) };
  },
  'gzip-truncated': (r, i) => {
    const whole = gzipSync(Array.from({ length: 200 }, (_, k) => JSON.stringify({ id: `t${i}-${k}`, text: `${GOOD} (${k})` })).join('\n'));
    return { name: `cut-${i}.jsonl.gz`, bytes: whole.subarray(0, Math.floor(whole.length * (0.3 + r() * 0.6))) };
  },
  'gzip-corrupt': (r, i) => {
    const b = Buffer.from(gzipSync(page(`<p>${GOOD}</p>`.repeat(50))));
    for (let k = 0; k < 8; k++) { const at = 12 + Math.floor(r() * (b.length - 20)); b[at] = b[at]! ^ 0xff; }
    return { name: `corrupt-${i}.html.gz`, bytes: b };
  },
};

/** Variants per class at scale 1: 14 classes × 22 = 308 files. */
const VARIANTS = 22;

/** Writes every hostile file (plus one good file) into `dir`; returns them by class. */
export async function writeHostile(dir: string, options: { scale?: number; records?: number; classes?: readonly string[] } = {}): Promise<HostileFile[]> {
  const variants = Math.max(1, Math.round(VARIANTS * (options.scale ?? 1)));
  await mkdir(dir, { recursive: true });
  const files: HostileFile[] = [];
  for (const [klass, make] of Object.entries(CLASSES)) {
    if (options.classes && !options.classes.includes(klass)) continue;
    await mkdir(join(dir, klass), { recursive: true });
    for (let i = 0; i < variants; i++) {
      const { name, bytes } = make(random(klass.length * 7919 + i), i, options.records ?? 3_000);
      await writeFile(join(dir, klass, name), bytes);
      files.push({ name: join(klass, name), klass });
    }
  }
  await writeFile(join(dir, 'good.txt'), GOOD);
  files.push({ name: 'good.txt', klass: 'good' });
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node --import tsx scripts/hostile.ts DIR [--scale N]');
    process.exit(2);
  }
  const at = process.argv.indexOf('--scale');
  const files = await writeHostile(dir, { scale: at > 0 ? Number(process.argv[at + 1]) : 1 });
  console.log(`${files.length} files in ${dir}`);
}
