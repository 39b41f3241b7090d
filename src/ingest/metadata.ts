/**
 * Article metadata from a page's head and markup. Sources are tried in the
 * issue's order of trust: meta tags, Open Graph, schema.org JSON-LD, <time>,
 * bylines. The first source that gives a field wins; a field no source gives
 * stays missing.
 */
export interface PageMeta {
  url?: string;
  title?: string;
  outlet?: string;
  authors?: string[];
  published?: string;
  language?: string;
}

const squash = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t || undefined;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date or date-time as given; anything else is not a date we can trust. */
export function isoDate(value: unknown): string | undefined {
  const s = squash(value);
  if (!s || !ISO_DATE.test(s)) return undefined;
  return s.replace(' ', 'T');
}

/** RFC 822 (RSS pubDate) or ISO to ISO; undefined when unparseable. */
export function feedDate(value: unknown): string | undefined {
  const s = squash(value);
  if (!s) return undefined;
  const iso = isoDate(s);
  if (iso) return iso;
  const time = Date.parse(s);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function language(value: unknown): string | undefined {
  const s = squash(value);
  return s && /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(s) ? s.replace(/_/g, '-') : undefined;
}

const notUrl = (s: string | undefined): string | undefined => (s && !/^https?:\/\//i.test(s) ? s : undefined);

type MetaIndex = Map<string, string[]>;

/** All <meta> values by lower-cased name/property/itemprop, read in one pass: selector queries per key are slow. */
function metaIndex(doc: Document): MetaIndex {
  const index: MetaIndex = new Map();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = squash(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['name', 'property', 'itemprop']) {
      const key = el.getAttribute(attr)?.toLowerCase();
      if (key) index.set(key, [...(index.get(key) ?? []), content]);
    }
  }
  return index;
}

function metaContent(index: MetaIndex, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = index.get(key)?.[0];
    if (value) return value;
  }
  return undefined;
}

function metaAll(index: MetaIndex, ...keys: string[]): string[] | undefined {
  const out: string[] = [];
  for (const key of keys)
    for (const raw of index.get(key) ?? []) {
      const v = notUrl(raw);
      if (v) out.push(...v.split(/\s*(?:,|;|\band\b)\s*/).filter(Boolean));
    }
  return out.length ? [...new Set(out)] : undefined;
}

const ARTICLE_TYPES = /^(?:News|Report|Analysis|Opinion|Review|Background|Scholarly|Satirical)?Article$|^(?:BlogPosting|LiveBlogPosting)$/;

/** Article-like objects in every JSON-LD block, including @graph. */
export function jsonLdArticles(doc: Document): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(obj['@type'] ?? []);
    if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(obj);
    if (obj['@graph']) visit(obj['@graph']);
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common on real pages; the other sources still count.
    }
  }
  return found;
}

const nameOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? notUrl(squash(v)) : v && typeof v === 'object' ? squash((v as { name?: unknown }).name) : undefined;

function jsonLdMeta(doc: Document): PageMeta {
  const a = jsonLdArticles(doc)[0];
  if (!a) return {};
  const authors = ([] as unknown[]).concat(a.author ?? []).map(nameOf).filter((x): x is string => !!x);
  const main = a.mainEntityOfPage;
  return {
    url: squash(a.url) ?? (typeof main === 'string' ? main : squash((main as { '@id'?: unknown } | undefined)?.['@id'])),
    title: squash(a.headline) ?? squash(a.name),
    outlet: nameOf(a.publisher),
    authors: authors.length ? authors : undefined,
    published: isoDate(a.datePublished),
    language: language(typeof a.inLanguage === 'string' ? a.inLanguage : undefined),
  };
}

function bylineAuthors(doc: Document, readabilityByline?: string): string[] | undefined {
  const el = doc.querySelector('[rel="author"], [itemprop="author"], .byline, .author, [class*="byline"]');
  const raw = squash(el?.textContent) ?? squash(readabilityByline);
  if (!raw) return undefined;
  const names = raw
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((s) => s.trim())
    .filter((s) => s && s.length < 80);
  return names.length ? names : undefined;
}

function pick<K extends keyof PageMeta>(key: K, sources: PageMeta[]): PageMeta[K] | undefined {
  for (const s of sources) if (s[key] !== undefined) return s[key];
  return undefined;
}

/** Reads metadata from a page; `baseUrl` (e.g. the WARC target URI) resolves a relative canonical link. */
export function pageMeta(doc: Document, options: { baseUrl?: string; byline?: string } = {}): PageMeta {
  const index = metaIndex(doc);
  const metaTags: PageMeta = {
    title: metaContent(index, 'title', 'dc.title', 'citation_title', 'headline'),
    outlet: metaContent(index, 'application-name', 'publisher', 'dc.publisher', 'citation_publisher'),
    authors: metaAll(index, 'author', 'dc.creator', 'citation_author', 'byl'),
    published: isoDate(metaContent(index, 'date', 'pubdate', 'publish-date', 'publication_date', 'dc.date', 'dcterms.created', 'citation_publication_date', 'article.published', 'parsely-pub-date')),
    language: language(doc.documentElement?.getAttribute('lang')) ?? language(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')),
  };
  const og: PageMeta = {
    url: metaContent(index, 'og:url'),
    title: metaContent(index, 'og:title'),
    outlet: metaContent(index, 'og:site_name'),
    authors: metaAll(index, 'article:author'),
    published: isoDate(metaContent(index, 'article:published_time')),
    language: language(metaContent(index, 'og:locale')),
  };
  const timeEl = doc.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]');
  const markup: PageMeta = {
    published: isoDate(timeEl?.getAttribute('datetime')),
    title: squash(doc.querySelector('title')?.textContent),
    authors: bylineAuthors(doc, options.byline),
  };
  const sources = [metaTags, og, jsonLdMeta(doc), markup];
  const canonical = squash(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ?? pick('url', sources);
  let url: string | undefined;
  if (canonical) {
    try {
      url = new URL(canonical, options.baseUrl).toString();
    } catch {
      url = undefined;
    }
  }
  url ??= options.baseUrl;
  const result: PageMeta = {
    url,
    title: pick('title', sources),
    outlet: pick('outlet', sources),
    authors: pick('authors', sources),
    published: pick('published', sources),
    language: pick('language', sources),
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as PageMeta;
}
