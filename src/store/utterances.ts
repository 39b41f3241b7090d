import { sql, type Transaction } from 'kysely';
import type { ArticleRecord, Store } from '../types.js';
import { Groups, MONTH_DAYS, canonicalId, components, linked, member, type Member } from './grouping.js';
import { chunks, insertMany } from './rows.js';
import { ftsQuery, hash, normName, quoteWords } from './words.js';

/**
 * Writing an article's statements and keeping utterances a function of the stored set (src/store/grouping.ts):
 * an insert links each statement to every stored or earlier one it matches and merges their groups under the
 * smallest id; a removal regroups the utterances it touched. Both only visit the candidates an article reaches.
 */

type Stored = Member & { readonly utteranceId: string };

const COLUMNS = ['id', 'utterance_id', 'text', 'type', 'speaker_key', 'speaker_kb_id', 'sort_date'] as const;
const stored = (r: any): Stored => ({ ...member(r.id, r.text, r.type, r.speaker_key, r.speaker_kb_id ?? null, r.sort_date ?? null, wordsOf), utteranceId: r.utterance_id });

/** Normalised words of stored texts, shared by the writes of this process: a speaker's reports are read again by every article of theirs. */
const words = new Map<string, string>();
function wordsOf(text: string): string {
  let w = words.get(text);
  if (w === undefined) {
    if (words.size >= 50_000) words.delete(words.keys().next().value!);
    words.set(text, (w = quoteWords(text)));
  }
  return w;
}

/** Most stored reports one bounded candidate query returns per speaker (month window, quotes cut at the start). */
const PER_SPEAKER = 200;

export async function removeStatements(trx: Transaction<any>, articleId: string): Promise<void> {
  await trx.deleteFrom('statement_entities').where('statement_id', 'in', trx.selectFrom('statements').select('id').where('article_id', '=', articleId)).execute();
  const touched = await trx.deleteFrom('statements').where('article_id', '=', articleId).returning('utterance_id').execute();
  await regroup(trx, [...new Set(touched.map((r) => r.utterance_id as string))]);
}

/**
 * The utterances a removal touched, grouped again from their remaining reports: a removed report may have been
 * the only link between others. Only these utterances: a scan of every utterance would grow with the store.
 */
async function regroup(trx: Transaction<any>, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('statements').select([...COLUMNS]).where('utterance_id', 'in', part).execute();
    const texts = new Map(rows.map((r) => [r.id as string, r.text as string]));
    const kept = new Set<string>();
    const current = new Map(rows.map((r) => [r.id as string, r.utterance_id as string]));
    for (const group of components(rows.map(stored))) {
      const id = canonicalId(group.map((m) => m.id));
      kept.add(id);
      const moved = group.filter((m) => current.get(m.id) !== id).map((m) => m.id);
      for (const c of chunks(moved)) await trx.updateTable('statements').set({ utterance_id: id }).where('id', 'in', c).execute();
      const first = group.find((m) => 'u' + m.id.slice(1) === id)!;
      await trx.insertInto('utterances').values({ id, speaker_kb_id: first.speakerKey, fingerprint: first.fp, text: texts.get(first.id)! })
        .onConflict((oc) => oc.column('id').doNothing()).execute();
    }
    const gone = part.filter((id) => !kept.has(id));
    for (const c of chunks(gone)) await trx.deleteFrom('utterances').where('id', 'in', c).execute();
  }
}

/** ±31 days around a date (string bounds for sort_date). */
function monthAround(sortDate: string): [string, string] {
  const day = Date.parse(sortDate.slice(0, 10));
  const around = (days: number) => Number.isNaN(day) ? sortDate : new Date(day + days * 86_400_000).toISOString().slice(0, 10);
  return [around(-MONTH_DAYS), around(MONTH_DAYS) + '\uffff'];
}

/** Per speaker, the union of one bounded query each: one round trip for all the speakers of an article. */
async function perSpeaker(trx: Transaction<any>, keys: Iterable<string>, where: (q: any, key: string) => any): Promise<Stored[]> {
  const out: Stored[] = [];
  for (const part of chunks([...keys], 100)) {
    const [first, ...rest] = part.map((key) => trx.selectFrom((db) => where(db.selectFrom('statements').select([...COLUMNS])
      .where('speaker_key', '=', key).where('type', '=', 'direct'), key).limit(PER_SPEAKER).as('t')).selectAll());
    if (!first) continue;
    out.push(...(await rest.reduce((q, r) => q.unionAll(r), first).execute()).map(stored));
  }
  return out;
}

/**
 * Stored statements that could be linked to one of these (src/store/grouping.ts), whichever arrived first:
 * the same fingerprint; the same person's direct quotes within a month; quotes that look cut at the start,
 * found by full text from the cut one and by the speaker's cut quotes from the other.
 */
async function candidates(trx: Transaction<any>, dialect: Store['dialect'], items: readonly Member[]): Promise<Stored[]> {
  const found = new Map<string, Stored>();
  const keep = (rows: Stored[]) => { for (const r of rows) found.set(r.id, r); };
  const keys = [...new Set(items.map((x) => x.speakerKey))];
  for (const part of chunks([...new Set(items.map((x) => x.fp))], 2000)) {
    // A quote carried by hundreds of outlets: one row per utterance and wording, not one per report.
    keep((await trx.selectFrom('statements').select(['utterance_id', 'text', 'type', 'speaker_key', 'speaker_kb_id', sql<string>`min(id)`.as('id'), sql<string>`min(sort_date)`.as('sort_date')])
      .where('speaker_key', 'in', keys).where('fingerprint', 'in', part).groupBy(['utterance_id', 'text', 'type', 'speaker_key', 'speaker_kb_id']).execute()).map(stored));
  }
  const long = items.filter((x) => x.direct && x.words.length >= 20);
  const months = new Map<string, [string, string]>();
  for (const x of long) {
    if (!x.speakerKb || !x.sortDate) continue;
    const [lo, hi] = monthAround(x.sortDate);
    const m = months.get(x.speakerKb);
    months.set(x.speakerKb, m ? [lo < m[0] ? lo : m[0], hi > m[1] ? hi : m[1]] : [lo, hi]);
  }
  keep(await perSpeaker(trx, months.keys(), (q, kb) => q.where('sort_date', '>=', months.get(kb)![0]).where('sort_date', '<=', months.get(kb)![1]).orderBy('sort_date', 'desc')));
  keep(await perSpeaker(trx, new Set(long.filter((x) => !x.cut).map((x) => x.speakerKey)), (q) => q.where('cut', '=', 1).orderBy('id')));
  for (const x of long.filter((y) => y.cut)) {
    // The speaker's reports holding its longest words, at any date. Rare, so one query each.
    const rare = [...new Set(x.words.split(' '))].sort((p, q) => q.length - p.length).slice(0, 4).join(' ');
    const q = trx.selectFrom('statements as s').select(COLUMNS.map((c) => `s.${c}` as const)).where('s.speaker_key', '=', x.speakerKey).where('s.type', '=', 'direct');
    keep((await (dialect === 'postgres'
      ? q.where(sql<boolean>`s.tsv @@ plainto_tsquery('english', ${rare})`)
      : q.where(sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(rare)})`)).limit(100).execute()).map(stored));
  }
  return [...found.values()];
}

/**
 * Every statement of the article with its utterance and mentions: candidates read in a few queries up front,
 * links found in memory, rows written in multi-row INSERTs, and the stored utterances this article joins
 * together renamed to the smallest of their ids.
 */
export async function insertStatements(trx: Transaction<any>, dialect: Store['dialect'], record: ArticleRecord, kbIds: Map<string, string>): Promise<void> {
  const a = record.article;
  const items = record.statements.map((s, seq) => {
    const speakerKb = s.speaker?.entityId ? kbIds.get(s.speaker.entityId) ?? null : null;
    const speakerKey = speakerKb ?? (s.speaker?.name ? 'name:' + normName(s.speaker.name) : 'none');
    const m = member('s' + hash(a.id, a.version, String(seq)), s.text, s.type, speakerKey, speakerKb, s.date ?? a.published?.slice(0, 10) ?? null);
    return { ...m, s, seq };
  });
  const groups = new Groups();
  const bySpeaker = new Map<string, Stored[]>();
  for (const c of await candidates(trx, dialect, items)) bySpeaker.set(c.speakerKey, [...bySpeaker.get(c.speakerKey) ?? [], c]);
  items.forEach((x, i) => {
    groups.find(x.id);
    for (const c of bySpeaker.get(x.speakerKey) ?? []) if (linked(x, c)) groups.union(x.id, c.utteranceId);
    for (const y of items.slice(0, i)) if (linked(x, y)) groups.union(x.id, y.id);
  });
  // Each group: stored utterance ids ("u…") and new statement ids ("s…"); its id is the smallest of them all.
  const utteranceOf = new Map<string, string>();
  const utterances: { id: string; speaker_kb_id: string; fingerprint: string; text: string }[] = [];
  for (const keys of groups.sets().values()) {
    const known = keys.filter((k) => k.startsWith('u'));
    const fresh = items.filter((x) => keys.includes(x.id));
    const id = [...known, canonicalId(fresh.map((x) => x.id))].sort()[0]!;
    for (const x of fresh) utteranceOf.set(x.id, id);
    if (!known.includes(id)) {
      const first = fresh.find((x) => 'u' + x.id.slice(1) === id)!;
      utterances.push({ id, speaker_kb_id: first.speakerKey, fingerprint: first.fp, text: first.s.text });
    }
    const renamed = known.filter((k) => k !== id);
    if (!renamed.length) continue;
    await trx.updateTable('statements').set({ utterance_id: id }).where('utterance_id', 'in', renamed).execute();
    await trx.deleteFrom('utterances').where('id', 'in', renamed).execute();
  }
  const statements: Record<string, unknown>[] = [];
  const mentions: { statement_id: string; entity_id: string }[] = [];
  for (const x of items) {
    const { s } = x;
    statements.push({
      id: x.id, article_id: a.id, seq: x.seq, type: s.type, text: s.text, start_pos: s.start, end_pos: s.end,
      speaker_name: s.speaker?.name ?? null, speaker_mention: s.speaker?.mention ?? null, speaker_local: s.speaker?.entityId ?? null,
      speaker_kb_id: x.speakerKb, cue: s.cue, addressee: s.addressee ?? null, via: s.via ?? null, date: s.date ?? null, place: s.place ?? null,
      sort_date: x.sortDate, outlet: a.outlet ?? null, utterance_id: utteranceOf.get(x.id)!,
      speaker_key: x.speakerKey, fingerprint: x.fp, cut: x.cut ? 1 : 0,
    });
    const mentioned = new Set<string>();
    for (const e of record.entities) {
      if (e.id !== s.speaker?.entityId && e.mentions.some((m) => m.start >= s.start && m.end <= s.end)) mentioned.add(kbIds.get(e.id)!);
    }
    for (const kb of mentioned) mentions.push({ statement_id: x.id, entity_id: kb });
  }
  await insertMany(trx, 'utterances', utterances);
  await insertMany(trx, 'statements', statements);
  await insertMany(trx, 'statement_entities', mentions);
}
