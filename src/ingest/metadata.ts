import { z } from 'zod';
import { pickTitle } from './meta/title.js';
import { isoDate, pageDate } from './meta/dates.js';
import { bylineAuthors, notPublisher, splitByline } from './meta/authors.js';

export { feedDate, isoDate } from './meta/dates.js';
export { splitByline } from './meta/authors.js';

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
      if (!key) continue;
      // Appended in place: copying the list for each tag made 100,000 <meta name="author"> take seconds.
      const values = index.get(key);
      if (values) values.push(content);
      else index.set(key, [content]);
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
    for (const raw of index.get(key) ?? []) out.push(...(splitByline(notUrl(raw)) ?? []));
  return out.length ? [...new Set(out)] : undefined;
}

/** NewsArticle and its kin (ReportageNewsArticle, OpinionNewsArticle, ...), any *Article, blog posts. */
const ARTICLE_TYPES = /^\w*Article$|^(?:Live)?BlogPosting$/;

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

/** A JSON-LD value: one item or a list of them (the list first: a lenient item would take a list as a bad item). */
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([z.array(item), item]).transform((v) => ([] as unknown[]).concat(v) as z.infer<T>[]);
const LdText = z.string().optional().catch(undefined);
/** A person or organisation: a plain name, or an object with a `name`; a URL alone names nobody. */
const LdName = z
  .union([z.string(), z.object({ name: z.string() }).transform((o) => o.name)])
  .transform((s) => notUrl(squash(s)))
  .catch(undefined);
/** The fields read from a schema.org *Article, each checked on its own so one odd field does not lose the others. */
const LdArticle = z.object({
  url: LdText,
  mainEntityOfPage: z.union([z.string(), z.object({ '@id': z.string() }).transform((o) => o['@id'])]).optional().catch(undefined),
  headline: LdText,
  name: LdText,
  author: oneOrMany(LdName).optional().catch(undefined),
  publisher: oneOrMany(LdName).optional().catch(undefined),
  datePublished: LdText,
  inLanguage: LdText,
});

function jsonLdMeta(doc: Document): PageMeta {
  const found = jsonLdArticles(doc)[0];
  if (!found) return {};
  const a = LdArticle.parse(found);
  const authors = (a.author ?? []).filter((x): x is string => !!x);
  return {
    url: squash(a.url) ?? squash(a.mainEntityOfPage),
    title: squash(a.headline) ?? squash(a.name),
    outlet: a.publisher?.find((x) => !!x),
    authors: authors.length ? authors : undefined,
    published: squash(a.datePublished),
    language: language(a.inLanguage),
  };
}

/** The names a page gives its site, the host's name among them, for telling a site name from a headline. */
function siteNames(index: MetaIndex, sources: PageMeta[], url: string | undefined): string[] {
  const names = [...(index.get('og:site_name') ?? []), ...(index.get('application-name') ?? []), ...(index.get('twitter:site') ?? []).map((s) => s.replace(/^@/, ''))];
  for (const s of sources) if (s.outlet) names.push(s.outlet);
  if (url) {
    try {
      const labels = new URL(url).hostname.replace(/^www\d?\./, '').split('.');
      names.push(labels.length > 1 ? labels.slice(0, -1).join('.') : labels[0]!);
    } catch {
      // A canonical link that is no URL names no host.
    }
  }
  return names;
}

/** The first source's authors that are people, not the publisher; bylines last, only when no other source names one. */
function pickAuthors(doc: Document, sources: PageMeta[], sites: readonly string[]): string[] | undefined {
  const candidates = sources.map((s) => notPublisher(s.authors, sites)).filter((a): a is string[] => !!a);
  // One head source leaves nothing to choose between: the bylines, costly to find, are read only for a choice.
  if (candidates.length === 1) return candidates[0];
  const byline = notPublisher(bylineAuthors(doc), sites);
  if (!byline) return candidates[0];
  // A head tag that names someone the byline does not (a parent company, an old default) yields to one that agrees.
  const keys = new Set(byline.map((n) => n.toLowerCase()));
  return candidates.find((c) => c.some((n) => keys.has(n.toLowerCase()))) ?? candidates[0] ?? byline;
}

function pick<K extends keyof PageMeta>(key: K, sources: PageMeta[]): PageMeta[K] | undefined {
  for (const s of sources) if (s[key] !== undefined) return s[key];
  return undefined;
}

/** Reads metadata from a page; `baseUrl` (e.g. the WARC target URI) resolves a relative canonical link. */
export function pageMeta(doc: Document, options: { baseUrl?: string } = {}): PageMeta {
  const index = metaIndex(doc);
  const metaTags: PageMeta = {
    title: metaContent(index, 'title', 'dc.title', 'citation_title', 'headline'),
    outlet: metaContent(index, 'application-name', 'publisher', 'dc.publisher', 'citation_publisher'),
    authors: metaAll(index, 'author', 'sailthru.author', 'parsely-author', 'dc.creator', 'citation_author', 'byl'),
    language: language(doc.documentElement?.getAttribute('lang')) ?? language(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')),
  };
  const og: PageMeta = {
    url: metaContent(index, 'og:url'),
    title: metaContent(index, 'og:title'),
    outlet: metaContent(index, 'og:site_name'),
    authors: metaAll(index, 'article:author'),
    language: language(metaContent(index, 'og:locale')),
  };
  const ld = jsonLdMeta(doc);
  const markup: PageMeta = {
    title: squash(doc.querySelector('title')?.textContent),
  };
  const sources = [metaTags, og, ld, markup];
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
  const sites = siteNames(index, sources, url);
  const result: PageMeta = {
    url,
    title: pickTitle(doc, sources.map((s) => s.title), sites),
    outlet: pick('outlet', sources),
    // Bylines last, and looked for only when no other source names the authors.
    authors: pickAuthors(doc, sources, sites),
    published: pageDate(doc, (key) => metaContent(index, key), ld.published, url),
    language: pick('language', sources),
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as PageMeta;
}
