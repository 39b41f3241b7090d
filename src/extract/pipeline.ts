import type { ArticleMeta, Doc, Extraction, Stage } from '../types.js';
import { createDoc, hasFatal, report } from './document.js';
import { paragraphs } from './paragraphs.js';
import { sentences } from './sentences.js';
import { quotes } from './quotes.js';
import { mentions } from './mentions.js';
import { entities } from './entities.js';
import { dates } from './dates.js';
import { cues } from './cues.js';
import { direct } from './direct.js';
import { indirect } from './indirect.js';
import { qa } from './qa.js';
import { speakers } from './speakers.js';
import { context } from './context.js';

/**
 * The extraction stages, in order. Each reads the layers earlier stages added
 * and adds its own; none imports another.
 *   paragraphs -> paragraphs        sentences -> tokens, sentences
 *   quotes     -> quotes            mentions  -> mentions (names, pronouns, titles, descriptions)
 *   entities   -> entities, mention.entityId (coreference)
 *   dates      -> dates             cues      -> cues
 *   direct     -> statements (direct quotes, attributed)
 *   indirect   -> statements (+ reported speech)
 *   speakers   -> statements (a learned ranker re-picks pronoun and carried-over speakers)
 *   qa         -> statements (+ interview answers and transcript lines)
 *   context    -> statements (+ date, place, via, addressee where still missing)
 */
export const stages: readonly Stage[] = [
  paragraphs,
  sentences,
  quotes,
  mentions,
  entities,
  dates,
  cues,
  direct,
  indirect,
  speakers,
  qa,
  context,
];

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
  const failed = hasFatal(doc);
  return {
    kind: 'extraction',
    id: meta.id ?? meta.source ?? 'document',
    statements: failed ? [] : (doc.layers.statements ?? []),
    entities: failed ? [] : (doc.layers.entities ?? []),
    messages: doc.messages,
  };
}
