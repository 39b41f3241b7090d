import * as chrono from 'chrono-node';
import type { DateMention, Doc, Span } from '../types.js';

/** Cheap test for text that may hold a date expression; chrono only runs on sentences that pass it. */
// Case matters: "May" the month, not "may" the verb.
const CANDIDATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|weekend|ago)\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Pp]revious) (?:week|month|year)\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;
const CANDIDATES = new RegExp(CANDIDATE.source, 'g');
const FUTURE = /\b(?:next|coming|upcoming|tomorrow|later|from now|in \d+|will)\b/i;
const MS_PER_DAY = 86_400_000;

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
      for (const result of chrono.en.casual.parse(sentence.slice(from, to), reference ?? new Date(2000, 0, 1, 12), { forwardDate: false })) {
        const mention = resolve(result, reference, region);
        if (mention && !seen.has(mention.start)) {
          seen.add(mention.start);
          found.push(mention);
        }
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  doc.layers.dates = found;
}

function resolve(result: chrono.ParsedResult, reference: Date | undefined, offset: number): DateMention | undefined {
  const start = result.start;
  // Without a publication date only written-out dates count: relative ones would resolve against nothing.
  const absolute = /\b\d{4}\b/.test(result.text) && start.isCertain('month') && start.isCertain('day');
  if (!reference && !absolute) return undefined;
  // Bare numbers and times ("at 10", "3 p.m.") are not dates.
  if (!start.isCertain('day') && !start.isCertain('month') && !start.isCertain('weekday') && !/week|month|year/i.test(result.text)) return undefined;
  let date = start.date();
  if (reference && !start.isCertain('year') && date.getTime() > reference.getTime() + MS_PER_DAY / 2 && !FUTURE.test(result.text)) {
    // News reports the past: a bare weekday or month-day after publication means the previous one.
    date = start.isCertain('month') ? addYears(date, -1) : new Date(date.getTime() - 7 * MS_PER_DAY);
  }
  const lead = /^(?:on|in|at|since|by|from)\s+/i.exec(result.text)?.[0].length ?? 0;
  // chrono keeps a trailing comma ("Friday,"); the mention ends at the last word.
  const text = result.text.slice(lead).replace(/[\s,;:]+$/, '');
  return { start: offset + result.index + lead, end: offset + result.index + lead + text.length, text, date: isoDate(date) };
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

function referenceDate(published: string | undefined): Date | undefined {
  const match = published ? /^(\d{4})-(\d{2})-(\d{2})/.exec(published) : null;
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
}

function addYears(date: Date, years: number): Date {
  const copy = new Date(date.getTime());
  copy.setFullYear(copy.getFullYear() + years);
  return copy;
}

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
