import { createHash } from 'node:crypto';
import { z } from 'zod';
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

/** A job's payload is checked when a worker takes it: a queue can hold jobs from other versions or hands. */
export const IngestJobSchema = z.object({
  kind: z.literal('article'),
  id: z.string().min(1),
  version: z.string().min(1),
  text: z.string().min(1),
  url: z.string().optional(),
  title: z.string().optional(),
  outlet: z.string().optional(),
  authors: z.array(z.string()),
  published: z.string().optional(),
  language: z.string().optional(),
  source: z.string(),
});
