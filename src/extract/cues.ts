import type { Cue, Doc } from '../types.js';
import { CUE_LEMMA, PHRASAL, THAT_ONLY } from './lexicon/cues.js';

/**
 * Speech cues from the token layer: single verbs ("said"), verbs that report speech only
 * before "that" ("found that"), and two-word cues ("according to", "called for", "pointed out").
 */
export function cues(doc: Doc): void {
  const out: Cue[] = [];
  const text = doc.text;
  const tokens = doc.layers.tokens ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const phrasal = next && next.start - t.end <= 1 ? PHRASAL.get(`${t.normal} ${next.normal}`) : undefined;
    if (phrasal) {
      out.push({ start: t.start, end: next!.end, text: text.slice(t.start, next!.end), lemma: phrasal });
      i++;
      continue;
    }
    const lemma = CUE_LEMMA.get(t.normal) ?? (next?.normal === 'that' ? THAT_ONLY.get(t.normal) : undefined);
    if (lemma) out.push({ start: t.start, end: t.end, text: t.value, lemma });
  }
  doc.layers.cues = out;
}
