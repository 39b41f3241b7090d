/** Per-file and total scores of the extractor against gold files, by statement type. */
import { z } from 'zod';
import { score, type GoldStatement, type Predicted, type Score } from './score.js';

/** A hand-annotated gold file, as in ../shared/gold: the article text and its statements. */
export const goldFileSchema = z.object({
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
  }).transform((q): GoldStatement => ({
    type: q.type,
    start: q.start,
    end: q.end,
    speaker_aliases: q.speaker_aliases ?? (q.speaker ? [q.speaker] : []),
    ...(q.optional ? { optional: true } : {}),
  }))),
});

export interface Rates {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface FileScore {
  readonly file: string;
  readonly byType: { readonly direct: Rates; readonly indirect: Rates; readonly all: Rates };
  /** Matched statements (optional gold included) and those whose speaker is right. */
  readonly matched: number;
  readonly speakerRight: number;
  readonly speakerAccuracy: number;
}

function rates(s: Pick<Score, 'tp' | 'fp' | 'fn'>): Rates {
  // Nothing to find and nothing found is a perfect score, not a division by zero.
  const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp: s.tp, fp: s.fp, fn: s.fn, precision, recall, f1 };
}

const add = (a: Pick<Score, 'tp' | 'fp' | 'fn'>, b: Pick<Score, 'tp' | 'fp' | 'fn'>) =>
  ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });

export function evaluate(file: string, gold: readonly GoldStatement[], predicted: readonly Predicted[]): FileScore {
  // Matching never pairs different types, so scoring each type alone gives the same pairs as scoring all.
  const direct = score(gold.filter((g) => g.type === 'direct'), predicted.filter((p) => p.type === 'direct'));
  const indirect = score(gold.filter((g) => g.type === 'indirect'), predicted.filter((p) => p.type === 'indirect'));
  const matched = direct.matched + indirect.matched;
  const speakerRight = direct.speakerRight + indirect.speakerRight;
  return {
    file,
    byType: { direct: rates(direct), indirect: rates(indirect), all: rates(add(direct, indirect)) },
    matched,
    speakerRight,
    speakerAccuracy: matched === 0 ? 0 : speakerRight / matched,
  };
}

/** Micro-averaged totals over files. */
export function summarize(files: readonly FileScore[]): FileScore {
  const zero = { tp: 0, fp: 0, fn: 0 };
  const sum = (k: 'direct' | 'indirect' | 'all') => rates(files.reduce((acc, f) => add(acc, f.byType[k]), zero));
  const matched = files.reduce((n, f) => n + f.matched, 0);
  const speakerRight = files.reduce((n, f) => n + f.speakerRight, 0);
  return {
    file: 'total',
    byType: { direct: sum('direct'), indirect: sum('indirect'), all: sum('all') },
    matched,
    speakerRight,
    speakerAccuracy: matched === 0 ? 0 : speakerRight / matched,
  };
}
