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

/** A WARC file written by warcio: a warcinfo, then for each page a request and its HTML response. */
export async function warc(pages: Array<{ url: string; html: string; contentType?: string }>): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  parts.push(await WARCSerializer.serialize(WARCRecord.createWARCInfo({ filename: 'test.warc' }, { software: 'onrecord-test' })));
  for (const p of pages) {
    const date = '2030-01-01T00:00:00Z';
    parts.push(await WARCSerializer.serialize(WARCRecord.create({ url: p.url, date, type: 'request', httpHeaders: { Host: 'x' } }, once(new Uint8Array()))));
    parts.push(
      await WARCSerializer.serialize(
        WARCRecord.create({ url: p.url, date, type: 'response', httpHeaders: { 'Content-Type': p.contentType ?? 'text/html; charset=utf-8' } }, once(enc.encode(p.html))),
      ),
    );
  }
  return Buffer.concat(parts);
}
