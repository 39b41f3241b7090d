import type { Transaction } from 'kysely';
import type { PageRequest, StoredStatement } from '../types.js';

/** Largest page any query returns, so one request cannot pull the whole record. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 50;
/** Most statement spans one `statementSpans` call returns (a speaker's timeline). */
export const MAX_SPANS = 5000;
/**
 * `statements()` counts at most this many matches, then says `totalCapped`: an exact count of a common word
 * visits every match (80,000 at 1M statements: 100-130 ms), where the page itself needs a few dozen.
 */
export const TOTAL_CAP = 10_000;

export const json = (v: unknown) => JSON.stringify(v);

export function pageOf(req: PageRequest): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.floor(req.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const offset = Math.max(0, Math.floor(req.offset ?? 0));
  return { limit, offset };
}

/**
 * NUL characters removed from every string a caller hands in: PostgreSQL refuses them in text
 * ("invalid byte sequence"), and a search for odd input must find nothing rather than fail.
 */
export function clean<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '') as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T;
  return value;
}


export function longest(xs: string[]): string | undefined {
  return xs.reduce<string | undefined>((a, b) => (!a || b.length > a.length ? b : a), undefined);
}

export function opt<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as any;
}

export function toStatement(r: any): StoredStatement {
  return {
    kind: 'stored-statement', id: r.id, articleId: r.article_id, utteranceId: r.utterance_id, type: r.type, text: r.text,
    start: Number(r.start_pos), end: Number(r.end_pos),
    speaker: r.speaker_name ? { name: r.speaker_name, mention: r.speaker_mention ?? r.speaker_name, entityId: r.speaker_local ?? null, kbId: r.speaker_kb_id ?? null } : null,
    cue: r.cue ?? null,
    ...opt({ addressee: r.addressee, via: r.via, date: r.date, place: r.place, articleTitle: r.a_title, outlet: r.outlet, url: r.a_url, published: r.a_published }),
  };
}

/** Bound parameters per INSERT: well under SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const MAX_PARAMS = 10_000;

/** One multi-row INSERT per chunk instead of one per row: on PostgreSQL every statement is a round trip. */
export async function insertMany(trx: Transaction<any>, table: string, rows: readonly object[], conflict?: (oc: any) => any): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    const q = trx.insertInto(table).values(rows.slice(i, i + per));
    await (conflict ? q.onConflict(conflict) : q).execute();
  }
}

export function chunks<T>(xs: readonly T[], n = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
