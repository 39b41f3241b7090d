import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { z } from 'zod';
import { OnrecordError } from '../errors.js';
import { utf16ToCodePoint } from '../eval/score.js';
import { quoteWords } from '../store/words.js';
import type { Correction, Store } from '../types.js';
import { parseCommand } from './args.js';
import { openCliStore } from './statements.js';

const HELP = `usage: onrecord corrections export [--log] [--out FILE] [--db FILE]
       onrecord corrections import FILE [--db FILE] [--json]
       onrecord corrections list [--unmatched] [--db FILE] [--json]

Editors' corrections of the record (docs/corrections.md).
  export           every corrected article in the gold format, one JSON document a line
                   (text, and each statement's type, span, words and right speaker), for
                   \`npm run eval -- FILE\` and for teaching the extractor
  export --log     the corrections log itself, one entry a line: what import takes
  import FILE      adds a log written by \`export --log\` (of another store, e.g. before a
                   rebuild from the same sources) and applies every entry that is not undone;
                   articles not stored yet get theirs when they are ingested
  list             the log, newest first; --unmatched: only corrections whose article was
                   stored again without their statement's words
  --out FILE       write there instead of stdout
  --db FILE        SQLite file of the store (default: DATABASE_URL, else ./onrecord.db)
  --json           JSON output
  --help, -h       this help
Exit code: 0 done, 1 some corrections match nothing, 2 bad options or input.
examples: onrecord corrections export --out corrected.jsonl && npm run eval -- corrected.jsonl
          onrecord corrections export --log --out log.jsonl --db old.db
          onrecord corrections import log.jsonl --db rebuilt.db`;

export const options = {
  log: { type: 'boolean' }, out: { type: 'string' }, db: { type: 'string' }, unmatched: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

const Options = z.object({
  log: z.boolean().optional(), out: z.string().min(1).optional(), db: z.string().min(1).optional(),
  unmatched: z.boolean().optional(), json: z.boolean().optional(), help: z.boolean().optional(),
});

/** Largest log file import reads. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const LogEntry = z.object({
  kind: z.literal('correction'), id: z.number().int().min(1), at: z.string().min(1), editor: z.string().min(1),
  action: z.enum(['reassign', 'not-a-statement', 'change-type', 'change-span', 'verify', 'rename', 'merge', 'split', 'add-role', 'end-role', 'undo']),
  reason: z.string().optional(), articleId: z.string().optional(), words: z.string().optional(), statementId: z.string().optional(),
  entityId: z.string().optional(), before: z.unknown(), after: z.unknown(), undoOf: z.number().int().optional(),
}).loose();

/** Every entry of the log, oldest first. */
async function wholeLog(store: Store, unmatched = false): Promise<Correction[]> {
  const all: Correction[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await store.corrections({ limit: 100, offset, unmatched });
    all.push(...page.items);
    if (offset + 100 >= page.total) break;
  }
  return all.reverse();
}

/** An article as its editors left it, in the gold format (offsets in code points, as the gold files have them). */
async function goldDocument(store: Store, articleId: string, corrected: ReadonlySet<string>): Promise<object | undefined> {
  const stored = await store.article(articleId);
  if (!stored) return undefined;
  const cp = utf16ToCodePoint(stored.article.text);
  const aliases = new Map<string, readonly string[]>();
  for (const s of stored.statements) {
    const kb = s.speaker?.kbId;
    if (kb && !aliases.has(kb)) { const e = await store.entity(kb); aliases.set(kb, e ? [e.name, ...e.aliases] : []); }
  }
  const quotes = [...stored.statements].sort((a, b) => a.start - b.start).map((s) => ({
    type: s.type, text: s.text, start: cp[s.start], end: cp[s.end], speaker: s.speaker?.name ?? null,
    speaker_aliases: s.speaker ? [...new Set([s.speaker.name, ...(s.speaker.kbId ? aliases.get(s.speaker.kbId) ?? [] : [])])] : [],
    cue: s.cue, ...(corrected.has(quoteWords(s.text)) ? { corrected: true } : {}),
  }));
  const a = stored.article;
  return { id: a.id, ...(a.url ? { url: a.url } : {}), ...(a.published ? { published: a.published } : {}), ...(a.title ? { title: a.title } : {}), text: a.text, quotes, entities: [], source: 'onrecord corrections export' };
}

async function exportGold(store: Store, write: (line: string) => Promise<void>): Promise<number> {
  const log = await wholeLog(store);
  const undone = new Set(log.filter((c) => c.undoOf !== undefined).map((c) => c.undoOf));
  const byArticle = new Map<string, Set<string>>();
  for (const c of log) {
    if (!c.articleId || c.action === 'undo' || undone.has(c.id)) continue;
    const words = byArticle.get(c.articleId) ?? new Set<string>();
    words.add(c.action === 'change-span' ? quoteWords((c.after as { text: string }).text) : c.words ?? '');
    byArticle.set(c.articleId, words);
  }
  let n = 0;
  for (const [id, words] of byArticle) {
    const doc = await goldDocument(store, id, words);
    if (doc) { await write(JSON.stringify(doc)); n++; }
  }
  return n;
}

async function readLog(file: string): Promise<Correction[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new OnrecordError('ONR_ERR_READ', `${file}: ${(error as Error).message}`);
  }
  if (text.length > MAX_IMPORT_BYTES) throw new OnrecordError('ONR_ERR_TOO_LARGE', `${file} is larger than ${MAX_IMPORT_BYTES} bytes`);
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let value: unknown;
    try { value = JSON.parse(line); } catch { throw new OnrecordError('ONR_ERR_JSON', `${file} line ${i + 1} is not JSON`); }
    const parsed = LogEntry.safeParse(value);
    if (!parsed.success) throw new OnrecordError('ONR_ERR_RECORD', `${file} line ${i + 1} is not a corrections log entry (write one with \`onrecord corrections export --log\`): ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    return [parsed.data as Correction];
  });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, options, Options);
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    process.stdout.write(HELP + '\n');
    return values.help ? 0 : 2;
  }
  if (!['export', 'import', 'list'].includes(action)) throw new OnrecordError('ONR_ERR_OPTION', `unknown action "${action}": export, import or list`);
  if (action === 'import' && rest.length !== 1) throw new OnrecordError('ONR_ERR_OPTION', 'import takes one FILE (written by `onrecord corrections export --log`)');
  if (action !== 'import' && rest.length) throw new OnrecordError('ONR_ERR_OPTION', `unexpected ${rest.join(' ')}`);
  const entries = action === 'import' ? await readLog(rest[0]!) : undefined;
  const store = await openCliStore(values.db);
  try {
    if (entries) {
      const summary = await store.importCorrections(entries);
      if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
      else process.stderr.write(`${summary.imported} log entries imported, ${summary.applied} corrections applied, ${summary.unmatched} match nothing (onrecord corrections list --unmatched)\n`);
      return summary.unmatched ? 1 : 0;
    }
    if (action === 'list') {
      const log = (await wholeLog(store, !!values.unmatched)).reverse();
      for (const c of log) {
        process.stdout.write(values.json ? JSON.stringify(c) + '\n'
          : `#${c.id} ${c.at.slice(0, 16)} ${c.editor} ${c.action}${c.undoOf ? ` #${c.undoOf}` : ''}${c.articleId ? ` ${c.articleId}` : ''}${c.unmatched ? ' (matches nothing)' : ''}${c.undoneBy ? ` (undone by #${c.undoneBy})` : ''}${c.reason ? `: ${c.reason}` : ''}\n`);
      }
      return 0;
    }
    const out = values.out ? createWriteStream(values.out) : undefined;
    const write = async (line: string) => {
      if (out) { if (!out.write(line + '\n')) await once(out, 'drain'); } else process.stdout.write(line + '\n');
    };
    let n = 0;
    try {
      if (values.log) for (const c of await wholeLog(store)) { await write(JSON.stringify(c)); n++; }
      else n = await exportGold(store, write);
    } finally {
      if (out) { out.end(); await once(out, 'close'); }
    }
    process.stderr.write(`${n} ${values.log ? 'log entries' : 'corrected articles'} written${values.out ? ` to ${values.out}` : ''}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
