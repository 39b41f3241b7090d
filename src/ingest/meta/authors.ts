import { outsideArticle } from './parts.js';

/**
 * Authors from head tags and bylines. Real bylines carry more than names: lead-ins ("By:", "ByJane", "von",
 * "Par"), glued neighbours ("Jane DoeTwitter"), "More stories by …", roles, e-mail addresses, the place
 * of a correspondent; and some pages name their publisher as the author. All of that is cut away here.
 */

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Words in a byline that are a role, an outlet or a date rather than a name. */
const NOT_A_NAME = /\d|\b(?:staff|writers?|reporter|correspondent|editor|contributor|updated|published|posted|minutes?|read|follow|share|view|see|all|archive|rss|feed|author|profile|bio|subscribe|comments?)\b/i;
/** "AOL Staff", "Gazette Staff": a newsroom credited as a whole is a name of its own. */
const STAFF_CREDIT = /^\p{Lu}[\p{L}.&' -]{1,40} Staff$/iu;

const NAME_START = /^(?:\p{Lu}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:van|von|de|da|di|du|le|la|al|el)\s)/u;

/** "By", "Written by", "von", "par", "por", "door", "著者：", with or without a colon; "ByJane" glued as some markup renders it. */
const LEAD_IN = /^(?:(?:written|posted|reported|words|text|story|article|photos?)\s+)?(?:by|von|par|por|door|av|af)\s*[:：]?\s+|^by\s*[:：]\s*|^By(?=\p{Lu}\p{Ll})|^(?:著者|作者|筆者|投稿者|記者|文)(?:\s*[:：●]\s*|\s+|$)/iu;
/** Where a byline stops naming people: links to follow, "More stories by", an e-mail address, a parenthesis. */
const TAIL = /\s*(?:\+?\s*Follow\b|More (?:stories|articles|posts|from) by\b|\S+@\S+\.\S+|(?:Twitter|Facebook|Instagram|LinkedIn|E-?mail)(?=\P{Ll}|$)|\(|\s(?:in|on|at|for|using)\s).*$/u;
/**
 * Text glued to a name without a space ("Joe DavidsonWashington Post"): a capital after three or more small
 * letters, which "McDonald" or "MacArthur" never have.
 */
const GLUED = /(?<=\p{Lu}\p{Ll}{3,})\p{Lu}.*$/u;
const MAX_NAME_WORDS = 5;

/** One name, or nothing when the piece is a role, a date or a sentence. */
function cleanName(piece: string): string | undefined {
  const name = squash(piece.replace(LEAD_IN, '').replace(TAIL, '')).replace(/[\s,.:;|]+$/, '');
  if (!name || name.length >= 60 || name.split(' ').length > MAX_NAME_WORDS) return undefined;
  if (!NAME_START.test(name)) return undefined;
  if (STAFF_CREDIT.test(name) && !NOT_A_NAME.test(name.replace(/ Staff$/i, ''))) return name;
  return NOT_A_NAME.test(name) ? undefined : name;
}

/** "By Jane Doe and John Roe | Gazette" -> ["Jane Doe", "John Roe"]: names only, roles and dates dropped. */
export function splitByline(raw: string | undefined): string[] | undefined {
  const text = squash(raw).split(/\s+[|·•—–/]\s+/)[0]!.replace(LEAD_IN, '').replace(TAIL, '').replace(GLUED, '');
  const pieces = text.split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|&)\s*/);
  // "Doe, Jane": a family name and a given name, one word each, as library catalogues write them.
  if (pieces.length === 2 && pieces.every((p) => /^\p{Lu}[\p{L}'-]+$/u.test(p)) && /,/.test(text) && !/\band\b|&/.test(text))
    return [`${pieces[1]} ${pieces[0]}`];
  const names = pieces.map(cleanName).filter((n): n is string => !!n);
  return names.length ? [...new Set(names)] : undefined;
}

/** The same name once its case, spaces and punctuation are set aside. */
const nameKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, '');

/** Authors that are not the publisher or the site: "ABC News" as the author of an ABC News story names nobody. */
export function notPublisher(authors: readonly string[] | undefined, sites: readonly string[]): string[] | undefined {
  const publishers = new Set(sites.map(nameKey).filter(Boolean));
  const people = (authors ?? []).filter((a) => !publishers.has(nameKey(a)));
  return people.length ? people : undefined;
}

/** Paths of author pages that sites link a byline's names to ("/about/editors/jane-doe/"). */
const AUTHOR_LINKS = ['author', 'authors', 'people', 'staff', 'profile', 'profiles', 'writers', 'writer', 'editors', 'editor', 'contributors', 'contributor', 'reporters', 'journalists', 'columnists'];

/** Elements that hold one author's name each, most specific first. */
const NAME_ELEMENTS = [
  '[itemprop="author"] [itemprop="name"]',
  '[rel="author"]',
  '[class*="author-name" i], [class*="author__name" i], [class*="authorname" i], [class*="byline__name" i], [class*="byline-name" i]',
  AUTHOR_LINKS.map((path) => `a[href*="/${path}/"]`).join(', '),
];
/** Elements that hold a whole byline. */
const BYLINE_ELEMENTS = '[itemprop="author"], [class*="byline" i], [class*="author" i], [id*="byline" i], [id*="author" i]';
const MAX_ELEMENTS = 50;
const MAX_BYLINE = 120;

/** Elements looked through for a "By Name" line: a byline sits near the top, after a few hundred wrappers at most. */
const MAX_BY_LINE_ELEMENTS = 1500;

/** A short paragraph that starts "By Name" is a byline even without a byline class. */
const BY_NAME = /^(?:By|BY|by)\s+\p{Lu}\p{L}*[\s.'-]+\p{Lu}/u;

const inArticle = (doc: Document, selector: string): Element[] =>
  Array.from(doc.querySelectorAll(selector))
    .slice(0, MAX_ELEMENTS)
    .filter((el) => !outsideArticle(el));

/** Names from the first byline the page marks, its co-authors with it (the same marked elements in one byline). */
function markedNames(doc: Document): string[] | undefined {
  for (const selector of NAME_ELEMENTS) {
    const found = inArticle(doc, selector);
    // The first that names someone: an author link around a portrait comes before the one around the name.
    const first = found.find((el) => splitByline(el.textContent ?? undefined));
    if (!first) continue;
    const byline = first.parentElement?.parentElement ?? first;
    const names = found.filter((el) => byline.contains(el)).flatMap((el) => splitByline(el.textContent ?? undefined) ?? []);
    if (names.length) return [...new Set(names)];
  }
  for (const el of inArticle(doc, BYLINE_ELEMENTS)) {
    const text = squash(el.textContent);
    if (!text || text.length > MAX_BYLINE) continue;
    const names = splitByline(text);
    if (names) return names;
  }
  return undefined;
}

/** Authors from the page's markup: marked bylines, else a short "By Name" line near the top. */
export function bylineAuthors(doc: Document): string[] | undefined {
  const marked = markedNames(doc);
  if (marked) return marked;
  // Only small elements: the text of a wrapper is the whole page, and costly to build.
  const small = Array.from(doc.querySelectorAll('p, div, span')).slice(0, MAX_BY_LINE_ELEMENTS).filter((el) => el.children.length <= 3);
  return splitByline(small.map((el) => squash(el.textContent)).find((t) => t && t.length < 100 && BY_NAME.test(t)));
}
