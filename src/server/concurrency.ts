import type { Context, MiddlewareHandler } from 'hono';
import type { ConcurrencyOptions } from './limits.js';

interface Waiter {
  /** False when the waiter already gave up. */
  readonly admit: () => boolean;
  readonly timer: NodeJS.Timeout;
}

/**
 * A counting gate: `maxInFlight` holders at once, then up to `maxQueued` waiters in arrival order, each
 * for at most `maxWaitMs`. `enter` resolves true once admitted (call `leave` when done) or false when
 * refused: the queue is full, the wait ran out, or the caller gave up (its signal aborted).
 *
 * Turns are given from setImmediate, never straight from `enter` or `leave`: SQLite's queries are
 * synchronous, so a request admitted at once would run to its end before the server reads the next
 * one, and the backlog would pile up unseen in the kernel's accept queue, where nothing can shed it.
 * Giving turns between polls lets the server read every waiting request, queue it and refuse the excess.
 */
export class Gate {
  #inFlight = 0;
  readonly #queue: Waiter[] = [];
  #head = 0;
  #scheduled = false;
  readonly #options: Omit<ConcurrencyOptions, 'retryAfterSeconds'>;

  constructor(options: Omit<ConcurrencyOptions, 'retryAfterSeconds'>) {
    this.#options = options;
  }

  enter(signal?: AbortSignal): Promise<boolean> {
    // Waiters the next turn admits (free places) do not count against the queue's bound.
    const room = this.#options.maxQueued + Math.max(0, this.#options.maxInFlight - this.#inFlight);
    if (this.queued >= room || signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const settle = (admitted: boolean) => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', refuse);
        resolve(admitted);
        return true;
      };
      const refuse = () => settle(false);
      const timer = setTimeout(refuse, this.#options.maxWaitMs);
      signal?.addEventListener('abort', refuse, { once: true });
      this.#queue.push({ admit: () => settle(true), timer });
      this.#schedule();
    });
  }

  leave(): void {
    this.#inFlight--;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#pump());
  }

  /** Admits waiters in order while there is room; those that timed out or gave up are skipped. */
  #pump(): void {
    this.#scheduled = false;
    while (this.#head < this.#queue.length && this.#inFlight < this.#options.maxInFlight) {
      if (this.#queue[this.#head++]!.admit()) this.#inFlight++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Waiting (including any whose wait already ran out, until a turn passes them). */
  get queued(): number {
    return this.#queue.length - this.#head;
  }
}

/**
 * Bounds the work in flight: requests beyond the gate's bounds are answered by `busy` (503 with
 * Retry-After) instead of piling up on the event loop and in memory.
 */
export function concurrencyLimit(options: ConcurrencyOptions, busy: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const gate = new Gate(options);
  return async (c, next) => {
    if (!(await gate.enter(c.req.raw.signal))) {
      c.header('Retry-After', String(options.retryAfterSeconds));
      return busy(c);
    }
    try {
      await next();
    } finally {
      gate.leave();
    }
  };
}
