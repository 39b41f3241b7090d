/**
 * Reading date expressions with chrono-node, leaning to the past as news does. A helper module shared by
 * the dates stage (against the publication date) and the context stage (relative dates inside a statement,
 * against the day it was made); not a stage itself.
 */
import * as chrono from 'chrono-node';
import type { DateMention } from '../types.js';

const FUTURE = /\b(?:next|coming|upcoming|tomorrow|later|from now|in \d+|will)\b/i;
const MS_PER_DAY = 86_400_000;

/** Date expressions in `text`, resolved against `reference`; offsets are shifted by `offset`. */
export function parseDates(text: string, reference: Date | undefined, offset = 0): DateMention[] {
  const out: DateMention[] = [];
  for (const result of chrono.en.casual.parse(text, reference ?? new Date(2000, 0, 1, 12), { forwardDate: false })) {
    const mention = resolve(result, reference, offset, text);
    if (mention) out.push(mention);
  }
  return out;
}

function resolve(result: chrono.ParsedResult, reference: Date | undefined, offset: number, text: string): DateMention | undefined {
  const start = result.start;
  // Without a reference date only written-out dates count: relative ones would resolve against nothing.
  const absolute = /\b\d{4}\b/.test(result.text) && start.isCertain('month') && start.isCertain('day');
  if (!reference && !absolute) return undefined;
  // Bare numbers and times ("at 10", "3 p.m.") are not dates.
  if (!start.isCertain('day') && !start.isCertain('month') && !start.isCertain('weekday') && !/week|month|year/i.test(result.text)) return undefined;
  let date = start.date();
  // "we will meet again on Monday": the words just before a bare weekday tell whether it lies ahead.
  const near = text.slice(Math.max(0, result.index - 30), result.index + result.text.length);
  if (reference && !start.isCertain('year') && date.getTime() > reference.getTime() + MS_PER_DAY / 2 && !FUTURE.test(near)) {
    // News reports the past: a bare weekday or month-day after the reference means the previous one.
    date = start.isCertain('month') ? addYears(date, -1) : new Date(date.getTime() - 7 * MS_PER_DAY);
  }
  const lead = /^(?:on|in|at|since|by|from)\s+/i.exec(result.text)?.[0].length ?? 0;
  // chrono keeps a trailing comma ("Friday,"); the mention ends at the last word.
  const words = result.text.slice(lead).replace(/[\s,;:]+$/, '');
  return {
    start: offset + result.index + lead, end: offset + result.index + lead + words.length, text: words, date: isoDate(date),
    ...(absolute ? {} : { relative: true as const }),
  };
}

/** Noon of an ISO day (YYYY-MM-DD…), so that time zones never move it to another day. */
export function referenceDate(iso: string | undefined): Date | undefined {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
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
