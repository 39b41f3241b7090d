import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Sentence, Span, Token } from '../types.js';

// Loaded once per process: the model takes ~100 ms to set up. Only sentence
// splitting and tagging: the rest of wink's default pipe (NER, negation,
// sentiment) costs time and is not used.
const nlp = winkNLP(model, ['sbd', 'pos']);

/**
 * Longest run of non-space characters wink is given. Its abbreviation test is quadratic in a token's
 * length (a 200,000-character run of base64 took 20 s); no word is this long, and URLs or encoded
 * blobs cut into pieces lose nothing the extractor reads.
 */
export const MAX_TOKEN_CHARS = 64;

function breakLongRuns(text: string): string {
  const long = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, 'g');
  if (!long.test(text)) return text;
  long.lastIndex = 0;
  return text.replace(long, (run) => run.replace(new RegExp(`(\\S{${MAX_TOKEN_CHARS - 1}})\\S`, 'g'), '$1 '));
}

const its = nlp.its;

/**
 * Tokens with exact offsets into the text, and sentences that never cross a paragraph.
 * wink reads the whole text at once (about twice as fast as one call per paragraph);
 * its sentences are then cut at paragraph boundaries.
 */
export function sentences(doc: Doc): void {
  const text = doc.text;
  const paragraphs: readonly Span[] = doc.layers.paragraphs ?? [{ start: 0, end: text.length }];
  // wink reads a copy of the same length in which no run of non-space is longer than MAX_TOKEN_CHARS,
  // so offsets found in the copy hold for the text.
  const readable = breakLongRuns(text);
  const wdoc = nlp.readDoc(readable);
  const values = wdoc.tokens().out(its.value) as string[];
  const tags = wdoc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  const paragraphOf: number[] = [];
  /** wink token index -> index of the first of our tokens at or after it. */
  const map: number[] = new Array(values.length + 1);
  let cursor = 0;
  let p = 0;
  for (let i = 0; i < values.length; i++) {
    map[i] = tokens.length;
    const value = values[i]!;
    // wink keeps token values verbatim; searching forward keeps offsets exact.
    let at = readable.startsWith(value, cursor) ? cursor : readable.indexOf(value, cursor);
    if (at < 0) at = cursor;
    const end = Math.min(at + value.length, text.length);
    cursor = end;
    const tag = tags[i] ?? 'X';
    if (tag === 'SPACE' || value.trim() === '') continue;
    while (p < paragraphs.length - 1 && at >= paragraphs[p]!.end) p++;
    const original = text.slice(at, end);
    tokens.push({ start: at, end, value: original, pos: tag, normal: original.toLowerCase() });
    paragraphOf.push(p);
  }
  map[values.length] = tokens.length;
  const sents: Sentence[] = [];
  for (const [from, to] of wdoc.sentences().out(its.span) as unknown as [number, number][]) {
    let first = map[from]!;
    const last = map[to + 1]! - 1;
    for (let k = first; k <= last; k++) {
      if (k === last || paragraphOf[k + 1] !== paragraphOf[k]) {
        sents.push({ start: tokens[first]!.start, end: tokens[k]!.end, paragraph: paragraphOf[k]!, firstToken: first, lastToken: k });
        first = k + 1;
      }
    }
  }
  doc.layers.tokens = tokens;
  doc.layers.sentences = joinLowerCaseStarts(splitBeforeQuotes(sents, tokens), text);
}

/**
 * wink ends a sentence at every `?"` and `!"`; in news the attribution that follows
 * (`"Why now?" asked Varnholt.`) starts in lower case and belongs to the same sentence.
 */
function joinLowerCaseStarts(sents: Sentence[], text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sents) {
    const prev = out[out.length - 1];
    const before = prev ? text.slice(prev.start, prev.end) : '';
    // "Sen. Mila Harrow (D-Dunm.) said": wink ends a sentence at an abbreviation's full stop, even inside brackets.
    const abbreviation = /(?:\b\p{Lu}\p{Ll}{0,3}\.|\.\))$/u.test(before) || count(before, '(') > count(before, ')');
    // "Sen. Ann Reed (D-R.I.), said …": a sentence cannot open with a closing bracket or a comma.
    const continues = /^\p{Ll}/u.test(text.charAt(s.start)) && (abbreviation || /[?!,]["\u201D'\u2019]?$/.test(before));
    if (prev && prev.paragraph === s.paragraph && (continues || /^[),;]/.test(text.charAt(s.start)))) {
      out[out.length - 1] = { ...prev, end: s.end, lastToken: s.lastToken };
    } else out.push(s);
  }
  return out;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

const OPENING = new Set(['"', '\u201C', '\u2018', "'"]);

/** wink runs on past `no. "Every month …`: a full stop, then an opening mark and a capital, starts a sentence. */
function splitBeforeQuotes(sents: Sentence[], tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sents) {
    let first = s.firstToken;
    for (let k = s.firstToken; k < s.lastToken - 1; k++) {
      const t = tokens[k]!;
      const mark = tokens[k + 1]!;
      // wink keeps "no." as one token; a capitalised one ("Mr.", "No.") is an abbreviation.
      if ((/^[.!?]$/.test(t.value) || /^[\p{Ll}.]+[.!?]$/u.test(t.value)) && OPENING.has(mark.value) && mark.start > t.end && /^\p{Lu}/u.test(tokens[k + 2]!.value)) {
        out.push({ ...s, start: tokens[first]!.start, end: t.end, firstToken: first, lastToken: k });
        first = k + 1;
      }
    }
    out.push(first === s.firstToken ? s : { ...s, start: tokens[first]!.start, firstToken: first });
  }
  return out;
}
