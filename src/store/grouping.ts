import { fingerprint, quoteWords } from './words.js';

/**
 * Which reports are one utterance, as a function of the set of stored statements alone (not of who stored
 * first). Two statements are linked when they have the same speaker, the same words after normalising or one
 * quote inside the other (quoteWords, 20 characters or more), and one of these holds, each of which the writer
 * of either statement can find with a bounded query, whichever of the two arrives first:
 *   - the same fingerprint (first six words: light edits, a tail cut off);
 *   - both direct, by the same known person, dated within 31 days of each other (a quote cut at a sentence);
 *   - both direct and one looks cut at the start ("... the bridge", "[the] bridge", "bridge").
 * An utterance is a connected group of linked statements; its id is "u" followed by the smallest member
 * statement id's digits (statement ids hash article id, version and position), so merging two groups keeps the
 * smaller id, and the same set of statements gets the same ids in any order and under concurrent writers.
 */

export interface Member {
  readonly id: string;
  readonly words: string;
  readonly fp: string;
  readonly speakerKey: string;
  readonly speakerKb: string | null;
  readonly sortDate: string | null;
  readonly direct: boolean;
  readonly cut: boolean;
}

/** A direct quote that opens with an ellipsis, a bracket or a lower-case word was likely cut from a longer one. */
export const CUT_START = /^[\s"'“‘]*(\.\.\.|…|\[|\p{Ll})/u;

/** Days either side within which a speaker's direct quotes are compared whatever their first words. */
export const MONTH_DAYS = 31;

export function member(id: string, text: string, type: string, speakerKey: string, speakerKb: string | null, sortDate: string | null, wordsOf = quoteWords): Member {
  const words = wordsOf(text);
  return { id, words, fp: fingerprint(words), speakerKey, speakerKb, sortDate, direct: type === 'direct', cut: type === 'direct' && CUT_START.test(text) };
}

/** Equal words, or (for quotes of 20 characters or more) one inside the other. */
export function sameQuote(a: string, b: string): boolean {
  return a === b || (a.length >= 20 && b.length >= 20 && (a.includes(b) || b.includes(a)));
}

const dayOf = (d: string): number => Date.parse(d.slice(0, 10));

export function withinMonth(a: string, b: string): boolean {
  const x = dayOf(a), y = dayOf(b);
  return !Number.isNaN(x) && !Number.isNaN(y) && Math.abs(x - y) <= MONTH_DAYS * 86_400_000;
}

/** Symmetric: linked(a, b) === linked(b, a). */
export function linked(a: Member, b: Member): boolean {
  if (a.speakerKey !== b.speakerKey || !sameQuote(a.words, b.words)) return false;
  if (a.fp === b.fp) return true;
  if (!a.direct || !b.direct) return false;
  if (a.cut || b.cut) return true;
  return !!a.speakerKb && a.speakerKb === b.speakerKb && !!a.sortDate && !!b.sortDate && withinMonth(a.sortDate, b.sortDate);
}

/** The canonical utterance id of a group: from its smallest member statement id. */
export function canonicalId(memberIds: Iterable<string>): string {
  let min: string | undefined;
  for (const id of memberIds) if (min === undefined || id < min) min = id;
  return 'u' + min!.slice(1);
}

/** Union-find over string keys. */
export class Groups {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) { this.parent.set(x, x); return x; }
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const x = this.find(a), y = this.find(b);
    if (x !== y) this.parent.set(x < y ? y : x, x < y ? x : y);
  }
  /** Root → keys. */
  sets(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const k of this.parent.keys()) {
      const r = this.find(k);
      out.set(r, [...out.get(r) ?? [], k]);
    }
    return out;
  }
}

/** Connected groups of linked members (pairwise within one speaker: the few reports of regrouped utterances). */
export function components(members: readonly Member[]): Member[][] {
  const g = new Groups();
  const bySpeaker = new Map<string, Member[]>();
  for (const m of members) {
    g.find(m.id);
    for (const o of bySpeaker.get(m.speakerKey) ?? []) if (linked(m, o)) g.union(m.id, o.id);
    bySpeaker.set(m.speakerKey, [...bySpeaker.get(m.speakerKey) ?? [], m]);
  }
  const byId = new Map(members.map((m) => [m.id, m]));
  return [...g.sets().values()].map((ids) => ids.map((id) => byId.get(id)!));
}
