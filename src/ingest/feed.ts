import { Parser } from 'htmlparser2';
import type { Article, Message } from '../types.js';
import { makeArticle } from './article.js';
import { failure } from './decode.js';
import { htmlToText, plainText } from './html.js';
import { feedDate } from './metadata.js';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_FILE, MAX_XML_DEPTH } from './limits.js';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  /** The raw markup between the tags, for HTML written unescaped inside an element (Atom xhtml, sloppy RSS). */
  inner?: string;
}

/** DTD entity declarations are refused outright: no entity expansion, no bomb. */
export const ENTITY_DECLARATION = /<!ENTITY/i;

/** Parses XML into a small tree; throws a Message on malformed or hostile input. */
export function parseXml(xml: string, source: string): XmlNode {
  if (ENTITY_DECLARATION.test(xml)) throw failure('ONR_ERR_ENTITY_EXPANSION', source);
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let problem: Message | undefined;
  // htmlparser2 reports `<x/>` as an implied close too; only other implied closes mean broken XML.
  const selfClosing = new WeakSet<XmlNode>();
  const innerStart = new WeakMap<XmlNode, number>();
  // Prefixes bound to Atom or RSS namespaces ("atom:entry" in a feed that declares xmlns:atom) read as plain names.
  const feedPrefixes = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length > MAX_XML_DEPTH) {
          problem ??= failure('ONR_ERR_XML', source, `nested deeper than ${MAX_XML_DEPTH} elements`);
          parser.pause();
          return;
        }
        for (const [k, v] of Object.entries(attrs)) if (k.startsWith('xmlns:') && FEED_NAMESPACES.has(v.trim())) feedPrefixes.add(k.slice(6).toLowerCase());
        const node: XmlNode = { name: unprefixed(name.toLowerCase(), feedPrefixes), attrs, children: [], text: '' };
        if (xml[parser.endIndex - 1] === '/') selfClosing.add(node);
        else innerStart.set(node, parser.endIndex + 1);
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
      },
      ontext(text) {
        stack[stack.length - 1]!.text += text;
      },
      onclosetag(name, implied) {
        const node = stack[stack.length - 1]!;
        if (implied && !selfClosing.has(node)) problem ??= failure('ONR_ERR_XML', source, `<${name}> is never closed`);
        if (node.children.length && innerStart.has(node)) node.inner = xml.slice(innerStart.get(node), parser.startIndex);
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  if (!problem) parser.end();
  if (problem) throw problem;
  const top = root.children;
  if (top.length !== 1) throw failure('ONR_ERR_XML', source, top.length ? 'more than one root element' : 'no root element');
  return top[0]!;
}

/** Atom 1.0 and 0.3, RSS 1.0 and the informal RSS 2.0 namespace. */
const FEED_NAMESPACES = new Set([
  'http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#', 'http://purl.org/rss/1.0/', 'http://backend.userland.com/rss2',
]);

function unprefixed(name: string, prefixes: ReadonlySet<string>): string {
  const colon = name.indexOf(':');
  return colon > 0 && prefixes.has(name.slice(0, colon)) ? name.slice(colon + 1) : name;
}

const child = (node: XmlNode, ...names: string[]): XmlNode | undefined => {
  for (const n of names) {
    const found = node.children.find((c) => c.name === n);
    if (found) return found;
  }
  return undefined;
};
const textOf = (node: XmlNode | undefined): string | undefined => node?.text.trim() || undefined;

/**
 * An item body as text: markup written as child elements (Atom type="xhtml", or unescaped HTML in an
 * RSS description), escaped or CDATA HTML, or Atom type="text", which is not HTML at all.
 */
function bodyText(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.inner) return htmlToText(node.inner) || undefined;
  const text = textOf(node);
  if (!text) return undefined;
  return (node.attrs.type === 'text' ? plainText(text) : htmlToText(text)) || undefined;
}

/**
 * The "(Jo Roe)" at the end of a string: what /\(([^)]+)\)\s*$/ matches, found with indexOf because that
 * pattern scans from every "(" to the end (40,000 "(" in an <author>: 1.8 s, growing with the square).
 */
function bracketedTail(raw: string): string | undefined {
  const t = raw.trimEnd();
  if (!t.endsWith(')')) return undefined;
  const close = t.length - 1;
  const open = t.indexOf('(', t.lastIndexOf(')', close - 1) + 1);
  return open >= 0 && open < close - 1 ? t.slice(open + 1, close) : undefined;
}

/** RSS 2.0 <author> is an e-mail address with the name in brackets: "jo@x.example (Jo Roe)". */
function authorName(raw: string): string | undefined {
  const named = bracketedTail(raw) ?? raw;
  return /@/.test(named) ? undefined : named.trim() || undefined;
}

function atomLink(entry: XmlNode): string | undefined {
  const links = entry.children.filter((c) => c.name === 'link');
  const alt = links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate');
  return alt?.attrs.href;
}

/** An absolute http(s) URL for a link written relative to the feed ("/news/a.html"), else the link as given. */
function resolved(link: string | undefined, base: string | undefined): string | undefined {
  if (!link || !base) return link;
  try {
    const url = new URL(link, base);
    return /^https?:$/.test(url.protocol) ? url.href : link;
  } catch {
    return link;
  }
}

/** What relative links of the feed are relative to: xml:base, else the feed's own or its site's address. */
function feedBase(root: XmlNode, channel: XmlNode, atom: boolean): string | undefined {
  const links = channel.children.filter((c) => c.name === 'link' || c.name === 'atom:link');
  const self = links.find((l) => l.attrs.rel === 'self')?.attrs.href;
  const site = atom ? atomLink(channel) : textOf(links.find((l) => l.name === 'link' && !l.attrs.href));
  const base = root.attrs['xml:base'] ?? channel.attrs['xml:base'];
  for (const candidate of [base, site, self]) {
    if (candidate && /^https?:\/\//i.test(candidate)) return candidate;
  }
  return undefined;
}

/** Each feed item/entry as an article: full content when present, summary otherwise. */
export function* readFeed(xml: string, source: string): Generator<Article | Message> {
  let root: XmlNode;
  try {
    root = parseXml(xml, source);
  } catch (message) {
    yield message as Message;
    return;
  }
  const atom = root.name === 'feed';
  const channel = atom ? root : child(root, 'channel');
  if (!channel || !['rss', 'feed', 'rdf:rdf'].includes(root.name)) {
    yield failure('ONR_ERR_FORMAT', source, `<${root.name}> is neither an RSS nor an Atom feed`);
    return;
  }
  const outlet = textOf(child(channel, 'title'));
  const language = textOf(child(channel, 'language')) ?? root.attrs['xml:lang'];
  const items = (atom ? root : channel.name === 'channel' && root.name === 'rdf:rdf' ? root : channel).children.filter(
    (c) => c.name === (atom ? 'entry' : 'item'),
  );
  if (!items.length) {
    yield failure('ONR_ERR_EMPTY', source, `the ${atom ? 'Atom' : 'RSS'} feed has no ${atom ? 'entries' : 'items'}`);
    return;
  }
  const base = feedBase(root, channel, atom);
  let n = 0;
  for (const item of items) {
    n++;
    const where = `${source}#${n}`;
    if (n > MAX_RECORDS_PER_FILE) {
      yield failure('ONR_ERR_TOO_MANY', source, `more than ${MAX_RECORDS_PER_FILE} items`);
      return;
    }
    try {
      yield readItem(item, atom, where, { outlet, language, base });
    } catch (error) {
      // One item the HTML parser chokes on is one bad record; the feed goes on.
      yield failure('ONR_ERR_XML', where, (error as Error).message);
    }
  }
}

interface FeedContext { readonly outlet?: string; readonly language?: string; readonly base?: string }

function readItem(item: XmlNode, atom: boolean, where: string, feed: FeedContext): Article | Message {
  const text = atom ? bodyText(child(item, 'content')) ?? bodyText(child(item, 'summary')) : bodyText(child(item, 'content:encoded')) ?? bodyText(child(item, 'description'));
  if (!text) return failure('ONR_ERR_EMPTY', where, 'the item has no content or summary');
  if (text.length > MAX_RECORD_BYTES) return failure('ONR_ERR_TOO_LARGE', where, `${text.length} characters, limit ${MAX_RECORD_BYTES}`);
  const authors = atom
    ? item.children.filter((c) => c.name === 'author').map((a) => textOf(child(a, 'name')))
    : item.children.filter((c) => c.name === 'dc:creator' || c.name === 'author').map((c) => authorName(textOf(c) ?? ''));
  const guid = child(item, 'guid');
  const link = atom ? atomLink(item) : textOf(child(item, 'link')) ?? (guid?.attrs.isPermaLink !== 'false' ? textOf(guid) : undefined);
  return makeArticle({
    text,
    source: where,
    url: resolved(link, item.attrs['xml:base'] ? resolved(item.attrs['xml:base'], feed.base) : feed.base),
    title: bodyText(child(item, 'title')),
    outlet: feed.outlet,
    authors: authors.filter((a): a is string => !!a),
    // An entry with only <updated> (Atom requires it, <published> is optional) is dated by it.
    published: feedDate(textOf(atom ? child(item, 'published', 'issued', 'updated', 'modified') : child(item, 'pubdate', 'dc:date', 'atom:updated', 'updated'))),
    language: item.attrs['xml:lang'] ?? feed.language,
  });
}
