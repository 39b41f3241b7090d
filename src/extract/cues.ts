import type { Cue, Doc } from '../types.js';
import { CUE_LEMMA, THAT_ONLY } from './lexicon/cues.js';

// One linear scan over lower-case words; "according to" is the one multi-word cue.
const WORD = /[A-Za-z]+/g;

export function cues(doc: Doc): void {
  const out: Cue[] = [];
  const text = doc.text;
  const tokens = doc.layers.tokens;
  if (tokens) {
    // Tokens already carry lower-case forms: a map lookup per token, no second pass over the text.
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const w = t.normal;
      if (w === 'according' && tokens[i + 1]?.normal === 'to') {
        out.push({ start: t.start, end: tokens[i + 1]!.end, text: text.slice(t.start, tokens[i + 1]!.end), lemma: 'according to' });
        continue;
      }
      const lemma = CUE_LEMMA.get(w) ?? (tokens[i + 1]?.normal === 'that' ? THAT_ONLY.get(w) : undefined);
      if (lemma) out.push({ start: t.start, end: t.end, text: t.value, lemma });
    }
    doc.layers.cues = out;
    return;
  }
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const w = m[0].toLowerCase();
    const start = m.index;
    if (w === 'according' && text.slice(start + 9, start + 13).toLowerCase() === ' to ') {
      out.push({ start, end: start + 12, text: text.slice(start, start + 12), lemma: 'according to' });
      continue;
    }
    const lemma = CUE_LEMMA.get(w);
    if (lemma) out.push({ start, end: start + w.length, text: m[0], lemma });
  }
  doc.layers.cues = out;
}
