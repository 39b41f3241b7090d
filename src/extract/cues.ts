import type { Doc } from '../types.js';

/** Placeholder until this stage lands. */
export function cues(doc: Doc): void {
  void doc;
}
