import type { Doc, Span } from '../types.js';

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;
/** A line that ends a sentence (or a heading, a label, a closing quote): text that is not hard-wrapped ends so. */
const ENDS_SENTENCE = /[.!?:;"'\u201D\u2019)\]\u2026]\s*$/;
/** Share of lines inside multi-line blocks that may run on before a text counts as hard-wrapped. */
const WRAPPED_SHARE = 0.3;
/** Characters a wrapped line has at least (most hard-wrapped text breaks at 60-80). */
const MIN_WRAPPED_LINE = 40;

/**
 * Paragraphs: the text between line breaks, trimmed; blank lines hold none. Hard-wrapped text (lines
 * broken inside sentences, paragraphs set apart by blank lines, as in e-mail and plain-text archives)
 * has its paragraphs between blank lines instead, so that a sentence is never cut at a wrap.
 */
export function paragraphs(doc: Doc): void {
  const text = doc.text;
  const lines = splitLines(text);
  doc.layers.paragraphs = hardWrapped(text, lines) ? blocks(text, lines) : lines.map((l) => trimmed(text, l)).filter((s): s is Span => !!s);
}

function splitLines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

function trimmed(text: string, s: Span): Span | undefined {
  let start = s.start;
  let end = s.end;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end > start ? { start, end } : undefined;
}

/** Blank lines separate blocks, and many lines inside blocks stop mid-sentence. */
function hardWrapped(text: string, lines: readonly Span[]): boolean {
  let blank = 0, inner = 0, runOn = 0, long = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = trimmed(text, lines[i]!);
    if (!line) { blank++; continue; }
    const next = lines[i + 1] && trimmed(text, lines[i + 1]!);
    if (!next) continue;
    inner++;
    if (!ENDS_SENTENCE.test(text.slice(line.start, line.end))) runOn++;
    // Wrapped lines are long; lists, tables and verse have short ones.
    if (line.end - line.start >= MIN_WRAPPED_LINE) long++;
  }
  return blank > 0 && inner >= 2 && runOn / inner > WRAPPED_SHARE && long / inner > 0.5;
}

/** Paragraphs from the first non-blank line of a block to the end of its last. */
function blocks(text: string, lines: readonly Span[]): Span[] {
  const out: Span[] = [];
  let open: Span | undefined;
  for (const l of lines) {
    const line = trimmed(text, l);
    if (!line) {
      if (open) out.push(open);
      open = undefined;
    } else open = open ? { start: open.start, end: line.end } : line;
  }
  if (open) out.push(open);
  return out;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200b) || code === 0xfeff || code === 11 || code === 12;
}
