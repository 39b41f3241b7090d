import { createHash } from 'node:crypto';

const TRACKING = /^(utm_|fbclid$|gclid$)/i;

/** A URL in one canonical form: lowercase host, no fragment, no tracking parameters. Undefined when not http(s). */
export function normalizeUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  // Filtered in one pass: each searchParams.delete() serialises the whole query again, so deleting
  // parameters one by one was quadratic (125,000 `utm_` parameters in a 1 MB URL did not finish in 30 s).
  const params = [...url.searchParams];
  const kept = params.filter(([key]) => !TRACKING.test(key));
  if (kept.length < params.length) url.search = new URLSearchParams(kept).toString();
  url.hostname = url.hostname.toLowerCase();
  return url.toString();
}

/** sha256 of the text: the article's version. */
export function textVersion(text: string): string {
  return 'sha256:' + createHash('sha256').update(text).digest('hex');
}

/** Stable article id: canonical URL when known, else a hash of the text. */
export function articleId(input: { url?: string; text: string }): string {
  const url = input.url ? normalizeUrl(input.url) : undefined;
  return url ?? textVersion(input.text);
}
