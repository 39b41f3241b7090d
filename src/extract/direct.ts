import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function direct(doc: Doc): void {
  void doc;
}
