import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Task, TaskResult } from './tasks.js';

/** A task's outcome: never a rejected promise, so results waiting their turn cannot go unhandled. */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: string };

/** Most worker threads a run starts: each holds its own copy of the language model (~100 MB). */
export const MAX_JOBS = 64;

/**
 * Work above this size (characters of text, or bytes of a file) runs alone on the pool: extracting an article
 * takes tens of times its size in memory, so two large ones at once would double the peak (a fuzz run of
 * hostile files peaked at 640 MB with two threads, 480 MB with one).
 */
export const ALONE_ABOVE = 1_000_000;

/** A task's size, for ALONE_ABOVE: what it holds to extract, when known. */
function weightOf(task: Task): number {
  return task.kind === 'process-article' ? task.article?.text?.length ?? 0 : task.kind === 'extract-text' ? task.text?.length ?? 0 : 0;
}

export const defaultJobs = (): number => Math.min(MAX_JOBS, availableParallelism());

/**
 * How to start a worker thread: the compiled script in dist/, where this module may sit in a shared chunk one
 * folder below the commands; from source, a bootstrap that registers tsx in the thread (a thread does not
 * inherit the hooks tsx registered in this one) and then loads the .ts worker.
 */
function workerSource(): { script: string | URL; eval: boolean } {
  if (import.meta.url.endsWith('.ts')) {
    const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const worker = JSON.stringify(new URL('./pool-worker.ts', import.meta.url).href);
    return { script: `import(${api}).then((tsx) => { tsx.register(); return import(${worker}); });`, eval: true };
  }
  const url = [new URL('./pool-worker.js', import.meta.url), new URL('../pool-worker.js', import.meta.url)].find((u) => existsSync(u));
  if (!url) throw new Error(`the worker script pool-worker.js is missing beside ${import.meta.url}: run \`npm run build\``);
  return { script: url, eval: false };
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, (r: Settled<TaskResult>) => void>;
}

/**
 * Runs tasks on up to `jobs` worker threads, each task on an idle thread (started when none is idle), else the one
 * with the fewest in hand; with one job, in this thread (no thread start-up, no copying). A thread that dies fails
 * its tasks, and the next task starts another.
 */
export class TaskPool {
  private readonly threads: Thread[] = [];
  private next = 0;
  /** Settles when the last large task is done: later tasks wait for it. */
  private barrier: Promise<unknown> = Promise.resolve();
  private readonly active = new Set<Promise<unknown>>();

  constructor(readonly jobs: number) {}

  private spawn(): Thread {
    const { script, eval: isEval } = workerSource();
    const thread: Thread = { worker: new Worker(script, { eval: isEval }), pending: new Map() };
    thread.worker.on('message', ({ id, ...result }: { id: number } & Settled<TaskResult>) => {
      thread.pending.get(id)?.(result);
      thread.pending.delete(id);
    });
    const fail = (why: string): void => {
      for (const settle of thread.pending.values()) settle({ ok: false, error: why });
      thread.pending.clear();
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1); // the next task starts a new one
    };
    thread.worker.on('error', (error) => fail(`worker thread failed: ${error.message}`));
    thread.worker.on('exit', (code) => code !== 0 && fail(`worker thread exited with code ${code}`));
    return thread;
  }

  private local?: Promise<typeof import('./tasks.js')>;

  /** Runs a task; one larger than ALONE_ABOVE (`weight`, else its text) waits for those under way and runs alone. */
  run<R extends TaskResult>(task: Task, weight = weightOf(task)): Promise<Settled<R>> {
    if (this.jobs <= 1) return this.start<R>(task);
    const before = weight > ALONE_ABOVE ? [...this.active] : [];
    const run = this.barrier.then(() => Promise.all(before)).then(() => this.start<R>(task));
    this.active.add(run);
    void run.then(() => this.active.delete(run));
    if (weight > ALONE_ABOVE) this.barrier = run;
    return run;
  }

  private start<R extends TaskResult>(task: Task): Promise<Settled<R>> {
    if (this.jobs <= 1) {
      // Loaded only here: with threads, this thread never loads the extractor and its language model.
      return (this.local ??= import('./tasks.js')).then((m) => m.runTask(task)).then(
        (value) => ({ ok: true as const, value: value as R }),
        (error: Error) => ({ ok: false as const, error: error.message }),
      );
    }
    // Threads start when there is work for them: one file costs one model load, not one per core.
    let thread = this.threads.find((t) => t.pending.size === 0);
    if (!thread && this.threads.length < this.jobs) this.threads.push((thread = this.spawn()));
    thread ??= this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.next++;
    return new Promise((resolve) => {
      thread.pending.set(id, resolve as (r: Settled<TaskResult>) => void);
      thread.worker.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** A result under way, boxed: an async generator awaits a promise it yields, which would run tasks one by one. */
export interface Pending<R> {
  readonly result: Promise<R>;
}

/**
 * Yields the results of tasks already started, in the order they were started, with up to `window` under way:
 * output keeps the input's order however the threads finish. Each `result` must not reject (see Settled).
 */
export async function* inOrder<R>(started: AsyncIterable<Pending<R>>, window: number): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  for await (const { result } of started) {
    inFlight.push(result);
    if (inFlight.length >= window) yield await inFlight.shift()!;
  }
  while (inFlight.length) yield await inFlight.shift()!;
}
