import { sql, type Transaction } from 'kysely';
import type { ArticleRecord, Store } from '../types.js';
import { chunks, insertMany } from './rows.js';
import { ftsQuery, fingerprint, hash, normName, quoteWords } from './words.js';

/** Writing an article's statements: each joins the utterance it repeats, or starts one. */

export async function removeStatements(trx: Transaction<any>, articleId: string): Promise<void> {
  await trx.deleteFrom('statement_entities').where('statement_id', 'in', trx.selectFrom('statements').select('id').where('article_id', '=', articleId)).execute();
  const touched = await trx.deleteFrom('statements').where('article_id', '=', articleId).returning('utterance_id').execute();
  // Its utterances left without any report go too (only these: a scan of every utterance would grow with the store).
  for (const ids of chunks([...new Set(touched.map((r) => r.utterance_id as string))])) {
    await trx.deleteFrom('utterances').where('id', 'in', ids)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('statements').select('id').whereRef('utterance_id', '=', 'utterances.id')))).execute();
  }
}

interface Row { id: string; text: string }
interface Done { utteranceId: string; speakerKey: string; speakerKb: string | null; sortDate: string | null; text: string }

/** ±31 days around a date (string bounds for sort_date), for quotes cut at a sentence. */
function monthAround(sortDate: string): [string, string] {
  const day = Date.parse(sortDate.slice(0, 10));
  const around = (days: number) => Number.isNaN(day) ? sortDate : new Date(day + days * 86_400_000).toISOString().slice(0, 10);
  return [around(-31), around(31) + '\uffff'];
}

/**
 * Every statement of the article with its utterance and mentions. Candidate utterances for all statements
 * are read in one or two queries up front, and this article's earlier statements are matched in memory,
 * so rows are written in three multi-row INSERTs at the end. The rules are those of one statement at a time:
 * same speaker, same words after normalising, or one quote cut from the other.
 */
export async function insertStatements(trx: Transaction<any>, dialect: Store['dialect'], record: ArticleRecord, kbIds: Map<string, string>): Promise<void> {
  const a = record.article;
  const items = record.statements.map((s, seq) => {
    const speakerKb = s.speaker?.entityId ? kbIds.get(s.speaker.entityId) ?? null : null;
    const words = quoteWords(s.text);
    const list = words.split(' ');
    const fp = fingerprint(words);
    return {
      s, seq, speakerKb, words, fp,
      sortDate: s.date ?? a.published?.slice(0, 10) ?? null,
      speakerKey: speakerKb ?? (s.speaker?.name ? 'name:' + normName(s.speaker.name) : 'none'),
      // A known quote that starts where this one starts, or anywhere inside it (its fingerprint is one of our 6-word windows).
      windows: new Set(list.length <= 6 ? [fp] : list.slice(0, -5).map((_, i) => list.slice(i, i + 6).join(' '))),
      direct: s.type === 'direct' && words.length >= 20,
    };
  });
  // Utterances by fingerprint: the stored ones that can match, then those this article creates.
  const byFingerprint = new Map<string, (Row & { speaker_kb_id: string })[]>();
  const addUtterance = (u: Row & { speaker_kb_id: string; fingerprint: string }) => byFingerprint.set(u.fingerprint, [...byFingerprint.get(u.fingerprint) ?? [], u]);
  for (const part of chunks([...new Set(items.flatMap((x) => [...x.windows]))], 2000)) {
    (await trx.selectFrom('utterances').select(['id', 'text', 'speaker_kb_id', 'fingerprint'])
      .where('speaker_kb_id', 'in', [...new Set(items.map((x) => x.speakerKey))]).where('fingerprint', 'in', part).execute()).forEach(addUtterance);
  }
  const startsLike = (x: typeof items[number]) => [...x.windows].flatMap((w) => byFingerprint.get(w) ?? [])
    .find((c) => c.speaker_kb_id === x.speakerKey && sameQuote(x.words, quoteWords(c.text)))?.id;
  // A quote cut at a sentence ("People are angry" from "Nobody asked. People are angry"): the speaker's reports
  // within a month either side, for all speakers at once; outlets carry a quote within days, and searching every
  // quote by full text would double the cost of storing an article.
  const months = new Map<string, [string, string]>();
  for (const x of items) {
    if (!x.direct || CUT_START.test(x.s.text) || !x.speakerKb || !x.sortDate || startsLike(x)) continue;
    const [lo, hi] = monthAround(x.sortDate);
    const m = months.get(x.speakerKb);
    months.set(x.speakerKb, m ? [lo < m[0] ? lo : m[0], hi > m[1] ? hi : m[1]] : [lo, hi]);
  }
  const nearby: Done[] = [];
  for (const part of chunks([...months], 100)) {
    const [first, ...rest] = part.map(([kb, [lo, hi]]) => trx.selectFrom((db) => db.selectFrom('statements')
      .select(['utterance_id', 'text', 'speaker_kb_id', 'sort_date']).where('speaker_kb_id', '=', kb)
      .where('sort_date', '>=', lo).where('sort_date', '<=', hi).orderBy('sort_date', 'desc').limit(200).as('t')).selectAll());
    const rows = await rest.reduce((q, r) => q.unionAll(r), first!).execute();
    nearby.push(...rows.map((r) => ({ utteranceId: r.utterance_id, speakerKey: r.speaker_kb_id, speakerKb: r.speaker_kb_id, sortDate: r.sort_date, text: r.text })));
  }

  const utterances: (Row & { speaker_kb_id: string; fingerprint: string })[] = [];
  const done: Done[] = [];
  const statements: Record<string, unknown>[] = [];
  const mentions: { statement_id: string; entity_id: string }[] = [];
  for (const x of items) {
    const { s } = x;
    const same = (c: { text: string }) => sameQuote(x.words, quoteWords(c.text));
    let hit = startsLike(x);
    if (!hit && x.direct && CUT_START.test(s.text)) {
      // One that looks cut ("... the bridge", "[the] bridge", "bridge"): full text finds the speaker's reports
      // holding its longest words, at any date. Rare, so one query each.
      const rare = [...new Set(x.words.split(' '))].sort((p, q) => q.length - p.length).slice(0, 4).join(' ');
      const q = trx.selectFrom('statements as s').innerJoin('utterances as u', 'u.id', 's.utterance_id')
        .select(['s.utterance_id as id', 's.text']).where('u.speaker_kb_id', '=', x.speakerKey);
      const found: Row[] = await (dialect === 'postgres'
        ? q.where(sql<boolean>`s.tsv @@ plainto_tsquery('english', ${rare})`)
        : q.where(sql<boolean>`s.rowid in (select rowid from statements_fts where statements_fts match ${ftsQuery(rare)})`)).limit(100).execute();
      hit = found.find(same)?.id ?? done.find((d) => d.speakerKey === x.speakerKey && same(d))?.utteranceId;
    } else if (!hit && x.direct && x.speakerKb && x.sortDate) {
      const [lo, hi] = monthAround(x.sortDate);
      hit = [...nearby, ...done].find((d) => d.speakerKb === x.speakerKb && d.sortDate! >= lo && d.sortDate! <= hi && same(d))?.utteranceId;
    }
    const utteranceId = hit ?? 'u' + hash(x.speakerKey, x.words, String(Date.now()), String(Math.random()));
    if (!hit) {
      utterances.push({ id: utteranceId, speaker_kb_id: x.speakerKey, fingerprint: x.fp, text: s.text });
      addUtterance(utterances.at(-1)!);
    }
    done.push({ utteranceId, speakerKey: x.speakerKey, speakerKb: x.speakerKb, sortDate: x.sortDate, text: s.text });
    const id = 's' + hash(a.id, a.version, String(x.seq));
    statements.push({
      id, article_id: a.id, seq: x.seq, type: s.type, text: s.text, start_pos: s.start, end_pos: s.end,
      speaker_name: s.speaker?.name ?? null, speaker_mention: s.speaker?.mention ?? null, speaker_local: s.speaker?.entityId ?? null,
      speaker_kb_id: x.speakerKb, cue: s.cue, addressee: s.addressee ?? null, via: s.via ?? null, date: s.date ?? null, place: s.place ?? null,
      sort_date: x.sortDate, outlet: a.outlet ?? null, utterance_id: utteranceId,
    });
    const mentioned = new Set<string>();
    for (const e of record.entities) {
      if (e.id !== s.speaker?.entityId && e.mentions.some((m) => m.start >= s.start && m.end <= s.end)) mentioned.add(kbIds.get(e.id)!);
    }
    for (const kb of mentioned) mentions.push({ statement_id: id, entity_id: kb });
  }
  await insertMany(trx, 'utterances', utterances);
  await insertMany(trx, 'statements', statements);
  await insertMany(trx, 'statement_entities', mentions);
}

/** A direct quote that opens with an ellipsis, a bracket or a lower-case word was likely cut from a longer one. */
const CUT_START = /^[\s"'“‘]*(\.\.\.|…|\[|\p{Ll})/u;

/** Equal words, or (for quotes of 20 characters or more) one inside the other. */
function sameQuote(a: string, b: string): boolean {
  return a === b || (a.length >= 20 && b.length >= 20 && (a.includes(b) || b.includes(a)));
}

