import type { DateMention, Doc, Span } from '../types.js';
import { parseDates, referenceDate } from './calendar.js';

/** Cheap test for text that may hold a date expression; chrono only runs on sentences that pass it. */
// Case matters: "May" the month, not "may" the verb.
const CANDIDATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|weekend|ago)\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious) (?:week|month|year)\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;
const CANDIDATES = new RegExp(CANDIDATE.source, 'g');

/** Finds date expressions and resolves them against the publication date (absolute dates only when it is unknown). */
export function dates(doc: Doc): void {
  const reference = referenceDate(doc.meta.published);
  const spans: readonly Span[] = doc.layers.sentences ?? doc.layers.paragraphs ?? [{ start: 0, end: doc.text.length }];
  const found: DateMention[] = [];
  const seen = new Set<number>();
  for (const span of spans) {
    const sentence = doc.text.slice(span.start, span.end);
    if (!CANDIDATE.test(sentence)) continue;
    // chrono runs on a window of words around each candidate, not the whole sentence: it is the slow part.
    for (const hit of sentence.matchAll(CANDIDATES)) {
      const from = windowStart(sentence, hit.index - WINDOW);
      const to = windowEnd(sentence, hit.index + hit[0].length + WINDOW);
      const region = span.start + from;
      for (const mention of parseDates(sentence.slice(from, to), reference, region)) {
        if (!seen.has(mention.start)) {
          seen.add(mention.start);
          found.push(mention);
        }
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  doc.layers.dates = found;
}

/** Characters of context chrono sees on each side of a candidate ("Tuesday, March 3, 2021"). */
const WINDOW = 24;

function windowStart(text: string, at: number): number {
  if (at <= 0) return 0;
  const space = text.lastIndexOf(' ', at);
  return space < 0 ? 0 : space + 1;
}

function windowEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const space = text.indexOf(' ', at);
  return space < 0 ? text.length : space;
}
