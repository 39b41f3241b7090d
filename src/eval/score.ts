/**
 * Scoring of predicted statements against hand-annotated gold, the same way the judges score
 * (a port of shared/tools/score.py and the extra figures of eval-real.py, kept equal to the third decimal):
 * a prediction matches a gold statement when their spans overlap with Jaccard >= 0.5 (one-to-one, best
 * overlap first, whatever the types); a match counts under the gold's type, a spurious prediction under its own.
 * Gold offsets are code points, predicted ones JavaScript string indices (UTF-16).
 */

export interface GoldStatement {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly speaker?: string | null;
  readonly speaker_aliases: readonly string[];
  readonly optional?: boolean;
  readonly speaker_unresolved?: boolean;
}

export interface Predicted {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: { readonly name?: string; readonly mention?: string } | string | null;
}

export interface Counts { tp: number; fp: number; fn: number; tpSpeaker: number }

export interface DocScore {
  readonly direct: Counts;
  readonly indirect: Counts;
  readonly all: Counts;
  /** Spans equal once trimmed of what is not a letter or digit (gold optional ones neither hit nor miss). */
  readonly exact: { tp: number; fp: number; fn: number };
  /** Gold statements whose speaker is resolvable to a name: matched, and with the right speaker. */
  readonly resolvable: { matched: number; right: number };
}

/** Minimum span overlap (intersection over union) for a prediction to match a gold statement. */
export const MIN_JACCARD = 0.5;

export function jaccard(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

/** Code point index of every UTF-16 index of `text`, and of its end. */
export function utf16ToCodePoint(text: string): number[] {
  const map: number[] = [];
  let cp = 0;
  for (const ch of text) {
    map.push(cp);
    if (ch.length === 2) map.push(cp);
    cp++;
  }
  map.push(cp);
  return map;
}

const WORD = String.raw`[\p{L}\p{N}_]`;
const norm = (s: string): string => s.toLowerCase().replace(/[\u2019\u2018]/g, "'").trim().replace(/^(?:the|a|an)\s+/u, '').replace(/\s+/gu, ' ');
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contains = (haystack: string, needle: string): boolean => new RegExp(`(?<!${WORD})${escape(needle)}(?!${WORD})`, 'u').test(haystack);

const HONORIFICS = new Set(`mr mrs ms miss mx dr prof sir dame lord lady rev fr sen senator rep representative gov governor
pres president vice gen general col lt capt sgt adm cmdr det insp supt pc dc chancellor minister premier mayor judge
justice speaker secretary chairman chairwoman chair ceo cllr councillor st jr sr ii iii iv`.split(/\s+/));

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();

/** Capitalised name words, honorifics and possessives left out: "Arkansas Gov. Bill Clinton" -> [arkansas, bill, clinton]. */
function properTokens(s: string): string[] {
  const out: string[] = [];
  for (const w of s.match(new RegExp(`${WORD}[\\p{L}\\p{N}_\\-\\u2019']*`, 'gu')) ?? []) {
    const w2 = w.replace(/[\u2019']s$/u, '');
    if (!isUpper(w2.charAt(0)) || HONORIFICS.has(w2.toLowerCase().replace(/\.+$/, ''))) continue;
    out.push(w2.toLowerCase());
  }
  return out;
}

/** Same person by name words: equal last word, and one set within the other or the same first word. */
function namesAgree(pred: string, gold: string): boolean {
  const a = properTokens(pred);
  const b = properTokens(gold);
  if (a.length === 0 || b.length === 0 || a[a.length - 1] !== b[b.length - 1]) return false;
  const sa = new Set(a);
  const sb = new Set(b);
  return a.every((x) => sb.has(x)) || b.every((x) => sa.has(x)) || a[0] === b[0];
}

/** Whether a predicted speaker name is the gold speaker: its span, an alias, an appositive part, or the same name. */
export function speakerOk(predName: string, gold: Pick<GoldStatement, 'speaker' | 'speaker_aliases'>): boolean {
  const pn = norm(predName);
  if (!pn || gold.speaker === null || gold.speaker === undefined) return false;
  const names = [gold.speaker, ...gold.speaker_aliases];
  // A gold span may hold an apposition: "Steger, now a professor at …" or "A local accountant, Shenefield".
  for (const n of [...names]) for (const part of n.split(/,|\(|\bwho\b/u)) if (part.trim() && part.trim() !== n) names.push(part);
  const goldSpan = norm(gold.speaker);
  for (const a of names) {
    const an = norm(a);
    if (pn === an) return true;
    if (pn.length >= 4 && contains(goldSpan, pn)) return true;
    if (an.length >= 4 && contains(pn, an)) return true;
    if (namesAgree(predName, a)) return true;
  }
  return false;
}

export function speakerName(p: Predicted): string {
  const sp = p.speaker;
  if (sp === null || sp === undefined) return '';
  if (typeof sp === 'string') return sp;
  return sp.name || sp.mention || '';
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, tpSpeaker: 0 });
const kindOf = (type: string): 'direct' | 'indirect' => (type === 'direct' ? 'direct' : 'indirect');
const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Scores one document's predictions against its gold statements. */
export function scoreDoc(text: string, gold: readonly GoldStatement[], predicted: readonly Predicted[]): DocScore {
  const map = utf16ToCodePoint(text);
  const at = (i: number): number => map[Math.min(i, map.length - 1)]!;
  const preds = predicted.map((p) => ({ start: at(p.start), end: at(p.end), p }));
  const pairs: Array<[number, number, number]> = [];
  gold.forEach((g, gi) => preds.forEach((p, pi) => {
    const j = jaccard(g, p);
    if (j >= MIN_JACCARD) pairs.push([j, gi, pi]);
  }));
  pairs.sort((x, y) => y[0] - x[0] || y[1] - x[1] || y[2] - x[2]);
  const gm = new Map<number, number>();
  const pm = new Set<number>();
  for (const [, gi, pi] of pairs) {
    if (gm.has(gi) || pm.has(pi)) continue;
    gm.set(gi, pi);
    pm.add(pi);
  }
  const res = { direct: zero(), indirect: zero(), all: zero() };
  gold.forEach((g, gi) => {
    const kind = kindOf(g.type);
    const pi = gm.get(gi);
    if (pi !== undefined) {
      if (g.optional) return;
      const ok = speakerOk(speakerName(preds[pi]!.p), g);
      for (const k of [kind, 'all'] as const) {
        res[k].tp++;
        if (ok) res[k].tpSpeaker++;
      }
    } else if (!g.optional) {
      for (const k of [kind, 'all'] as const) res[k].fn++;
    }
  });
  preds.forEach((p, pi) => {
    if (pm.has(pi)) return;
    for (const k of [kindOf(p.p.type), 'all'] as const) res[k].fp++;
  });
  return { ...res, exact: exact(text, gold, preds), resolvable: resolvable(gold, preds) };
}

function exact(text: string, gold: readonly GoldStatement[], preds: readonly { start: number; end: number }[]): DocScore['exact'] {
  const cps = Array.from(text);
  const trim = (s: number, e: number): string => {
    while (s < e && !isAlnum(cps[s])) s++;
    while (e > s && !isAlnum(cps[e - 1])) e--;
    return `${s}:${e}`;
  };
  const required = new Set(gold.filter((q) => !q.optional).map((q) => trim(q.start, q.end)));
  const all = new Set(gold.map((q) => trim(q.start, q.end)));
  const found = new Set(preds.map((p) => trim(p.start, p.end)));
  let tp = 0, fp = 0, fn = 0;
  for (const k of required) if (found.has(k)) tp++; else fn++;
  for (const k of found) if (!all.has(k)) fp++;
  return { tp, fp, fn };
}

function resolvable(gold: readonly GoldStatement[], preds: readonly { start: number; end: number; p: Predicted }[]): DocScore['resolvable'] {
  let matched = 0, right = 0;
  for (const q of gold) {
    if (q.optional || q.speaker_unresolved) continue;
    let best: Predicted | undefined;
    let bj = 0;
    for (const p of preds) {
      const j = jaccard(q, p);
      if (j >= MIN_JACCARD && j > bj) { best = p.p; bj = j; }
    }
    if (!best) continue;
    matched++;
    if (speakerOk(speakerName(best), q)) right++;
  }
  return { matched, right };
}

export interface Rates {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Matched statements with the right speaker, over matched. */
  readonly speakerAccuracy: number;
  /** F1 where a hit needs the right speaker too. */
  readonly e2eF1: number;
}

const f1 = (p: number, r: number): number => (p + r ? (2 * p * r) / (p + r) : 0);

/** Precision, recall, F1, speaker accuracy and end-to-end F1 of summed counts (as score.py's prf). */
export function rates(c: Counts): Rates {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const p2 = c.tp + c.fp ? c.tpSpeaker / (c.tp + c.fp) : 0;
  const r2 = c.tp + c.fn ? c.tpSpeaker / (c.tp + c.fn) : 0;
  return { tp: c.tp, fp: c.fp, fn: c.fn, precision, recall, f1: f1(precision, recall), speakerAccuracy: c.tp ? c.tpSpeaker / c.tp : 0, e2eF1: f1(p2, r2) };
}

/** F1 of spans equal after trimming. */
export function exactF1(c: DocScore['exact']): number {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return f1(p, r);
}
