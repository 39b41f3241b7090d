/**
 * Results that many requests share (totals, the speaker list, an entity's counts, utterance groupings),
 * kept until the store changes. The store's generation says when: it moves on every committed write,
 * from this process or another one (a queue worker, `onrecord ingest`), and every lookup compares it
 * first, so nothing stale is served after a write has committed.
 */
export class GenerationCache {
  readonly #entries = new Map<string, Promise<unknown>>();
  readonly #generation: () => string | Promise<string>;
  readonly #max: number;
  #seen: string | undefined;

  /** `max` bounds the entries; the least recently used go first. */
  constructor(generation: () => string | Promise<string>, max = 1000) {
    this.#generation = generation;
    this.#max = max;
  }

  /**
   * The value for `key`, computed once per generation. Concurrent callers share one computation
   * (a burst of home pages counts the store once); a failed computation is not kept.
   */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    await this.refresh();
    return this.lookup(key, compute);
  }

  /** Reads the generation and forgets everything when it moved; then `lookup` and `peek` use what is current. */
  async refresh(): Promise<void> {
    const generation = await this.#generation();
    if (generation === this.#seen) return;
    this.#entries.clear();
    this.#seen = generation;
  }

  /** As `get`, without reading the generation again (for many keys after one `refresh`). */
  lookup<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.#entries.get(key) as Promise<T> | undefined;
    if (entry) this.#entries.delete(key);
    else {
      entry = compute();
      entry.catch(() => this.#entries.get(key) === entry && this.#entries.delete(key));
    }
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return entry;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
