import type { Cue, Doc, Mention, QuoteSpan, SpeakerRef, Span, Statement } from '../types.js';
import { containing, lowerBound, within } from './lexicon/spans.js';
import { JUDGING } from './lexicon/cues.js';
import { clauseSubject, firstSpeaker, phraseAfter, phraseBefore, phraseSpeaker, priorCue, source, speakerBefore, speakerFrom, subjectOf, usableCue } from './attribution.js';

/** How far after a closing mark an attribution may run (characters). */
const AFTER_WINDOW = 160;
/** An unattributed quote in a paragraph of its own carries the last speaker over only when this long (words)... */
const MIN_CARRIED_WORDS = 4;
/** ...and only this close to the last attributed quote (characters). */
const CARRY_REACH = 2500;

/** The attribution of one quote: its cue, the mention that speaks, and the span to claim. */
interface Attribution {
  readonly cue?: Cue;
  readonly mention?: Mention;
  /** The speaker when it is not one mention: a participle's clause subject, a noun phrase, a source's phrase. */
  readonly speaker?: SpeakerRef | null;
  readonly claimed: readonly Span[];
}

const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|[A-Z])|\d)$/;

/** End of the sentence that starts at `from` (first . ! ? ; not ending an abbreviation), capped at `to` (its paragraph's end). */
function clauseEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '!' || c === '?' || c === ';') return i;
    if (c === '.' && !ABBREVIATION.test(text.slice(Math.max(from, i - 6), i))) return i;
  }
  return to;
}

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const QUOTE_MARKS = '"\'\u2018\u2019\u201C\u201D';

/** `"…," Varnholt said` / `"…?" asked Pell` / `'…', a senior official, who asked not to be named, told the Gazette`. */
function after(doc: Doc, q: QuoteSpan, limit: number): Attribution | undefined {
  const text = doc.text;
  const close = q.unclosed ? q.end : q.end + 1;
  // Inner closing marks at the end ("Nobody said, 'We knew,'") are not the outer quote's punctuation.
  let last = q.end;
  while (last > q.start && QUOTE_MARKS.includes(text[last - 1]!)) last--;
  const content = text.slice(Math.max(q.start, last - 4), last);
  const rest = text.slice(close, close + 2);
  // A full stop inside or right after the marks ends the sentence: what follows is not its attribution.
  if (!/[,!?\u2014\u2013\u2026-]\s*$/.test(content) && !/^\s*[,\u2014\u2013]/.test(rest)) return undefined;
  // A paragraph ends the clause; inside one, a line break of hard-wrapped text is only a space.
  const paragraphEnd = containing(doc.layers.paragraphs ?? [], Math.max(q.start, close - 1))?.end ?? text.length;
  const end = clauseEnd(text, close, Math.min(limit, close + AFTER_WINDOW, paragraphEnd));
  const cue = within(doc.layers.cues ?? [], close, end).find((c) => c.lemma !== 'according to' && quoting(doc, c));
  if (!cue || cue.start - close > 90) return accordingTo(doc, q, close, end);
  const mention = subjectOf(doc, cue, close, end);
  // "according to" in the same clause names the secondary source, never a statement of its own.
  const sources = within(doc.layers.cues ?? [], cue.end, end).filter((c) => c.lemma === 'according to');
  // '"…," said a person close to the campaign': a subject no mention covers follows the cue;
  // "'…,' his family said": likewise before it.
  const phrase = mention ? undefined : phraseAfter(doc, cue, end) ?? phraseBefore(doc, cue, close);
  if (phrase) return { cue, speaker: phraseSpeaker(doc.text.slice(phrase.start, phrase.end)), claimed: [cue, ...sources] };
  return { cue, mention, claimed: [cue, ...sources] };
}

/** A cue that can introduce a quote: "which the family calls "the old lady"" names, it does not quote. */
const quoting = (doc: Doc, c: Cue): boolean => !JUDGING.has(c.lemma) && usableCue(doc, c);

/** `"…," according to a court filing.`: with no cue of its own, a quote's source follows right after it. */
function accordingTo(doc: Doc, q: QuoteSpan, close: number, end: number): Attribution | undefined {
  // Only a quote that opens its sentence: 'threatening "a major lawsuit," according to …' is reported speech.
  const sentence = containing(doc.layers.sentences ?? [], q.start);
  if (sentence && doc.text.slice(sentence.start, q.start - 1).trim() !== '') return undefined;
  const cue = within(doc.layers.cues ?? [], close, end).find((c) => c.lemma === 'according to');
  if (!cue || !/^[\s,]*$/.test(doc.text.slice(close, cue.start))) return undefined;
  const found = source(doc, cue.end, end);
  if (found.mention) return { cue, mention: found.mention, claimed: [cue] };
  return found.phrase ? { cue, speaker: phraseSpeaker(found.phrase), claimed: [cue] } : undefined;
}

/** Where the text that leads into a quote starts: its sentence, cut at the quote before it. */
function leadStart(doc: Doc, q: QuoteSpan, previousClose: number): number {
  const sentence = containing(doc.layers.sentences ?? [], q.start - 1) ?? containing(doc.layers.sentences ?? [], q.start);
  return Math.max(sentence?.start ?? 0, previousClose);
}

/** `Varnholt said: "…"`, `"…," she said, "…"`, `said Pell, "…"`, and a paragraph ending in a colon before the quote. */
function before(doc: Doc, q: QuoteSpan, previousClose: number): Attribution | undefined {
  const text = doc.text;
  const open = q.start - 1;
  let from = leadStart(doc, q, previousClose);
  let lead = text.slice(from, open);
  const paragraph = containing(doc.layers.paragraphs ?? [], open);
  if (lead.trim() === '' && paragraph && paragraph.start === open) {
    // A paragraph that ends in a colon introduces the quote that opens the next one.
    const paragraphs = doc.layers.paragraphs ?? [];
    const prev = paragraphs[lowerBound(paragraphs, open) - 1];
    if (!prev || !/:\s*$/.test(text.slice(prev.start, prev.end))) return undefined;
    from = Math.max(prev.start, containing(doc.layers.sentences ?? [], prev.end - 1)?.start ?? prev.start, previousClose);
    lead = text.slice(from, open);
  }
  const trimmed = lead.trimEnd();
  const cues = within(doc.layers.cues ?? [], from, open).filter((c) => quoting(doc, c));
  const cue = cues[cues.length - 1];
  const endsWithCue = cue && /^[\s,:]*$/.test(text.slice(cue.end, open));
  if (!/[:,\u2014\u2013]$/.test(trimmed) && !endsWithCue) return undefined;
  // "…, adding: "…"": a participle's subject is the sentence's.
  const sentenceStart = containing(doc.layers.sentences ?? [], open)?.start ?? from;
  if (cue && /ing$/.test(cue.text) && /,["'\u2019\u201D]?\s*$/.test(text.slice(sentenceStart, cue.start))) {
    // "…, Tull said, adding: "…"": the cue it follows names the subject, which need not open the sentence.
    const prior = priorCue(doc, cue, sentenceStart);
    const mention = prior && subjectOf(doc, prior, sentenceStart, cue.start);
    if (mention) return { cue, mention, claimed: [cue] };
    return { cue, speaker: clauseSubject(doc, sentenceStart, cue.start), claimed: [cue] };
  }
  if (cue) {
    const mention = subjectOf(doc, cue, from, open, false);
    // "The family's lawyer said: "…"", "Thirty residents wrote: "…"": a noun phrase no mention covers.
    return mention && mention.end > cue.start ? { cue, mention, claimed: [cue] } : { cue, speaker: speakerBefore(doc, cue, mention, from), claimed: [cue] };
  }
  // `Varnholt was blunt: "…"`: a colon with no cue still hands the quote to the clause's subject.
  if (trimmed.endsWith(':')) {
    const mention = firstSpeaker(doc, from, open);
    if (mention) return { mention, claimed: [] };
  }
  return undefined;
}

/**
 * A quote inside running prose (`she would "fight this to the end"`, `the so-called "plan"`):
 * words lead into it without a colon, comma, dash or speech cue. It belongs to reported
 * speech or is no statement at all.
 */
function partial(doc: Doc, q: QuoteSpan, previousClose: number): boolean {
  const lead = doc.text.slice(leadStart(doc, q, previousClose), q.start - 1).trimEnd();
  // A spaced hyphen stands for a dash: 'was rushed - "We have not seen the costs," she said - and …'.
  if (lead === '' || /[:,\u2014\u2013(]$|\s-$/.test(lead)) return false;
  const cues = within(doc.layers.cues ?? [], q.start - 1 - lead.length, q.start - 1);
  const cue = cues[cues.length - 1];
  return !(cue && usableCue(doc, cue) && /^[\s,:]*$/.test(doc.text.slice(cue.end, q.start - 1)));
}

/** "Running on Empty," "Lanterns on the Water": a short run of capitalised words is a title, not speech. */
function titleLike(content: string): boolean {
  const words = content.replace(/[,.]$/, '').split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.length <= 7 && /^\p{Lu}/u.test(words[words.length - 1]!)
    && words.every((w) => /^\p{Lu}/u.test(w) || (w.length <= 4 && /^\p{Ll}+$/u.test(w)));
}

/** A quote that is a whole sentence: nothing of the sentence stands before or after its marks. */
function wholeSentence(doc: Doc, q: QuoteSpan, previousClose: number): boolean {
  const text = doc.text;
  const lead = text.slice(leadStart(doc, q, previousClose), q.start - 1);
  if (lead.trim() !== '') return false;
  const close = q.unclosed ? q.end : q.end + 1;
  return q.unclosed === true || /[.!?\u2026]["'\u2019\u201D]*\s*$/.test(text.slice(Math.max(q.start, q.end - 8), q.end)) || /^\s*(?:[.!?]|$|\n)/.test(text.slice(close, close + 2));
}

/**
 * A quote left open at a paragraph's end and taken up in the next ("…built,¶"But now…," said Quill):
 * the attribution after its last paragraph is the whole quote's, so its first paragraph is not lost.
 */
function runOnAttribution(doc: Doc, quotes: readonly QuoteSpan[], qi: number): Attribution | undefined {
  let k = qi;
  while (quotes[k]?.unclosed && quotes[k + 1]?.continued) k++;
  if (k === qi) return undefined;
  const next = quotes[k + 1];
  return after(doc, quotes[k]!, next ? next.start - 1 : doc.text.length);
}

export function direct(doc: Doc): void {
  const text = doc.text;
  const quotes = (doc.layers.quotes ?? []).filter((q) => q.depth === 0);
  const out: Statement[] = [...(doc.layers.statements ?? [])];
  const claimed: Span[] = [...(doc.layers.attributions ?? [])];
  let last: { speaker: SpeakerRef; end: number; paragraph?: Span } | undefined;
  for (let qi = 0; qi < quotes.length; qi++) {
    const q = quotes[qi] as QuoteSpan;
    const prev = quotes[qi - 1];
    const previousClose = prev ? prev.end + 1 : 0;
    const next = quotes[qi + 1];
    if (partial(doc, q, previousClose) || titleLike(text.slice(q.start, q.end))) continue;
    const attribution = after(doc, q, next ? next.start - 1 : text.length) ?? before(doc, q, previousClose) ?? runOnAttribution(doc, quotes, qi);
    const paragraph = containing(doc.layers.paragraphs ?? [], q.start);
    let speaker: SpeakerRef | null = null;
    let cue: string | null = null;
    if (attribution) {
      speaker = attribution.speaker !== undefined ? attribution.speaker : speakerFrom(doc, attribution.mention);
      cue = attribution.cue?.text ?? null;
      claimed.push(...attribution.claimed);
    } else {
      if (!last || q.start - last.end > CARRY_REACH) continue;
      const sameParagraph = paragraph !== undefined && last.paragraph === paragraph;
      // A quote left open at a paragraph's end runs on into the next: it is speech, whatever its length.
      const carried = q.continued || q.unclosed || (wholeSentence(doc, q, previousClose) && (sameParagraph || wordCount(text.slice(q.start, q.end)) >= MIN_CARRIED_WORDS));
      if (!carried) continue;
      speaker = last.speaker;
    }
    const previous = out[out.length - 1];
    if (q.continued && previous?.type === 'direct' && prev?.unclosed && previous.end === prev.end) {
      // One quote over several paragraphs is one statement, from its first mark to its last.
      out[out.length - 1] = { ...previous, text: text.slice(previous.start, q.end), end: q.end };
    } else out.push({ kind: 'statement', type: 'direct', text: text.slice(q.start, q.end), start: q.start, end: q.end, speaker, cue });
    if (speaker) last = { speaker, end: q.end, ...(paragraph ? { paragraph } : {}) };
  }
  out.sort((a, b) => a.start - b.start);
  claimed.sort((a, b) => a.start - b.start);
  doc.layers.statements = out;
  doc.layers.attributions = claimed;
}
