/**
 * What the statement stages (direct, indirect, qa) share: telling a real speech cue
 * from a look-alike, finding the subject that speaks, and turning a mention into a
 * speaker. A helper module, not a stage: stages import it, never each other.
 */
import type { Cue, Doc, Mention, SpeakerRef, Span, Token } from '../types.js';
import { containing, covers, lowerBound, within } from './lexicon/spans.js';
import { byEntityId } from './lexicon/ids.js';
import { verbAfterSubject } from './lexicon/cues.js';

export function speakerFrom(doc: Doc, m: Mention | undefined): SpeakerRef | null {
  if (!m) return null;
  const ent = byEntityId(doc.layers.entities ?? [], m.entityId);
  return { name: ent?.name ?? m.text, mention: m.text, entityId: ent?.id ?? null };
}

/** Who can speak: people, organisations, described people; a bare name only right beside its cue. */
const speakerLike = (m: Mention): boolean =>
  m.form === 'pronoun' ? SUBJECT_PRONOUNS.has(m.text.toLowerCase()) : m.type === 'person' || m.type === 'organization' || m.form === 'description';
/** "his" and "them" never speak: only subject pronouns do ("his barrister" is a description of someone else). */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it']);
const bareName = (m: Mention): boolean => m.type === 'other' && (m.form === 'name' || m.form === 'surname');

/** Words that may stand between a subject and its cue ("Varnholt also said", "police have since said"). */
const ADVERBS = /^(?:,?\s+(?:who|which)|\s+(?:\p{Ll}+ly|also|has|have|had|later|again|then|once|earlier|since|further|previously|is|was|were|are|would|will|quoted|as|\u2014|-))*\s*$/u;

function tokenAt(doc: Doc, pos: number): number {
  const tokens = doc.layers.tokens ?? [];
  const i = lowerBound(tokens, pos);
  return tokens[i]?.start === pos ? i : -1;
}

const PP_GAP = /^\s+(?:of|from|in|at|for|across|around|throughout|near|outside|inside)\s+[^,.;:!?"\u201C\u201D()]{0,60}$/u;
/**
 * A mention inside a prepositional phrase ("in the district of La Quinta") is not a clause's subject;
 * "by" and "from" name an author ("a report by the board") and stay.
 */
const AFTER_PREPOSITION = /\b(?:of|in|at|for|on|near|to|with|across|around|throughout|outside|inside)\s+(?:the\s+|an?\s+)?(?:\p{Ll}+\s+){0,2}$/iu;
const INVERTED_GAP = /^[\s,]*(?:(?!(?:of|to|in|on|at|about|with|for|after|before|during|from|by|that|and|but|as)\b)[\p{L}.'\u2019-]+,?\s+){0,4}$/u;
/** A group named after a person, between that person's name and the cue ("Pell campaign", "Varga's aides said"). */
const NAMED_GROUP = /^(?:['\u2019]s)?\s+(?:campaign|administration|camp|team|aides|advisers|advisors|allies|lawyers|attorneys|spokespeople|foundation|presidency)\s+(?:(?:also|has|have|had|later|again|then|previously|would|will|quickly)\s+)*$/u;
/** One to three lower-case words, no preposition or conjunction, between a modifying name and the head name. */
const MODIFIER_GAP = /^\s+(?:(?!(?:of|to|in|on|at|about|with|for|after|before|and|or|but|as|by|from|that|who|when|while)\b)\p{Ll}+\s+){1,3}$/u;
const PARTICIPLE_AFTER = /^\s*,\s*\p{Ll}+ing\b/u;
/** Cues whose object, not subject, follows them: "told reporters", "urged leaders". */
const INVERTS_NEVER = new Set(['tell', 'urge']);
const PASSIVE = new Set(['be', 'is', 'was', 'were', 'been', 'being', 'are', 'am', 'get', 'got', 'gets', 'getting']);
const RELATIVE = new Set(['who', 'which', 'whom', 'whose']);
/** Forms that are nouns as often as verbs: trusted only when tagged as a verb. */
const AMBIGUOUS = /^(?:claims?|notes?|states?|remarks?|posts?|posted|warning|replies|reply|tweets?|continued|maintained|believes|announcements?|says?|outlines?|highlights?|stresses|underscored)$/;

/**
 * Whether a cue is speech by its own subject: not passive ("was told"), not a relative clause
 * that describes someone else ("who asked not to be named"), not an opening participle
 * ("Asked whether ..."), not a noun ("insurance claims", "a say").
 */
export function usableCue(doc: Doc, cue: Cue): boolean {
  if (cue.lemma === 'according to') return true;
  const tokens = doc.layers.tokens ?? [];
  const i = tokenAt(doc, cue.start);
  if (i < 0) return true;
  const t = tokens[i] as Token;
  const prev = tokens[i - 1];
  if (AMBIGUOUS.test(t.normal) && t.pos !== 'VERB' && !verbAfterSubject(t, prev, tokens[i + 1])) return false;
  if (prev && (PASSIVE.has(prev.normal) || (prev.normal === 'not' && PASSIVE.has(tokens[i - 2]?.normal ?? '')))) return false;
  if (prev && (prev.normal === 'a' || prev.normal === 'the' || prev.normal === 'his' || prev.normal === 'her' || prev.normal === 'their')) return false;
  if (prev && RELATIVE.has(prev.normal) && /^(?:asked|told|warned)$/.test(t.normal)) return false;
  // "A spokeswoman, asked whether …, said": a question put to the speaker.
  if (prev?.value === ',' && t.normal === 'asked' && /^(?:whether|if|about|why|how|what|when|for|to)$/.test(tokens[i + 1]?.normal ?? '')) return false;
  // "he said when asked whether …": a question put to the speaker, not one the speaker asked.
  if (prev && /^(?:when|if|after|before|once|as|until|unless)$/.test(prev.normal) && /^(?:asked|told|pressed|questioned|quoted)$/.test(t.normal)) return false;
  // "Asked about ..., she said": a participle that opens a sentence is not the speaker's cue.
  const sentence = containing(doc.layers.sentences ?? [], cue.start);
  if (sentence && sentence.start === cue.start && /^(?:asked|told|pressed|quoted)$/i.test(t.value)) return false;
  return true;
}

/**
 * The cue a participle cue ("adding", "noting") follows in the same clause: "Tull said, adding", "said Mara Tull,
 * adding" (a comma, or an inverted subject and a comma, between them).
 */
export function priorCue(doc: Doc, cue: Span, from: number): Cue | undefined {
  const cues = within(doc.layers.cues ?? [], from, cue.start);
  const last = cues[cues.length - 1];
  return last && /^(?:\s+\p{Lu}[^,.;:!?"\u201C\u201D]{0,40})?\s*,\s*$/u.test(doc.text.slice(last.end, cue.start)) ? last : undefined;
}

/**
 * The mention that speaks a cue, looking in [from, to): right after an inverted cue
 * ("said Varnholt"), else the one right before it, else the subject of a clause whose
 * verb is set off by a parenthesis ("Pell, 61, a former engineer, said"), else the nearest.
 */
export function subjectOf(doc: Doc, cue: Span & { readonly lemma?: string }, from: number, to: number, inverted = true): Mention | undefined {
  const text = doc.text;
  // "Tull said, adding, '…'", "said Tull, noting that …": a participle right after another cue shares its subject.
  const prior = /ing$/i.test(text.slice(cue.start, cue.end)) ? priorCue(doc, cue, from) : undefined;
  if (prior) return subjectOf(doc, prior, from, cue.start, inverted);
  // Names inside quote marks ("The Minister's Nets") are quoted words, never the subject of a cue outside them.
  const quotes = doc.layers.quotes ?? [];
  const all = within(doc.layers.mentions ?? [], from, to).filter((m) => !covers(quotes, m.start) || covers(quotes, cue.start));
  // Before a quote, "Stein asked the director, Mette Liang: '…'" has its subject before the cue.
  if (!inverted && all.some((m) => m.end <= cue.start && speakerLike(m))) return subjectOf(doc, cue, from, cue.start);
  // "said Councillor Pell", "said welder Jens Halloran", "said his barrister, Neil Abernathy": title or
  // description words may stand between (no preposition: "said of Varnholt" names whom it is about).
  // "told X" names the addressee.
  // "said, calling the harbour chief …": a participle after the cue's comma opens a clause of its own.
  const after = all.find((m) => m.start >= cue.end && (speakerLike(m) || bareName(m)) && INVERTED_GAP.test(text.slice(cue.end, m.start)) && !PARTICIPLE_AFTER.test(text.slice(cue.end, m.start)));
  if (after && !INVERTS_NEVER.has(cue.lemma ?? '')) {
    // "said the mayor, Ilse Varnholt": the name set off after a description is the speaker.
    const named = all.find((m) => m.start >= after.end && m.form === 'name' && m.type === 'person');
    if ((after.form === 'description' || after.form === 'title') && named && /^\s*,\s*$/.test(text.slice(after.end, named.start))) return named;
    // "said Pell constituent Dan Golvach", "said Harwick resident Jon Brisk": the name after the modifier is the head.
    if (named && named.start > after.end && MODIFIER_GAP.test(text.slice(after.end, named.start))) return named;
    return after;
  }
  const before = all.filter((m) => m.end <= cue.start);
  // "Mayor Ilse Varnholt of Dunmere said": a mention inside a prepositional phrase is not the subject.
  let k = before.length - 1;
  // "President Lucía Ferraz of neighboring Cordania wrote": likewise with adjectives in the phrase.
  while (k > 0 && PP_GAP.test(text.slice(before[k - 1]!.end, before[k]!.start))) k--;
  // "the International Refugee Office (IRO) said": the acronym in brackets is the name before it;
  // "Sen. Ada Brenn (R-NM) said": so is the party and state after a legislator's name.
  if (k > 0 && /^\s*\((?:\p{Lu}\.?-)?$/u.test(text.slice(before[k - 1]!.end, before[k]!.start)) && /^[.\s]*\)/.test(text.slice(before[k]!.end, before[k]!.end + 3))) k--;
  const adjacent = before[k];
  const gapEnd = k < before.length - 1 ? before[before.length - 1]!.end + (text[before[before.length - 1]!.end] === ')' ? 1 : 0) : adjacent?.end ?? 0;
  // "Downing Street said", "Washington warned": a place right before the cue stands for those who govern it.
  if (adjacent && (speakerLike(adjacent) || bareName(adjacent) || (adjacent.type === 'place' && k === before.length - 1 && !/\b(?:in|of|from|at|for|to|on|with|across|near|than|and)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, adjacent.start - 12), adjacent.start)))) && ADVERBS.test(text.slice(gapEnd, cue.start))) return adjacent;
  // "The Pell campaign suggested", "the Varga administration said": the group speaks, not the one it is named after.
  if (adjacent && k === before.length - 1 && NAMED_GROUP.test(text.slice(adjacent.end, cue.start))) return undefined;
  const speakers = before.filter(speakerLike);
  // "Varnholt, speaking after meeting Governor Pell, said": the subject is the one the parenthesis follows;
  // "The board's chairman, Rune Osterby, said": a name set off after a description is that person.
  if (/,["'\u2019\u201D]?\s*$/.test(text.slice(from, cue.start))) {
    // "Sen. Mila Harrow (D-Dunmere), who chairs …, said": a bracket may stand before the comma.
    // "In Harwick, NM, after the vote, Sen. Ada Brenn (R-NM), said": the name and its bracket right before the cue.
    if (adjacent && speakerLike(adjacent) && /^\s*\([^)]{0,40}\)\s*,\s*$/.test(text.slice(adjacent.end, cue.start))) return adjacent;
    const i = before.findIndex((m) => (speakerLike(m) || bareName(m)) && /^\s*(?:\([^)]{0,40}\))?\s*,/.test(text.slice(m.end, m.end + 45))
      && !AFTER_PREPOSITION.test(text.slice(Math.max(from, m.start - 30), m.start)));
    const head = before[i];
    const named = before[i + 1];
    if (head?.form === 'description' && named && named.form !== 'pronoun' && /^\s*,\s*$/.test(text.slice(head.end, named.start))) return named;
    if (head) return head;
  }
  return speakers[speakers.length - 1];
}

/** "DUNMERE, Korvania (Northern Wire) - ": where and for whom the story was filed, not reported content. */
export const DATELINE = /^\p{Lu}[\p{Lu} .'\u2019-]{1,40}(?:,\s+[\p{L}\d .]{1,40}?)?(?:\s+\([^)]{1,60}\))?\s+[-\u2013\u2014]+\s+/u;

/** The first speaker-like mention in [from, to), for clause subjects ("Macron declined ..., adding that"). */
export function firstSpeaker(doc: Doc, from: number, to: number): Mention | undefined {
  const dateline = DATELINE.exec(doc.text.slice(from, to));
  return within(doc.layers.mentions ?? [], from + (dateline?.[0].length ?? 0), to).find(speakerLike);
}

/** Words between a subject and its cue that belong to neither ("also", "has", "would later"). */
const BETWEEN = /^(?:also|has|have|had|later|again|then|once|earlier|since|further|previously|would|will|may|might|could|can|did|does|do|not|never|often|still|just|even|now|recently|repeatedly|publicly|privately|reportedly|all|both)$/;
/** Quantifiers that are a whole subject ("Some said", "Both say", "Others argued"). */
const BARE_SUBJECTS = /^(?:some|others|many|most|both|all|few|several|each|none|one|two|three|everyone|everybody|someone|somebody|nobody|this|that|these|those|i|we)$/;
const NP_WORD = /^(?:NOUN|PROPN|ADJ|DET|NUM|PART)$/;
const POSSESSIVE = /^(?:his|her|their|its|our|my|your)$/;

/**
 * The noun phrase that ends right before a cue, when no mention stands there: "Her advisers said",
 * "Thirty percent say", "Each side said", "the GOP front-runner said". Undefined inside a
 * prepositional phrase ("a letter to officials said" is the letter's) or when no noun heads it.
 */
const APPROXIMATELY = /^(?:about|nearly|almost|roughly|around|over|under|some)$/;
const SURVEYED = /^(?:surveyed|polled|questioned|interviewed|asked|sampled)$/;

export function phraseBefore(doc: Doc, cue: Span, from: number): (Span & { readonly linked?: true }) | undefined {
  const tokens = doc.layers.tokens ?? [];
  let i = lowerBound(tokens, cue.start) - 1;
  while (i >= 0 && tokens[i]!.start >= from && (BETWEEN.test(tokens[i]!.normal) || (/ly$/.test(tokens[i]!.normal) && tokens[i]!.pos === 'ADV'))) i--;
  if (i < 0 || tokens[i]!.start < from) return undefined;
  // "a young child, who said": the relative pronoun stands for the phrase before its comma, even inside a
  // prepositional phrase ("came from a young child, who said").
  const relative = /^(?:who|which)$/.test(tokens[i]!.normal) && tokens[i - 1]?.value === ',';
  if (relative) i -= 2;
  if (i < 0 || tokens[i]!.start < from) return undefined;
  const head = tokens[i]!;
  // "those surveyed say", "voters polled said": the people a survey asked.
  const surveyed = SURVEYED.test(head.normal) && (tokens[i - 1]?.normal === 'those' || tokens[i - 1]?.pos === 'NOUN') && tokens[i - 1]!.start >= from;
  if (!/^(?:NOUN|PROPN|NUM)$/.test(head.pos) && !BARE_SUBJECTS.test(head.normal) && !surveyed) return undefined;
  let first = surveyed ? i - 1 : i;
  for (let k = i - 1; k >= 0 && tokens[k]!.start >= from && first - k <= 1; k--) {
    const t = tokens[k]!;
    const joined = t.end === tokens[k + 1]!.start;
    // "about 4 in 10 say", "one in five said": a share of those asked.
    const ratio = t.normal === 'in' && tokens[k + 1]?.pos === 'NUM' && tokens[k - 1]?.pos === 'NUM';
    if (NP_WORD.test(t.pos) || POSSESSIVE.test(t.normal) || (joined && /^[-\u2019']$/.test(t.value)) || (t.normal === 'of' && k < first) || ratio) first = k;
    else break;
    if (i - first >= 8) return undefined;
  }
  while (tokens[first]!.normal === 'of' || tokens[first]!.pos === 'PART') first++;
  if (first > i) return undefined;
  // "a source close to the investigation", "officials familiar with the talks": the phrase runs back to its head.
  const link = tokens[first - 1];
  const linked = !!link && /^(?:to|with|of)$/.test(link.normal) && /^(?:close|familiar|knowledgeable)$/.test(tokens[first - 2]?.normal ?? '') && tokens[first - 3]?.pos === 'NOUN';
  if (linked) {
    first -= 3;
    while (first > 0 && tokens[first - 1]!.start >= from && /^(?:DET|ADJ|NUM)$/.test(tokens[first - 1]!.pos)) first--;
  }
  const lead = tokens[first - 1];
  // "a letter to officials said", "a boy not seen since Saturday evening say": the noun closes a
  // prepositional phrase or a subordinate clause, not the subject.
  if (!relative && lead && lead.start >= from && (lead.pos === 'ADP' || lead.pos === 'SCONJ') && lead.normal !== 'of' && !APPROXIMATELY.test(lead.normal)) return undefined;
  // "About 4 in 10 say": the word of approximation belongs to the share.
  if (lead && lead.start >= from && APPROXIMATELY.test(lead.normal) && tokens[first]!.pos === 'NUM') first--;
  return { start: tokens[first]!.start, end: head.end, ...(linked ? { linked: true as const } : {}) };
}

/**
 * The noun phrase right after an inverted cue, when no mention stands there: "said a person close to the
 * campaign", "said one former executive". Up to the next punctuation, at most 10 words, with a noun in it.
 */
export function phraseAfter(doc: Doc, cue: Span, to: number): Span | undefined {
  const tokens = doc.layers.tokens ?? [];
  const first = lowerBound(tokens, cue.end);
  const t0 = tokens[first];
  if (!t0 || t0.start >= to || !/^(?:DET|ADJ|NUM|NOUN|PROPN)$/.test(t0.pos) || t0.start - cue.end > 1) return undefined;
  let last = first;
  for (let i = first; i < tokens.length && i < first + 10 && tokens[i]!.start < to; i++) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' && !(t.value === '-' && t.start === tokens[i - 1]?.end)) break;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ' || t.normal === 'who' || t.normal === 'that') break;
    last = i;
  }
  while (last > first && /^(?:ADP|DET|CCONJ|PART)$/.test(tokens[last]!.pos)) last--;
  if (!tokens.slice(first, last + 1).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return undefined;
  return { start: t0.start, end: tokens[last]!.end };
}

/** A speaker named by words that are no mention ("Her advisers"), with no entity. */
export function phraseSpeaker(phrase: string | undefined): SpeakerRef | null {
  return phrase ? { name: phrase.replace(/^(?:the|a|an)\s+/i, ''), mention: phrase, entityId: null } : null;
}

/**
 * The speaker of a cue whose subject stands before it: the mention found, unless a noun phrase
 * with no mention in it stands between that mention and the cue ("Her advisers said", "59 percent said").
 */
export function speakerBefore(doc: Doc, cue: Span, mention: Mention | undefined, from: number): SpeakerRef | null {
  const np = phraseBefore(doc, cue, from);
  // "a source close to the investigation said": the mention closes the phrase, the source speaks.
  if (np && (!mention || mention.end <= np.start || (np.linked && mention.start > np.start))) {
    const words = doc.text.slice(np.start, np.end);
    // "I told the committee that …" outside quotes: the article's author writes in the first person.
    const author = words === 'I' ? doc.meta.authors?.[0] : undefined;
    return author ? { name: author, mention: words, entityId: null } : phraseSpeaker(words);
  }
  return speakerFrom(doc, mention);
}

/** Words that open a subordinate clause or a phrase before the main clause ("While rivals …, Varnholt …"). */
const OPENER = /^\s*(?:while|although|though|as|when|after|before|because|since|if|unless|whereas|once|despite|facing|asked|speaking|in|at|on|during|following|with|for|by|from)\b[^,]{0,200},/i;

/** Length of the clause or phrase that opens `text` before its main clause (0 when none). */
export function openingClause(text: string): number {
  return OPENER.exec(text)?.[0].length ?? 0;
}

/**
 * The subject of the main clause in [from, to), for a participle that goes on from it ("While rivals
 * called for troops, Varnholt held back, noting that …"): the first speaker whose verb follows it once
 * an opening clause is passed, a mention or a bare noun phrase; else the first speaker-like mention.
 */
export function clauseSubject(doc: Doc, from: number, to: number): SpeakerRef | null {
  const tokens = doc.layers.tokens ?? [];
  const quotes = doc.layers.quotes ?? [];
  const start = from + openingClause(doc.text.slice(from, to));
  for (let i = lowerBound(tokens, start); i < tokens.length && tokens[i]!.start < to; i++) {
    const t = tokens[i]!;
    if (!(t.pos === 'VERB' || t.pos === 'AUX') || /ing$/.test(t.normal) || tokens[i - 1]?.normal === 'to' || covers(quotes, t.start)) continue;
    const mention = subjectOf(doc, { start: t.start, end: t.end }, start, t.start, false);
    const adjacent = mention && ADVERBS.test(doc.text.slice(mention.end, t.start)) ? mention : undefined;
    const speaker = adjacent ? speakerFrom(doc, adjacent) : speakerBefore(doc, t, undefined, start);
    if (speaker) return speaker;
  }
  return speakerFrom(doc, firstSpeaker(doc, from, to));
}

/**
 * Who "according to" names: a speaker mention in the phrase, else the phrase itself when short
 * ("according to the text of the deal", "according to Ledgerline"), as a speaker with no entity.
 */
export function source(doc: Doc, from: number, to: number): { mention?: Mention; phrase?: string } {
  const mention = firstSpeaker(doc, from, to);
  if (mention) return { mention };
  const phrase = doc.text.slice(from, to).replace(/[.\s"\u201D]+$/, '').trim();
  return phrase && phrase.split(/\s+/).length <= 8 ? { phrase } : {};
}
