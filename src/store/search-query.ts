/**
 * The search language of `q`: words (all must occur), "exact phrases", OR between alternatives, -exclusions and
 * prefix* words. The user's text becomes an AST first, then an FTS5 MATCH string (SQLite) or a tsquery
 * (PostgreSQL), so both backends answer the same question. Nothing a user types can be a syntax error: only
 * letters and digits reach either engine, every operator is ours, and what does not parse is read as plain words.
 */

/** One word, or a run of words that must stand together. `prefix` only on a single word. */
export interface SearchTerm {
  readonly kind: 'term';
  readonly words: readonly string[];
  readonly phrase: boolean;
  readonly prefix: boolean;
}

/** Every positive term must occur and no negative one. */
export interface SearchClause {
  readonly kind: 'clause';
  readonly must: readonly SearchTerm[];
  readonly not: readonly SearchTerm[];
}

/** Any clause may match. Empty when the text holds no word at all. */
export interface SearchAst {
  readonly kind: 'search';
  readonly any: readonly SearchClause[];
}

/** Most terms one query keeps: a pasted paragraph must not become a query of thousands of terms. */
export const MAX_TERMS = 32;
/** Shortest prefix a `*` applies to: `a*` would expand to most of the index. */
const MIN_PREFIX = 2;

const WORD = /[\p{L}\p{N}]+/gu;
const wordsOf = (s: string) => (s.match(WORD) ?? []).map((w) => w.toLowerCase());

/** Quote marks users type: straight, curly and guillemets. */
const QUOTES = /["“”„«»]/;

/** Splits the text into quoted runs and bare tokens; an unclosed quote mark is dropped and its words read plainly. */
function tokens(text: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  const marks = [...text].filter((ch) => QUOTES.test(ch)).length;
  // An odd number of marks: the last one has no partner and counts as punctuation.
  let pairs = Math.floor(marks / 2);
  let at = 0;
  const chars = [...text];
  let bare = '';
  const flush = () => { for (const t of bare.split(/\s+/)) if (t) out.push({ text: t, quoted: false }); bare = ''; };
  while (at < chars.length) {
    const ch = chars[at]!;
    if (QUOTES.test(ch) && pairs > 0) {
      const close = chars.findIndex((c, i) => i > at && QUOTES.test(c));
      // A `-` right before the opening mark negates the phrase.
      const negated = bare.endsWith('-') && (bare.length === 1 || /\s/.test(bare.at(-2)!));
      if (negated) bare = bare.slice(0, -1);
      flush();
      out.push({ text: (negated ? '-' : '') + chars.slice(at + 1, close).join(''), quoted: true });
      pairs--;
      at = close + 1;
      continue;
    }
    bare += QUOTES.test(ch) ? ' ' : ch;
    at++;
  }
  flush();
  return out;
}

/** The AST of a user's search text. */
export function parseSearch(text: string): SearchAst {
  const clauses: { must: SearchTerm[]; not: SearchTerm[] }[] = [{ must: [], not: [] }];
  let count = 0;
  for (const token of tokens(text)) {
    if (!token.quoted && token.text === 'OR') {
      // OR between two alternatives; at the start, the end or twice in a row it separates nothing.
      if (clauses.at(-1)!.must.length || clauses.at(-1)!.not.length) clauses.push({ must: [], not: [] });
      continue;
    }
    const negated = token.text.startsWith('-') && token.text.length > 1;
    const body = negated ? token.text.slice(1) : token.text;
    const words = wordsOf(body);
    if (!words.length || count >= MAX_TERMS) continue;
    count++;
    const prefix = !token.quoted && words.length === 1 && /[\p{L}\p{N}]\*+$/u.test(body) && words[0]!.length >= MIN_PREFIX;
    // A bare token with inner punctuation ("e-mail", "don't") is a phrase of its parts, as both indexes split it.
    const term: SearchTerm = { kind: 'term', words, phrase: words.length > 1, prefix };
    (negated ? clauses.at(-1)!.not : clauses.at(-1)!.must).push(term);
  }
  // A clause of exclusions alone cannot be matched by FTS5 (NOT needs something to subtract from): its words count as plain words.
  const any = clauses
    .map((c) => (c.must.length ? c : { must: c.not, not: [] }))
    .filter((c) => c.must.length)
    .map((c) => ({ kind: 'clause' as const, must: c.must, not: c.not }));
  return { kind: 'search', any };
}

/** The positive words of a search, for highlighting. */
export function searchWords(ast: SearchAst): string[] {
  return [...new Set(ast.any.flatMap((c) => c.must.flatMap((t) => t.words)))];
}

const ftsTerm = (t: SearchTerm) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;

/** FTS5 MATCH string: `("a" AND "b c") NOT ("d") OR (...)`. A search without words matches nothing (`""`). */
export function ftsMatchString(ast: SearchAst): string {
  if (!ast.any.length) return '""';
  return ast.any.map((c) => {
    const must = `(${c.must.map(ftsTerm).join(' AND ')})`;
    return c.not.length ? `(${must} NOT (${c.not.map(ftsTerm).join(' OR ')}))` : must;
  }).join(' OR ');
}

/** Words reach to_tsquery as letters and digits only, so no quoting is needed and none can break it. */
const tsTerm = (t: SearchTerm) => (t.words.length > 1 ? `(${t.words.join(' <-> ')})` : `${t.words[0]}${t.prefix ? ':*' : ''}`);

/** A to_tsquery('english', …) string: `(a & (b <-> c) & !d) | (…)`; empty when there is no word. */
export function tsQueryString(ast: SearchAst): string {
  return ast.any.map((c) => `(${[...c.must.map(tsTerm), ...c.not.map((t) => `!${tsTerm(t)}`)].join(' & ')})`).join(' | ');
}

/** The user's text as an FTS5 MATCH string. */
export const ftsSearch = (q: string) => ftsMatchString(parseSearch(q));
/** The user's text as a to_tsquery string. */
export const tsSearch = (q: string) => tsQueryString(parseSearch(q));
