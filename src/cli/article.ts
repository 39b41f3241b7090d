import { z } from 'zod';
import { parseCommand } from './args.js';
import { openCliStore, statementLine } from './statements.js';
import { OnrecordError } from '../errors.js';

const HELP = `usage: onrecord article ID [--db FILE] [--json]

Shows one stored article (its metadata and text) with its statements. ID is the
article's id as \`statements --json\` and the web app show it (its URL, or sha256:…).
  --db FILE    SQLite file of the store (default: DATABASE_URL, else ./onrecord.db); never created here
  --json       the article and its statements as one JSON object
  --help, -h   this help
example: onrecord article https://gazette.example/2025/01/14/bridge-plan --json
`;

export const options = { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const schema = z.object({ db: z.string().min(1).optional(), json: z.boolean().optional(), help: z.boolean().optional() });

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, options, schema);
  if (values.help || positionals.length !== 1) {
    process[values.help ? 'stdout' : 'stderr'].write(HELP);
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
