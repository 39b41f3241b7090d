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
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length > MAX_XML_DEPTH) {
          problem ??= failure('ONR_ERR_XML', source, `nested deeper than ${MAX_XML_DEPTH} elements`);
          parser.pause();
          return;
        }
        const node: XmlNode = { name: name.toLowerCase(), attrs, children: [], text: '' };
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
  let n = 0;
  for (const item of items) {
    n++;
    const where = `${source}#${n}`;
    if (n > MAX_RECORDS_PER_FILE) {
      yield failure('ONR_ERR_TOO_MANY', source, `more than ${MAX_RECORDS_PER_FILE} items`);
      return;
    }
    try {
      yield readItem(item, atom, where, outlet, language);
    } catch (error) {
      // One item the HTML parser chokes on is one bad record; the feed goes on.
      yield failure('ONR_ERR_XML', where, (error as Error).message);
    }
  }
}

function readItem(item: XmlNode, atom: boolean, where: string, outlet?: string, language?: string): Article | Message {
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
    url: link,
    title: bodyText(child(item, 'title')),
    outlet,
    authors: authors.filter((a): a is string => !!a),
    published: feedDate(textOf(child(item, atom ? 'published' : 'pubdate', 'dc:date'))),
    language: item.attrs['xml:lang'] ?? language,
  });
}
