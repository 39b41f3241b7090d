import type { DateMention, Doc, Span } from '../types.js';
import { parseDates, referenceDate } from './calendar.js';
import { report } from './document.js';

/** Cheap test for text that may hold a date expression; chrono only runs on sentences that pass it. */
// Case matters: "May" the month, not "may" the verb.
const CANDIDATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|weekend|ago)\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious) (?:week|month|year)\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;
const CANDIDATES = new RegExp(CANDIDATE.source, 'g');

/**
 * chrono runs per article at most this often (identical windows are read once): it is the slow part, and text
 * dense with dates ("on Monday" 100,000 times in 1 MB) took 50 s. A long real article needs a few hundred.
 */
export const MAX_DATE_PARSES = 1_000;

/** Finds date expressions and resolves them against the publication date (absolute dates only when it is unknown). */
export function dates(doc: Doc): void {
  const reference = referenceDate(doc.meta.published);
  const spans: readonly Span[] = doc.layers.sentences ?? doc.layers.paragraphs ?? [{ start: 0, end: doc.text.length }];
  const found: DateMention[] = [];
  const seen = new Set<number>();
  // Mentions of a window's text, offsets within the window: the same words around a date read the same.
  const parsed = new Map<string, DateMention[]>();
  let skipped = 0;
  for (const span of spans) {
    const sentence = doc.text.slice(span.start, span.end);
    if (!CANDIDATE.test(sentence)) continue;
    // chrono runs on a window of words around each candidate, not the whole sentence: it is the slow part.
    for (const hit of sentence.matchAll(CANDIDATES)) {
      const from = windowStart(sentence, hit.index - WINDOW);
      const to = windowEnd(sentence, hit.index + hit[0].length + WINDOW);
      const window = sentence.slice(from, to);
      let mentions = parsed.get(window);
      if (!mentions) {
        if (parsed.size >= MAX_DATE_PARSES) {
          skipped++;
          continue;
        }
        mentions = parseDates(window, reference);
        parsed.set(window, mentions);
      }
      const region = span.start + from;
      for (const m of mentions) {
        if (!seen.has(region + m.start)) {
          seen.add(region + m.start);
          found.push({ ...m, start: region + m.start, end: region + m.end });
        }
      }
    }
  }
  if (skipped) report(doc, 'ONR_ERR_TOO_MANY', 'warning', `dates: more than ${MAX_DATE_PARSES} different date expressions; ${skipped} more left unread`);
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
