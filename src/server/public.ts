import type { StoredArticle } from '../types.js';

/**
 * What the server shows of where an article came from. The store keeps the file path it was read from
 * (`/home/desk/feeds/2026-03/ap.xml#item-4`) for messages; a public answer must not reveal the server's
 * folders, so only the file's name and record remain (`ap.xml#item-4`), and a URL as it is.
 */
export function publicSource(source: string): string {
  if (/^https?:\/\//i.test(source)) return source;
  const hash = source.indexOf('#');
  const path = hash === -1 ? source : source.slice(0, hash);
  const record = hash === -1 ? '' : source.slice(hash);
  return (path.split(/[\\/]/).pop() ?? '') + record;
}

export function publicArticle(stored: StoredArticle): StoredArticle {
  return { ...stored, article: { ...stored.article, source: publicSource(stored.article.source) } };
}
