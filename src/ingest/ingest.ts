import { open, readFile, stat, truncate } from 'node:fs/promises';
import type { ArticleRecord, Message, Store } from '../types.js';
import { processArticle } from './process.js';
import { readSources } from './sources.js';

export interface IngestProgress {
  readonly read: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

export interface IngestSummary {
  readonly kind: 'ingest-summary';
  readonly read: number;
  readonly stored: number;
  readonly newVersions: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly statements: number;
  readonly interrupted: boolean;
  readonly messages: readonly Message[];
}

export interface IngestOptions {
  store?: Store;
  jsonl?: string;
  onProgress?: (p: IngestProgress) => void;
  onMessage?: (m: Message) => void;
  signal?: AbortSignal;
}

/**
 * Ids+versions already in a JSONL output, so a rerun appends only what is new.
 * A last line cut short by a kill is truncated away, so no half record remains.
 */
export async function jsonlSeen(path: string): Promise<Set<string>> {
  const seen = new Set<string>();
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch {
    return seen;
  }
  let good = 0;
  for (const line of content.split('\n')) {
    const end = good + line.length + 1;
    if (end > content.length) break; // no newline: the write was cut short
    try {
      const record = JSON.parse(line) as ArticleRecord;
      seen.add(`${record.article.id}\n${record.article.version}`);
    } catch {
      break;
    }
    good = end;
  }
  if (good < content.length) await truncate(path, Buffer.byteLength(content.slice(0, good)));
  return seen;
}

/** Reads, extracts and stores every article; one bad file or record never stops the rest. */
export async function ingest(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const counts = { read: 0, stored: 0, newVersions: 0, unchanged: 0, failed: 0, statements: 0 };
  const messages: Message[] = [];
  const note = (m: Message): void => {
    messages.push(m);
    options.onMessage?.(m);
    if (m.severity === 'fatal') counts.failed++;
  };
  const seen = options.jsonl ? await jsonlSeen(options.jsonl) : new Set<string>();
  const out = options.jsonl ? await open(options.jsonl, 'a') : undefined;
  if (out && (await stat(options.jsonl!)).size === 0) await out.truncate(0);
  try {
    for await (const item of readSources(paths, { signal: options.signal, exclude: options.jsonl ? [options.jsonl] : [] })) {
      if (item.kind === 'message') {
        note(item);
      } else {
        counts.read++;
        const key = `${item.id}\n${item.version}`;
        const known = options.store ? await options.store.hasArticle(item.id, item.version) : seen.has(key);
        if (known) counts.unchanged++;
        else {
          const record = processArticle(item);
          const fatal = record.messages.find((m) => m.severity === 'fatal');
          if (fatal) note(fatal);
          else {
            counts.statements += record.statements.length;
            if (options.store) {
              try {
                const outcome = await options.store.putArticle(record);
                if (outcome === 'stored') counts.stored++;
                else if (outcome === 'new-version') counts.newVersions++;
                else counts.unchanged++;
              } catch (error) {
                note({ kind: 'message', code: 'ONR_ERR_STORE', severity: 'fatal', reason: (error as Error).message, source: item.source });
              }
            } else if (out) {
              // One write per record: a kill leaves at most one partial line, removed on restart.
              await out.write(JSON.stringify(record) + '\n');
              seen.add(key);
              counts.stored++;
            }
          }
        }
      }
      options.onProgress?.({ read: counts.read, failed: counts.failed, elapsedMs: Date.now() - started });
    }
  } finally {
    await out?.close();
  }
  return { kind: 'ingest-summary', ...counts, interrupted: !!options.signal?.aborted, messages };
}
