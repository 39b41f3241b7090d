import type { Doc, QuoteMark, QuoteSpan, Span } from '../types.js';
import { report } from './document.js';

/** Quotes nested deeper than this are reported and not paired further. */
export const MAX_QUOTE_DEPTH = 8;

const isWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

type Role = 'open' | 'close' | 'either' | null;

/** What a mark at i can be; apostrophes (don't, Jones', '90s, 'n') are null. */
function roleOf(text: string, i: number): [QuoteMark, Role] | null {
  const c = text[i];
  const prev = text[i - 1];
  const next = text[i + 1];
  if (c === '\u201C') return ['double', 'open'];
  if (c === '\u201D') return ['double', 'close'];
  if (c === '"') return ['double', 'either'];
  if (c !== "'" && c !== '\u2018' && c !== '\u2019') return null;
  if (isWord(prev) && isWord(next)) return null; // don't, rock'n'roll
  if (prev === 'n' && /['\u2018]/.test(text[i - 2] ?? '')) return null; // rock 'n' roll
  if (/\d/.test(next ?? '') && !isWord(prev)) return null; // '90s
  if (c === '\u2018' || ((isSpace(prev) || /[([{\u2014\u2013"\u201C-]/.test(prev ?? '')) && !isSpace(next))) {
    if (next === 'n' && /['\u2019]/.test(text[i + 2] ?? '')) return null; // rock 'n' roll
    return ['single', 'open'];
  }
  if (!isSpace(prev) && (isSpace(next) || /[.,;:!?)\]\u2014\u2013"\u201D-]/.test(next ?? ''))) return ['single', 'close'];
  return null;
}

interface Open { pos: number; mark: QuoteMark }

/** A single closing mark further on: after punctuation, or before punctuation or the end. */
const LATER_SINGLE_CLOSE = /[.,!?]['\u2019]|\p{L}['\u2019](?:[.,;:!?]|\s*$)/u;

export function quotes(doc: Doc): void {
  const text = doc.text;
  const paragraphs: readonly Span[] = doc.layers.paragraphs ?? [{ start: 0, end: text.length }];
  const out: QuoteSpan[] = [];
  let carry = false; // previous paragraph ended inside an unclosed quote
  let carriedFrom = 0;
  for (const p of paragraphs) {
    const stack: Open[] = [];
    let continued = false;
    let first = p.start;
    while (first < p.end && isSpace(text[first])) first++;
    const opensWithQuote = /["\u201C'\u2018]/.test(text[first] ?? '');
    if (carry && opensWithQuote) continued = true;
    else if (carry) report(doc, 'ONR_ERR_UNBALANCED_QUOTES', 'warning', 'closing mark missing', carriedFrom);
    carry = false;
    let tooDeep = false;
    for (let i = p.start; i < p.end; i++) {
      const r = roleOf(text, i);
      if (!r) continue;
      const [mark, role] = r;
      const top = stack[stack.length - 1];
      const closes = top && top.mark === mark && (role === 'close' || (role === 'either' && !(isSpace(text[i - 1]) && !isSpace(text[i + 1]))));
      // "the ministers' call": a plural possessive inside single marks, when a real closing mark follows.
      if (closes && mark === 'single' && text[i - 1] === 's' && /^\s\p{Ll}/u.test(text.slice(i + 1, i + 3)) && LATER_SINGLE_CLOSE.test(text.slice(i + 1, p.end))) continue;
      if (closes) {
        stack.pop();
        out.push({
          start: top.pos + 1, end: i, mark, depth: stack.length,
          ...(continued && stack.length === 0 && top.pos === first ? { continued: true } : {}),
        });
        continue;
      }
      if (role === 'close') continue; // stray closing single mark: most often an apostrophe (Jones')
      if (stack.length >= MAX_QUOTE_DEPTH) {
        if (!tooDeep) report(doc, 'ONR_ERR_TOO_DEEP', 'warning', `more than ${MAX_QUOTE_DEPTH} levels`, i);
        tooDeep = true;
        continue;
      }
      stack.push({ pos: i, mark });
    }
    // An unclosed double quote at paragraph start runs to the paragraph end (multi-paragraph quote).
    const outer = stack[0];
    if (outer && outer.mark === 'double' || outer && outer.pos === first) {
      let end = p.end;
      while (end > outer.pos + 1 && isSpace(text[end - 1])) end--;
      if (outer.pos === first || stack.length === 1) {
        out.push({ start: outer.pos + 1, end, mark: outer.mark, depth: 0, unclosed: true, ...(continued ? { continued: true } : {}) });
        carry = outer.pos === first || outer.mark === 'double';
        carriedFrom = outer.pos;
      }
      if (!carry) report(doc, 'ONR_ERR_UNBALANCED_QUOTES', 'warning', undefined, outer.pos);
    } else if (outer) {
      report(doc, 'ONR_ERR_UNBALANCED_QUOTES', 'warning', undefined, outer.pos);
    }
  }
  if (carry) report(doc, 'ONR_ERR_UNBALANCED_QUOTES', 'warning', 'closing mark missing', carriedFrom);
  out.sort((a, b) => a.start - b.start || a.depth - b.depth);
  doc.layers.quotes = out;
}
