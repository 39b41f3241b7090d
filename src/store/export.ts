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

/** JSON-LD lives in src/store/jsonld.ts (typed entity nodes, @id on every node); re-exported for existing callers. */
export { jsonLdDocument, quotation } from './jsonld.js';
