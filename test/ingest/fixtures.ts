import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';

/** Fictional article paragraphs, long enough for Readability to find the article. */
export const PARAS = [
  'Mayor Ilse Varnholt of Dunmere said on Monday that the old river bridge would reopen in spring, after months of repairs that closed the main road through town.',
  '"We will not wait any longer," she told reporters at the town hall, adding that the council had approved the remaining funds for the work.',
  'The council voted seven to two in favour of the plan, which critics on the opposition benches had called far too expensive for a town of its size.',
];

export function page(opts: { head?: string; body?: string; lang?: string } = {}): string {
  return `<!doctype html><html${opts.lang ? ` lang="${opts.lang}"` : ''}><head><title>Bridge to reopen | Dunmere Gazette</title>${opts.head ?? ''}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Bridge to reopen</h1>${opts.body ?? ''}${PARAS.map((p) => `<p>${p}</p>`).join('\n')}</article>
<section class="comments" id="comments"><h3>Comments</h3><p>Reader Bo Tamsin wrote: first!</p></section>
<footer>Copyright Dunmere Gazette. All rights reserved.</footer></body></html>`;
}

export function rss(items: Array<{ title: string; link?: string; description?: string; content?: string; pubDate?: string; creator?: string }>, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${head}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Dunmere Gazette</title><link>https://gazette.example/</link><language>en-gb</language>
${items
  .map(
    (i) => `<item><title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ''}${i.description !== undefined ? `<description>${i.description}</description>` : ''}${
      i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''
    }${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}${i.creator ? `<dc:creator>${i.creator}</dc:creator>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function atom(entries: Array<{ title: string; link: string; summary?: string; content?: string; published?: string; author?: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Korvania Herald</title><id>urn:x:herald</id><updated>2024-05-02T00:00:00Z</updated>
${entries
  .map(
    (e) => `<entry><title>${e.title}</title><link rel="alternate" href="${e.link}"/><id>${e.link}</id><updated>2024-05-02T10:00:00Z</updated>${
      e.published ? `<published>${e.published}</published>` : ''
    }${e.author ? `<author><name>${e.author}</name></author>` : ''}${e.summary ? `<summary>${e.summary}</summary>` : ''}${
      e.content ? `<content type="html">${e.content.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</content>` : ''
    }</entry>`,
  )
  .join('\n')}
</feed>`;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export interface WarcPage {
  url: string;
  html: string;
  /** null: the server sent no Content-Type. */
  contentType?: string | null;
  statusline?: string;
  /** Send the body gzip-encoded, as servers do (Content-Encoding: gzip). */
  gzipBody?: boolean;
}

/**
 * A WARC file written by warcio: a warcinfo, then for each page a request, its response and a metadata
 * record, as crawlers write them. `gzip` compresses each record on its own (Common Crawl's .warc.gz);
 * `raw` adds records written by hand (e.g. a DNS record, which has no HTTP part) after the warcinfo.
 */
export async function warc(pages: WarcPage[], options: { gzip?: boolean; raw?: string[] } = {}): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const gzip = !!options.gzip;
  const parts: Uint8Array[] = [];
  parts.push(await WARCSerializer.serialize(WARCRecord.createWARCInfo({ filename: 'test.warc' }, { software: 'onrecord-test' }), { gzip }));
  for (const r of options.raw ?? []) parts.push(gzip ? gzipSync(enc.encode(r)) : enc.encode(r));
  for (const p of pages) {
    const date = '2030-01-01T00:00:00Z';
    const headers: Record<string, string> = { Server: 'test' };
    if (p.contentType !== null) headers['Content-Type'] = p.contentType ?? 'text/html; charset=utf-8';
    if (p.gzipBody) headers['Content-Encoding'] = 'gzip';
    const body = p.gzipBody ? gzipSync(enc.encode(p.html)) : enc.encode(p.html);
    parts.push(await WARCSerializer.serialize(WARCRecord.create({ url: p.url, date, type: 'request', httpHeaders: { Host: 'x' } }, once(new Uint8Array())), { gzip }));
    parts.push(await WARCSerializer.serialize(WARCRecord.create({ url: p.url, date, type: 'response', statusline: p.statusline, httpHeaders: headers }, once(body)), { gzip }));
    const fields = enc.encode('fetchTimeMs: 12\r\n');
    parts.push(await WARCSerializer.serialize(WARCRecord.create({ url: p.url, date, type: 'metadata', warcHeaders: { 'Content-Type': 'application/warc-fields' } }, once(fields)), { gzip }));
  }
  return Buffer.concat(parts);
}

/** A record as a crawler writes it for a DNS lookup: a response with no HTTP part. */
export function dnsRecord(host: string): string {
  const body = `20300101000000\n${host}. 300 IN A 192.0.2.1\n`;
  return `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: dns:${host}\r\nWARC-Date: 2030-01-01T00:00:00Z\r\nContent-Type: text/dns\r\nContent-Length: ${body.length}\r\n\r\n${body}\r\n\r\n`;
}
