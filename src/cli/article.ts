import { z } from 'zod';
import { parseCommand } from './args.js';
import { openCliStore, statementLine } from './statements.js';
import { OnrecordError } from '../errors.js';

const options = { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const schema = z.object({ db: z.string().min(1).optional(), json: z.boolean().optional(), help: z.boolean().optional() });

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, options, schema);
  if (values.help || positionals.length !== 1) {
    process[values.help ? 'stdout' : 'stderr'].write('usage: onrecord article ID [--db FILE] [--json]\n');
    return values.help ? 0 : 2;
  }
  const id = positionals[0]!;
  const store = await openCliStore(values.db);
  try {
    const stored = await store.article(id);
    if (!stored) throw new OnrecordError('ONR_ERR_NOT_FOUND', `no stored article with id ${id}`);
    if (values.json) process.stdout.write(JSON.stringify(stored) + '\n');
    else {
      const a = stored.article;
      process.stdout.write(`${a.title ?? a.id}\n${[a.outlet, a.published, a.url].filter(Boolean).join('  ')}\n\n`);
      for (const s of stored.statements) process.stdout.write(statementLine(s) + '\n');
      process.stdout.write(`${stored.statements.length} statements\n`);
    }
    return 0;
  } finally { await store.close(); }
}
