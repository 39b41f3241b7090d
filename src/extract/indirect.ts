import type { Cue, Doc, Mention, QuoteSpan, Sentence, SpeakerRef, Statement } from '../types.js';
import { ADDRESSEE_CUES, CUE_LEMMA, JUDGING, NOUN_CUES, NP_CUES, QUOTE_ONLY } from './lexicon/cues.js';
import { covers, lowerBound, within } from './lexicon/spans.js';
import { DATELINE, clauseSubject, openingClause, source, phraseAfter, phraseBefore, phraseSpeaker, speakerBefore, speakerFrom, subjectOf, usableCue } from './attribution.js';

/** Reported content shorter than this (characters) is no statement ("he said so"). */
const MIN_CONTENT = 12;

const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';

/** What may follow a trailing cue before the sentence ends: "on Monday", "in a statement", "told reporters". */
const TRAILER = new RegExp(
  String.raw`^(?:(?:\s+(?:on|in|at|during|to|from|after|before|last|this|earlier|later|late|early|yesterday|today|tonight|recently|via|through|when|while|as|without|who|${DAYS})|,\s+(?:the|a|an|who|which|adding|saying))\b(?:(?!\bthat\b)[^.!?]){0,80}?)*` +
  String.raw`\s*[.!?]?["\u201D\u2019']?\s*$`, 'u');
const ADVERBIALS = new RegExp(String.raw`^(?:\s*|\s+(?:on|in|at|during|to|last|this|earlier|later|late|early|yesterday|today|again|also|repeatedly|publicly|privately|previously|recently|after|before|via|through|while|over|afterwards|afterward|then|once|since|${DAYS}|\p{Ll}+ly)\b(?:[^,;]|,\s*\d){0,50})$`, 'u');
/** How far before a trailing cue its subject may start (characters): "…, Sgt. Dana Kowalczyk, a police spokeswoman, said". */
const SUBJECT_REACH = 300;
/** Speech cues read in one sentence; past this many it is a list or junk, not prose, and the rest are skipped. */
export const MAX_CUES_PER_SENTENCE = 40;
/** Reported content is cut at this many characters (a sentence can be a whole pasted document). */
const MAX_CONTENT = 3000;
/** Longest run of adverbials a trailing attribution may end with ("on Monday in a statement to reporters"). */
const MAX_TRAILER = 160;
const ADVERBIAL_OPENING = /^\s*(?:before|after|when|while|as|if|although|though|because|since|until|once|in|on|at|during|speaking|asked|following|addressing|earlier|later|meanwhile|however)\b/i;
/** Cues that report a clause, and so can trail it ("…, she said"); "urged" and the like cannot. */
const TRAILING_CUES = new Set(['say', 'tell', 'add', 'write', 'claim', 'insist', 'argue', 'explain', 'warn', 'note', 'state', 'confirm', 'announce', 'acknowledge', 'admit', 'predict', 'suggest', 'believe', 'report', 'reply', 'respond', 'tweet', 'post', 'assert', 'contend', 'maintain', 'concede', 'caution', 'observe', 'estimate',
  'declare', 'recall', 'agree', 'complain', 'reveal', 'stress', 'emphasize', 'reiterate', 'remark', 'boast', 'counter', 'retort', 'quip', 'joke',
  'testify', 'conclude', 'allege', 'lament', 'wonder', 'email', 'promise', 'vow', 'continue', 'speculate', 'muse', 'recount', 'brag', 'proclaim',
  'clarify', 'affirm', 'reaffirm', 'protest', 'exclaim', 'plead', 'concur', 'grumble', 'find', 'show', 'indicate', 'disclose', 'hint', 'signal']);
/** A reported clause that starts with a subject pronoun; any other start needs a verb soon after (hasVerbSoon). */
const CLAUSE_START = /^\s*(?:it|he|she|they|we|you|i|there)\b/u;
/** A reporter's framing clause after the content: not the speaker's words. */
const FRAMING = /,["'\u2019\u201D]?\s+(?:following|amid|after|before|as|while|during|ahead of|in a bid|though(?!,)|although|pointing to|citing|despite|even as|whereas|(?:and|but)\s+(?:the|a|an|his|her|their|its|this|these|he|she|they|it|we|i|there)\s+(?!(?:said|says|would|will|could|should|must|might|may)\b)(?:\p{L}+\s+)?(?:was|were|is|are|had|has|have|did|\p{L}+ed)\b)|\s+\u2014\s+(?=an?\s|the\s|\p{Ll})|;\s/u;
/** A participle cue (", adding that", "calling the plan …"): every -ing form of the cue lexicon. */
const PARTICIPLE = /^\p{L}+ing(?:\s+\p{L}+)?$/iu;

interface Found {
  start: number;
  end: number;
  mention?: Mention;
  /** A source named by words that are no mention ("the text of the deal"). */
  phrase?: string;
  addressee?: string;
}

/** Trims spaces, a final full stop (kept before a closing quote mark) and framing from [start, end). */
function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,:]/.test(text[start]!)) start++;
  const dateline = DATELINE.exec(text.slice(start, end));
  if (dateline) start += dateline[0].length;
  const framing = FRAMING.exec(text.slice(start, end));
  if (framing) end = start + framing.index;
  while (end > start && /[\s,;]/.test(text[end - 1]!)) end--;
  const dash = /\s+[-\u2013\u2014]$/.exec(text.slice(start, end));
  if (dash) end -= dash[0].length;
  const conjunction = /\s+(?:and|but|or)$/.exec(text.slice(start, end));
  if (conjunction) end -= conjunction[0].length;
  if (text[end - 1] === '.' && !/["\u201D\u2019']/.test(text[end - 2] ?? '')) end--;
  return [start, end];
}

/** `According to X, content.` / `Content, according to X.` */
function accordingTo(doc: Doc, s: Sentence, cue: Cue): Found | undefined {
  const text = doc.text;
  // Only this sentence: a search for a comma must not run on through the rest of the document.
  const found = text.slice(cue.end, s.end).indexOf(',');
  const comma = found < 0 ? -1 : cue.end + found;
  const lead = text.slice(s.start, cue.start);
  // "According to X, …", and after a short opener: "In addition, according to the department, …".
  if (comma > 0 && (lead.trim() === '' || /^\s*(?:\S+\s+){0,2}\S+,\s*$/.test(lead) || /^\s*(?:but|and|yet|so)\s+$/i.test(lead))) {
    return { start: comma + 1, end: s.end, ...source(doc, cue.end, comma) };
  }
  // "…, according to X." and '…," according to X.': the source closes the sentence.
  if (!/(?:,["\u201D\u2019']?|["\u201D\u2019'],?|\s[\u2014\u2013-])\s*$/u.test(lead)) return undefined;
  return { start: s.start, end: cue.start, ...source(doc, cue.end, s.end) };
}

/** `Content, officials said on Monday.` / `Content, said Varnholt, the mayor.` */
function trailing(doc: Doc, s: Sentence, cue: Cue, previous: number): Found | undefined {
  const text = doc.text;
  if (!TRAILING_CUES.has(cue.lemma)) return undefined;
  const found = trailingSubject(doc, s, cue, previous);
  if (!found) return undefined;
  const { comma, mention, phrase, subjectEnd } = found;
  const tail = subjectEnd ? text.slice(subjectEnd, s.end) : afterAttribution(text, s, cue, mention);
  // "…, the experts say, the world could …": after a subject before its cue, ", the …" resumes the content.
  if (!(mention && mention.start > cue.start) && !subjectEnd && /^,\s+(?:the|a|an)\s/.test(tail)) return undefined;
  // "told jurors on Monday": the addressee of a trailing "told" comes before the adverbials.
  const afterAddressee = cue.lemma === 'tell' ? tail.replace(/^\s+(?:the\s+)?[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]*)*/u, '') : tail;
  // What follows a comma may be another statement (", adding") or the reporter's framing (", as aid groups warned").
  // Adverbials after a trailing cue are short; a long tail is a clause (and would make the pattern backtrack).
  if (afterAddressee.length > MAX_TRAILER || !TRAILER.test(afterAddressee.split(/,\s+(?:\p{Ll}+ing|as|while|amid|after|before|with)\b/u)[0]!)) return undefined;
  // "Before members cast their ballots, Varnholt urged …": an adverbial clause is not reported content.
  // "If the council fails, the authority can step in, Quill said" is reported: a main clause follows the opening.
  if (comma - previous < MIN_CONTENT || (ADVERBIAL_OPENING.test(text.slice(previous, comma)) && !mainClauseAfterOpening(text, previous, comma))) return undefined;
  // 'is "doing everything it can,"' keeps the quote's closing mark.
  const end = text.startsWith("''", comma + 1) ? comma + 3 : /["\u201D\u2019]/u.test(text[comma + 1] ?? '') ? comma + 2 : comma;
  return { start: previous, end, ...(mention ? { mention } : { phrase }) };
}

/** Whether content that opens with an adverbial ("If the council fails") goes on, past a comma, to a clause of its own. */
function mainClauseAfterOpening(text: string, start: number, end: number): boolean {
  const comma = text.slice(start, end).indexOf(',');
  return comma >= 0 && end - (start + comma + 1) >= MIN_CONTENT;
}

/** The rest of the sentence after a cue, and after its subject when the subject follows it ("said Varnholt"). */
function afterAttribution(text: string, s: Sentence, cue: Cue, mention: Mention | undefined): string {
  return text.slice(mention && mention.start > cue.start ? mention.end : cue.end, s.end);
}

/**
 * `In the end, Varnholt said, the bridge will reopen.`: a cue set off by commas inside its content.
 * The statement is the whole sentence, the attribution inside it, as the words around it are the speaker's.
 */
function parenthetical(doc: Doc, s: Sentence, cue: Cue, previous: number): Found | undefined {
  if (!TRAILING_CUES.has(cue.lemma)) return undefined;
  const found = trailingSubject(doc, s, cue, previous);
  if (!found) return undefined;
  const { comma, mention, phrase } = found;
  const after = afterAttribution(doc.text, s, cue, mention);
  const resumed = /^((?:\s+[\p{L}\d'\u2019-]+){0,6}?)\s*,\s+(?=\S)/u.exec(after);
  if (!resumed || !TRAILER.test(resumed[1]!) || after.length - resumed[0].length < MIN_CONTENT) return undefined;
  if (comma - previous < 2) return undefined;
  return { start: previous, end: s.end, ...(mention ? { mention } : { phrase }) };
}

/** What may stand between the comma that ends trailing content and an inverted cue: a closing mark ('' too). */
const CLOSING_GAP = /^(?:["\u201D\u2019']|'')?\s*,?\s*$/u;

/**
 * The comma that ends trailing content and the subject after it: `…, Greyford police said`,
 * `…, the national Civil Protection Agency said`, `…, Sgt. Dana Kowalczyk, a police spokeswoman, said`
 * (the subject heads its appositive), `…, said Varnholt`.
 */
function trailingSubject(doc: Doc, s: Sentence, cue: Cue, previous: number): { comma: number; mention?: Mention; phrase?: string; subjectEnd?: number } | undefined {
  const text = doc.text;
  // The subject and its lead-in sit just before the cue: look back a bounded way, never across the document.
  const from = Math.max(previous, cue.start - SUBJECT_REACH);
  const lastComma = (before: number): number => {
    const i = text.slice(from, before).lastIndexOf(',');
    return i < 0 ? -1 : from + i;
  };
  let comma = lastComma(cue.start);
  for (let tries = 0; tries < 3 && comma >= previous; tries++, comma = lastComma(comma)) {
    const mention = subjectOf(doc, cue, comma, s.end);
    if (!mention) {
      // "…, campaign officials said": a noun phrase no mention covers, right after the comma.
      const np = phraseBefore(doc, cue, comma + 1);
      if (np && /^[\s"\u201D\u2019']*$/.test(text.slice(comma + 1, np.start))) return { comma, phrase: text.slice(np.start, np.end) };
      // '…," said a former harbour official who …': an inverted subject no mention covers.
      // After "told" or "warned" the noun phrase is whom the words were for.
      const inverted = !ADDRESSEE_CUES.has(cue.lemma) && CLOSING_GAP.test(text.slice(comma + 1, cue.start)) ? phraseAfter(doc, cue, s.end) : undefined;
      if (inverted) return { comma, phrase: text.slice(inverted.start, inverted.end), subjectEnd: inverted.end };
      continue;
    }
    if (mention.start > cue.start) return CLOSING_GAP.test(text.slice(comma + 1, cue.start)) ? { comma, mention } : undefined;
    // Words without punctuation may lead into the subject ("the national"), and its own phrase may run on.
    // "…, and director Grace Halloway said Sunday's crowd …" is a clause of its own, not an attribution.
    // A closing quote mark may follow the comma: 'the campaign is "doing everything," he said'.
    const lead = text.slice(comma + 1, mention.start).replace(/^["\u201D\u2019']/u, '');
    if (!/^[^,;:!?"\u201C\u201D()\u2013\u2014]{0,40}$/u.test(lead) || /\b(?:and|but|or|so)\b/.test(lead)) continue;
    if (/^[^,.;:!?"\u201C\u201D]{0,60}$/u.test(text.slice(mention.end, cue.start))) return { comma, mention };
    // One appositive may stand between the subject and the cue: ", a police spokeswoman,".
    if (/^\s*,[^,.;:!?"\u201C\u201D]{0,60},\s*$/u.test(text.slice(mention.end, cue.start))) return { comma, mention };
  }
  return undefined;
}

/** Where the addressee of "told X (that) ..." ends and the content begins. */
function afterAddressee(text: string, from: number, to: number): { addressee: string; start: number } | undefined {
  // "told us engineers could not …": a pronoun or "reporters" is the whole addressee.
  const short = /^\s+(us|me|him|her|them|you|reporters|journalists)\s+(?:that\s+)?/.exec(text.slice(from, to));
  if (short) return { addressee: short[1]!, start: from + short[0].length };
  // "told a Dunmere Gazette lunch group that", "told Channel 7 that": up to eleven words, numbers among them.
  const m = /^\s+((?:the\s+)?[\p{L}\d'\u2019.-]+(?:\s+(?!that\b|the\b|a\b|an\b|it\b|he\b|she\b|they\b|we\b|there\b|this\b)[\p{L}\d'\u2019.-]+){0,10}?)(?:\s+that\b|,|\s+(?=(?:the|a|an|it|he|she|they|we|there|this|his|her|their)\b))/u.exec(text.slice(from, to));
  if (!m) return undefined;
  return { addressee: m[1]!, start: from + m[0].length };
}

/** `X said (on Monday) (that) content`, `X told Y (that) content`, `X urged Y to ...`, `X emphasized the need for ...`. */
function forward(doc: Doc, s: Sentence, cue: Cue): Found | undefined {
  const text = doc.text;
  const rest = text.slice(cue.end, s.end);
  const that = /\b(?:that|whether|if)\b/.exec(rest.slice(0, 60));
  if (cue.lemma === 'tell') {
    const a = afterAddressee(text, cue.end, s.end);
    if (!a) return undefined;
    const skipThat = /^\s*that\b/.exec(text.slice(a.start, a.start + 6));
    return { start: a.start + (skipThat ? skipThat[0].length : 0), end: s.end, addressee: a.addressee };
  }
  // "said on Monday in a statement that …": only adverbials may stand between the cue and "that".
  if (that && that[0] === 'that' && ADVERBIALS.test(rest.slice(0, that.index))) return { start: cue.end + that.index + 4, end: s.end };
  if (ADDRESSEE_CUES.has(cue.lemma) && /^\s+[\p{L}'\u2019 -]{1,60}?\s+(?:to|not to)\s+["'\u2018\u201C]?\p{Ll}/u.test(rest)) {
    const to = /^\s+([\p{L}'\u2019 -]{1,60}?)\s+(?:to|not to)\s/u.exec(rest)!;
    return { start: cue.end, end: s.end, addressee: to[1]! };
  }
  if (that && !/[,;]/.test(rest.slice(0, that.index)) && that.index < 3) return { start: cue.end + that.index, end: s.end };
  // "repeated his claim that …": the noun of saying reports the clause, not the verb before it.
  const owned = /^\s+(?:\S+\s+){0,3}?(?:his|her|their|its|\S+['\u2019]s)\s+(\p{Ll}+)\s+that\b/u.exec(rest);
  if (owned && NOUN_CUES.has(owned[1]!)) return undefined;
  // "blasted out an email", "called off the vote": a verb with a particle is another verb.
  if (JUDGING.has(cue.lemma) && (!judgement(cue.lemma, rest) || /^\s+(?:out|off|up|in|back)\b/.test(rest))) return undefined;
  // "did not respond to requests for comment": a reply to something is no content.
  if (cue.lemma === 'respond' && /^\s+to\b/.test(rest)) return undefined;
  // "promised at a summit in June": a prepositional phrase is no content.
  if (NP_CUES.has(cue.lemma) && !/^\s+(?:at|in|on|during|after|before|for|with|from|by)\b/.test(rest)) return { start: cue.end, end: s.end };
  // "said on Sunday she would stay": when the words were said is not what was said.
  const when = WHEN.exec(rest)?.[0].length ?? 0;
  if (CLAUSE_START.test(rest.slice(when)) || hasVerbSoon(doc, cue.end + when, s.end)) return { start: cue.end + when, end: s.end };
  return undefined;
}

/** A time adverbial right after a cue: "on Sunday", "last week", "late on Tuesday", "yesterday". */
const WHEN = new RegExp(String.raw`^\s+(?:(?:(?:late\s+|early\s+)?(?:on|last|this|next)\s+(?:${DAYS}|week|month|year|night|weekend)|${DAYS})(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|tonight|earlier|later|recently)(?=\s+\p{Ll})`, 'u');

/**
 * A judging verb says something only with a complement: quoted words, or "as", "of", "for", "over"
 * ("dismissed the plan as a stunt"); "called X a liar" needs an object and then "a"/"an".
 */
function judgement(lemma: string, rest: string): boolean {
  const clause = rest.slice(0, 160);
  // Quoted words in any marks, the doubled apostrophes of some archives ('' … '') among them.
  if (/["\u201C\u2018]|''|\s'\p{L}/u.test(clause)) return true;
  if (lemma === 'call') return /^\s+(?!an?\b)[\p{L}'\u2019.-]+(?:\s+[\p{L}'\u2019.-]+){0,4}?\s+(?:an?|the)\s+\p{Ll}/u.test(clause) && !/^\s+(?:for|on|off|in|up|out)\b/.test(clause);
  return /^[^.;:!?]{1,80}?\s(?:as|of|for|over)\s/.test(clause);
}

/**
 * "said data recovered from the phone had been crucial", "said in politics it takes time", "said seeing so
 * many officers was welcome": a clause with no "that" has a finite verb within a few words.
 */
function hasVerbSoon(doc: Doc, from: number, to: number): boolean {
  const tokens = doc.layers.tokens ?? [];
  const first = lowerBound(tokens, from);
  if (first >= tokens.length || tokens[first]!.start >= to || tokens[first]!.pos === 'PUNCT') return false;
  for (let i = first + 1; i < Math.min(first + 20, tokens.length) && tokens[i]!.start < to; i++) {
    const t = tokens[i]!;
    // "her nephew, Jonah, had been": an appositive set off by two commas is passed over.
    if (t.value === ',') {
      let close = i + 1;
      while (close < i + 9 && close < tokens.length && tokens[close]!.value !== ',') close++;
      // "says despite all that, the bill …": a short opening phrase, then the clause.
      if (tokens[close]?.value !== ',' && i - first <= 5 && /^(?:ADP|SCONJ|ADV)$/.test(tokens[first]!.pos)) continue;
      if (tokens[close]?.value !== ',') return false;
      i = close;
      continue;
    }
    // Hyphens, brackets and quote marks sit inside a clause ("front-runner", "(D-Calif.)").
    if (t.pos === 'PUNCT' && !/^["'\u2018\u2019\u201C\u201D()\-\u2013\u2014$%]$/.test(t.value)) return false;
    // "said goodbye to his family and left": a second verb of the speaker, not a clause of its own.
    if (t.pos === 'CCONJ' && tokens[i + 1]?.pos === 'VERB' && !/ing$/.test(tokens[i + 1]!.normal)) return false;
    // "agreed on Friday to reopen": an infinitive is no clause of its own.
    if (tokens[i - 1]?.normal === 'to') continue;
    // "complain to the league, he said": a speech verb after a comma starts an attribution of its own.
    if (t.pos === 'VERB' && CUE_LEMMA.has(t.normal) && tokens.slice(first, i).some((x) => x.value === ',')) return false;
    if (t.pos === 'AUX' || (t.pos === 'VERB' && !/ing$/.test(t.normal))) return true;
  }
  return false;
}

/** The speaker of a participle cue (", adding that ..."): whoever spoke last in the sentence, else its subject. */
function participleSpeaker(doc: Doc, s: Sentence, cue: Cue, found: readonly Statement[]): SpeakerRef | null | undefined {
  const before = doc.text.slice(s.start, cue.start);
  // ", adding that …" and "… and called on regulators to …": the same subject goes on speaking.
  if (!(PARTICIPLE.test(cue.text) && /,\s*$/.test(before)) && !/\b(?:and|but)\s*$/.test(before)) return undefined;
  // "While rivals called for …, Varnholt held back, noting …": what was said in an opening clause is not the main clause's.
  const main = s.start + openingClause(doc.text.slice(s.start, cue.start));
  const earlier = found.filter((x) => x.start < cue.start && x.start >= main && x.speaker);
  if (earlier.length) return earlier[earlier.length - 1]!.speaker;
  return clauseSubject(doc, s.start, cue.start);
}

/** What one cue reports, and who says it; undefined when the cue reports nothing here. */
function read(doc: Doc, s: Sentence, cue: Cue, previous: number, statements: readonly Statement[]): (Found & { speaker?: SpeakerRef | null }) | undefined {
  if (cue.lemma === NOUN_CUE) return ownedClause(doc, s, cue);
  if (cue.lemma === 'according to') return accordingTo(doc, s, cue);
  const trailed = trailing(doc, s, cue, previous) ?? parenthetical(doc, s, cue, previous);
  if (trailed) return trailed;
  const found = forward(doc, s, cue);
  if (!found) return undefined;
  const carried = participleSpeaker(doc, s, cue, statements);
  if (carried !== undefined) return { ...found, speaker: carried };
  // After a relative clause ("Bell, a nurse who said …, said …") the subject opens the sentence.
  const mention = subjectOf(doc, cue, previous, cue.start) ?? (previous > s.start ? subjectOf(doc, cue, s.start, cue.start) : undefined);
  const speaker = speakerBefore(doc, cue, mention, s.start);
  return speaker ? { ...found, speaker } : undefined;
}

/**
 * Where reported content ends: before a later cue of the sentence that starts a statement of its own
 * (", adding that", "and called on", "and she urged", the main verb after "a nurse who said …,").
 */
function contentEnd(text: string, found: Found, cues: readonly Cue[], own: Cue): number {
  const limit = Math.min(found.end, found.start + MAX_CONTENT);
  let end = limit;
  // A cue inside its own content (`…, Varnholt said, …`) is passed over, with its subject.
  const from = own.start > found.start && own.start < found.end ? own.end : found.start + 1;
  for (let i = lowerBound(cues, from); i < cues.length && cues[i]!.start < limit; i++) {
    const c = cues[i]!;
    const lead = text.slice(Math.max(found.start, c.start - 40), c.start);
    // "said it would sign but would reject …": a cue after a modal or "to" is part of the content.
    if (/\b(?:would|will|could|should|might|may|must|can|to|not)\s+$/.test(lead)) continue;
    // A capitalised participle mid-sentence is a headline's word ("Is Already Writing Her Plan"), not a new cue.
    if ((PARTICIPLE.test(c.text) && !/^\p{Lu}/u.test(c.text)) || /(?:,|\band|\bbut)\s+(?!that\b)(?:\S+\s+){0,3}$|,\s*$/.test(lead)) {
      end = c.start;
      break;
    }
  }
  // "said she would back the bill but described it as timid": a second verb of the speaker ends the content.
  const second = SECOND_PREDICATE.exec(text.slice(found.start, end));
  return second ? found.start + second.index : end;
}

// Verbs of what a speaker does to others (thanked, blamed …): "finished the draft" may be reported content.
const SECOND_PREDICATE = /,?\s+(?:but|and)\s+(?:then\s+|also\s+|later\s+)?(?:described|called|criticised|criticized|refused|declined|accused|praised|dismissed|rejected|defended|blamed|conceded|admitted|walked|left|thanked|welcomed|apologi[sz]ed|appealed|congratulated|condemned|hailed|questioned|challenged|invited|encouraged)\b/;

export function indirect(doc: Doc): void {
  const text = doc.text;
  const statements: Statement[] = [...(doc.layers.statements ?? [])];
  const directs = statements.filter((s) => s.type === 'direct');
  const quotes = doc.layers.quotes ?? [];
  // Direct quotes that turn out to be words inside reported speech ('said the plan was "dead on arrival" and …').
  const absorbed = new Set<Statement>();
  const claimed = new Set((doc.layers.attributions ?? []).map((x) => x.start));
  const attributed = doc.layers.attributions ?? [];
  // '…was rushed - "We have not seen the costs," she said - and …': a quote with its own cue ends the content before it.
  const ownQuoteStart = (start: number, end: number): number => {
    for (let i = lowerBound(directs, start + 1); i < directs.length && directs[i]!.start < end; i++) {
      const d = directs[i]!;
      if (!d.cue) continue;
      const a = attributed[lowerBound(attributed, d.end)];
      if (a && a.start < Math.min(end, d.end + 40)) return d.start - 1;
    }
    return end;
  };
  for (const s of doc.layers.sentences ?? []) {
    const all = within(doc.layers.cues ?? [], s.start, s.end).filter((c) => !covers(quotes, c.start) && !QUOTE_ONLY.has(c.lemma) && usableCue(doc, c)).slice(0, MAX_CUES_PER_SENTENCE);
    const cues = [...all.filter((c) => !claimed.has(c.start)), ...nounCues(doc, s)].sort((a, b) => a.start - b.start);
    let previous = s.start;
    let reported = { start: 0, end: 0 };
    const opening = s.start + openingClause(text.slice(s.start, s.end));
    for (const cue of cues) {
      // A cue inside content already reported is reported speech within it ("that Ammann had told leaders …").
      if (cue.start > reported.start && cue.start < reported.end) continue;
      const found = read(doc, s, cue, previous, statements);
      if (!found) continue;
      // Content ends before any later cue, also one a direct quote claimed (", adding: "…"").
      // Reported speech inside an opening clause ends with it: "While rivals called for a bridge, Varnholt …".
      const bounded = cue.start < opening && found.start < opening && found.end > opening ? { ...found, end: opening - 1 } : found;
      // What a source reports before "according to" is all of it ('X wrote, threatening "…," according to …').
      const reportedBefore = cue.lemma === 'according to' && bounded.end <= cue.start;
      const [start, end] = trim(text, bounded.start, ownQuoteStart(bounded.start, reportedBefore ? bounded.end : contentEnd(text, bounded, all, cue)));
      // Content that is one whole quote is a direct quote, already read by the direct stage, unless
      // "that" makes it reported speech ("said that "…""); words around a quote make it reported speech too.
      if (end - start < MIN_CONTENT || covers(directs, start) || (wholeQuote(text, quotes, start, end) && !/\bthat\s*$/.test(text.slice(Math.max(0, start - 6), start)))) continue;
      // What a source reports is a clause: "Earlier Tuesday, his campaign manager, according to …" is not.
      if (cue.lemma === 'according to' && !hasVerb(doc, start, end)) continue;
      for (const d of directs) if (d.start >= start && d.end <= end) absorbed.add(d);
      statements.push({
        kind: 'statement', type: 'indirect', text: text.slice(start, end), start, end,
        speaker: found.speaker ?? speakerFrom(doc, found.mention) ?? phraseSpeaker(found.phrase), cue: cue.text,
        ...(found.addressee ? { addressee: found.addressee } : {}),
      });
      previous = Math.max(previous, cue.end);
      reported = { start, end };
    }
  }
  statements.sort((a, b) => a.start - b.start);
  doc.layers.statements = absorbed.size ? statements.filter((x) => !absorbed.has(x)) : statements;
}

/** The lemma of a noun of saying ("his claim that"), which reads differently from a verb. */
const NOUN_CUE = 'noun of saying';

/** "his claim that …", "Varnholt's warning that …": nouns of saying whose owner speaks, before "that". */
function nounCues(doc: Doc, s: Sentence): Cue[] {
  const tokens = doc.layers.tokens ?? [];
  const out: Cue[] = [];
  for (let i = s.firstToken + 1; i < s.lastToken; i++) {
    const t = tokens[i]!;
    if (!NOUN_CUES.has(t.normal) || tokens[i + 1]!.normal !== 'that') continue;
    const prev = tokens[i - 1]!;
    if (!/^(?:his|her|their|its)$/.test(prev.normal) && !/^['\u2019]s$/.test(prev.value)) continue;
    out.push({ start: t.start, end: t.end, text: t.value, lemma: NOUN_CUE });
  }
  return out;
}

/** What a noun of saying reports (the clause after "that") and who owns it (the mention before it). */
function ownedClause(doc: Doc, s: Sentence, cue: Cue): (Found & { speaker?: SpeakerRef | null }) | undefined {
  const that = /^\s+that\b/.exec(doc.text.slice(cue.end, cue.end + 8));
  if (!that) return undefined;
  const owner = within(doc.layers.mentions ?? [], s.start, cue.start).filter((m) => /^(?:['\u2019]s)?\s*$/.test(doc.text.slice(m.end, cue.start))).pop();
  if (!owner || (owner.form === 'pronoun' && !owner.entityId)) return undefined;
  return { start: cue.end + that[0].length, end: s.end, mention: owner };
}

function hasVerb(doc: Doc, start: number, end: number): boolean {
  const tokens = doc.layers.tokens ?? [];
  for (let i = lowerBound(tokens, start); i < tokens.length && tokens[i]!.start < end; i++) if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') return true;
  return false;
}

/** Whether [start, end) is one quotation, marks and closing punctuation included. */
function wholeQuote(text: string, quotes: readonly QuoteSpan[], start: number, end: number): boolean {
  if (!/^["\u201C\u2018']/.test(text[start] ?? '')) return false;
  const q = quotes[lowerBound(quotes, start + 1)];
  return !q || q.start !== start + 1 || /^["\u201D\u2019'.,;:!?\s]*$/.test(text.slice(q.end, end));
}
