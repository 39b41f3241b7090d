import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function entities(doc: Doc): void {
  void doc;
}
