import { createHash } from 'node:crypto';

/** Normalisation used for identity, utterance fingerprints and full-text queries. */

export function normName(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Quote words with punctuation, case, quote styles, editorial brackets and ellipses removed. */
export function quoteWords(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\[[^\]]*\]/g, ' ').replace(/\.\.\.|…/g, ' ').replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ').replace(/'/g, '')
    // Articles are what editors insert or drop most ("[the]"), so they do not count.
    .split(' ').filter((w) => w && !ARTICLES.has(w)).join(' ');
}
const ARTICLES = new Set(['the', 'a', 'an']);

/** Fingerprint: a hash of the first words, so light edits and tail truncation still collide. */
export function fingerprint(words: string): string {
  return words.split(' ').slice(0, 6).join(' ');
}

export function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

/** Every word must occur; each is quoted so FTS5 operators in user text stay plain words. */
export function ftsQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"`).join(' ') : '""';
}
