import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { z } from 'zod';
import { parseCommand } from './args.js';
import { FILTER_HELP, filterOptions, filterSchema, openCliStore, toQuery } from './statements.js';
import { csvHeader, csvRow } from '../store/export.js';
import { jsonLdDocument, linkedDataOptions } from '../store/jsonld.js';
import { MAX_LIMIT } from '../store/index.js';
import type { StoredStatement } from '../types.js';

export const options = { ...filterOptions, format: { type: 'string' }, out: { type: 'string' } } as const;
const schema = filterSchema.extend({ format: z.enum(['jsonl', 'csv', 'jsonld']).default('jsonl'), out: z.string().min(1).optional() });

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, options, schema);
  if (values.help) {
    process.stdout.write(`usage: onrecord export [--format jsonl|csv|jsonld] [--out FILE] [filters] [--db FILE] [--json]

Writes the statements that match the filters (all by default) to stdout or FILE.
  --format F       jsonl (default: one statement per line), csv, or jsonld (schema.org Quotation)
  --out FILE       write to FILE instead of stdout
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
    const query = toQuery(values);
    const wanted = values.limit ?? Infinity;
    const collected: StoredStatement[] = [];
    if (values.format === 'csv') await write(csvHeader());
    // Page through the store so an export of any size keeps memory flat (JSON-LD is one document, so it collects).
    for (let offset = values.offset ?? 0; n < wanted;) {
      const page = await store.statements({ ...query, offset, limit: Math.min(MAX_LIMIT, wanted - n) });
      for (const s of page.items) {
        if (values.format === 'jsonl') await write(JSON.stringify(s) + '\n');
        else if (values.format === 'csv') await write(csvRow(s));
        else collected.push(s);
      }
      n += page.items.length;
      offset += page.items.length;
      if (page.items.length === 0 || (offset >= page.total && !page.totalCapped)) break;
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
