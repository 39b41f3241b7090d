import type { Article } from '../types.js';

/**
 * Which of two versions of one article is current: the newer by the article's own date (`published`), else the
 * one that arrived last. So two workers storing versions of one URL end on the newest whichever commits last.
 * Dates compare as instants when both parse, else as text (ISO dates sort as text).
 */
export function isOlder(incoming: Pick<Article, 'published'>, stored: { published?: string | null }): boolean {
  const a = incoming.published, b = stored.published;
  if (!a || !b) return false;
  const ta = Date.parse(a), tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a < b : ta < tb;
}
