import { z } from 'zod';
import { parseCommand } from './args.js';
import { openCliStore } from './statements.js';
import type { EntityQuery, EntityType, KbEntity } from '../types.js';

const count = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
export const listOptions = {
  q: { type: 'string' }, type: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' },
  db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;
export const listSchema = z.object({
  q: z.string().min(1).optional(), type: z.enum(['person', 'organization', 'place', 'other']).optional(),
  limit: count.pipe(z.number().min(1, 'expected 1 or more')).optional(), offset: count.optional(), db: z.string().min(1).optional(), json: z.boolean().optional(), help: z.boolean().optional(),
});

/** The options of `speakers` and `entities`, for their help. */
export const LIST_HELP = `  --q NAME       names (or aliases) containing NAME
  --type T       person, organization, place or other
  --limit N      at most N (default 50, at most 1000); --offset N skips the first N
  --db FILE      SQLite file of the store (default: DATABASE_URL, else ./onrecord.db); never created here
  --json         one JSON page instead of lines
  --help, -h     this help`;

export function entityLine(e: KbEntity): string {
  const roles = e.roles.map((r) => r.role).join('; ');
  return `${e.id}  ${e.name}${e.unnamed ? ' (unnamed)' : ''}  [${e.type}]  ${e.statementCount} statements, ${e.articleCount} articles${roles ? `  roles: ${roles}` : ''}${e.aliases.length ? `  aka ${e.aliases.join(', ')}` : ''}`;
}

/** Shared by `speakers` and `entities`. */
export async function listEntities(argv: string[], speakersOnly: boolean, help: string): Promise<number> {
  const { values } = parseCommand(argv, listOptions, listSchema);
  if (values.help) { process.stdout.write(help); return 0; }
  const store = await openCliStore(values.db);
  try {
    const query: EntityQuery = {
      speakersOnly, ...(values.q ? { q: values.q } : {}), ...(values.type ? { type: values.type as EntityType } : {}),
      ...(values.limit !== undefined ? { limit: values.limit } : {}), ...(values.offset !== undefined ? { offset: values.offset } : {}),
    };
    const page = await store.entities(query);
    if (values.json) process.stdout.write(JSON.stringify(page) + '\n');
    else {
      for (const e of page.items) process.stdout.write(entityLine(e) + '\n');
      process.stdout.write(`${page.items.length ? page.offset + 1 : 0}-${page.offset + page.items.length} of ${page.total}\n`);
    }
    return 0;
  } finally { await store.close(); }
}

export const options = listOptions;

export function run(argv: string[]): Promise<number> {
  return listEntities(argv, true, `usage: onrecord speakers [--q NAME] [--type T] [--limit N] [--offset N] [--db FILE] [--json]

Lists the entities that speak in stored statements, with their roles and aliases.
${LIST_HELP}
example: onrecord speakers --q varn --type person
`);
}
