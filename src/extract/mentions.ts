import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function mentions(doc: Doc): void {
  void doc;
}
