import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type {
  CountBucket, CountBy, Page, StatementCounts, StatementType, StatementQuery, StatementVolume, Utterance, UtteranceGroup, VolumeBucket, VolumeRequest,
} from '../types.js';
import { filteredStatements, type EntityIds } from './filters.js';
import { TOTAL_CAP, chunks, pageOf } from './rows.js';

/** Counts, volume and grouping of a statement query: every one built on the same filters as its pages. */

type Db = Kysely<any>;
type Dialect = 'sqlite' | 'postgres';
type Query = SelectQueryBuilder<any, any, any>;

/** Most buckets a count may list, and most series a volume chart may split into. */
export const MAX_COUNT_BUCKETS = 100;
export const MAX_VOLUME_SERIES = 12;

const COLUMN: Record<Exclude<CountBy, 'entity' | 'month'>, string> = {
  speaker: 's.speaker_kb_id', outlet: 's.outlet', type: 's.type', addressee: 's.addressee', via: 's.via',
};

const n = sql<number>`count(*)`;

/** The month of a statement's date (its own, else its article's), "2025-03". */
const monthOf = sql<string>`substr(s.sort_date, 1, 7)`;

/** The Monday that starts a statement's week, "2025-03-03"; null when undated or not a date. */
function weekOf(dialect: Dialect): RawBuilder<string> {
  return dialect === 'sqlite'
    ? sql<string>`date(substr(s.sort_date, 1, 10), 'weekday 0', '-6 days')`
    : sql<string>`case when s.sort_date ~ '^\\d{4}-\\d{2}-\\d{2}' then to_char(date_trunc('week', substr(s.sort_date, 1, 10)::date), 'YYYY-MM-DD') end`;
}

async function names(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(ids)) {
    for (const r of await db.selectFrom('kb_entities').select(['id', 'name']).where('id', 'in', part).execute()) out.set(r.id, r.name);
  }
  return out;
}

const keyOf = (by: Exclude<CountBy, 'entity'>) => (by === 'month' ? monthOf : sql.ref<string>(COLUMN[by]));

/** A statement's mentioned entities as one comma-separated cell (KB ids hold no comma), null when none. */
const entitiesOf = (dialect: Dialect) => dialect === 'postgres'
  ? sql<string | null>`(select string_agg(x.entity_id, ',') from statement_entities x where x.statement_id = s.id)`
  : sql<string | null>`(select group_concat(x.entity_id, ',') from statement_entities x where x.statement_id = s.id)`;

interface Groups { readonly counts: Map<CountBy, Map<string | null, number>>; readonly total: number }

/**
 * Every group of the query by each property, in one pass: grouped by all of them at once and summed per property
 * here. Reading the matching rows is the cost (80,000 for a common word at 1M statements), so reading them once
 * instead of once a facet is what matters; the combinations cost less than the rows. Entities come along as
 * one cell per statement, so the statements that name none are counted in the same pass.
 */
async function groups(base: Query, dialect: Dialect, bys: readonly CountBy[]): Promise<Groups> {
  const counts = new Map<CountBy, Map<string | null, number>>(bys.map((by) => [by, new Map()]));
  const add = (m: Map<string | null, number>, k: string | null, count: number) => m.set(k, (m.get(k) ?? 0) + count);
  const keys = bys.map((by, i) => (by === 'entity' ? entitiesOf(dialect) : keyOf(by)).as(`k${i}`));
  // Several properties: nearly every match is its own combination, so grouping would only sort them first.
  const rows = bys.length === 1 ? await base.select([...keys, n.as('n')]).groupBy('k0').execute() : await base.select([...keys, sql<number>`1`.as('n')]).execute();
  let total = 0;
  for (const r of rows) {
    const count = Number(r.n);
    total += count;
    bys.forEach((by, i) => {
      const k = (r[`k${i}`] as string | null) ?? null;
      if (by === 'entity' && k) for (const id of new Set(k.split(','))) add(counts.get(by)!, id, count);
      else add(counts.get(by)!, k, count);
    });
  }
  return { counts, total };
}

/** The statements of a query counted by each of several properties (a search page's facets), in one query. */
export async function statementFacets(db: Db, dialect: Dialect, query: StatementQuery, entityIds: EntityIds, bys: readonly CountBy[], limit: number): Promise<StatementCounts[]> {
  const base = await filteredStatements(db, dialect, query, entityIds);
  const { counts, total } = await groups(base, dialect, [...new Set(bys)]);
  const sum = (gs: ReadonlyArray<[unknown, number]>) => gs.reduce((a, g) => a + g[1], 0);
  const out: StatementCounts[] = [];
  for (const by of bys) {
    const entries = [...counts.get(by)!];
    const valued = entries.filter((g): g is [string, number] => g[0] !== null && g[0] !== '');
    // Months read best in time order, newest first; everything else largest first.
    valued.sort(by === 'month' ? (x, y) => (x[0] < y[0] ? 1 : -1) : (x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const top = valued.slice(0, Math.max(1, Math.min(limit, MAX_COUNT_BUCKETS)));
    const labels = by === 'speaker' || by === 'entity' ? await names(db, top.map((g) => g[0])) : new Map<string, string>();
    const buckets: CountBucket[] = top.map(([key, count]) => ({ key, label: labels.get(key) ?? key, count }));
    // Entities: a statement names any number, so "other" counts mentions; "none" counts statements naming none.
    const none = sum(entries.filter((g) => g[0] === null || g[0] === ''));
    out.push({ kind: 'statement-counts', by, buckets, other: sum(valued) - sum(top), none, total });
  }
  return out;
}

export async function statementCounts(db: Db, dialect: Dialect, query: StatementQuery, entityIds: EntityIds, by: CountBy, limit: number): Promise<StatementCounts> {
  return (await statementFacets(db, dialect, query, entityIds, [by], limit))[0]!;
}

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every period from the first to the last key, so gaps show as empty bars. */
function periods(unit: VolumeRequest['unit'], first: string, last: string): Array<{ key: string; from: string; to: string }> {
  const out: Array<{ key: string; from: string; to: string }> = [];
  if (unit === 'week') {
    for (let t = Date.parse(first); t <= Date.parse(last); t += 7 * DAY_MS) out.push({ key: isoDay(t), from: isoDay(t), to: isoDay(t + 6 * DAY_MS) });
    return out;
  }
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  for (; y < ly || (y === ly && m <= lm); m === 12 ? (y++, (m = 1)) : m++) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push({ key, from: `${key}-01`, to: isoDay(Date.UTC(y, m, 0)) });
  }
  return out;
}

/**
 * Statements per period and series in one grouped query: the series are the `top` largest outlets or
 * speakers (counted first, cached with the facets), every other value folded into "other".
 */
export async function statementVolume(
  db: Db, dialect: Dialect, query: StatementQuery, entityIds: EntityIds, request: VolumeRequest,
  counts: (by: CountBy, limit: number) => Promise<StatementCounts>,
): Promise<StatementVolume> {
  const base = await filteredStatements(db, dialect, query, entityIds);
  const period = request.unit === 'month' ? sql<string>`case when s.sort_date is not null then ${monthOf} end` : weekOf(dialect);
  let series: Array<{ key: string; label: string }> = [{ key: '', label: 'all' }];
  let split: RawBuilder<string> = sql<string>`''`;
  if (request.split) {
    const top = await counts(request.split, Math.max(1, Math.min(request.top ?? 5, MAX_VOLUME_SERIES)));
    const keys = top.buckets.map((b) => b.key);
    series = [...top.buckets.map((b) => ({ key: b.key, label: b.label })), ...(top.other + top.none > 0 || !keys.length ? [{ key: '', label: 'other' }] : [])];
    const column = sql.ref<string>(COLUMN[request.split]);
    if (keys.length) split = sql<string>`case when ${column} in (${sql.join(keys)}) then ${column} else '' end`;
  }
  const rows = await base.select([period.as('p'), split.as('g'), n.as('n')]).groupBy(['p', 'g']).execute();
  const index = new Map(series.map((s, i) => [s.key, i]));
  const byPeriod = new Map<string, number[]>();
  let undated = 0;
  for (const r of rows) {
    const count = Number(r.n);
    if (!r.p) { undated += count; continue; }
    const counts = byPeriod.get(r.p) ?? series.map(() => 0);
    counts[index.get(r.g ?? '') ?? series.length - 1]! += count;
    byPeriod.set(r.p, counts);
  }
  const keys = [...byPeriod.keys()].sort();
  const buckets: VolumeBucket[] = keys.length === 0 ? [] : periods(request.unit, keys[0]!, keys[keys.length - 1]!).map((p) => {
    const c = byPeriod.get(p.key) ?? series.map(() => 0);
    return { ...p, counts: c, total: c.reduce((a, b) => a + b, 0) };
  });
  const dated = buckets.reduce((a, b) => a + b.total, 0);
  return { kind: 'statement-volume', unit: request.unit, ...(request.split ? { split: request.split } : {}), series, buckets, undated, total: dated + undated };
}

/**
 * One entry per utterance among the matches, newest (or oldest) first by their latest (earliest) matching
 * report. The ordered list of utterances is the costly part and the same for every page: `list` caches it.
 */
export async function statementGroups(
  db: Db, dialect: Dialect, query: StatementQuery, entityIds: EntityIds,
  list: (compute: () => Promise<Array<{ id: string; n: number; t: StatementType }>>) => Promise<Array<{ id: string; n: number; t: StatementType }>>,
  utterance: (id: string) => Promise<Utterance | undefined>,
): Promise<Page<UtteranceGroup>> {
  const { limit, offset } = pageOf(query);
  const desc = query.order !== 'asc';
  const all = await list(async () => {
    const base = await filteredStatements(db, dialect, query, entityIds);
    const rows = await base.select(['s.utterance_id', (desc ? sql`max(s.sort_date)` : sql`min(s.sort_date)`).as('d'), n.as('n'), sql<string>`min(s.type)`.as('t')])
      .groupBy('s.utterance_id').orderBy('d', (o) => (desc ? o.desc() : o.asc()).nullsLast()).orderBy('s.utterance_id')
      .limit(TOTAL_CAP + 1).execute();
    // 'direct' sorts before 'indirect': min() is direct when any report is.
    return rows.map((r) => ({ id: r.utterance_id as string, n: Number(r.n), t: r.t as StatementType }));
  });
  const items: UtteranceGroup[] = [];
  for (const { id, n: matching, t: type } of all.slice(offset, offset + limit)) {
    const u = await utterance(id);
    if (!u) continue;
    const outlets = new Set(u.reports.map((r) => r.outlet?.toLowerCase()).filter(Boolean)).size;
    items.push({ kind: 'utterance-group', utterance: u, type, matching, outlets, ...(u.reports[0] ? { first: u.reports[0] } : {}) });
  }
  return { items, total: Math.min(all.length, TOTAL_CAP), ...(all.length > TOTAL_CAP ? { totalCapped: true as const } : {}), limit, offset };
}
