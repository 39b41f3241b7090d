/**
 * Features of a candidate speaker for a statement whose speaker the rules could only guess: one named by a
 * pronoun ("…," he said) or carried over from the quote before (no cue). The ranker (../speakers.ts) scores
 * every person or organisation mentioned shortly before with the weights learned by scripts/train/speakers.ts
 * from annotated news; nothing here knows any name, only positions, forms and what was said before.
 */
import type { Doc, Entity, Mention, Statement } from '../../types.js';
import { containing, covers, lowerBound } from '../lexicon/spans.js';
import { PRONOUNS } from '../lexicon/pronouns.js';
import { genderOfGivenName } from '../lexicon/names.js';

/** How far back (characters) a candidate's last mention may lie. */
export const CANDIDATE_REACH = 2500;
/** At most this many candidates, the most recently mentioned first. */
export const MAX_CANDIDATES = 8;

export const FEATURES = [
  'chosen', 'rank0', 'rank1', 'rank2', 'rank3plus', 'logDistance', 'sameSentence', 'previousSentence',
  'sameParagraph', 'subject', 'objectPosition', 'inQuote', 'lastSpeaker', 'secondSpeaker', 'spokenBefore',
  'logMentions', 'fullName', 'person', 'organization', 'other', 'genderAgrees', 'genderClashes',
  'numberClashes', 'carried', 'formName', 'formPronoun', 'formTitle', 'nextToCue', 'spokeInParagraph',
  'nameGenderAgrees', 'nameGenderClashes', 'genderUnknown', 'chosenInQuote',
] as const;
export type Feature = (typeof FEATURES)[number];
const INDEX: ReadonlyMap<Feature, number> = new Map(FEATURES.map((f, i) => [f, i]));

export interface Candidate {
  readonly entity: Entity;
  readonly features: Float64Array;
}

/** What a statement to re-rank holds: where its speaker was named, if by a pronoun, and whether it carries over. */
export interface Target {
  readonly statement: Statement;
  readonly pronoun?: Mention;
  /** Where candidates must have been mentioned before. */
  readonly anchor: number;
}

const PRONOUN_FORMS = new Set(['he', 'she', 'they', 'it', 'him', 'her', 'them']);

/** The statements the ranker looks at: a pronoun speaker, or a speaker carried over with no cue. */
export function target(doc: Doc, s: Statement): Target | undefined {
  if (!s.speaker) return undefined;
  if (s.cue === null) return { statement: s, anchor: s.start };
  if (!PRONOUN_FORMS.has(s.speaker.mention.toLowerCase())) return undefined;
  const mentions = doc.layers.mentions ?? [];
  let best: Mention | undefined;
  for (let i = lowerBound(mentions, s.start - 200); i < mentions.length && mentions[i]!.start < s.end + 200; i++) {
    const m = mentions[i]!;
    if (m.form !== 'pronoun' || m.text !== s.speaker.mention || (m.start >= s.start && m.end <= s.end)) continue;
    const gap = m.start < s.start ? s.start - m.end : m.start - s.end;
    const bestGap = best ? (best.start < s.start ? s.start - best.end : best.start - s.end) : Infinity;
    if (gap < bestGap) best = m;
  }
  if (!best) return undefined;
  return { statement: s, pronoun: best, anchor: Math.min(best.start, s.start) };
}

interface Gender { m: number; f: number }

/** What the ranker needs of a document, computed once. */
export interface Context {
  readonly doc: Doc;
  readonly byId: ReadonlyMap<string, Entity>;
  readonly gender: ReadonlyMap<string, Gender>;
  readonly subjects: ReadonlySet<number>;
  /** The gender a person's given name or honorific tells ("Mara Quill", "Mrs. Quill"). */
  readonly nameGender: ReadonlyMap<string, 'm' | 'f'>;
}

const HONORIFIC = /\b(Mr|Mrs|Ms|Miss)\.?\s*$/;

function namedGender(doc: Doc, e: Entity): 'm' | 'f' | undefined {
  for (const m of e.mentions) {
    const h = HONORIFIC.exec(doc.text.slice(Math.max(0, m.start - 6), m.start));
    if (h) return h[1] === 'Mr' ? 'm' : 'f';
  }
  const words = e.name.split(/\s+/);
  return words.length >= 2 ? genderOfGivenName(words[0]!.replace(/\.$/, '')) : undefined;
}

export function context(doc: Doc): Context {
  const entities = doc.layers.entities ?? [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const gender = new Map<string, Gender>();
  const subjects = new Set<number>();
  const mentions = doc.layers.mentions ?? [];
  for (const m of mentions) {
    const info = PRONOUNS.get(m.text.toLowerCase());
    if (!m.entityId || !info?.gender) continue;
    const g = gender.get(m.entityId) ?? { m: 0, f: 0 };
    g[info.gender]++;
    gender.set(m.entityId, g);
  }
  // The first person or organisation named in a sentence, past any opening phrase, is its subject.
  let k = 0;
  for (const s of doc.layers.sentences ?? []) {
    while (k < mentions.length && mentions[k]!.start < s.start) k++;
    for (let j = k; j < mentions.length && mentions[j]!.start < s.end; j++) {
      const m = mentions[j]!;
      if (m.type !== 'person' && m.type !== 'organization') continue;
      if (/\b(?:in|of|with|to|by|for|from|at|on|about|against|than)\s+$/i.test(doc.text.slice(Math.max(s.start, m.start - 6), m.start))) continue;
      subjects.add(m.start);
      break;
    }
  }
  const nameGender = new Map<string, 'm' | 'f'>();
  for (const e of entities) {
    const g = e.type === 'person' ? namedGender(doc, e) : undefined;
    if (g) nameGender.set(e.id, g);
  }
  return { doc, byId, gender, subjects, nameGender };
}

/** Candidates for one target, each with its feature vector (FEATURES order). */
export function candidates(ctx: Context, t: Target, earlier: readonly Statement[]): Candidate[] {
  const { doc } = ctx;
  const mentions = doc.layers.mentions ?? [];
  const sentences = doc.layers.sentences ?? [];
  const paragraphs = doc.layers.paragraphs ?? [];
  const quotes = doc.layers.quotes ?? [];
  const s = t.statement;
  const last = new Map<string, Mention>();
  const count = new Map<string, number>();
  // A name of unknown kind ("Saturday evening", a stray capital) is a candidate only once it has spoken.
  const spoke = new Set(earlier.map((x) => x.speaker?.entityId).filter((id): id is string => !!id));
  for (let i = lowerBound(mentions, t.anchor - CANDIDATE_REACH); i < mentions.length && mentions[i]!.start < t.anchor; i++) {
    const m = mentions[i]!;
    if (!m.entityId || (m.start >= s.start && m.end <= s.end)) continue;
    const e = ctx.byId.get(m.entityId);
    if (!e || (e.type !== 'person' && e.type !== 'organization' && !(e.type === 'other' && spoke.has(e.id)))) continue;
    last.set(m.entityId, m);
    count.set(m.entityId, (count.get(m.entityId) ?? 0) + 1);
  }
  if (s.speaker?.entityId && !last.has(s.speaker.entityId) && ctx.byId.has(s.speaker.entityId)) {
    const e = ctx.byId.get(s.speaker.entityId)!;
    const m = e.mentions.filter((x) => x.start < t.anchor).pop();
    if (m) last.set(e.id, { ...m, text: doc.text.slice(m.start, m.end), type: e.type, form: 'name', entityId: e.id });
  }
  const ordered = [...last.entries()].sort((a, b) => b[1].start - a[1].start).slice(0, MAX_CANDIDATES);
  const speakers = earlier.filter((x) => x.end <= t.anchor && x.speaker?.entityId).slice(-8);
  const lastSpeaker = speakers[speakers.length - 1]?.speaker?.entityId;
  const secondSpeaker = [...speakers].reverse().find((x) => x.speaker!.entityId !== lastSpeaker)?.speaker?.entityId;
  const anchorSentence = containing(sentences, t.anchor);
  const anchorParagraph = containing(paragraphs, t.anchor);
  const info = t.pronoun ? PRONOUNS.get(t.pronoun.text.toLowerCase()) : undefined;
  return ordered.map(([id, m], rank) => {
    const e = ctx.byId.get(id)!;
    const f = new Float64Array(FEATURES.length);
    const set = (name: Feature, v = 1) => { f[INDEX.get(name)!] = v; };
    if (s.speaker?.entityId === id) set('chosen');
    set(rank === 0 ? 'rank0' : rank === 1 ? 'rank1' : rank === 2 ? 'rank2' : 'rank3plus');
    set('logDistance', Math.log1p(Math.max(0, t.anchor - m.end)) / 8);
    const ms = containing(sentences, m.start);
    if (ms && anchorSentence && ms.start === anchorSentence.start) set('sameSentence');
    else if (ms && anchorSentence && sentences[lowerBound(sentences, anchorSentence.start) - 1]?.start === ms.start) set('previousSentence');
    const mp = containing(paragraphs, m.start);
    if (mp && anchorParagraph && mp.start === anchorParagraph.start) set('sameParagraph');
    if (ctx.subjects.has(m.start)) set('subject');
    if (/\b(?:to|with|for|against|about|by|of|than|at|on|from)\s+(?:the\s+)?$|\b(?:told|asked|urged|called|met|beat|criticized|attacked|praised|accused|endorsed|thanked)\s+$/i.test(doc.text.slice(Math.max(0, m.start - 14), m.start))) set('objectPosition');
    if (covers(quotes, m.start)) set('inQuote');
    if (id === lastSpeaker) set('lastSpeaker');
    if (id === secondSpeaker) set('secondSpeaker');
    set('spokenBefore', Math.log1p(speakers.filter((x) => x.speaker!.entityId === id).length));
    set('logMentions', Math.log1p(count.get(id) ?? 0) / 2);
    if (e.name.includes(' ')) set('fullName');
    set(e.type === 'person' ? 'person' : e.type === 'organization' ? 'organization' : 'other');
    const g = ctx.gender.get(id);
    if (info?.gender && g) {
      const other = info.gender === 'm' ? 'f' : 'm';
      if (g[info.gender] > g[other]) set('genderAgrees');
      if (g[other] > g[info.gender]) set('genderClashes');
    }
    const named = ctx.nameGender.get(id);
    if (info?.gender && named) set(named === info.gender ? 'nameGenderAgrees' : 'nameGenderClashes');
    // A person whose gender nothing tells ("Harrow"): neither agreeing nor clashing, which the weights must tell apart.
    if (info?.gender && !named && !g && e.type === 'person') set('genderUnknown');
    if (s.speaker?.entityId === id && covers(quotes, m.start)) set('chosenInQuote');
    if (info && !info.neuter && info.plural !== (e.type === 'organization' || /s$/.test(e.name) && !e.name.includes(' ') && e.type !== 'person')) set('numberClashes');
    if (s.cue === null) set('carried');
    set(m.form === 'pronoun' ? 'formPronoun' : m.form === 'title' || m.form === 'description' ? 'formTitle' : 'formName');
    if (/^[\s,]*(?:\p{Ll}+\s+){0,2}(?:said|says|told|added|asked|wrote|argued|explained|noted)\b/u.test(doc.text.slice(m.end, m.end + 30))) set('nextToCue');
    if (speakers.some((x) => x.speaker!.entityId === id && anchorParagraph && x.start >= anchorParagraph.start)) set('spokeInParagraph');
    return { entity: e, features: f };
  });
}

/** A candidate's score under the learned weights. */
export function scoreOf(weights: ArrayLike<number>, c: Candidate): number {
  let z = 0;
  for (let i = 0; i < c.features.length; i++) z += weights[i]! * c.features[i]!;
  return z;
}
