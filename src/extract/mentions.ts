import type { Doc, EntityType, Mention, Span, Token } from '../types.js';
import * as roles from './lexicon/roles.js';
import * as places from './lexicon/places.js';
import * as orgs from './lexicon/organizations.js';
import * as names from './lexicon/names.js';
import * as pronouns from './lexicon/pronouns.js';
import { CUE_LEMMA } from './lexicon/cues.js';
import { covers } from './lexicon/spans.js';

// Local bindings: module namespace lookups sit on the hot path of every word.
const { GROUP_ROLES, NAME_TITLES, ROLE_HEADS, ROLE_MODIFIERS } = roles;
const { NATIONALITY, PLACES, PLACE_WORDS } = places;
const { DOCUMENT_HEADS, KNOWN_ORGS, ORG_HEADS, ORG_WORDS } = orgs;
const { GIVEN_NAMES, NAME_PARTICLES, NAME_SUFFIXES, NOT_NAMES, THING_WORDS } = names;
const { PRONOUNS } = pronouns;

/** A word: tokens joined by in-word hyphens ("Jean-Yves", "al-Assad", "secretary-general"). */
interface Word extends Span {
  readonly text: string;
  readonly lower: string;
  readonly pos: string;
  readonly cap: boolean;
  /** First word of its sentence, or first after an opening quote mark. */
  readonly initial: boolean;
  /** Role, title or nationality word (computed once). */
  readonly role: boolean;
}

type Draft = Omit<Mention, 'entityId'>;

/** Text of the document being scanned (stages run synchronously, one document at a time). */
let source = '';

const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another']);
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '—', '–', '-', ':']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'from', 'across', 'outside', 'inside', 'throughout', 'around', 'into']);
/** Honorifics that are not roles. */
const COURTESY = new Set(['mr.', 'mr', 'mrs.', 'mrs', 'ms.', 'ms', 'miss', 'mx.', 'dr.', 'dr', 'sir', 'dame']);
/** Heads that name an organisation's people only through a preposition ("a spokesperson for the ministry"). */
const LINKING = new Set(['for', 'of', 'at', 'from', 'with', 'in']);

/** Finds mentions of people, organisations and places: names, surnames, pronouns, titles and descriptions. */
export function mentions(doc: Doc): void {
  const tokens = doc.layers.tokens ?? [];
  const sentences = doc.layers.sentences ?? [];
  const quotes = [...(doc.layers.quotes ?? [])].sort((a, b) => a.start - b.start);
  const drafts: Draft[] = [];
  source = doc.text;
  const sentenceWords = sentences.map((s) => words(tokens, s.firstToken, s.lastToken, doc.text));
  for (const ws of sentenceWords) scanSentence(ws, quotes, drafts);
  doc.layers.mentions = settleSurnames(drafts);
}

function words(tokens: readonly Token[], first: number, last: number, text: string): Word[] {
  const out: Word[] = [];
  let atStart = true;
  for (let i = first; i <= last; i++) {
    const t = tokens[i]!;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    // Join "X-Y" when the hyphen touches both neighbours.
    if (t.value === '-' && prev && prev.end === t.start && next && i + 1 <= last && next.start === t.end && /\w/.test(next.value)) {
      const joined = text.slice(prev.start, next.end);
      const lower = joined.toLowerCase();
      out[out.length - 1] = { ...prev, end: next.end, text: joined, lower, cap: prev.cap || isCap(next.value), role: roleWord(lower) };
      i++;
      continue;
    }
    out.push({ start: t.start, end: t.end, text: t.value, lower: t.normal, pos: t.pos, cap: isCap(t.value), initial: atStart, role: roleWord(t.normal) });
    atStart = OPENERS.has(t.value);
  }
  return out;
}

function isCap(value: string): boolean {
  const c = value.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}


/** "president-elect", "ex-minister", "vice-chair": the role without one prefix or suffix, if it has one. */
function withoutAffix(lower: string): string | undefined {
  return /^(?:ex|vice|deputy|co|acting)-(.+)$/.exec(lower)?.[1] ?? /^(.+)-(?:elect|designate)$/.exec(lower)?.[1];
}

function roleWord(lower: string): boolean {
  const base = withoutAffix(lower);
  if (base) return roleWord(base);
  return ROLE_HEADS.has(lower) || ROLE_MODIFIERS.has(lower) || NATIONALITY.has(lower) || NAME_TITLES.has(lower);
}

/** A role's head word, with any prefix or suffix ("president-elect"). */
function isHead(lower: string): boolean {
  return ROLE_HEADS.has(lower) || ROLE_HEADS.has(withoutAffix(lower) ?? '');
}

function isRoleWord(w: Word): boolean {
  return w.role;
}

/** Length of a role phrase starting at `i` (modifiers then a head), or 0; `head` is the index after the last head. */
function rolePhrase(ws: readonly Word[], i: number): number {
  let j = i;
  let end = 0;
  // Unknown nationality adjectives may modify a role too ("a senior Estravian official"), and so may
  // a lower-case noun right before the head ("a senior ministry official", "a company spokesman").
  while (j < ws.length && (isRoleWord(ws[j]!) || (j > i && demonym(ws[j]) && ws[j + 1] && isRoleWord(ws[j + 1]!))
    || ((!ws[j]!.cap || ws[j]!.initial) && /^(?:NOUN|ADJ|PROPN)$/.test(ws[j]!.pos) && ws[j + 1] && ROLE_HEADS.has(ws[j + 1]!.lower))
    || (ws[j]!.lower === 'of' && end > 0 && j + 1 < ws.length && isRoleWord(ws[j + 1]!)))) {
    if (isHead(ws[j]!.lower) || NAME_TITLES.has(ws[j]!.lower)) end = j + 1;
    j++;
  }
  return end > i ? end - i : 0;
}

/** Words joined by single spaces: for roles and affiliations, which are labels, not spans. */
function text(ws: readonly Word[], from: number, to: number): string {
  if (to <= from) return '';
  return ws.slice(from, to).map((w) => w.text).join(' ');
}

function nameWord(w: Word): boolean {
  return w.cap && !NOT_NAMES.has(w.lower) && /\p{L}/u.test(w.text) && w.pos !== 'PUNCT';
}

const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western']);

/** A name word at k, counting a direction that opens a longer name ("Northern States", "North Korea"). */
function nameWordAt(ws: readonly Word[], k: number): boolean {
  const w = ws[k];
  if (!w) return false;
  return nameWord(w) || (w.cap && DIRECTIONS.has(w.lower) && !!ws[k + 1] && nameWord(ws[k + 1]!));
}

function scanSentence(ws: readonly Word[], quotes: readonly Span[], out: Draft[]): void {
  let i = 0;
  while (i < ws.length) {
    // Descriptions inside quotes are the speaker's words ("an official manner"), not attributions.
    const quoted = covers(quotes, ws[i]!.start);
    const consumed =
      pronoun(ws, i, quotes, out) ||
      (!quoted && determined(ws, i, out)) ||
      possessive(ws, i, out) ||
      named(ws, i, out) ||
      (!quoted && group(ws, i, out));
    i += consumed || 1;
  }
}

function emit(out: Draft[], ws: readonly Word[], from: number, to: number, type: EntityType, form: Mention['form'], role?: string, affiliation?: string): void {
  const first = ws[from]!;
  const last = ws[to - 1]!;
  out.push({
    start: first.start,
    end: last.end,
    text: source.slice(first.start, last.end),
    type,
    form,
    ...(role ? { role } : {}),
    ...(affiliation ? { affiliation } : {}),
  });
}

function pronoun(ws: readonly Word[], i: number, quotes: readonly Span[], out: Draft[]): number {
  const w = ws[i]!;
  if (!PRONOUNS.has(w.lower) || covers(quotes, w.start)) return 0;
  if (PRONOUNS.get(w.lower)!.neuter && !CUE_LEMMA.has(ws[i + 1]?.lower ?? '')) return 0;
  emit(out, ws, i, i + 1, 'person', 'pronoun');
  return 1;
}

/** "the president", "a senior official", "a spokesperson for the Health Ministry", "the country's health minister". */
function determined(ws: readonly Word[], i: number, out: Draft[]): number {
  if (!DETERMINERS.has(ws[i]!.lower)) return 0;
  // "the country's health minister": possessive of a common noun.
  if (ws[i + 2] && POSSESSIVE.has(ws[i + 2]!.lower) && !ws[i + 1]!.cap) {
    const len = rolePhrase(ws, i + 3);
    if (len > 0 && !followsName(ws, i + 3 + len)) {
      const role = text(ws, i + 3, i + 3 + len);
      emit(out, ws, i, i + 3 + len, 'person', 'description', role, text(ws, i, i + 2));
      return 3 + len;
    }
  }
  const len = rolePhrase(ws, i + 1);
  if (len === 0) return institution(ws, i, out);
  const after = i + 1 + len;
  if (ws[after] && POSSESSIVE.has(ws[after]!.lower) && orgAfterPossessive(ws, after)) return 1; // "the Landlords' Association
  // "the prime minister's office", "the mayor's spokesman": whoever speaks for the role-holder.
  if (ws[after] && POSSESSIVE.has(ws[after]!.lower)) {
    const owned = ownedBy(ws, after + 1);
    if (owned) {
      emit(out, ws, i, owned.end, owned.type, 'description', text(ws, i + 1, owned.end), undefined);
      return owned.end - i;
    }
  }
  if (followsName(ws, after)) return 1; // "the Foreign Minister Anna X": the name rule takes it.
  const head = ws[after - 1]!.lower;
  const roleText = text(ws, i + 1, after);
  const definite = ws[i]!.lower === 'the';
  // "a spokesperson for the ministry", "the head of the agency"
  const link = organisationAfter(ws, after);
  if (link) {
    emit(out, ws, i, link.end, 'person', 'description', roleText, link.name);
    return link.end - i;
  }
  const nationality = ws.slice(i + 1, after).map((w) => NATIONALITY.get(w.lower)).find(Boolean);
  const group = GROUP_ROLES.has(head);
  emit(out, ws, i, after, group && head === 'police' ? 'organization' : 'person', definite && !group ? 'title' : 'description', roleText, nationality);
  return after - i;
}

/** What a possessive owns at `at`: a role ("spokesman": a person) or an institution ("office"), lower case. */
function ownedBy(ws: readonly Word[], at: number): { end: number; type: EntityType } | undefined {
  const role = rolePhrase(ws, at);
  if (role > 0 && !ws[at]!.cap && !followsName(ws, at + role)) return { end: at + role, type: 'person' };
  const head = institutionHead(ws, at);
  return head > 0 ? { end: head + 1, type: 'organization' } : undefined;
}

/** Index of the institution word ending a run of modifiers from `from` ("foreign ministry", "central bank"), or 0. */
function institutionHead(ws: readonly Word[], from: number): number {
  let j = from;
  while (j < from + 3 && ws[j] && !ORG_HEADS.has(ws[j]!.lower) && (ws[j]!.pos === 'ADJ' || ws[j]!.pos === 'NOUN' || demonym(ws[j]) || isRoleWord(ws[j]!))) j++;
  const head = ws[j];
  // "the Dunmere Port Authority" is a name: the name rule takes it with its capitals.
  return head && ORG_HEADS.has(head.lower) && !head.cap ? j : 0;
}

/** "from the office", "by the board", "filed by Delphine Aranzo": a document's author follows. */
function authored(ws: readonly Word[], at: number): boolean {
  const w = ws[at]?.lower ?? '';
  return /^(?:from|by|of)$/.test(w) || /^(?:filed|issued|published|released|written|signed|sent|lodged|brought)$/.test(w) && ws[at + 1]?.lower === 'by';
}

/** "the ministry", "the central bank", "the Estravian foreign ministry", "a statement": an institution or document that can speak. */
function institution(ws: readonly Word[], i: number, out: Draft[]): number {
  if (!DETERMINERS.has(ws[i]!.lower)) return 0;
  const j = institutionHead(ws, i + 1);
  // "a statement from the prime minister's office", "a report by the board": the author speaks, not the paper.
  if (j === 0 || DOCUMENT_HEADS.has(ws[j]!.lower) && authored(ws, j + 1)) return 0;
  // "the ethics committee's chair": the person who holds a role in it.
  const owned = ws[j + 1] && POSSESSIVE.has(ws[j + 1]!.lower) ? ownedBy(ws, j + 2) : undefined;
  if (owned?.type === 'person') {
    emit(out, ws, i, owned.end, 'person', 'description', text(ws, j + 2, owned.end), text(ws, i + 1, j + 1));
    return owned.end - i;
  }
  const nationality = ws.slice(i + 1, j).map((w) => countryOf(w)).find(Boolean);
  emit(out, ws, i, j + 1, 'organization', 'description', text(ws, i + 1, j + 1), nationality);
  return j + 1 - i;
}

/** "for the Health Ministry", "of Dunmere": returns the end word index and the organisation's text. */
function organisationAfter(ws: readonly Word[], at: number): { end: number; name: string } | undefined {
  if (!ws[at] || !LINKING.has(ws[at]!.lower)) return undefined;
  let j = at + 1;
  if (ws[j] && ws[j]!.lower === 'the') j++;
  const from = j;
  while (ws[j] && (nameWordAt(ws, j) || (ws[j]!.lower === 'of' && nameWordAt(ws, j + 1)))) j++;
  // "the mayor of the Korvanian port city": an adjective of nationality before common nouns names no organisation.
  if (j === from + 1 && demonym(ws[from]) && ws[j] && !ws[j]!.cap) return undefined;
  if (j > from) return { end: j, name: text(ws, from, j) };
  // lower-case institution: "for the ministry", "of the company"
  if (from > at + 1 && ws[from] && ORG_WORDS.has(ws[from]!.lower)) return { end: from + 1, name: text(ws, at + 1, from + 1) };
  return undefined;
}

function followsName(ws: readonly Word[], at: number): boolean {
  const w = ws[at];
  return !!w && nameWord(w) && !ORG_WORDS.has(w.lower);
}

/** "Estonia's foreign minister", "Korvania's Prime Minister Teodor Blaskovic" (the latter left to the name rule). */
function possessive(ws: readonly Word[], i: number, out: Draft[]): number {
  let j = i;
  while (ws[j] && (nameWord(ws[j]!) || (ws[j]!.lower === 'of' && j > i && ws[j + 1] && nameWord(ws[j + 1]!)))) j++;
  if (j === i || !ws[j] || !POSSESSIVE.has(ws[j]!.lower) || orgAfterPossessive(ws, j)) return 0;
  const owner = text(ws, i, j);
  const ownerType = classify(ws, i, j, false);
  const len = rolePhrase(ws, j + 1);
  if (len > 0 && !followsName(ws, j + 1 + len)) {
    emit(out, ws, i, j + 1 + len, 'person', 'description', text(ws, j + 1, j + 1 + len), owner);
    return j + 1 + len - i;
  }
  // The owner itself is a mention ("Russia's invasion"); a name after the role is handled by `named`.
  if (len > 0) {
    const n = nameAt(ws, j + 1 + len);
    if (n > 0) {
      emitName(out, ws, j + 1 + len, j + 1 + len + n, text(ws, j + 1, j + 1 + len), owner, ws.slice(j + 1, j + 1 + len));
      return j + 1 + len + n - i;
    }
  }
  // "Estravia's foreign ministry": an institution of the owner speaks for it.
  const head = len === 0 ? institutionHead(ws, j + 1) : 0;
  // "The Gazette's investigation found": a document speaks for its owner, who is the mention.
  if (head > 0 && !DOCUMENT_HEADS.has(ws[head]!.lower)) {
    emit(out, ws, i, head + 1, 'organization', 'description', text(ws, j + 1, head + 1), owner);
    return head + 1 - i;
  }
  if (ownerType) emit(out, ws, i, j, ownerType, 'name');
  return j + 1 - i;
}

/** Particles ("von der") followed by a name word. */
function particleRun(ws: readonly Word[], j: number): boolean {
  let k = j;
  while (ws[k] && NAME_PARTICLES.has(ws[k]!.lower) && !ws[k]!.cap) k++;
  return k > j && !!ws[k] && nameWord(ws[k]!);
}

/** A capitalised adjective of nationality not in the lexicon ("Korvanian", "Estravian"). */
function demonym(w: Word | undefined): boolean {
  return !!w && w.cap && (NATIONALITY.has(w.lower) || /(?:ian|ean|ese|ish|i)$/.test(w.lower) && w.pos !== 'VERB');
}

/** A known country, place or organisation that can lead a role ("U.S. Secretary of State", "NATO Secretary-General"). */
function knownOwner(w: Word): boolean {
  return w.cap && (PLACES.has(w.lower) || KNOWN_ORGS.has(w.lower));
}

/** Country of a nationality adjective; an unknown "-ian" adjective names "-ia" ("Korvanian" -> "Korvania"). */
function countryOf(w: Word): string | undefined {
  const known = NATIONALITY.get(w.lower);
  if (known) return known;
  if (w.cap && /ian$/.test(w.lower) && w.text.length > 5) return w.text.slice(0, -1);
  if (knownOwner(w)) return w.text;
  return undefined;
}

/** Number of name words starting at `i` (particles and suffixes included). */
function orgAfterPossessive(ws: readonly Word[], j: number): boolean {
  const next = ws[j + 1];
  return !!next && next.cap && ORG_WORDS.has(next.lower);
}

/** Verbs of saying that headlines capitalise, and that are never part of a name. */
const HEADLINE_CUES: ReadonlySet<string> = new Set(['says', 'said', 'tells', 'told', 'urges', 'slams', 'blasts', 'praises', 'warns',
  'vows', 'claims', 'demands', 'denies', 'accuses', 'insists', 'admits', 'blames', 'pledges', 'promises', 'tweets', 'argues', 'asks']);

function nameAt(ws: readonly Word[], i: number): number {
  let j = i;
  while (ws[j]) {
    const w = ws[j]!;
    // "Ada Brenn Says She …", "Mayor Slams Plan": in a capitalised headline a verb of saying ends the name.
    if (j > i && HEADLINE_CUES.has(w.lower)) break;
    if (nameWordAt(ws, j) && !NAME_TITLES.has(w.lower) && !(j > i && POSSESSIVE.has(w.lower))) j++;
    // "Landlords' Association", "Food and Grocery Workers' Union": a possessive inside an organisation's name.
    else if (j > i && POSSESSIVE.has(w.lower) && orgAfterPossessive(ws, j)) j++;
    else if (j > i && NAME_PARTICLES.has(w.lower) && particleRun(ws, j)) j++;
    else if (j > i && NAME_PARTICLES.has(w.lower.split('-')[0]!) && w.cap === false && /-\p{Lu}/u.test(w.text)) j++;
    else if (j > i && NAME_SUFFIXES.has(w.lower)) j++;
    else if (j === i && NAME_PARTICLES.has(w.lower.split('-')[0]!) && /-\p{Lu}/u.test(w.text)) j++;
    else break;
  }
  return j - i;
}

/**
 * "Harrowfield manager Declan Morrow", "Lumora chief executive Dana Orr": an organisation's name,
 * lower-case role words, then the person. The organisation is the role's affiliation.
 */
function ownedRole(ws: readonly Word[], i: number, out: Draft[]): number {
  const owner = nameAt(ws, i);
  // "Russian leader X": a nationality is the role-prefix rule's, which turns it into a country.
  if (owner === 0 || owner > 3 || (owner === 1 && (demonym(ws[i]) || knownOwner(ws[i]!)))) return 0;
  let j = i + owner;
  let head = 0;
  while (ws[j] && !ws[j]!.cap && isRoleWord(ws[j]!) && j < i + owner + 3) if (ROLE_HEADS.has(ws[j++]!.lower)) head = j;
  if (head === 0 || head !== j || GROUP_ROLES.has(ws[head - 1]!.lower)) return 0;
  const n = nameAt(ws, head);
  if (n === 0 || ORG_WORDS.has(ws[head]!.lower)) return 0;
  emitName(out, ws, head, head + n, text(ws, i, head), text(ws, i, i + owner), ws.slice(i, head));
  return head + n - i;
}

/** A capitalised name with any role words before it: "French President Emmanuel Macron", "Deputy Mayor X", "NATO". */
function named(ws: readonly Word[], i: number, out: Draft[]): number {
  // Role prefix: role words ending in a head or a title ("Russian leader", "Sen.", "Foreign Minister").
  let j = i;
  let prefixEnd = i;
  while (
    ws[j] &&
    (isRoleWord(ws[j]!) ||
      (ws[j]!.lower === 'of' && j > i && ws[j + 1] && isRoleWord(ws[j + 1]!)) ||
      (j === i && (demonym(ws[j]) || knownOwner(ws[j]!)) && ws[j + 1] && isRoleWord(ws[j + 1]!)))
  ) {
    // "Secretary of State", "Minister of Defence": the word after "of" completes the role.
    if (ROLE_HEADS.has(ws[j]!.lower) || NAME_TITLES.has(ws[j]!.lower) || (j > i && ws[j - 1]!.lower === 'of' && ws[j]!.lower !== 'of')) prefixEnd = j + 1;
    j++;
  }
  const owned = ownedRole(ws, i, out);
  if (owned) return owned;
  if (prefixEnd > i) {
    const n = nameAt(ws, prefixEnd);
    if (n > 0 && !ORG_WORDS.has(ws[prefixEnd]!.lower)) {
      const prefix = ws.slice(i, prefixEnd);
      // A prefix that only starts the sentence in lower case ("leader X") is fine; a lone capitalised head is too.
      emitName(out, ws, prefixEnd, prefixEnd + n, text(ws, i, prefixEnd), undefined, prefix);
      return prefixEnd + n - i;
    }
  }
  if (!nameWord(ws[i]!) && !/^(al|el)-\p{Lu}/u.test(ws[i]!.text)) return 0;
  // Plain name (organisation words and nationality adjectives may start it: "French Foreign Ministry").
  let n = nameAt(ws, i);
  while (ws[i + n] && ORG_WORDS.has(ws[i + n]!.lower) && ws[i + n]!.cap) n++;
  if (n === 0) return 0;
  // "Institute of Hydrology", "Ministry of Ports", "Federation of Labour": an organisation's name runs on past "of".
  // "Centre for Household Economics", "Steel and Metalworkers' Union", "State Forestry and Fire Department"
  // likewise through "for", "and" and "&", once the joined run holds an organisation word.
  for (;;) {
    const link = ws[i + n]?.lower ?? '';
    const more = nameWordAt(ws, i + n + 1) ? nameAt(ws, i + n + 1) : 0;
    if (more === 0 || !/^(?:of|for|and|&)$/.test(link)) break;
    const joined = ws.slice(i, i + n + 1 + more);
    // "Wren & Larch", "Northfork Power & Light": an ampersand joins one organisation's name.
    if (link !== '&' && (!joined.some((w) => ORG_WORDS.has(w.lower)) || (link !== 'of' && link !== 'for' && !ORG_WORDS.has(joined[joined.length - 1]!.lower)))) break;
    if ((link === 'of' || link === 'for') && !ws.slice(i, i + n).some((w) => ORG_WORDS.has(w.lower))) break;
    n += 1 + more;
  }
  // "Estravian ships": an adjective of nationality, not a name.
  if (n === 1 && demonym(ws[i]) && ws[i + 1] && !ws[i + 1]!.cap && ws[i + 1]!.pos !== 'VERB' && ws[i + 1]!.pos !== 'AUX') return 0;
  // "Residents said", "Investigators believe": a capitalised role or group word is no name; the group rule takes it.
  if (n === 1 && ws[i]!.initial && ROLE_HEADS.has(ws[i]!.lower)) return 0;
  // "Similarly, Oskar Pell … said": a sentence-opening adverb and its comma are no speaker.
  if (n === 1 && ws[i]!.initial && ws[i]!.pos === 'ADV' && ws[i + 1]?.text === ',' && !GIVEN_NAMES.has(ws[i]!.lower)) return 0;
  let type = classify(ws, i, i + n, true);
  // "Marchetti cautioned that …" at the start of a sentence: a capitalised word that speaks is a name.
  if (!type && n <= 3 && !NOT_NAMES.has(ws[i]!.lower) && speaks(ws, i, i + n)) type = 'person';
  // "in Dunmere", "near Velk": an unknown lone name after a preposition of place is a place.
  if (type === 'other' && n === 1 && i > 0 && PLACE_PREPOSITIONS.has(ws[i - 1]!.lower)) type = 'place';
  // "Harrow said", "Harrow, speaking to reporters, said", "said Harrow.": an unknown name that speaks is a person.
  if (type === 'other' && n <= 3 && speaks(ws, i, i + n)) type = 'person';
  // "Aid agencies warned", "Union leaders said": an unknown capital opening a group is its modifier.
  if (n === 1 && type === 'other' && ws[i]!.initial && ws[i + 1] && !ws[i + 1]!.cap && GROUP_ROLES.has(ws[i + 1]!.lower)) return 0;
  // Not a name (lone adjective, sentence-initial word): let the group rule look at it ("European leaders").
  // "Said Dora Pinter, …", "Addressing Mayor Ilse Varnholt": a sentence-initial word that is no name leaves the rest to be read.
  if (!type && n >= 2 && ws[i]!.initial && ws[i]!.pos !== 'PROPN' && !GIVEN_NAMES.has(ws[i]!.lower)) return 1;
  if (!type) return n === 1 ? 0 : n;
  if (type === 'person') emitName(out, ws, i, i + n, undefined, undefined, []);
  else if ((type === 'organization' || type === 'other') && ws[i + n] && !ws[i + n]!.cap && ROLE_HEADS.has(ws[i + n]!.lower) && !followsName(ws, i + n + 1)) {
    // "a Fisheries Ministry spokeswoman", "Council officers": people who speak for the organisation.
    emit(out, ws, i, i + n + 1, 'person', 'description', ws[i + n]!.text, text(ws, i, i + n));
    return n + 1;
  } else emit(out, ws, i, i + n, type, 'name');
  return n;
}

function speaks(ws: readonly Word[], from: number, to: number): boolean {
  // "Mayor Ilse Varnholt of Dunmere said": a name after a preposition is not the one speaking.
  if (from > 0 && (PLACE_PREPOSITIONS.has(ws[from - 1]!.lower) || LINKING.has(ws[from - 1]!.lower))) return false;
  const next = ws[to];
  if (next && CUE_LEMMA.has(next.lower)) return true;
  if (from > 0 && CUE_LEMMA.has(ws[from - 1]!.lower) && (!next || /^[.,]$/.test(next.text))) return true;
  if (next?.text !== ',') return false;
  for (let k = to + 1; k < ws.length && k < to + 14; k++) if (ws[k]!.text === ',' && ws[k + 1] && CUE_LEMMA.has(ws[k + 1]!.lower)) return true;
  return false;
}

/** Emits a person mention, with its role, affiliation (from a nationality adjective) and form. */
function emitName(out: Draft[], ws: readonly Word[], from: number, to: number, role: string | undefined, affiliation: string | undefined, prefix: readonly Word[]): void {
  const courtesyOnly = prefix.length > 0 && prefix.every((w) => COURTESY.has(w.lower));
  const nationality = prefix.length > 0 ? countryOf(prefix[0]!) ?? prefix.map((w) => NATIONALITY.get(w.lower)).find(Boolean) : undefined;
  const cleanRole = courtesyOnly ? undefined : role;
  const single = to - from === 1;
  const form: Mention['form'] = single && (courtesyOnly || !GIVEN_NAMES.has(ws[from]!.lower)) ? 'surname' : 'name';
  // "Foreign Minister Piet Halvorsen of Estravia": the role's country follows the name.
  const of = cleanRole && ws[to]?.lower === 'of' && ws[to + 1] && nameWord(ws[to + 1]!) ? nameAt(ws, to + 1) : 0;
  if (of > 0 && !affiliation && !nationality) affiliation = text(ws, to + 1, to + 1 + of);
  const mention: Draft = {
    start: ws[from]!.start,
    end: ws[to - 1]!.end,
    text: source.slice(ws[from]!.start, ws[to - 1]!.end),
    type: 'person',
    form,
    ...(cleanRole ? { role: cleanRole } : {}),
    ...(affiliation ?? nationality ? { affiliation: affiliation ?? nationality } : {}),
  };
  out.push(mention);
}

/** Type of a capitalised name, or undefined when it is not a mention (sentence-initial common word, lone adjective). */
function classify(ws: readonly Word[], from: number, to: number, strict: boolean): EntityType | undefined {
  const parts = ws.slice(from, to);
  const lower = parts.map((w) => w.lower).join(' ');
  if (PLACES.has(lower)) return 'place';
  if (parts.length >= 2 && parts.some((w) => PLACE_WORDS.has(w.lower)) && !parts.some((w) => ORG_WORDS.has(w.lower))) {
    // "Lisk River", "Old Quay" are places; "Lantern Street Life" is some other name, never a person.
    return PLACE_WORDS.has(parts[parts.length - 1]!.lower) || PLACE_WORDS.has(parts[0]!.lower) ? 'place' : 'other';
  }
  if (KNOWN_ORGS.has(lower)) return 'organization';
  if (parts.some((w) => ORG_WORDS.has(w.lower))) return 'organization';
  // "San Antonio", "Fort Worth", "New Haven", "South Dakota": a place's first word, never a person's.
  if (parts.length >= 2 && PLACE_PREFIXES.has(parts[0]!.lower)) return 'place';
  if (parts.length === 1 && NATIONALITY.has(lower)) return undefined;
  if (parts.length === 1 && /^\p{Lu}{2,6}$/u.test(parts[0]!.text)) return 'organization';
  if (GIVEN_NAMES.has(parts[0]!.lower)) return 'person';
  const first = parts[0]!;
  // Only a proper noun counts at the start of a sentence: "Addressing", "Earlier" are not names.
  if (strict && first.initial && first.pos !== 'PROPN') return undefined;
  if (parts.length >= 2 && parts.length <= 4 && parts.every((w) => w.pos === 'PROPN' || NAME_PARTICLES.has(w.lower) || w.cap)) {
    if (parts.some((w) => NATIONALITY.has(w.lower) || THING_WORDS.has(w.lower) || ROLE_HEADS.has(w.lower) || ROLE_MODIFIERS.has(w.lower))) return 'other';
    return 'person';
  }
  if (parts.length === 1) return first.pos === 'PROPN' ? 'other' : undefined;
  return 'other';
}

const PLACE_PREFIXES: ReadonlySet<string> = new Set(['san', 'santa', 'santo', 'são', 'los', 'las', 'fort', 'port', 'mount', 'lake',
  'cape', 'saint']);

/** "officials", "police", "U.S. officials", "senior officials" without a determiner. */
function group(ws: readonly Word[], i: number, out: Draft[]): number {
  const len = rolePhrase(ws, i);
  if (len === 0) return 0;
  const head = ws[i + len - 1]!.lower;
  if (!GROUP_ROLES.has(head)) return 0;
  const nationality = ws.slice(i, i + len).map((w) => NATIONALITY.get(w.lower)).find(Boolean);
  emit(out, ws, i, i + len, head === 'police' ? 'organization' : 'person', 'description', text(ws, i, i + len), nationality);
  return len;
}

/**
 * A single capitalised word that is the last word of a person's full name elsewhere in the
 * text is that person's surname; other lone words stay names of unknown type.
 */
function settleSurnames(drafts: readonly Draft[]): Mention[] {
  const surnames = new Set<string>();
  for (const m of drafts) {
    if (m.type === 'person' && m.form === 'name' && m.text.includes(' ')) surnames.add(lastWord(m.text));
  }
  return drafts.map((m) => {
    if (m.text.includes(' ') || m.form === 'pronoun' || m.form === 'description' || m.form === 'title') return m;
    if (surnames.has(m.text) && (m.type === 'other' || m.type === 'person')) return { ...m, type: 'person', form: 'surname' };
    if (m.type === 'person' && m.form === 'surname') return m;
    return m;
  });
}

function lastWord(name: string): string {
  const parts = name.split(' ').filter((p) => !NAME_SUFFIXES.has(p.toLowerCase()));
  return parts[parts.length - 1] ?? name;
}
