import type { Cue, Doc, Mention, QuoteSpan, SpeakerRef, Statement } from '../types.js';
import { containing, within } from './lexicon/spans.js';

/** A quote with no cue is a statement only when it is at least this many words (shorter ones are scare quotes/titles). */
const MIN_UNATTRIBUTED_WORDS = 6;
/** How far from a quote mark an attribution may sit (characters). */
const WINDOW = 120;

export function speakerFrom(doc: Doc, m: Mention | undefined): SpeakerRef | null {
  if (!m) return null;
  // Entity ids are e1, e2, ... in order, so the id gives the index.
  const idx = m.entityId ? Number(m.entityId.slice(1)) - 1 : -1;
  const at = idx >= 0 ? doc.layers.entities?.[idx] : undefined;
  const ent = at?.id === m.entityId ? at : m.entityId ? doc.layers.entities?.find((e) => e.id === m.entityId) : undefined;
  return { name: ent?.name ?? m.text, mention: m.text, entityId: ent?.id ?? null };
}

const speakerLike = (m: Mention) => m.type === 'person' || m.type === 'organization' || m.form === 'description';

/** The mention that is the subject of a cue: right after an inverted cue, else the nearest before it. */
export function subjectOf(doc: Doc, cue: Cue, from: number, to: number): Mention | undefined {
  const ms = within(doc.layers.mentions ?? [], from, to).filter(speakerLike);
  const after = ms.find((m) => m.start >= cue.end && /^[\s,]*(?:by\s+)?$/.test(doc.text.slice(cue.end, m.start)));
  if (after) return after;
  const before = ms.filter((m) => m.end <= cue.start);
  return before[before.length - 1];
}

function sentenceBounds(doc: Doc, pos: number): [number, number] {
  const s = containing(doc.layers.sentences ?? [], pos);
  if (s) return [s.start, s.end];
  return [Math.max(0, pos - WINDOW), Math.min(doc.text.length, pos + WINDOW)];
}

export function direct(doc: Doc): void {
  const text = doc.text;
  const cues = doc.layers.cues ?? [];
  const quotes = (doc.layers.quotes ?? []).filter((q) => q.depth === 0);
  const out: Statement[] = [...(doc.layers.statements ?? [])];
  let last: SpeakerRef | null = null;
  let lastEnd = -1;
  for (let qi = 0; qi < quotes.length; qi++) {
    const q = quotes[qi] as QuoteSpan;
    const words = text.slice(q.start, q.end).split(/\s+/).filter(Boolean).length;
    const closeEnd = q.unclosed ? q.end : q.end + 1;
    // Attribution after the quote: up to the next quote or sentence end.
    const nextQ = quotes[qi + 1]?.start ?? text.length;
    const [sStart, sEnd] = sentenceBounds(doc, q.start);
    const [, aEnd] = sentenceBounds(doc, Math.min(closeEnd, text.length - 1));
    const afterLimit = Math.min(nextQ - 1, Math.max(sEnd, aEnd), closeEnd + WINDOW);
    const prevQEnd = qi > 0 ? quotes[qi - 1]!.end + 1 : 0;
    const beforeStart = Math.max(sStart, prevQEnd, q.start - 1 - WINDOW);
    const lead = text.slice(beforeStart, q.start - 1);
    // Words ending in punctuation before the quote (", said:" ) mark an introduced quote.
    const introduced = /[:,]\s*$/.test(lead);
    // A full stop inside the marks ends the sentence: what follows is a new sentence, not an attribution.
    const endsLikeSpeech = /[,!?\u2014-]\s*$/.test(text.slice(q.start, q.end)) || /^[,]/.test(text.slice(closeEnd, closeEnd + 1));
    let cue: Cue | undefined;
    let speakerMention: Mention | undefined;
    if (endsLikeSpeech) {
      // The attribution follows at once ("…," she said / "…?" asked Varnholt), with no sentence break between.
      cue = within(cues, closeEnd, afterLimit).find((c) => c.lemma !== 'according to'
        && c.start - closeEnd < 60 && !/[.!?:;"\u201C\u201D\n]/.test(text.slice(closeEnd, c.start)));
      if (cue) speakerMention = subjectOf(doc, cue, closeEnd, afterLimit);
    }
    if (!cue && introduced) {
      const cs = within(cues, beforeStart, q.start);
      cue = cs[cs.length - 1];
      if (cue) speakerMention = subjectOf(doc, cue, beforeStart, q.start);
    }
    let speaker = speakerFrom(doc, speakerMention);
    let cueText: string | null = cue?.text ?? null;
    if (!cue) {
      // Unattributed full-sentence quote: the previous quote's speaker carries over.
      const standalone = words >= MIN_UNATTRIBUTED_WORDS && q.start - 1 <= sStart + 1 && last && q.start - lastEnd < 2000;
      const continuation = q.continued && last;
      if (!standalone && !continuation) continue;
      speaker = last;
      cueText = null;
    } else if (!speaker && last) {
      speaker = last;
    }
    if (!cue && words < 3) continue;
    out.push({ kind: 'statement', type: 'direct', text: text.slice(q.start, q.end), start: q.start, end: q.end, speaker, cue: cueText });
    if (speaker) last = speaker;
    lastEnd = q.end;
  }
  out.sort((a, b) => a.start - b.start);
  doc.layers.statements = out;
}
