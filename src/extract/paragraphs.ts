import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function paragraphs(doc: Doc): void {
  void doc;
}
