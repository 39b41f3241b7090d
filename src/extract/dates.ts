import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function dates(doc: Doc): void {
  void doc;
}
