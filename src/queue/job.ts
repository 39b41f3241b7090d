import { createHash } from 'node:crypto';
import type { Article } from '../types.js';

/** The job payload is the article itself, so a worker needs no access to the input files. */
export type IngestJob = Article;

/**
 * Same article id and text version -> same job id, so BullMQ refuses a duplicate add.
 * Hashed because ids are URLs and BullMQ forbids ':' in custom ids.
 */
export function jobIdFor(article: Pick<Article, 'id' | 'version'>): string {
  return 'a' + createHash('sha256').update(article.id).update('\n').update(article.version).digest('hex').slice(0, 40);
}
