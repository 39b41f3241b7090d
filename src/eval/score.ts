/** Pure scoring of predicted statements against hand-annotated gold (span Jaccard over character offsets). */
export interface GoldStatement { type: string; start: number; end: number; speaker_aliases: string[]; optional?: boolean }
export interface Predicted { type: string; start: number; end: number; speaker: { name: string; mention?: string } | null }
export interface Score { tp: number; fp: number; fn: number; speakerRight: number; matched: number }

/** Minimum span overlap (intersection over union) for a prediction to match a gold statement. */
export const MIN_JACCARD = 0.5;

export function jaccard(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").trim();

export function score(gold: readonly GoldStatement[], predicted: readonly Predicted[]): Score {
  const pairs: Array<[number, number, number]> = [];
  gold.forEach((g, gi) => predicted.forEach((p, pi) => {
    const j = g.type === p.type ? jaccard(g, p) : 0;
    if (j >= MIN_JACCARD) pairs.push([j, gi, pi]);
  }));
  pairs.sort((a, b) => b[0] - a[0]);
  const usedG = new Set<number>(); const usedP = new Set<number>();
  let tp = 0; let speakerRight = 0; let matched = 0;
  for (const [, gi, pi] of pairs) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi); usedP.add(pi);
    const g = gold[gi]!; const p = predicted[pi]!;
    if (!g.optional) tp++;
    matched++;
    const aliases = new Set(g.speaker_aliases.map(norm));
    if (p.speaker && (aliases.has(norm(p.speaker.name)) || (p.speaker.mention && aliases.has(norm(p.speaker.mention))))) speakerRight++;
  }
  const fn = gold.filter((g, i) => !g.optional && !usedG.has(i)).length;
  return { tp, fp: predicted.length - usedP.size, fn, speakerRight, matched };
}
