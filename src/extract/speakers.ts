import type { Doc, Statement } from '../types.js';
import { FEATURES, candidates, context, scoreOf, target, type Candidate } from './model/speaker-features.js';
import { SPEAKER_WEIGHTS } from './model/speaker-weights.js';

const WEIGHTS = Float64Array.from(FEATURES, (f) => SPEAKER_WEIGHTS[f] ?? 0);

/**
 * Re-ranks the speaker of statements the rules could only guess (a pronoun, or a quote carried over with
 * no cue) among the people and organisations named shortly before, with a learned linear model
 * (model/speaker-features.ts, trained by scripts/train/speakers.ts on annotated news).
 */
export function speakers(doc: Doc): void {
  const statements = doc.layers.statements ?? [];
  if (statements.length === 0) return;
  const ctx = context(doc);
  const out: Statement[] = [];
  for (const s of statements) {
    const t = target(doc, s);
    let best: Candidate | undefined;
    let bestScore = -Infinity;
    for (const c of t ? candidates(ctx, t, out) : []) {
      const score = scoreOf(WEIGHTS, c);
      if (score > bestScore) { best = c; bestScore = score; }
    }
    out.push(best && s.speaker && best.entity.id !== s.speaker.entityId
      ? { ...s, speaker: { name: best.entity.name, mention: s.speaker.mention, entityId: best.entity.id } }
      : s);
  }
  doc.layers.statements = out;
}
