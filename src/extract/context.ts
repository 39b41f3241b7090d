import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function context(doc: Doc): void {
  void doc;
}
