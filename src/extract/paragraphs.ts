import type { Doc, Span } from '../types.js';

/** A paragraph is the text between line breaks, trimmed; blank lines hold none. */
export function paragraphs(doc: Doc): void {
  const text = doc.text;
  const spans: Span[] = [];
  const lineBreak = /\r\n|\r|\n|\u2028|\u2029/g;
  let lineStart = 0;
  const push = (from: number, to: number): void => {
    let start = from;
    let end = to;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) spans.push({ start, end });
  };
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    push(lineStart, match.index);
    lineStart = match.index + match[0].length;
  }
  push(lineStart, text.length);
  doc.layers.paragraphs = spans;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200b) || code === 0xfeff || code === 11 || code === 12;
}
