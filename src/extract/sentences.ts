import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Sentence, Span, Token } from '../types.js';

// Loaded once per process: the model takes ~100 ms to set up. Only sentence
// splitting and tagging: the rest of wink's default pipe (NER, negation,
// sentiment) costs time and is not used.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

/** Splits each paragraph into sentences and tokens with exact offsets into the text. */
export function sentences(doc: Doc): void {
  const text = doc.text;
  const paragraphs: readonly Span[] = doc.layers.paragraphs ?? [{ start: 0, end: text.length }];
  const tokens: Token[] = [];
  const sents: Sentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    if (paragraph.end <= paragraph.start) return;
    const wdoc = nlp.readDoc(text.slice(paragraph.start, paragraph.end));
    const values = wdoc.tokens().out(its.value) as string[];
    const tags = wdoc.tokens().out(its.pos) as string[];
    const lemmas = wdoc.tokens().out(its.lemma as never) as unknown as string[];
    const firstOfParagraph = tokens.length;
    let cursor = paragraph.start;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      // wink keeps token values verbatim; searching forward keeps offsets exact
      // even where its own spacing record is lossy (e.g. tabs, odd whitespace).
      let at = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
      if (at < 0 || at >= paragraph.end) at = cursor;
      const end = Math.min(at + value.length, paragraph.end);
      cursor = end;
      const tag = tags[i] ?? 'X';
      if (tag === 'SPACE' || value.trim() === '') continue;
      tokens.push({ start: at, end, value: text.slice(at, end), pos: tag, normal: value.toLowerCase(), lemma: lemmas[i] ?? value.toLowerCase() });
    }
    // Sentence boundaries come from wink's token index ranges, mapped onto our tokens.
    const spans = wdoc.sentences().out(its.span) as unknown as [number, number][];
    // Map wink token index -> our token index (SPACE tokens were dropped).
    const map: number[] = [];
    let ours = firstOfParagraph;
    for (let i = 0; i < values.length; i++) {
      map.push(ours);
      const tag = tags[i] ?? 'X';
      if (!(tag === 'SPACE' || values[i]!.trim() === '')) ours++;
    }
    map.push(ours);
    for (const [from, to] of spans) {
      const first = map[from]!;
      const last = map[to + 1]! - 1;
      if (last < first) continue;
      sents.push({ start: tokens[first]!.start, end: tokens[last]!.end, paragraph: index, firstToken: first, lastToken: last });
    }
  });
  doc.layers.tokens = tokens;
  doc.layers.sentences = sents;
}
