import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from './limits.js';

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt, figcaption, td';
const NOISE = 'script, style, noscript, nav, footer, aside, form, template, iframe, svg';

type Root = { querySelectorAll(s: string): ArrayLike<Element>; textContent: string | null };

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Stands in for <br> in textContent, which would otherwise glue the words on either side together. */
const BR = '\uE000';
/** Two or more <br> (pages that use them instead of <p>) break a paragraph; a single one is a space. */
const paragraphsOf = (text: string | null): string[] =>
  (text ?? '')
    .split(new RegExp(`${BR}\\s*${BR}[\\s${BR}]*`))
    .map((s) => squash(s.replaceAll(BR, ' ')))
    .filter(Boolean);

/** Elements that hold blocks rather than a paragraph's words: their loose text is a paragraph of its own. */
const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'header', 'body', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'figure', 'aside', 'center', 'details', 'summary', 'hgroup', 'address', 'html', 'form', 'fieldset']);
const BLOCK_TAGS = new Set(BLOCKS.split(', '));
const ANY_BLOCK = [BLOCKS, ...CONTAINERS].join(', ');

/** Text of an HTML fragment or document as paragraphs, one per line: the extractor needs paragraph breaks. */
export function blocksToText(root: Root): string {
  for (const br of Array.from(root.querySelectorAll('br'))) br.replaceWith(BR);
  if (!root.querySelectorAll(BLOCKS).length) {
    // No block elements: blank lines in the source are the only other paragraph marks.
    return (root.textContent ?? '').split(/\n\s*\n/).flatMap(paragraphsOf).join('\n\n');
  }
  const paragraphs: string[] = [];
  collect(root as unknown as Node, paragraphs);
  return paragraphs.join('\n\n');
}

/**
 * Paragraphs in document order: a leaf-most block element gives one (or more, split at double <br>), and so does
 * the text written straight inside a container beside its blocks (`<section>words<p>…</p>more words</section>`,
 * the "— name (@handle)" line of an embedded post), which a walk over the blocks alone would drop.
 */
function collect(parent: Node, out: string[]): void {
  let loose = '';
  const flush = () => {
    out.push(...paragraphsOf(loose).filter(prose));
    loose = '';
  };
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) {
      loose += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    const holdsBlocks = !!el.querySelector(ANY_BLOCK);
    if (!holdsBlocks && !BLOCK_TAGS.has(tag) && !CONTAINERS.has(tag)) {
      loose += el.textContent ?? '';
      continue;
    }
    flush();
    if (holdsBlocks) collect(el, out);
    else out.push(...paragraphsOf(el.textContent).filter((p) => BLOCK_TAGS.has(tag) || prose(p)));
  }
  flush();
}

/**
 * Loose text, or a bare <div>'s, is kept when it reads as prose: a few words or a sentence's length. Menus and
 * widgets leave one- and two-word labels there ("Privacy", "Print PDF") that no paragraph element would hold.
 */
const prose = (text: string): boolean => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= 4 || text.length >= 25;

/**
 * Closes this htmlparser2 implies on opening a tag that linkedom's older copy of it does not (a new `<a>` closing
 * an open `<a>`, a heading closing a heading): for linkedom, those elements stay open and nest.
 */
const KEPT_OPEN: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['a', new Set(['a'])],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])] as const),
]);

/** Head elements that carry no text: Readability never walks them, and pages repeat them by the thousand. */
const UNCOUNTED: ReadonlySet<string> = new Set(['meta', 'link']);

/**
 * Whether a page is too big a job for the DOM parser: elements nested deeper than `maxDepth` (as linkedom will
 * nest them) or more than `maxElements` of them, counted with the tokenizer and stopped as soon as a limit is
 * passed, so the DOM is never built for them.
 */
export function nestingOver(html: string, maxDepth: number, maxElements = Infinity): string | undefined {
  let depth = 0;
  let elements = 0;
  let over: string | undefined;
  // Implied closes seen since the last token: the ones an opening tag causes come just before it.
  let implied: string[] = [];
  const parser = new Parser(
    {
      onopentagname(name) {
        if (over) return;
        const kept = KEPT_OPEN.get(name);
        if (kept) depth += implied.filter((n) => kept.has(n)).length;
        implied = [];
        if (++depth > maxDepth) over = `elements nested deeper than ${maxDepth} levels`;
        else if (!UNCOUNTED.has(name) && ++elements > maxElements) over = `more than ${maxElements} elements`;
        if (over) parser.pause();
      },
      onclosetag(name, isImplied) {
        depth--;
        if (isImplied) implied.push(name);
        else implied = [];
      },
      ontext() {
        implied = [];
      },
    },
    { decodeEntities: false, lowerCaseAttributeNames: false },
  );
  parser.write(html);
  if (!over) parser.end();
  return over;
}

/** Whether the tree under `root` is deeper than `max`, walked without recursion (a deep tree must not overflow the stack). */
export function treeDeeperThan(root: Element, max: number): boolean {
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > max) return true;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  return false;
}

/**
 * A linkedom document for a page, fragment or feed item body; throws when it is too big a job (deeper than
 * MAX_HTML_DEPTH, more than MAX_HTML_ELEMENTS): 20,000 unclosed `<a>` (240 KB) nest 20,000 deep in the DOM and
 * kept Readability busy for minutes.
 */
export function parsePage(html: string): Document {
  const refused = nestingOver(html, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS);
  if (refused) throw new Error(refused);
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const doc = parseHTML(wrapped).document as unknown as Document;
  // <html> and <body> are two levels the tokenizer counted too.
  if (treeDeeperThan(doc.documentElement, MAX_HTML_DEPTH + 2)) throw new Error(`elements nested deeper than ${MAX_HTML_DEPTH} levels`);
  return doc;
}

/** Plain text with blank lines between paragraphs, whitespace inside each squashed. */
export const plainText = (text: string): string => text.split(/\n\s*\n/).map(squash).filter(Boolean).join('\n\n');

/** Plain text of an HTML fragment (feed items, JSONL `html`). */
export function htmlToText(html: string): string {
  // Without markup or entities (feeds often escape twice: `&amp;eacute;`) the text needs no parser.
  if (!/<[a-z!\/]|&#?\w+;/i.test(html)) return plainText(html);
  const doc = parsePage(html);
  for (const el of Array.from(doc.querySelectorAll(NOISE))) el.remove();
  return blocksToText(doc.body as unknown as Root);
}

/**
 * Main article text of a full page through Readability, navigation, comments and
 * boilerplate left out. Falls back to the page's own blocks when Readability finds no article.
 * Readability changes the document, so metadata must be read before this.
 */
export function mainText(doc: Document): { text: string; byline?: string } {
  let parsed: { content?: unknown; byline?: string | null } | null = null;
  try {
    // Keep Readability's result as an element: serialising to HTML and parsing it again costs a third of the time.
    parsed = new Readability<Element>(doc, { charThreshold: 200, serializer: (el) => el as Element }).parse();
  } catch {
    parsed = null;
  }
  if (parsed?.content) {
    const text = blocksToText(parsed.content as Root);
    if (text) return { text, byline: parsed.byline ?? undefined };
  }
  for (const el of Array.from(doc.querySelectorAll(NOISE))) el.remove();
  return { text: doc.body ? blocksToText(doc.body as unknown as Root) : '' };
}
