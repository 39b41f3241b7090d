import type { ExportedStatement, StoredStatement } from '../types.js';

export type ExportFormat = 'jsonl' | 'csv' | 'jsonld';

/** Columns a spreadsheet reader wants first (where, when, who), then the words and the identifiers. */
const CSV_COLUMNS = [
  'published', 'date', 'outlet', 'title', 'url', 'speaker', 'speakerRole', 'type', 'cue', 'text', 'addressee', 'via', 'place',
  'id', 'speakerKbId', 'articleId', 'utteranceId',
] as const;

/** UTF-8 byte order mark: Excel reads a CSV without it in the machine's legacy code page. */
export const CSV_BOM = '\uFEFF';

/**
 * A cell that a spreadsheet would read as a formula (= + - @, or a tab or CR before one) gets a leading
 * apostrophe: the OWASP advice against CSV injection, shown as plain text by Excel, LibreOffice and Sheets.
 */
export function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote a field when it holds a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: unknown): string {
  const s = defuse(value === undefined || value === null ? '' : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One date format in every date column: the ISO day (a date-time's own day as written, before any offset). */
export function isoDay(value: string | undefined): string | undefined {
  return value ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value : undefined;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvRow(s: ExportedStatement): string {
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    published: isoDay(s.published), date: isoDay(s.date), outlet: s.outlet, title: s.articleTitle, url: s.url,
    speaker: s.speaker?.name, speakerRole: s.speakerRole, type: s.type, cue: s.cue, text: s.text, addressee: s.addressee, via: s.via,
    place: s.place, id: s.id, speakerKbId: s.speaker?.kbId, articleId: s.articleId, utteranceId: s.utteranceId,
  };
  return CSV_COLUMNS.map((c) => csvField(row[c])).join(',') + '\r\n';
}

/** A schema.org Quotation for one statement, citing its article. */
export function quotation(s: StoredStatement): Record<string, unknown> {
  const person = s.speaker ? { '@type': 'Person', name: s.speaker.name, ...(s.speaker.kbId ? { identifier: s.speaker.kbId } : {}) } : undefined;
  const article = {
    '@type': 'NewsArticle', identifier: s.articleId,
    ...(s.url ? { url: s.url } : {}), ...(s.articleTitle ? { headline: s.articleTitle } : {}),
    ...(s.outlet ? { publisher: { '@type': 'Organization', name: s.outlet } } : {}), ...(s.published ? { datePublished: s.published } : {}),
  };
  return {
    '@type': 'Quotation', identifier: s.id, text: s.text,
    ...(person ? { spokenByCharacter: person, creator: person } : {}),
    ...(s.date ?? s.published ? { dateCreated: s.date ?? s.published } : {}),
    ...(s.published ? { datePublished: s.published } : {}),
    isBasedOn: article, citation: article,
  };
}

export function jsonLdDocument(items: readonly StoredStatement[]): string {
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': items.map(quotation) }, null, 2) + '\n';
}
