/** Per-file and total scores of the extractor against gold files (one article each, or JSON Lines of many). */
import { z } from 'zod';
import { exactF1, rates, scoreDoc, type Counts, type DocScore, type GoldStatement, type Predicted, type Rates } from './score.js';

/** A hand-annotated gold article, as in ../shared/gold and ../shared/corpora: its text and statements. */
export const goldArticleSchema = z.object({
  id: z.string().optional(),
  published: z.string().optional(),
  text: z.string(),
  quotes: z.array(z.object({
    type: z.enum(['direct', 'indirect']),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    speaker: z.string().nullable().optional(),
    speaker_aliases: z.array(z.string()).optional(),
    optional: z.boolean().optional(),
    speaker_unresolved: z.boolean().optional(),
  }).transform((q): GoldStatement => ({
    type: q.type,
    start: q.start,
    end: q.end,
    speaker: q.speaker ?? null,
    speaker_aliases: q.speaker_aliases ?? [],
    ...(q.optional ? { optional: true } : {}),
    ...(q.speaker_unresolved ? { speaker_unresolved: true } : {}),
  }))),
});
export type GoldArticle = z.infer<typeof goldArticleSchema>;

export interface SetScore {
  readonly name: string;
  readonly docs: number;
  readonly direct: Rates;
  readonly indirect: Rates;
  readonly all: Rates;
  /** F1 of spans equal after trimming punctuation (the nearest to a token-level exact match). */
  readonly exactF1: number;
  /** Speaker accuracy where the gold speaker is resolvable to a name. */
  readonly speakerResolvable: number;
}

const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tpSpeaker: a.tpSpeaker + b.tpSpeaker });

/** Micro-averaged figures over the documents of one set. */
export function summarize(name: string, docs: readonly DocScore[]): SetScore {
  const zero: Counts = { tp: 0, fp: 0, fn: 0, tpSpeaker: 0 };
  const sum = (k: 'direct' | 'indirect' | 'all') => rates(docs.reduce((acc, d) => add(acc, d[k]), zero));
  const ex = docs.reduce((acc, d) => ({ tp: acc.tp + d.exact.tp, fp: acc.fp + d.exact.fp, fn: acc.fn + d.exact.fn }), { tp: 0, fp: 0, fn: 0 });
  const res = docs.reduce((acc, d) => ({ matched: acc.matched + d.resolvable.matched, right: acc.right + d.resolvable.right }), { matched: 0, right: 0 });
  return {
    name, docs: docs.length, direct: sum('direct'), indirect: sum('indirect'), all: sum('all'),
    exactF1: exactF1(ex), speakerResolvable: res.matched ? res.right / res.matched : 0,
  };
}

export function evaluate(gold: GoldArticle, predicted: readonly Predicted[]): DocScore {
  return scoreDoc(gold.text, gold.quotes, predicted);
}
