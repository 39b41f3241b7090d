import type { Context, MiddlewareHandler } from 'hono';
import type { ConcurrencyOptions } from './limits.js';

interface Waiter {
  readonly admit: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A counting gate: `maxInFlight` holders at once, then up to `maxQueued` waiters in arrival order, each
 * for at most `maxWaitMs`. `enter` resolves true once admitted (call `leave` when done) or false when
 * refused: the queue is full, the wait ran out, or the caller gave up (its signal aborted).
 */
export class Gate {
  #inFlight = 0;
  readonly #queue: Waiter[] = [];
  #head = 0;
  readonly #options: Omit<ConcurrencyOptions, 'retryAfterSeconds'>;

  constructor(options: Omit<ConcurrencyOptions, 'retryAfterSeconds'>) {
    this.#options = options;
  }

  enter(signal?: AbortSignal): boolean | Promise<boolean> {
    if (this.#inFlight < this.#options.maxInFlight && this.queued === 0) {
      this.#inFlight++;
      return true;
    }
    if (this.queued >= this.#options.maxQueued) return false;
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
      this.#queue.push({ admit: () => settle(true) && this.#inFlight++, timer });
    });
  }

  leave(): void {
    this.#inFlight--;
    // Waiters that timed out or gave up are skipped: admit() does nothing for them.
    while (this.#head < this.#queue.length && this.#inFlight < this.#options.maxInFlight) this.#queue[this.#head++]!.admit();
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
    const entered = gate.enter(c.req.raw.signal);
    if (!(entered === true || (await entered))) {
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
