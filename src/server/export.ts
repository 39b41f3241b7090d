import { CSV_BOM, csvField, csvHeader, csvRow } from '../store/export.js';
import type { StatementQuery, StatementVolume, Store } from '../types.js';

/** Text gathered before it is handed to the stream: one chunk per row would cost more than the rows. */
const CHUNK_CHARS = 64 * 1024;

export type ExportFormat = 'csv' | 'jsonl';

const TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

function attachment(name: string, format: string): Record<string, string> {
  return { 'Content-Disposition': `attachment; filename="${name}.${format}"`, 'Cache-Control': 'no-store' };
}

/**
 * Every statement of a query as CSV or JSON Lines, streamed: the stream pulls the store's keyset batches
 * as the client reads (backpressure), so memory holds one batch and one chunk whatever the export's size.
 * A failure half way can only cut the stream short (the status is sent): the client sees a truncated file.
 */
export function exportResponse(store: Store, query: StatementQuery, format: ExportFormat, options: { bom: boolean; name: string }): Response {
  const rows = store.statementRows(query)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let head = format === 'csv' ? (options.bom ? CSV_BOM : '') + csvHeader() : '';
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = head;
      head = '';
      while (text.length < CHUNK_CHARS) {
        const next = await rows.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += format === 'csv' ? csvRow(next.value) : JSON.stringify(next.value) + '\n';
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await rows.return?.();
    },
  }, { highWaterMark: 1 });
  return new Response(body, { status: 200, headers: { 'Content-Type': TYPES[format], ...attachment(options.name, format) } });
}

/** A volume chart's data as CSV: one row per period (undated last), a column per series, then the total. */
export function volumeCsv(volume: StatementVolume, bom: boolean): Response {
  const header = ['period', 'from', 'to', ...volume.series.map((s) => s.label), 'total'];
  const lines = [header, ...volume.buckets.map((b) => [b.key, b.from, b.to, ...b.counts, b.total])];
  if (volume.undated) lines.push(['undated', '', '', ...volume.series.map(() => ''), volume.undated]);
  const text = (bom ? CSV_BOM : '') + lines.map((l) => l.map(csvField).join(',') + '\r\n').join('');
  return new Response(text, { status: 200, headers: { 'Content-Type': TYPES.csv, ...attachment('onrecord-volume', 'csv') } });
}
