import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function quotes(doc: Doc): void {
  void doc;
}
