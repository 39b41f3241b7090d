import type { Doc, Entity, EntityType, Mention, Span } from '../types.js';
import * as names from './lexicon/names.js';
import * as roles from './lexicon/roles.js';
import * as pronouns from './lexicon/pronouns.js';
import * as places from './lexicon/places.js';
import { DOCUMENT_HEADS } from './lexicon/organizations.js';
import { lowerBound } from './lexicon/spans.js';
import { byEntityId } from './lexicon/ids.js';

// Local bindings: module namespace lookups are slow on hot paths.
const { genderOfGivenName, NAME_SUFFIXES } = names;
const { GROUP_ROLES, KINSHIP_GENDER, TITLE_GENDER } = roles;
const { PRONOUNS } = pronouns;
const { NATIONALITY } = places;

/** An entity while it is being built. */
interface Draft {
  id: string;
  type: EntityType;
  name: string;
  aliases: Set<string>;
  role?: string;
  affiliation?: string;
  unnamed?: boolean;
  gender?: 'm' | 'f';
  plural?: boolean;
  mentions: Span[];
  /** Offset of the latest mention, for recency. */
  last: number;
  /** Mentions by name or surname (not pronoun or title). */
  namings?: number;
  /** Referred to by the bare surname already. */
  calledBySurname?: boolean;
  /** The sentence where it was last the subject, for pronouns. */
  subjectIn?: Span;
  /** Key of a description entity, so the same description is the same unnamed person. */
  key?: string;
}

/**
 * Lookups over the drafts made so far, so that each mention costs about the same however many
 * people an article names: names and aliases, last words of names, description keys, and the
 * person named most so far.
 */
interface Index {
  readonly drafts: Draft[];
  readonly names: Map<string, Draft[]>;
  readonly surnames: Map<string, Draft[]>;
  readonly keys: Map<string, Draft>;
  top?: Draft;
  /** Another person is named as often as `top`. */
  tie: boolean;
}

/** Keeps `top`, the person named most so far, and whether someone else is named as often. */
function countNaming(ix: Index, d: Draft): void {
  const n = d.namings ?? 0;
  const top = ix.top?.namings ?? 0;
  if (d === ix.top) ix.tie = false;
  else if (n > top) { ix.top = d; ix.tie = false; }
  else if (n === top) ix.tie = true;
}

function remember(ix: Index, d: Draft): void {
  const add = (map: Map<string, Draft[]>, key: string): void => {
    const list = map.get(key);
    if (!list) map.set(key, [d]);
    else if (!list.includes(d)) list.push(d);
  };
  for (const n of [d.name, ...d.aliases]) add(ix.names, n.toLowerCase());
  add(ix.surnames, lastWord(d.name));
  if (d.key) ix.keys.set(d.key, d);
}

/** Drafts sharing this lower-case name or alias, still carrying it, in order of creation. */
function named(ix: Index, key: string): Draft[] {
  return (ix.names.get(key) ?? []).filter((d) => d.name.toLowerCase() === key || [...d.aliases].some((a) => a.toLowerCase() === key));
}

/** Drafts mentioned within `reach` characters before `pos`, newest first: the only ones a pronoun or title can mean. */
function near(resolved: readonly Mention[], drafts: readonly Draft[], pos: number, reach: number): Draft[] {
  const out: Draft[] = [];
  for (let i = resolved.length - 1; i >= 0 && resolved[i]!.start > pos - reach; i--) {
    const d = byEntityId(drafts, resolved[i]!.entityId);
    if (d && !out.includes(d)) out.push(d);
  }
  return out;
}

/** How far back (in characters) a pronoun or title may reach for its antecedent. */
const PRONOUN_REACH = 1500;
const TITLE_REACH = 4000;

/** Groups mentions into entities (coreference) and tags each mention with its entity id. */
export function entities(doc: Doc): void {
  const mentions = doc.layers.mentions ?? [];
  const drafts: Draft[] = [];
  const resolved: Mention[] = [];
  const text = doc.text;
  const subjects = subjectMentions(doc);
  const ix: Index = { drafts, names: new Map(), surnames: new Map(), keys: new Map(), tie: false };
  const create = (m: Mention, fields: Partial<Draft>): Draft => {
    const d: Draft = { id: `e${drafts.length + 1}`, type: m.type, name: m.text, aliases: new Set(), mentions: [], last: m.start, ...fields };
    drafts.push(d);
    remember(ix, d);
    return d;
  };
  const attach = (m: Mention, d: Draft | undefined): void => {
    if (!d) {
      resolved.push(m);
      return;
    }
    d.mentions.push({ start: m.start, end: m.end });
    d.last = m.start;
    const sentence = subjects.get(m.start);
    if (sentence) d.subjectIn = sentence;
    if (m.form === 'name' || m.form === 'surname') {
      d.namings = (d.namings ?? 0) + 1;
      if (d.type === 'person') countNaming(ix, d);
      if (m.text !== d.name) d.aliases.add(m.text);
      const full = m.role ? `${m.role} ${m.text}` : undefined;
      if (full && full !== d.name) d.aliases.add(full);
    }
    remember(ix, d);
    if (m.role && !d.role && !(d.unnamed && d.role)) d.role = m.role;
    if (m.affiliation && !d.affiliation) d.affiliation = affiliationOf(m.affiliation);
    if (!d.gender) d.gender = genderOf(m, text);
    resolved.push({ ...m, entityId: d.id });
  };

  for (let index = 0; index < mentions.length; index++) {
    const m = mentions[index]!;
    const previous = resolved[resolved.length - 1];
    switch (m.form) {
      case 'name':
        attach(m, m.type === 'person' ? namedAfterDescription(m, previous, text, ix) ?? person(m, ix, create) : byName(m, ix, create));
        break;
      case 'surname': {
        const d = surname(m, ix, genderOf(m, text)) ?? create(m, {});
        d.calledBySurname = true;
        attach(m, d);
        break;
      }
      case 'pronoun':
        attach(m, pronounTarget(m, near(resolved, drafts, m.start, PRONOUN_REACH), subjects.get(m.start)));
        break;
      case 'title':
        attach(m, appositive(m, previous, text, drafts) ?? titleTarget(m, near(resolved, drafts, m.start, TITLE_REACH)) ?? unroledSubject(m, near(resolved, drafts, m.start, PRONOUN_REACH), ix) ?? description(m, ix, create));
        break;
      case 'description':
        attach(m, appositive(m, previous, text, drafts) ?? institutionTarget(m, text, near(resolved, drafts, m.start, TITLE_REACH)) ?? description(m, ix, create));
        break;
    }
  }

  const merged = namedLater(drafts);
  doc.layers.entities = drafts
    .filter((d) => d.mentions.length > 0 && !merged.has(d.id))
    .map((d): Entity => ({
      kind: 'entity',
      id: d.id,
      type: d.type,
      name: d.name,
      aliases: [...d.aliases].filter((a) => a !== d.name),
      ...(d.role ? { role: d.role } : {}),
      ...(d.affiliation ? { affiliation: d.affiliation } : {}),
      ...(d.unnamed ? { unnamed: true } : {}),
      mentions: d.mentions,
    }));
  doc.layers.mentions = merged.size ? resolved.map((m) => (m.entityId && merged.has(m.entityId) ? { ...m, entityId: merged.get(m.entityId)! } : m)) : resolved;
}

/** How far after an unnamed role-holder the name that introduces them may come (characters). */
const CATAPHORA_REACH = 600;

/**
 * "The mayor of the port city promised … "…," Mayor Ilse Varnholt said.": a lede that describes
 * someone before naming them. An unnamed person whose role is held by exactly one person named soon
 * after is that person. Returns merged ids, unnamed -> named.
 */
function namedLater(drafts: Draft[]): Map<string, string> {
  const merged = new Map<string, string>();
  // Named people with a role, by their first mention, so that each unnamed one looks only a little ahead.
  const people = drafts.filter((d) => !d.unnamed && d.type === 'person' && d.role && d.mentions[0])
    .map((d) => ({ start: d.mentions[0]!.start, d })).sort((a, b) => a.start - b.start);
  for (const u of drafts) {
    if (!u.unnamed || u.plural || u.type !== 'person' || !u.role || u.mentions.length === 0) continue;
    const head = lastWord(u.role).toLowerCase();
    const first = u.mentions[0]!.start;
    const holders: Draft[] = [];
    for (let i = lowerBound(people, first + 1); i < people.length && people[i]!.start - u.last < CATAPHORA_REACH; i++) {
      if (people[i]!.d.role!.toLowerCase().split(/\s+/).includes(head)) holders.push(people[i]!.d);
    }
    if (holders.length !== 1) continue;
    const named = holders[0]!;
    named.mentions.push(...u.mentions);
    named.mentions.sort((a, b) => a.start - b.start);
    merged.set(u.id, named.id);
  }
  return merged;
}

function person(m: Mention, ix: Index, create: (m: Mention, f: Partial<Draft>) => Draft): Draft {
  const same = named(ix, m.text.toLowerCase()).find((d) => d.type === 'person' && !d.unnamed);
  if (same) return same;
  // A surname-only entity made earlier ("Varnholt ... Ilse Varnholt") grows into the full name.
  const sur = lastWord(m.text);
  const early = (ix.surnames.get(sur) ?? []).find((d) => d.type === 'person' && !d.unnamed && !d.name.includes(' ') && d.name === sur);
  if (early) {
    early.aliases.add(early.name);
    early.name = m.text;
    remember(ix, early);
    return early;
  }
  return create(m, { type: 'person' });
}

/**
 * "Korvania's foreign minister, Teodor Blaskovic, said": a name set off right after an unnamed
 * description names that person, who keeps the description's role and country.
 */
function namedAfterDescription(m: Mention, previous: Mention | undefined, text: string, ix: Index): Draft | undefined {
  if (!previous?.entityId || (previous.form !== 'description' && previous.form !== 'title') || !/^\s*,\s*$/.test(text.slice(previous.end, m.start))) return undefined;
  const d = byEntityId(ix.drafts, previous.entityId);
  if (!d?.unnamed || d.plural || d.mentions.length !== 1 || d.type !== 'person') return undefined;
  if (named(ix, m.text.toLowerCase()).some((x) => x !== d && x.type === 'person' && !x.unnamed && x.name.toLowerCase() === m.text.toLowerCase())) return undefined;
  d.aliases.add(d.name);
  if (d.key) ix.keys.delete(d.key);
  d.name = m.text;
  d.unnamed = false;
  delete d.key;
  remember(ix, d);
  return d;
}

function byName(m: Mention, ix: Index, create: (m: Mention, f: Partial<Draft>) => Draft): Draft {
  const same = named(ix, m.text.toLowerCase()).find((d) => !d.unnamed);
  // "Dunmere" first seen bare, later "in Dunmere": the surer type wins.
  if (same && same.type === 'other') same.type = m.type;
  return same ?? create(m, {});
}

/** The person whose full name ends with this surname; the nearest preceding one when several do. */
function surname(m: Mention, ix: Index, gender: 'm' | 'f' | undefined): Draft | undefined {
  // "Mr. Korby" is not the sister of the same name.
  const people = (ix.surnames.get(m.text) ?? []).filter((d) => d.type === 'person' && !d.unnamed && (lastWord(d.name) === m.text || d.name === m.text) && !(gender && d.gender && d.gender !== gender));
  if (people.length <= 1) return people[0];
  const sameGender = people.filter((d) => gender && d.gender === gender);
  if (sameGender.length === 1) return sameGender[0];
  // Among relatives who share a surname, news keeps the bare surname for one of them: whoever already had
  // it, else whoever was introduced first (the story's subject; "Holm's father, Erik Holm" comes later).
  const called = people.filter((d) => d.calledBySurname);
  if (called.length) return called.reduce((best, d) => (d.last > best.last ? d : best));
  return people[0];
}

/** Mentions that are the subject of their sentence (the first person or organisation in it, not after a preposition), with that sentence. */
function subjectMentions(doc: Doc): Map<number, Span> {
  const out = new Map<number, Span>();
  const mentions = doc.layers.mentions ?? [];
  let k = 0;
  for (const s of doc.layers.sentences ?? []) {
    while (k < mentions.length && mentions[k]!.start < s.start) k++;
    for (let j = k; j < mentions.length && mentions[j]!.start < s.end; j++) {
      const m = mentions[j]!;
      if (m.type !== 'person' && m.type !== 'organization' && !(m.type === 'other' && (m.form === 'surname' || m.form === 'name'))) continue;
      // "At Harrowfield, Morrow said": a name inside an opening phrase is not the subject; look on.
      if (PREPOSITION.test(doc.text.slice(Math.max(s.start, m.start - 6), m.start))) continue;
      out.set(m.start, s);
      break;
    }
  }
  return out;
}

const PREPOSITION = /\b(?:in|of|with|to|by|for|from|at|on|about|against|than)\s+$/i;

/**
 * The person a pronoun stands for: the latest compatible one, except that a subject pronoun
 * prefers whoever was the subject of an earlier sentence, as long as nobody compatible was
 * named after that sentence ("Quill accused the minister. She said ..." is Quill).
 */
function pronounTarget(m: Mention, drafts: Draft[], sentence: Span | undefined): Draft | undefined {
  const info = PRONOUNS.get(m.text.toLowerCase());
  if (!info) return undefined;
  const best = latestCompatible(m, info, drafts);
  if (!sentence || !best) return best;
  let subject: Draft | undefined;
  for (const d of drafts) {
    if (!d.subjectIn || d.subjectIn.start >= sentence.start || !compatible(d, m, info)) continue;
    if (!subject || d.subjectIn.start > subject.subjectIn!.start) subject = d;
  }
  if (!subject || best.last >= subject.subjectIn!.end) return best;
  // A subject of unknown gender yields to a nearer person whose gender matches.
  return info.gender && !subject.gender && best.gender === info.gender ? best : subject;
}

function compatible(d: Draft, m: Mention, info: { plural: boolean; gender?: 'm' | 'f'; neuter?: boolean }): boolean {
  if (d.last >= m.start || m.start - d.last > PRONOUN_REACH) return false;
  // "it" stands for an organisation, or a name of unknown kind ("Brightmoor … it said"), never a document.
  if (info.neuter) return (d.type === 'organization' || d.type === 'other' && !!d.subjectIn) && !d.plural && !DOCUMENT_HEADS.has(lastWord(d.name).toLowerCase());
  if (info.plural) return !!(d.plural || d.type === 'organization');
  if (d.type !== 'person' || d.plural) return false;
  return !(info.gender && d.gender && d.gender !== info.gender);
}

function latestCompatible(m: Mention, info: { plural: boolean; gender?: 'm' | 'f'; neuter?: boolean }, drafts: Draft[]): Draft | undefined {
  let best: Draft | undefined;
  for (const d of drafts) if (compatible(d, m, info) && (!best || d.last > best.last)) best = d;
  return best;
}

/** "The president": the latest person whose role has that head word. */
function titleTarget(m: Mention, drafts: Draft[]): Draft | undefined {
  const head = lastWord(m.role ?? m.text).toLowerCase();
  let best: Draft | undefined;
  for (const d of drafts) {
    if (d.type !== 'person' || d.unnamed || !d.role || d.last >= m.start || m.start - d.last > TITLE_REACH) continue;
    const words = d.role.toLowerCase().split(/\s+/);
    if (!words.includes(head)) continue;
    if (!best || d.last > best.last) best = d;
  }
  return best;
}

/**
 * "Imogen Shawcross has defended her first budget. … the chancellor said": a title nobody holds yet
 * names the person the story is about (the latest subject with no role of their own, named more than
 * anyone else so far), who takes it.
 */
function unroledSubject(m: Mention, nearby: readonly Draft[], ix: Index): Draft | undefined {
  let best: Draft | undefined;
  for (const d of nearby) {
    if (d.type !== 'person' || d.unnamed || d.role || !d.subjectIn || d.subjectIn.start >= m.start || m.start - d.last > PRONOUN_REACH) continue;
    if (!best || d.subjectIn.start > best.subjectIn!.start) best = d;
  }
  // Only the story's main person: named more than once, and more than anyone else so far.
  if (!best || (best.namings ?? 0) < 2 || ix.top !== best || ix.tie) return undefined;
  if (m.role) best.role = m.role;
  return best;
}

/** "the federation", "the ministry": the latest named organisation whose name holds that word. */
function institutionTarget(m: Mention, text: string, drafts: Draft[]): Draft | undefined {
  if (m.type !== 'organization' || !/^the\s/i.test(m.text) || text.slice(m.start, m.end).split(/\s+/).length !== 2) return undefined;
  const head = lastWord(m.text).toLowerCase();
  let best: Draft | undefined;
  for (const d of drafts) {
    if (d.type !== 'organization' || d.unnamed || d.last >= m.start || m.start - d.last > TITLE_REACH) continue;
    if (!d.name.toLowerCase().split(/\s+/).includes(head)) continue;
    if (!best || d.last > best.last) best = d;
  }
  return best;
}

/** An unnamed person (or group) described by role and affiliation; the same description is the same entity. */
function description(m: Mention, ix: Index, create: (m: Mention, f: Partial<Draft>) => Draft): Draft {
  const role = (m.role ?? m.text).toLowerCase();
  const affiliation = m.affiliation ? affiliationOf(m.affiliation) : undefined;
  const key = `${role}|${(affiliation ?? '').toLowerCase()}`;
  const same = ix.keys.get(key);
  if (same) return same;
  const head = lastWord(role);
  const name = m.text.replace(/^(the|a|an|one|another)\s+/i, '');
  return create(m, {
    name,
    key,
    unnamed: true,
    plural: GROUP_ROLES.has(head),
    ...(m.role ? { role: m.role } : {}),
    ...(affiliation ? { affiliation } : {}),
  });
}

/** "Ilse Varnholt, the city's mayor," : the description right after a name, set off by a comma, is that person. */
function appositive(m: Mention, previous: Mention | undefined, text: string, drafts: Draft[]): Draft | undefined {
  if (!previous || previous.type !== 'person' || !previous.entityId) return undefined;
  if (previous.form !== 'name' && previous.form !== 'surname') return undefined;
  // "Kiara Bell, 29, a nurse": an age may stand between.
  if (!/^\s*,\s*(?:\d{1,3}\s*,\s*)?(?:the\s+|an?\s+)?$/i.test(text.slice(previous.end, m.start))) return undefined;
  const head = lastWord((m.role ?? '').toLowerCase());
  if (GROUP_ROLES.has(head)) return undefined;
  const d = byEntityId(drafts, previous.entityId);
  if (d && m.role && !d.role) d.role = m.role;
  return d;
}

function affiliationOf(value: string): string {
  return NATIONALITY.get(value.toLowerCase()) ?? value;
}

function genderOf(m: Mention, text: string): 'm' | 'f' | undefined {
  // A resolved "he"/"she" tells the gender of a name the lexicon does not know.
  if (m.form === 'pronoun') return PRONOUNS.get(m.text.toLowerCase())?.gender;
  const before = /\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s*$/.exec(text.slice(Math.max(0, m.start - 8), m.start));
  if (before) return TITLE_GENDER.get(before[1]!.toLowerCase());
  // "His sister, Marit Korby": a kinship word set off before the name.
  const kin = /\b(\p{L}+),\s*$/u.exec(text.slice(Math.max(0, m.start - 16), m.start));
  const kinGender = kin ? KINSHIP_GENDER.get(kin[1]!.toLowerCase()) : undefined;
  if (kinGender) return kinGender;
  for (const word of (m.role ?? '').toLowerCase().split(/\s+/)) {
    const g = TITLE_GENDER.get(word);
    if (g) return g;
  }
  if (m.form === 'name' && m.type === 'person') return genderOfGivenName(m.text.split(/[\s-]/)[0]!);
  return undefined;
}

function lastWord(name: string): string {
  const parts = name.split(/\s+/).filter((p) => !NAME_SUFFIXES.has(p.toLowerCase()));
  return parts[parts.length - 1] ?? name;
}
