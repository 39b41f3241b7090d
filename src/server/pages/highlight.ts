/**
 * Cuts a text into plain and marked pieces, so templates can wrap the marked
 * ones in elements while every piece still goes through the escaping renderer.
 */

export interface Piece<T> {
  readonly text: string;
  /** The range this piece is marked with, or undefined for plain text. */
  readonly mark?: T;
}

/**
 * Marks the given ranges in `text`. Ranges are clipped to the text; where two
 * overlap, the one starting first (the longer on a tie) wins and the other is
 * dropped, because nested highlights are unreadable.
 */
export function markRanges<T extends { readonly start: number; readonly end: number }>(
  text: string,
  ranges: readonly T[],
): Piece<T>[] {
  const sorted = ranges
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.end > r.start && r.start < text.length && r.end > 0)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Piece<T>[] = [];
  let at = 0;
  for (const range of sorted) {
    const start = Math.max(range.start, 0);
    const end = Math.min(range.end, text.length);
    if (start < at) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: text.slice(start, end), mark: range });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** Full-text syntax words that are operators, not search terms. */
const OPERATORS = new Set(['and', 'or', 'not', 'near']);

/** The words of a search query worth highlighting (quotes, operators and `*` dropped). */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = q.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const terms = words.map((w) => w.toLowerCase()).filter((w) => !OPERATORS.has(w));
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Ranges of the words in `text` that start with one of the terms, case-insensitively:
 * the store's full-text search matches word prefixes and stems ("troop" finds
 * "troops"), so the whole word is marked.
 */
export function termRanges(text: string, terms: readonly string[]): { start: number; end: number }[] {
  if (terms.length === 0) return [];
  return [...text.matchAll(patternOf(terms))].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Compiled once per query, not once per statement: compiling the pattern cost more than matching it. */
const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 200;

function patternOf(terms: readonly string[]): RegExp {
  const key = terms.join('\u0000');
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})[\\p{L}\\p{N}]*`, 'giu');
    if (patterns.size >= MAX_PATTERNS) patterns.delete(patterns.keys().next().value!);
    patterns.set(key, pattern);
  }
  return pattern;
}
