import type { DateMention, Doc, Statement } from '../types.js';
import { lowerBound, within } from './lexicon/spans.js';
import { parseDates, referenceDate } from './calendar.js';

const PLACE = /\b(?:in|at|from|during (?:a|his|her|their) visit to)\s+((?:[A-Z][\p{L}-]+)(?:\s+[A-Z][\p{L}-]+){0,2})/u;
const VIA = /\baccording to\s+((?:the\s+)?[A-Z][\p{L}.&'-]*(?:\s+[A-Z][\p{L}.&'-]*){0,4})/u;
/** The object of a cue that addresses someone: a name ("the Dunmere Gazette") or one common noun ("reporters", "the council"). */
const ADDRESSEE = /^\s*(?:told|tells|urged|urges|warned|warns|asked|asks)\s+((?:the\s+)?(?:\p{Lu}[\p{L}'\u2019.-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'\u2019.-]*)*|\p{Ll}[\p{L}-]+))(?=\s|[,.;:]|$)/u;

/** Sentence range that holds a statement and its attribution (the sentences it touches plus the one after). */
function around(doc: Doc, s: Statement): [number, number] {
  let from = s.start, to = s.end;
  const ss = doc.layers.sentences ?? [];
  for (let i = Math.max(0, lowerBound(ss, s.start) - 1); i < ss.length && ss[i]!.start < s.end + 2; i++) {
    const x = ss[i]!;
    if (x.end > s.start && x.start <= s.start) from = Math.min(from, x.start);
    if (x.start < s.end + 2 && x.end >= s.end) to = Math.max(to, x.end);
  }
  return [from, to];
}

export function context(doc: Doc): void {
  const text = doc.text;
  const dates = doc.layers.dates ?? [];
  const statements = doc.layers.statements ?? [];
  doc.layers.statements = statements.map((s) => {
    const [from, to] = around(doc, s);
    // Only the attribution counts: the content is the speaker's words, not where or when they were said.
    const attribution = text.slice(Math.max(from, s.start - 300), s.start) + ' \u0000 ' + text.slice(s.end, Math.min(to, s.end + 300));
    const extra: { date?: string; place?: string; via?: string; addressee?: string } = {};
    // A date inside any statement's content is what was talked about, not when it was said.
    const d = within(dates, from, to).find((x) => !statements.some((o) => o.start <= x.start && x.end <= o.end));
    if (d && !s.date) extra.date = d.date;
    const place = PLACE.exec(attribution);
    if (place && !s.place && !dates.some((x) => x.text.startsWith(place[1] ?? '\u0000'))) extra.place = place[1];
    const via = VIA.exec(attribution);
    if (via?.[1] && s.speaker && !s.via && !s.speaker.name.includes(via[1])) extra.via = via[1].replace(/^the\s+/, '').replace(/(\p{Ll})\.$/u, '$1');
    if (!s.addressee && s.cue) {
      const cueAt = attribution.indexOf(s.cue);
      const a = cueAt >= 0 ? ADDRESSEE.exec(attribution.slice(cueAt)) : null;
      // "asked Councillor Pell" after a quote names the speaker, not whom the words were for.
      if (a?.[1] && !/^(?:him|her|them|me|us|you|it|that|whether|if|not|for|about|again)$/.test(a[1]) && !(s.speaker && a[1].includes(s.speaker.mention))) extra.addressee = a[1].replace(/^([^.]*)\.$/, '$1');
    }
    if (s.type === 'indirect' && s.cue && /^(?:urged|urges|asked|asks|told|tells)$/.test(s.cue) && !extra.addressee && !s.addressee) {
      const m = /^((?:the\s+)?[\p{L}'\u2019 ]{2,60}?)\s+to\b/u.exec(s.text);
      if (m?.[1]) extra.addressee = m[1];
    }
    const named = datesInside(text, within(dates, s.start, s.end), s.date ?? extra.date, doc.meta.published);
    return Object.keys(extra).length || named.length ? { ...s, ...extra, ...(named.length ? { dates: named } : {}) } : s;
  });
}

/**
 * Dates named in a statement's words. A relative one ("yesterday", "on Monday") means the day before the
 * statement was made, not before the article was published, so it is read again against that day.
 */
function datesInside(text: string, found: readonly DateMention[], said: string | undefined, published: string | undefined): DateMention[] {
  if (!said || said === published?.slice(0, 10)) return [...found];
  const reference = referenceDate(said);
  return found.map((d) => {
    if (!d.relative) return d;
    // A little text before the date keeps "will" and "next" in view.
    const from = Math.max(0, d.start - 30);
    return parseDates(text.slice(from, d.end), reference, from).find((x) => x.start === d.start) ?? d;
  });
}
