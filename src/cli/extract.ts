import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseCommand } from './args.js';
import { OnrecordError } from '../errors.js';
import { extract } from '../extract/pipeline.js';
import { readTextFile } from '../ingest/text.js';
import { formatFromName, readSources } from '../ingest/sources.js';
import type { Extraction, Message } from '../types.js';

const schema = z.object({
  published: z.iso.date().optional(),
  json: z.boolean().optional(),
  jsonl: z.boolean().optional(),
  help: z.boolean().optional(),
});

const USAGE = 'usage: onrecord extract FILE|DIR... [--published YYYY-MM-DD] [--json | --jsonl]\n' +
  '  Text files are read as they are (a DIR: every .txt under it); an HTML page, a feed, JSON Lines or a WARC\n' +
  '  (also gzipped) is read as `onrecord ingest` reads it, one document per article, with its own date.\n' +
  '  --published gives the date relative dates are read against (else the article\'s own), --json prints one\n' +
  '  JSON array of documents, --jsonl one document per line, default a table.\n' +
  '  example: onrecord extract story.txt --published 2024-02-27';

/** Every .txt under a directory (recursive, sorted), or the path itself. */
async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true });
  return entries.filter((e) => e.endsWith('.txt')).sort().map((e) => join(path, e));
}

function output(id: string, x: Extraction) {
  return {
    id,
    statements: x.statements.map(({ kind: _k, speaker, ...s }) => ({ ...s, speaker: speaker && { name: speaker.name, mention: speaker.mention, entityId: speaker.entityId } })),
    entities: x.entities.map(({ kind: _k, ...e }) => e),
  };
}

function fail(m: Message): void {
  process.stderr.write(`onrecord extract: ${m.source ?? ''}: ${m.reason} (${m.code})\n`);
}

export async function run(argv: string[]): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseCommand(argv, {
      published: { type: 'string' }, json: { type: 'boolean' }, jsonl: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    }, schema));
  } catch (err) {
    if (!(err instanceof OnrecordError)) throw err;
    process.stderr.write(`onrecord extract: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) { process.stdout.write(USAGE + '\n'); return 0; }
  if (positionals.length === 0 || (values.json && values.jsonl)) { process.stderr.write(USAGE + '\n'); return 2; }
  let failed = false;
  const docs: unknown[] = [];
  const emit = (id: string, x: Extraction): void => {
    for (const m of x.messages) fail({ ...m, source: m.source ?? id });
    if (x.messages.some((m) => m.severity === 'fatal')) failed = true;
    const doc = output(id, x);
    if (values.jsonl) process.stdout.write(JSON.stringify(doc) + '\n');
    else if (values.json) docs.push(doc);
    else {
      process.stdout.write(`== ${id}\n`);
      for (const s of doc.statements) {
        const text = s.text.length > 70 ? s.text.slice(0, 69) + '…' : s.text;
        process.stdout.write(`${(s.speaker?.name ?? '?').padEnd(24)} | ${s.type.padEnd(8)} | ${(s.cue ?? '').padEnd(10)} | ${text}\n`);
      }
    }
  };
  for (const arg of positionals) {
    for (const file of await expand(arg)) {
      // Markup, feeds, records and archives are read as ingest reads them: markup is never text.
      if (/\.gz$/i.test(file) || (formatFromName(file) ?? 'text') !== 'text') {
        for await (const item of readSources([file])) {
          if (item.kind === 'message') { fail(item); if (item.severity !== 'warning' && item.severity !== 'info') failed = true; continue; }
          const published = values.published ?? item.published?.slice(0, 10);
          emit(item.source, extract(item.text, { id: item.source, ...(published ? { published } : {}), ...(item.outlet ? { outlet: item.outlet } : {}), authors: item.authors }));
        }
        continue;
      }
      const read = await readTextFile(file);
      if (read.kind === 'message') { fail(read); failed = true; continue; }
      emit(file, extract(read.text, { id: file, published: values.published }));
    }
  }
  if (values.json) process.stdout.write(JSON.stringify(docs, null, 2) + '\n');
  return failed ? 1 : 0;
}
