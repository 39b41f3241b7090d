/**
 * The article's headline. Head tags often carry the site name ("Headline | Site") or a shorter social-media
 * headline; the page's own <h1> is what readers see, so an <h1> that agrees with the head's title wins, and
 * a head title loses the segments that name the site.
 */

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Case, accents of quotes and punctuation ignored: "It’s" and "It's" are the same title. */
export const looseText = (s: string): string =>
  s.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Words of a title; in scripts written without spaces, pairs of characters stand in for words. */
function tokens(s: string): Set<string> {
  const out = new Set<string>();
  for (const word of looseText(s).split(' ')) {
    if (!word) continue;
    // A plural 's' dropped: "Millennials" and "Millennial" are one word to a headline check.
    if (!CJK.test(word)) out.add(word.length > 3 ? word.replace(/s$/, '') : word);
    else for (let i = 0; i < Math.max(1, word.length - 1); i++) out.add(word.slice(i, i + 2));
  }
  return out;
}

/** Share of the shorter title's words found in the other. */
function overlap(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.size || !tb.size) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / Math.min(ta.size, tb.size);
}

/** Spaced dashes, pipes, colons, bullets; unspaced full-width pipes and colons, '::' and '_' as CJK sites write them. */
const SEPARATOR = /\s+[|\-–—·•»:~]\s+|\s*[｜|：]\s*|\s*::\s*|_|(?<=[」』）\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]):(?=\S)/u;

/** One segment names the site: the same as a site name, or one contains the other (e.g. "CNN Politics", "Pastebin.com"). */
function namesSite(segment: string, sites: readonly string[]): boolean {
  const s = looseText(segment).replace(/ /g, '');
  if (!s) return false;
  return sites.some((site) => {
    const n = looseText(site).replace(/ /g, '');
    if (!n) return false;
    if (s === n) return true;
    const [short, long] = s.length < n.length ? [s, n] : [n, s];
    return short.length >= 4 && long.startsWith(short) ? true : short.length >= 4 && long.includes(short) && long.length <= short.length * 2.5;
  });
}

const wordCount = (s: string): number => (CJK.test(s) ? Math.ceil(s.length / 4) : s.split(' ').length);

/**
 * "Headline | Section | Site" -> "Headline": segments at either end that name the site go, and with them short
 * segments between the site and the headline (a section name). A title that names no site is kept whole.
 */
export function stripSiteName(title: string, sites: readonly string[]): string {
  const parts = title.split(SEPARATOR).map(squash).filter(Boolean);
  if (parts.length < 2) return title;
  let start = 0;
  let end = parts.length;
  if (namesSite(parts[end - 1]!, sites)) {
    end--;
    while (end - start > 1 && wordCount(parts[end - 1]!) <= 3 && parts.slice(start, end - 1).join(' ').length > parts[end - 1]!.length) end--;
  }
  if (end - start > 1 && namesSite(parts[start]!, sites)) start++;
  if (start === 0 && end === parts.length) return title;
  // Rejoin what is left from the original text so a separator inside the headline keeps its spelling.
  const first = title.indexOf(parts[start]!);
  const last = title.lastIndexOf(parts[end - 1]!) + parts[end - 1]!.length;
  return first >= 0 && last > first ? squash(title.slice(first, last)) : parts.slice(start, end).join(' ');
}

/** Headings read as the page's headline: elements marked as the headline first, then the first few <h1>. */
const HEADINGS = ['[itemprop="headline"]', 'h1'];
const MAX_HEADINGS = 8;
const MIN_AGREEMENT = 0.6;

/**
 * The headline: `candidates` are head titles in order of trust (meta, Open Graph, JSON-LD, <title>),
 * `sites` the names the page gives itself (og:site_name, application-name, publisher, host).
 */
export function pickTitle(doc: Document, candidates: readonly (string | undefined)[], sites: readonly string[]): string | undefined {
  const headings = HEADINGS.flatMap((s) => Array.from(doc.querySelectorAll(s)).slice(0, MAX_HEADINGS));
  // A heading inside a link (or holding only one) is the site's logo: its text names the site.
  const logos = headings.filter((el) => el.closest('a') || (el.children.length === 1 && el.firstElementChild?.tagName === 'A'));
  sites = [...sites, ...logos.map((el) => squash(el.textContent)).filter(Boolean)];
  const heads = candidates.map((c) => squash(c)).filter(Boolean);
  const stripped = heads.map((h) => stripSiteName(h, sites));
  for (const el of headings) {
    const text = squash(el.textContent);
    if (text.length < 3 || text.length > 300 || logos.includes(el) || namesSite(text, sites)) continue;
    // A heading that shares most of its words with a head title is the headline as the page shows it.
    // A heading much shorter than the head title is a label (a repository name, the site's logo), not the headline.
    const size = tokens(text).size;
    const agrees = (h: string) => looseText(h) === looseText(text) || (size >= 2 && size >= MIN_AGREEMENT * tokens(h).size && overlap(text, h) >= MIN_AGREEMENT);
    if (stripped.some(agrees)) return text;
  }
  return stripped[0];
}
