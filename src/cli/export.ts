import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { z } from 'zod';
import { parseCommand } from './args.js';
import { FILTER_HELP, filterOptions, filterSchema, openCliStore, toQuery } from './statements.js';
import { CSV_BOM, csvHeader, csvRow } from '../store/export.js';
import { jsonLdDocument, linkedDataOptions } from '../store/jsonld.js';
import type { StoredStatement } from '../types.js';

export const options = { ...filterOptions, format: { type: 'string' }, out: { type: 'string' }, 'no-bom': { type: 'boolean' } } as const;
const schema = filterSchema.extend({ format: z.enum(['jsonl', 'csv', 'jsonld']).default('jsonl'), out: z.string().min(1).optional(), 'no-bom': z.boolean().optional() });

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, options, schema);
  if (values.help) {
    process.stdout.write(`usage: onrecord export [--format jsonl|csv|jsonld] [--out FILE] [filters] [--db FILE] [--json]

Writes the statements that match the filters (all by default) to stdout or FILE.
  --format F       jsonl (default: one statement per line), csv, or jsonld (schema.org Quotation)
  --out FILE       write to FILE instead of stdout
  --no-bom         CSV without the UTF-8 byte order mark (Excel needs it to read UTF-8; other readers may not)
${FILTER_HELP.replace(/\n {2}--json .*/, '\n  --json           print a summary (format, statements, file) as JSON')}
examples: onrecord export --format csv --out statements.csv
          onrecord export --format jsonld --speaker "Ilse Varnholt"
`);
    return 0;
  }
  const store = await openCliStore(values.db);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const write = async (s: string) => { if (!out.write(s)) await once(out, 'drain'); };
  let n = 0;
  try {
    const { limit, offset, ...query } = toQuery(values);
    const wanted = limit ?? Infinity;
    let skip = offset ?? 0;
    const collected: StoredStatement[] = [];
    if (values.format === 'csv') await write((values['no-bom'] ? '' : CSV_BOM) + csvHeader());
    // Keyset batches from the store (statementRows) keep memory flat at any size; JSON-LD is one document, so it collects.
    for await (const s of store.statementRows(query)) {
      if (skip > 0) { skip--; continue; }
      if (n >= wanted) break;
      if (values.format === 'jsonl') await write(JSON.stringify(s) + '\n');
      else if (values.format === 'csv') await write(csvRow(s));
      else collected.push(s);
      n++;
    }
    if (values.format === 'jsonld') await write(jsonLdDocument(collected, await linkedDataOptions(store, collected)));
  } finally {
    await store.close();
    if (values.out) { (out as ReturnType<typeof createWriteStream>).end(); await once(out, 'finish'); }
  }
  // With --out, stdout is free for the summary; without, it holds the export itself.
  if (values.json) (values.out ? process.stdout : process.stderr).write(JSON.stringify({ kind: 'export-summary', format: values.format, statements: n, out: values.out ?? null }) + '\n');
  else if (values.out) process.stderr.write(`exported ${n} statements to ${values.out}\n`);
  return 0;
}
