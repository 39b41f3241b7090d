import { open, readFile, stat, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { OnrecordError } from '../errors.js';
import type { Article, ArticleRecord, Message, PutOutcome, Store } from '../types.js';
import { inOrder, TaskPool, type Pending, type Settled } from './pool.js';
import { readSources } from './sources.js';
import type { TextFields } from './sidecar.js';
import { unmatchedSince } from './unmatched.js';

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
  /** Worker threads that extract (default 1: in this thread); storing stays on this thread, in input order. */
  jobs?: number;
  /** Metadata for plain text files that have none of their own (the CLI's --title, --date … flags). */
  textMeta?: TextFields;
}

/** One source item on its way to the store. */
interface Step {
  readonly item: Article | Message;
  readonly unchanged?: boolean;
  readonly error?: Error;
  readonly result?: Settled<ArticleRecord>;
}

/** Articles stored in one transaction at most, and the text they hold at most (a big article goes alone). */
export const BATCH_ARTICLES = 200;
export const BATCH_BYTES = 1024 * 1024;

/** A line of a --jsonl output, as far as resuming needs it. */
const OutputLine = z.object({ article: z.object({ id: z.string(), version: z.string() }) });

/**
 * Ids+versions already in a JSONL output, so a rerun appends only what is new. A last line cut
 * short by a kill (no newline) is truncated away; a whole line that is not a record means OUT is
 * some other file, which is refused rather than appended to or cut.
 */
export async function jsonlSeen(path: string): Promise<Set<string>> {
  const seen = new Set<string>();
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch {
    return seen;
  }
  const cut = content.lastIndexOf('\n') + 1;
  content.slice(0, cut).split('\n').slice(0, -1).forEach((line, i) => {
    if (!line) return;
    let parsed;
    try {
      parsed = OutputLine.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) throw new OnrecordError('ONR_ERR_OPTION', `${path} line ${i + 1} is not an ingest record: --jsonl OUT must be a new file or an earlier output`);
    seen.add(`${parsed.data.article.id}\n${parsed.data.article.version}`);
  });
  if (cut < content.length) await truncate(path, Buffer.byteLength(content.slice(0, cut)));
  return seen;
}

/** A store call (or --jsonl write) whose failure is reported as ONR_ERR_STORE, whatever the driver threw. */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof OnrecordError ? error : new OnrecordError('ONR_ERR_STORE', (error as Error).message, { cause: error });
  }
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
  const pool = new TaskPool(options.jobs ?? 1);
  const dispatchedKeys = new Set<string>();
  /** Whether this version is stored already (or is on its way there): then it is not extracted again. */
  const known = async (item: Article): Promise<boolean> => {
    const key = `${item.id}\n${item.version}`;
    if (dispatchedKeys.has(key)) return true;
    dispatchedKeys.add(key);
    return options.store ? storeCall(() => options.store!.hasArticle(item.id, item.version)) : seen.has(key);
  };
  /** Each source item with its extraction under way on the pool, in input order. */
  async function* dispatched(): AsyncGenerator<Pending<Step>> {
    for await (const item of readSources(paths, { signal: options.signal, exclude: options.jsonl ? [options.jsonl] : [], textMeta: options.textMeta })) {
      if (item.kind === 'message') { yield { result: Promise.resolve({ item }) }; continue; }
      let unchanged: boolean;
      try {
        unchanged = await known(item);
      } catch (error) {
        yield { result: Promise.resolve({ item, error: error as Error }) };
        continue;
      }
      yield { result: unchanged ? Promise.resolve({ item, unchanged }) : pool.run<ArticleRecord>({ kind: 'process-article', article: item }).then((r) => ({ item, result: r })) };
    }
  }
  // Articles extracted but not yet stored: written in one transaction once the batch is full, so tiny articles
  // (40,000 JSONL records of 20 bytes took over 120 s) do not cost a commit each. A kill loses at most the batch,
  // which the next run reads again: resume stays exact.
  let batch: ArticleRecord[] = [];
  let batchBytes = 0;
  const count = (outcome: PutOutcome, record: ArticleRecord): void => {
    if (outcome === 'stored') counts.stored++;
    else if (outcome === 'new-version') counts.newVersions++;
    else counts.unchanged++;
    counts.statements += record.statements.length;
  };
  const flush = async (): Promise<void> => {
    const records = batch;
    batch = [];
    batchBytes = 0;
    if (!records.length || !options.store) return;
    let outcomes: PutOutcome[] | undefined;
    try {
      outcomes = await storeCall(() => options.store!.putArticles(records));
    } catch {
      // One article the store refuses must not take the others with it: again one at a time, each failure recorded.
    }
    if (outcomes) records.forEach((r, i) => count(outcomes![i]!, r));
    else {
      for (const record of records) {
        try {
          count(await storeCall(() => options.store!.putArticle(record)), record);
        } catch (error) {
          note({ kind: 'message', code: (error as OnrecordError).code ?? 'ONR_ERR_STORE', severity: 'fatal', reason: (error as Error).message, source: record.article.source });
        }
      }
    }
    // Stored (or failed) by now: the store answers for these from here on.
    for (const r of records) dispatchedKeys.delete(`${r.article.id}\n${r.article.version}`);
  };
  /** Whether the record waits in the batch (its key stays dispatched until the batch is written). */
  const store = async (record: ArticleRecord): Promise<boolean> => {
    const fatal = record.messages.find((m) => m.severity === 'fatal');
    if (fatal) {
      note(fatal);
      return false;
    }
    if (options.store) {
      batch.push(record);
      batchBytes += record.article.text.length;
      if (batch.length >= BATCH_ARTICLES || batchBytes >= BATCH_BYTES) await flush();
      return true;
    }
    if (out) {
      // One write per record: a kill leaves at most one partial line, removed on restart.
      await storeCall(() => out.write(JSON.stringify(record) + '\n'));
      seen.add(`${record.article.id}\n${record.article.version}`);
      counts.stored++;
    }
    counts.statements += record.statements.length;
    return false;
  };
  try {
    // Articles in flight: enough to keep every thread busy while the one writer stores them in order.
    for await (const step of inOrder(dispatched(), pool.jobs * 4)) {
      // Articles still under way when interrupted are left for the rerun, which resumes after the last stored.
      if (options.signal?.aborted) break;
      const { item } = step;
      if (item.kind === 'message') {
        note(item);
      } else {
        counts.read++;
        const key = `${item.id}\n${item.version}`;
        let batched = false;
        // An article that breaks the extractor or the store is recorded and the batch goes on.
        try {
          if (step.error) throw step.error;
          if (step.unchanged) counts.unchanged++;
          else if (step.result && !step.result.ok) throw new OnrecordError('ONR_ERR_EXTRACT', step.result.error);
          else if (step.result) batched = await store(step.result.value);
        } catch (error) {
          const code = error instanceof OnrecordError ? error.code : 'ONR_ERR_EXTRACT';
          note({ kind: 'message', code, severity: 'fatal', reason: (error as Error).message, source: item.source });
        }
        // Unless it waits in the batch, it is stored or failed by now: the store or `seen` answers for it from here on.
        if (!batched && !step.unchanged) dispatchedKeys.delete(key);
      }
      options.onProgress?.({ read: counts.read, failed: counts.failed, elapsedMs: Date.now() - started });
    }
    await flush();
    if (options.store) for (const m of await storeCall(() => unmatchedSince(options.store!, new Date(started).toISOString()))) note(m);
  } finally {
    await pool.close();
    await out?.close();
  }
  return { kind: 'ingest-summary', ...counts, interrupted: !!options.signal?.aborted, messages };
}
