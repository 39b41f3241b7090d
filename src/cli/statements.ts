import { OnrecordError } from '../errors.js';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseCommand } from './args.js';
import { openStore } from '../store/index.js';
import type { StatementQuery, Store, StoredStatement } from '../types.js';

const isoDate = z.iso.date('expected an ISO date YYYY-MM-DD');
const count = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);

/** Filter options shared by `statements` and `export`. */
export const filterOptions = {
  speaker: { type: 'string' }, entity: { type: 'string' }, q: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  outlet: { type: 'string' }, type: { type: 'string' }, article: { type: 'string' }, utterance: { type: 'string' }, order: { type: 'string' },
  limit: { type: 'string' }, offset: { type: 'string' },
  db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

export const filterSchema = z.object({
  speaker: z.string().min(1).optional(), entity: z.string().min(1).optional(), q: z.string().min(1).optional(),
  from: isoDate.optional(), to: isoDate.optional(), outlet: z.string().min(1).optional(),
  type: z.enum(['direct', 'indirect']).optional(), article: z.string().min(1).optional(), utterance: z.string().min(1).optional(),
  order: z.enum(['asc', 'desc']).optional(), limit: count.pipe(z.number().min(1, 'expected 1 or more')).optional(), offset: count.optional(), db: z.string().min(1).optional(), json: z.boolean().optional(), help: z.boolean().optional(),
});

export function toQuery(v: z.infer<typeof filterSchema>): StatementQuery {
  return {
    ...(v.speaker ? { speaker: v.speaker } : {}), ...(v.entity ? { entity: v.entity } : {}), ...(v.q ? { q: v.q } : {}),
    ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), ...(v.outlet ? { outlet: v.outlet } : {}),
    ...(v.type ? { type: v.type } : {}), ...(v.article ? { articleId: v.article } : {}), ...(v.utterance ? { utteranceId: v.utterance } : {}),
    ...(v.order ? { order: v.order } : {}),
    ...(v.limit !== undefined ? { limit: v.limit } : {}), ...(v.offset !== undefined ? { offset: v.offset } : {}),
  };
}

/**
 * Opens the store a read command was pointed at: --db FILE, else DATABASE_URL, else ./onrecord.db.
 * A read never creates a store: a missing file (a typo in --db) says so and how to make one.
 */
export function openCliStore(db?: string): Promise<Store> {
  const file = db ?? (process.env.DATABASE_URL ? undefined : 'onrecord.db');
  if (file !== undefined && !existsSync(file)) {
    throw new OnrecordError('ONR_ERR_STORE', `cannot open ${file}: there is no store there; make one with \`onrecord ingest FILE...${db ? ` --db ${db}` : ''}\` (or \`npm start\`)`);
  }
  return db ? openStore({ file: db, url: '' }) : openStore();
}

export function statementLine(s: StoredStatement): string {
  const who = s.speaker?.name ?? '(unknown)';
  const when = (s.date ?? s.published ?? '').slice(0, 10);
  const text = s.type === 'direct' ? `"${s.text}"` : s.text;
  return `${when.padEnd(10)}  ${who}: ${text}${s.outlet ? `  [${s.outlet}]` : ''}${s.via ? ` (via ${s.via})` : ''}`;
}

/** The filters, as `statements` and `export` list them in their help. */
export const FILTER_HELP = `  --speaker S      statements by this speaker (name, alias or entity id)
  --entity E       statements that mention this entity (name or id)
  --q TEXT         full-text search in the statement text
  --from D, --to D statements dated from / up to D (YYYY-MM-DD)
  --outlet O       from articles of this outlet
  --type T         direct or indirect
  --article ID     from one article; --utterance ID: one utterance
  --order O        asc or desc by date (default desc)
  --limit N        at most N (default 50, at most 1000); --offset N skips the first N
  --db FILE        SQLite file of the store (default: DATABASE_URL, else ./onrecord.db); never created here
  --json           one JSON page ({ items, total, … }) instead of lines
  --help, -h       this help`;

const HELP = `usage: onrecord statements [filters] [--limit N] [--offset N] [--db FILE] [--json]

Lists stored statements, newest first: date, speaker, text, outlet.
${FILTER_HELP}
examples: onrecord statements --speaker "Ilse Varnholt" --from 2025-01-01
          onrecord statements --q bridge --type direct --json
`;

export const options = filterOptions;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, filterOptions, filterSchema);
  if (values.help) { process.stdout.write(HELP); return 0; }
  const store = await openCliStore(values.db);
  try {
    const page = await store.statements(toQuery(values));
    if (values.json) process.stdout.write(JSON.stringify(page) + '\n');
    else {
      for (const s of page.items) process.stdout.write(statementLine(s) + '\n');
      process.stdout.write(`${page.items.length ? page.offset + 1 : 0}-${page.offset + page.items.length} of ${page.totalCapped ? `${page.total.toLocaleString('en-US')}+` : page.total}\n`);
    }
    return 0;
  } finally { await store.close(); }
}
