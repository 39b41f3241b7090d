import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function indirect(doc: Doc): void {
  void doc;
}
