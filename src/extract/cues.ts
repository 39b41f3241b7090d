import type { Cue, Doc, Token } from '../types.js';
import { BASE_FORMS, CUE_LEMMA, PHRASAL, THAT_ONLY, verbAfterSubject } from './lexicon/cues.js';

const PHRASAL_FIRST: ReadonlySet<string> = new Set([...PHRASAL.keys()].map((k) => k.split(' ')[0]!));

/** Words that may stand between a that-only cue and its "that": "concluded this month that". */
const BEFORE_THAT = /^(?:this|last|next|earlier|later|on|in|recently|previously|also|week|month|year|morning|afternoon|evening|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)$/;

/** Whether "that" follows token i, after at most three time words. */
function thatFollows(tokens: readonly Token[], i: number): boolean {
  for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
    if (tokens[j]!.normal === 'that') return true;
    if (!BEFORE_THAT.test(tokens[j]!.normal)) return false;
  }
  return false;
}

/** A cue's form used as something else: a noun, an adjective, half of a compound. */
function lookAlike(t: Token, prev: Token | undefined, next: Token | undefined): boolean {
  // "insurance claims", "the calls": a base or third-person form is a cue only where it is tagged a verb.
  if (BASE_FORMS.has(t.normal) && t.pos !== 'VERB') return !verbAfterSubject(t, prev, next);
  if (!prev) return false;
  // "the pledged delegates", "500 pledged delegates", "a much-criticized plan": a participle used as an adjective.
  if (/ed$/.test(t.normal) && next?.pos === 'NOUN' && /^(?:DET|NUM|ADJ|ADP)$/.test(prev.pos)) return true;
  // "so-called", "under questioning", "the warning": half of a compound, or a gerund used as a noun.
  return (prev.end === t.start && /^[-\u2010\u2011]$/.test(prev.value)) || (/ing$/.test(t.normal) && /^(?:ADP|DET)$/.test(prev.pos) && prev.normal !== 'as');
}

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
    const phrasal = next && PHRASAL_FIRST.has(t.normal) && next.start - t.end <= 1 ? PHRASAL.get(`${t.normal} ${next.normal}`) : undefined;
    if (phrasal) {
      out.push({ start: t.start, end: next!.end, text: text.slice(t.start, next!.end), lemma: phrasal });
      i++;
      continue;
    }
    // "the study found that …", and trailing "…, the Gazette reported."
    const prev = tokens[i - 1];
    const lemma = CUE_LEMMA.get(t.normal) ?? (THAT_ONLY.has(t.normal) && next && (thatFollows(tokens, i) || (/^[.,;]$/.test(next.value) && prev?.pos !== 'DET')) ? THAT_ONLY.get(t.normal) : undefined);
    if (!lemma || lookAlike(t, prev, next)) continue;
    out.push({ start: t.start, end: t.end, text: t.value, lemma });
  }
  doc.layers.cues = out;
}
