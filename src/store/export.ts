import type { StoredStatement } from '../types.js';

export type ExportFormat = 'jsonl' | 'csv' | 'jsonld';

const CSV_COLUMNS = ['id', 'type', 'text', 'speaker', 'speakerKbId', 'cue', 'addressee', 'via', 'date', 'place', 'published', 'outlet', 'url', 'articleId', 'utteranceId'] as const;

/** RFC 4180: quote a field when it holds a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvRow(s: StoredStatement): string {
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: s.id, type: s.type, text: s.text, speaker: s.speaker?.name, speakerKbId: s.speaker?.kbId, cue: s.cue, addressee: s.addressee,
    via: s.via, date: s.date, place: s.place, published: s.published, outlet: s.outlet, url: s.url, articleId: s.articleId, utteranceId: s.utteranceId,
  };
  return CSV_COLUMNS.map((c) => csvField(row[c])).join(',') + '\r\n';
}

/** JSON-LD lives in src/store/jsonld.ts (typed entity nodes, @id on every node); re-exported for existing callers. */
export { jsonLdDocument, quotation } from './jsonld.js';
