import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { MAX_HTML_DEPTH } from './limits.js';

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

/** Text of an HTML fragment or document as paragraphs, one per line: the extractor needs paragraph breaks. */
export function blocksToText(root: Root): string {
  for (const br of Array.from(root.querySelectorAll('br'))) br.replaceWith(BR);
  const paragraphs: string[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    // Inner blocks are visited themselves; only leaf-most blocks give a paragraph.
    if (el.querySelector(BLOCKS)) continue;
    paragraphs.push(...paragraphsOf(el.textContent));
  }
  if (paragraphs.length) return paragraphs.join('\n\n');
  // No block elements: blank lines in the source are the only other paragraph marks.
  return (root.textContent ?? '').split(/\n\s*\n/).flatMap(paragraphsOf).join('\n\n');
}

/**
 * How deep elements nest, counted with the tokenizer linkedom itself parses with (so implied closes, `<p>` and
 * `<li>` closing their open siblings and void elements count the same) and stopped as soon as `max` is passed.
 */
export function nestingOver(html: string, max: number): boolean {
  let depth = 0;
  let over = false;
  const parser = new Parser(
    {
      onopentagname() {
        if (++depth > max && !over) {
          over = true;
          parser.pause();
        }
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: false, lowerCaseAttributeNames: false },
  );
  parser.write(html);
  if (!over) parser.end();
  return over;
}

/** A linkedom document for a page, fragment or feed item body; throws on a page nested deeper than MAX_HTML_DEPTH. */
export function parsePage(html: string): Document {
  if (nestingOver(html, MAX_HTML_DEPTH)) throw new Error(`elements nested deeper than ${MAX_HTML_DEPTH} levels`);
  const wrapped = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document as unknown as Document;
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
