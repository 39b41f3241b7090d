import type { ArticleMeta, Doc, Extraction, Stage } from '../types.js';
import { createDoc, hasFatal, report } from './document.js';

/**
 * The extraction stages, in order. Each reads the layers earlier stages added
 * and adds its own; none imports another. Filled in as the stages land.
 */
export const stages: readonly Stage[] = [];

/** Runs every stage on one document. A stage that throws marks the document failed; it never escapes. */
export function run(doc: Doc, pipeline: readonly Stage[] = stages): Doc {
  for (const stage of pipeline) {
    if (hasFatal(doc)) break;
    try {
      stage(doc);
    } catch (error) {
      report(doc, 'ONR_ERR_EXTRACT', 'fatal', `${stage.name || 'stage'}: ${(error as Error).message}`);
    }
  }
  return doc;
}

/** Extracts statements and entities from one article text. */
export function extract(text: string, meta: ArticleMeta = {}): Extraction {
  const doc = run(createDoc(text, meta));
  return {
    kind: 'extraction',
    id: meta.id ?? meta.source ?? 'document',
    statements: hasFatal(doc) ? [] : (doc.layers.statements ?? []),
    entities: hasFatal(doc) ? [] : (doc.layers.entities ?? []),
    messages: doc.messages,
  };
}
