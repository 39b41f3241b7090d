import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function sentences(doc: Doc): void {
  void doc;
}
