/** Small formatting and link helpers shared by the page templates. */

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2024-02-27" or a date-time to "27 Feb 2024"; anything unreadable is shown as given. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const day = /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0];
  const time = day ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return Number.isNaN(time) ? iso : DAY.format(time);
}

/** "2024-02" to "Feb 2024". */
export function formatMonth(yearMonth: string): string {
  const time = Date.parse(`${yearMonth}-01T00:00:00Z`);
  return Number.isNaN(time) ? yearMonth : MONTH.format(time);
}

/**
 * Only http(s) links from article data become hrefs: escaping stops markup,
 * not a `javascript:` URL, so every other scheme is refused.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export const speakerHref = (kbId: string) => `/speakers/${encodeURIComponent(kbId)}`;
export const entityHref = (kbId: string) => `/entities/${encodeURIComponent(kbId)}`;
export const articleHref = (id: string, statementId?: string) =>
  `/articles/${encodeURIComponent(id)}${statementId ? `#st-${encodeURIComponent(statementId)}` : ''}`;
export const utteranceHref = (id: string) => `/utterances/${encodeURIComponent(id)}`;

/** A URL with the given query parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export function plural(n: number, one: string, many = `${one}s`, capped = false): string {
  return `${totalLabel(n, capped)} ${n === 1 && !capped ? one : many}`;
}

/** A page total; a capped one (more matches than were counted) reads "10,000+". */
export function totalLabel(n: number, capped = false): string {
  return `${n.toLocaleString('en-GB')}${capped ? '+' : ''}`;
}
