import { Worker } from 'node:worker_threads';
import { ErrorCodes, OnrecordError, type ErrorCode } from '../errors.js';
import type { ArticleRecord } from '../types.js';
import type { ArticleBody } from './schemas.js';

export interface ExtractorOptions {
  /** Articles waiting beyond the one being extracted; more are refused (ONR_ERR_HTTP_BUSY, 503). */
  readonly maxQueued: number;
  /** One article's extraction time limit; past it the worker is replaced and the article refused. */
  readonly timeoutMs: number;
}

interface Job {
  readonly id: number;
  readonly body: ArticleBody;
  readonly resolve: (record: ArticleRecord) => void;
  readonly reject: (error: Error) => void;
}

type Reply = { ready: true } | { id: number; record: ArticleRecord } | { id: number; error: { code: ErrorCode; message: string } };

/** The worker's source runs as TypeScript through tsx, registered in the thread whatever started the server. */
function spawn(): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./extract-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

function rebuild({ code, message }: { code: ErrorCode; message: string }): OnrecordError {
  const prefix = `${ErrorCodes[code] ?? ''}: `;
  return new OnrecordError(code in ErrorCodes ? code : 'ONR_ERR_EXTRACT', message.startsWith(prefix) ? message.slice(prefix.length) : message);
}

/**
 * Extraction for POST /api/articles in a worker thread, one article at a time in arrival order: a
 * 1 MB article takes seconds of CPU, which on the event loop every other request would wait for.
 * The thread starts on first use and is replaced when an article overruns its time or it dies.
 */
export class Extractor {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #current: Job | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #queue: Job[] = [];
  #ids = 0;

  constructor(private readonly options: ExtractorOptions) {}

  /** The article's record; refused at once with ONR_ERR_HTTP_BUSY when the queue is full. */
  extract(body: ArticleBody): Promise<ArticleRecord> {
    if (this.#queue.length >= this.options.maxQueued && this.#current) {
      return Promise.reject(new OnrecordError('ONR_ERR_HTTP_BUSY', `${this.options.maxQueued} articles are already waiting for extraction`));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: ++this.#ids, body, resolve, reject });
      void this.#next();
    });
  }

  get queued(): number {
    return this.#queue.length;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    for (const job of this.#queue.splice(0)) job.reject(new OnrecordError('ONR_ERR_HTTP_BUSY', 'the server is stopping'));
    await worker?.terminate();
  }

  async #next(): Promise<void> {
    if (this.#current || !this.#queue.length) return;
    const job = (this.#current = this.#queue.shift()!);
    this.#worker?.ref();
    try {
      await this.#start();
    } catch (error) {
      this.#finish(() => job.reject(error as Error));
      return;
    }
    this.#timer = setTimeout(() => {
      this.#replace();
      this.#finish(() => job.reject(new OnrecordError('ONR_ERR_EXTRACT', `extraction took longer than ${this.options.timeoutMs / 1000} s`)));
    }, this.options.timeoutMs);
    this.#worker!.ref(); // while it works; unref'd when idle, so an idle extractor never keeps the process alive
    this.#worker!.postMessage({ id: job.id, body: job.body });
  }

  #start(): Promise<void> {
    if (this.#ready) return this.#ready;
    const worker = (this.#worker = spawn());
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: Reply) => {
        if ('ready' in m) return resolve();
        const job = this.#current;
        if (!job || job.id !== m.id) return;
        this.#finish(() => ('record' in m ? job.resolve(m.record) : job.reject(rebuild(m.error))));
      });
      worker.on('error', (error) => {
        reject(error);
        if (this.#worker !== worker) return;
        this.#replace();
        const job = this.#current;
        if (job) this.#finish(() => job.reject(new OnrecordError('ONR_ERR_EXTRACT', `the extraction worker failed: ${error.message}`)));
      });
      worker.on('exit', () => reject(new OnrecordError('ONR_ERR_EXTRACT', 'the extraction worker stopped')));
    });
    return this.#ready;
  }

  /** Drops the worker (stuck or dead); the next article starts a new one. */
  #replace(): void {
    void this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
  }

  #finish(settle: () => void): void {
    clearTimeout(this.#timer);
    this.#current = undefined;
    if (!this.#queue.length) this.#worker?.unref();
    settle();
    void this.#next();
  }
}
