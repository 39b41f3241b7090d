/**
 * Publication dates as pages write them: ISO 8601 in head tags, RFC 822 and its kin in feeds and some meta tags,
 * and dates in words or numbers beside the headline ("Dec. 22, 2016, 6:47 p.m.", "07 mai 2019", "2019年4月4日").
 * Every form gives an ISO date, with its time and offset only where the page says them; an ambiguous form
 * (3/4/2019) gives nothing, since a wrong date is worse than none.
 */

import { outsideArticle } from './parts.js';

const squash = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t || undefined;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const pad = (n: number | string): string => String(n).padStart(2, '0');

/** A real day: 2019-02-30 is none. Years outside 1990-2099 are not a news page's publication. */
function validDay(y: number, m: number, d: number): boolean {
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 1990 && y <= 2099 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/**
 * An ISO 8601 date or date-time in one form (`T`, `Z`, offsets as ±hh:mm), so stored dates compare;
 * anything else, or an impossible day or time, is not a date we can trust.
 */
export function isoDate(value: unknown): string | undefined {
  const s = squash(value);
  const m = s ? ISO_DATE.exec(s) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const day = new Date(Date.UTC(+y!, +mo! - 1, +d!));
  if (day.getUTCMonth() !== +mo! - 1 || day.getUTCDate() !== +d!) return undefined;
  if (h === undefined) return `${y}-${mo}-${d}`;
  if (+h > 23 || +mi! > 59 || +(sec ?? 0) > 59) return undefined;
  const offset = !zone ? '' : /z/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`;
  return `${y}-${mo}-${d}T${h}:${mi}${sec === undefined ? '' : `:${sec}${frac ?? ''}`}${offset}`;
}

/** RFC 822 as feeds write it: "Tue, 07 May 2024 09:30:00 GMT", "7 May 24 09:30 +0200". */
const RFC_822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[A-Za-z]{1,5}|[+-]\d{4})$/;

/** RFC 822 (RSS pubDate) or ISO to ISO; undefined otherwise (Date.parse alone would make "May 7" a day in 2001). */
export function feedDate(value: unknown): string | undefined {
  const s = squash(value);
  if (!s) return undefined;
  const iso = isoDate(s);
  if (iso || !RFC_822.test(s)) return iso;
  const time = Date.parse(s);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Month names and their usual abbreviations in English, German, French, Spanish, Italian, Dutch, Portuguese. */
const MONTHS: readonly string[][] = [
  ['jan', 'january', 'januar', 'janvier', 'enero', 'ene', 'gennaio', 'januari', 'janeiro', 'jän', 'jänner'],
  ['feb', 'february', 'februar', 'février', 'fevrier', 'febrero', 'febbraio', 'februari', 'fevereiro', 'fév', 'fev'],
  ['mar', 'march', 'märz', 'maerz', 'mars', 'marzo', 'maart', 'março', 'mär'],
  ['apr', 'april', 'avril', 'abril', 'aprile', 'avr', 'abr'],
  ['may', 'mai', 'mayo', 'maggio', 'mei', 'maio', 'mag'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'junho', 'giu'],
  ['jul', 'july', 'juli', 'juillet', 'julio', 'luglio', 'julho', 'juil', 'lug'],
  ['aug', 'august', 'août', 'aout', 'agosto', 'augustus', 'ago'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre', 'setembro', 'set'],
  ['oct', 'october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro', 'okt', 'ott', 'out'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro', 'déc', 'dez', 'dic'],
];
const MONTH_OF = new Map(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));
const MONTH = `(${[...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;

/** Time of day after a date: "6:47 p.m.", "13h59", "12時00分", "09:30:00 GMT", "-0400". */
const TIME = String.raw`(?:\s*(?:,|at|à|um|um|a las|alle|-|—)?\s*(\d{1,2})(?::|h|時)(\d{2})(?::(\d{2}))?\s*(?:分)?\s*([ap]\.?m\.?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{3})?)?`;

const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?${MONTH}\s+(?:de\s+)?(\d{4})\b` + TIME, 'iu');
const MONTH_DAY_YEAR = new RegExp(String.raw`(?<![\p{L}])${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b` + TIME, 'iu');
const CJK_DATE = new RegExp(String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日` + TIME, 'u');
/** Year first with - / or . (2022.08.10, 2019/03/04 14:27:02 +0800); day first only with dots (19.07.2022), as Europe writes it. */
const YEAR_FIRST = new RegExp(String.raw`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)` + TIME.replace('(?:,|', '(?:,|T|'), 'u');
const DAY_FIRST_DOTS = new RegExp(String.raw`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b` + TIME, 'u');

function withTime(y: number, m: number, d: number, h?: string, mi?: string, sec?: string, ampm?: string, zone?: string): string | undefined {
  if (!validDay(y, m, d)) return undefined;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return date;
  let hour = +h;
  if (ampm) {
    if (hour > 12) return date;
    hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  if (hour > 23 || +mi > 59 || +(sec ?? 0) > 59) return date;
  let offset = '';
  if (zone) {
    if (/^(?:z|utc|gmt)$/i.test(zone)) offset = 'Z';
    else {
      // "-500" (a site's typo for -05:00) and "+0800" both become ±hh:mm.
      const digits = zone.replace(':', '');
      const hhmm = digits.length === 4 ? `0${digits.slice(1)}` : digits.slice(1);
      offset = `${zone[0]}${hhmm.slice(0, 2)}:${hhmm.slice(2, 4)}`;
    }
  }
  return `${date}T${pad(hour)}:${mi}${sec === undefined ? '' : `:${sec}`}${offset}`;
}

/** The first date written in words or unambiguous numbers in a piece of text. */
export function textDate(value: unknown): string | undefined {
  const s = squash(value);
  if (!s || s.length > 400) return undefined;
  const found: { at: number; iso: string | undefined }[] = [];
  const add = (m: RegExpExecArray | null, iso: (m: RegExpExecArray) => string | undefined) => {
    if (m) found.push({ at: m.index, iso: iso(m) });
  };
  add(DAY_MONTH_YEAR.exec(s), (m) => withTime(+m[3]!, MONTH_OF.get(m[2]!.toLowerCase())!, +m[1]!, m[4], m[5], m[6], m[7], m[8]));
  add(MONTH_DAY_YEAR.exec(s), (m) => withTime(+m[3]!, MONTH_OF.get(m[1]!.toLowerCase())!, +m[2]!, m[4], m[5], m[6], m[7], m[8]));
  add(CJK_DATE.exec(s), (m) => withTime(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], m[7], m[8]));
  add(YEAR_FIRST.exec(s), (m) => withTime(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], m[7], m[8]));
  add(DAY_FIRST_DOTS.exec(s), (m) => withTime(+m[3]!, +m[2]!, +m[1]!, m[4], m[5], m[6], m[7], m[8]));
  return found.filter((f) => f.iso).sort((a, b) => a.at - b.at)[0]?.iso;
}

/** A date as a machine-readable attribute gives it: ISO first, then RFC 822, then the forms read in text. */
export function anyDate(value: unknown): string | undefined {
  const s = squash(value);
  if (!s) return undefined;
  return isoDate(s) ?? feedDate(s) ?? textDate(s.replace(/^[A-Za-z]{3},?\s+(?=[A-Za-z]{3}\s+\d)/, '')) ?? wordyDate(s);
}

/** "Mon Aug 03 12:45:00 EDT 2015" (Java's Date.toString): Date.parse reads it, the zone name included. */
function wordyDate(s: string): string | undefined {
  if (!/^[A-Za-z]{3} [A-Za-z]{3} \d{1,2} \d{2}:\d{2}:\d{2} [A-Z]{3,4} \d{4}$/.test(s)) return undefined;
  const time = Date.parse(s);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A date in a page's URL path: /2016/12/09/, /2016-12-09-, /20161209/. */
export function urlDate(url: string | undefined): string | undefined {
  const m = url ? /\/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:[/-]|$)|\/((?:19|20)\d{2})(\d{2})(\d{2})\//.exec(url) : null;
  if (!m) return undefined;
  const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  return validDay(+y!, +mo!, +d!) ? `${y}-${mo}-${d}` : undefined;
}

/** Head tags that carry the publication date, most specific first; `datepublished` is schema.org microdata on <meta>. */
export const DATE_META_KEYS = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article.published', 'published_time',
  'publish-date', 'publishdate', 'publish_date', 'pubdate', 'publication_date', 'pub_date', 'date', 'dc.date.issued',
  'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'citation_publication_date', 'citation_date',
  'citation_online_date', 'parsely-pub-date', 'sailthru.date', 'article_date_original', 'cxenseparse:recs:publishtime', 'datepublished', 'datecreated',
];

/** Elements whose attribute holds the date: microdata outside <meta>, <time> (pubdate first), data attributes. */
const DATE_ATTRIBUTES: readonly [string, string][] = [
  ['[itemprop="datePublished"]', 'content'],
  ['[itemprop="datePublished"]', 'datetime'],
  ['time[pubdate][datetime]', 'datetime'],
  ['article time[datetime]', 'datetime'],
  ['time[datetime]', 'datetime'],
  ['[data-published]', 'data-published'],
  ['[data-publish-date]', 'data-publish-date'],
  ['[data-origindate]', 'data-origindate'],
  // Custom elements that render a date client-side: <relative-time datetime>, <time-ago>, <local-time>.
  ['relative-time[datetime], time-ago[datetime], local-time[datetime]', 'datetime'],
];

/** Attributes that hold a Unix time (seconds or milliseconds), as embedded posts and timelines write them. */
const EPOCH_ATTRIBUTES: readonly string[] = ['data-time-ms', 'data-time', 'data-timestamp', 'data-utime', 'data-epoch'];

/** A Unix time in seconds (10 digits) or milliseconds (13 digits) within the years a news page can have. */
export function epochDate(value: string | null | undefined): string | undefined {
  const m = /^\s*(\d{10}|\d{13})\s*$/.exec(value ?? '');
  if (!m) return undefined;
  const ms = m[1]!.length === 10 ? Number(m[1]) * 1000 : Number(m[1]);
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2099 ? date.toISOString().replace('.000Z', 'Z') : undefined;
}

/** Visible dates: microdata or <time> text, then elements a site names for a date ("pubdate", "post-date", "dateline"). */
const DATE_TEXT = '[itemprop="datePublished"], time, [class*="date" i], [class*="publish" i], [class*="posted" i], [class*="time" i], [id*="date" i], [class*="byline" i]';
const MAX_DATE_ELEMENTS = 200;
const MAX_DATE_TEXT = 120;
/** Words that mark a date as the last change, not the publication. */
const UPDATED = /^\s*(?:updated|last updated|modified|mis à jour|aktualisiert|最終更新|更新)/i;

function attributeDate(doc: Document): string | undefined {
  // One pass over the page for all of them (each query walks the whole document), then the order of trust.
  const all = Array.from(doc.querySelectorAll(DATE_ATTRIBUTES.map(([selector]) => selector).join(', '))).slice(0, MAX_DATE_ELEMENTS);
  for (const [selector, attribute] of DATE_ATTRIBUTES) {
    for (const el of all) {
      if (!el.matches(selector) || outsideArticle(el)) continue;
      const date = anyDate(el.getAttribute(attribute));
      if (date) return date;
    }
  }
  const epochs = Array.from(doc.querySelectorAll(EPOCH_ATTRIBUTES.map((a) => `[${a}]`).join(', '))).slice(0, MAX_DATE_ELEMENTS);
  for (const el of epochs) {
    if (outsideArticle(el)) continue;
    for (const attribute of EPOCH_ATTRIBUTES) {
      const date = epochDate(el.getAttribute(attribute));
      if (date) return date;
    }
  }
  return undefined;
}

/**
 * Elements matching `selector` that come after `start` in document order, at most `limit`: the following siblings
 * of `start` and of each of its ancestors, in turn. Walking forward costs only what is read, where asking each
 * element's position in the document would cost the whole page every time.
 */
function* elementsAfter(start: Element, selector: string, limit: number): Generator<Element> {
  let count = 0;
  for (let node: Element | null = start; node; node = node.parentElement) {
    for (let sib = node.nextElementSibling; sib; sib = sib.nextElementSibling) {
      if (sib.matches(selector)) {
        if (++count > limit) return;
        yield sib;
      }
      for (const el of Array.from(sib.querySelectorAll(selector))) {
        if (++count > limit) return;
        yield el;
      }
    }
  }
}

/** A date written beside the headline: the first date-marked element after the <h1>, else the first anywhere. */
function visibleDate(doc: Document): string | undefined {
  const read = (el: Element): string | undefined => {
    if (outsideArticle(el)) return undefined;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > MAX_DATE_TEXT || UPDATED.test(text)) return undefined;
    return textDate(text);
  };
  const headline = doc.querySelector('h1');
  if (headline) for (const el of elementsAfter(headline, DATE_TEXT, MAX_DATE_ELEMENTS)) {
    const date = read(el);
    if (date) return date;
  }
  for (const el of Array.from(doc.querySelectorAll(DATE_TEXT)).slice(0, MAX_DATE_ELEMENTS)) {
    const date = read(el);
    if (date) return date;
  }
  return undefined;
}

/** Small elements that may hold a date written with no class to say so ("Published Dec 19, 2016"). */
const SMALL_TEXT = 'p, span, div, li, dd, small, strong, em, b, font, td';
/** Elements read after the headline: a date in the article's opening lines, not in its body or the pages after it. */
const NEAR_HEADLINE = 40;
const MAX_NEAR_TEXT = 80;

/** The first date in a small element of the few that follow the <h1>. */
function dateAfterHeadline(doc: Document): string | undefined {
  const headline = doc.querySelector('h1');
  if (!headline) return undefined;
  let seen = 0;
  for (const el of elementsAfter(headline, SMALL_TEXT, NEAR_HEADLINE * 5)) {
    if (el.children.length > 3) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > MAX_NEAR_TEXT) continue;
    if (++seen > NEAR_HEADLINE) break;
    if (UPDATED.test(text) || outsideArticle(el)) continue;
    const date = textDate(text);
    if (date) return date;
  }
  return undefined;
}

/**
 * The publication date: head tags (`meta` looks one up by name), JSON-LD, attributes in the markup, visible
 * text near the headline, the URL; the first that gives a date wins.
 */
export function pageDate(doc: Document, meta: (key: string) => string | undefined, jsonLd: string | undefined, url: string | undefined): string | undefined {
  for (const key of DATE_META_KEYS) {
    const date = anyDate(meta(key));
    if (date) return date;
  }
  return anyDate(jsonLd) ?? attributeDate(doc) ?? visibleDate(doc) ?? dateAfterHeadline(doc) ?? urlDate(url);
}
