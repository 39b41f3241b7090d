/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import { formatDate, formatMonth, plural } from './format.js';

/** One bar of the chart: a day or a month and how many statements fall in it. */
export interface Bucket {
  /** "2024-02-27" for a day, "2024-02" for a month. */
  readonly key: string;
  /** Inclusive ISO date range, for linking the bar to a filtered search. */
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

export interface Timeline {
  readonly unit: 'day' | 'month';
  readonly buckets: readonly Bucket[];
}

/** Up to this many days between first and last statement, bars are days; beyond, months. */
export const MAX_DAY_SPAN = 62;

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0];
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

function lastDayOfMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  return isoDay(Date.UTC(y, m, 0));
}

/**
 * Counts dates per day or per month, with empty buckets between the first and
 * the last so the gaps show. Dates that are not ISO are left out.
 */
export function timelineBuckets(dates: readonly (string | undefined)[]): Timeline {
  const days = dates.map((d) => (d ? dayOf(d) : undefined)).filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)));
  if (days.length === 0) return { unit: 'day', buckets: [] };
  const sorted = [...days].sort();
  const first = Date.parse(sorted[0]!);
  const last = Date.parse(sorted[sorted.length - 1]!);
  const counts = new Map<string, number>();
  const unit = (last - first) / DAY_MS <= MAX_DAY_SPAN ? 'day' : 'month';
  for (const day of days) {
    const key = unit === 'day' ? day : day.slice(0, 7);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const buckets: Bucket[] = [];
  if (unit === 'day') {
    for (let t = first; t <= last; t += DAY_MS) {
      const key = isoDay(t);
      buckets.push({ key, from: key, to: key, count: counts.get(key) ?? 0 });
    }
  } else {
    const start = new Date(first);
    const end = new Date(last);
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); y < end.getUTCFullYear() || (y === end.getUTCFullYear() && m <= end.getUTCMonth()); m === 11 ? (y++, (m = 0)) : m++) {
      const key = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
      buckets.push({ key, from: `${key}-01`, to: lastDayOfMonth(key), count: counts.get(key) ?? 0 });
    }
  }
  return { unit, buckets };
}

const label = (unit: Timeline['unit'], key: string) => (unit === 'day' ? formatDate(key) : formatMonth(key));

/**
 * An inline SVG bar chart: no script, scales to the width of a phone. Each bar
 * links to the statements of its day or month.
 */
export function TimelineChart(props: { timeline: Timeline; href: (bucket: Bucket) => string; title: string }) {
  const { unit, buckets } = props.timeline;
  if (buckets.length === 0) return <p class="muted">No dated statements.</p>;
  const width = 600;
  const height = 100;
  const axis = 18;
  const max = Math.max(...buckets.map((b) => b.count));
  const slot = width / buckets.length;
  const bar = Math.max(1, slot * 0.8);
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  const summary = `${props.title}: ${plural(buckets.reduce((n, b) => n + b.count, 0), 'statement')} from ${label(unit, first.key)} to ${label(unit, last.key)}, per ${unit}`;
  return (
    <figure class="timeline" data-unit={unit}>
      <svg viewBox={`0 0 ${width} ${height + axis}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        <line x1="0" y1={height} x2={width} y2={height} class="axis" />
        {buckets.map((b, i) => {
          const h = b.count === 0 ? 0 : Math.max(2, (b.count / max) * (height - 16));
          const x = i * slot + (slot - bar) / 2;
          return b.count === 0 ? null : (
            <a href={props.href(b)}>
              <rect class="bar" x={x.toFixed(2)} y={(height - h).toFixed(2)} width={bar.toFixed(2)} height={h.toFixed(2)}>
                <title>{`${label(unit, b.key)}: ${plural(b.count, 'statement')}`}</title>
              </rect>
              {slot >= 14 ? (
                <text class="value" x={(x + bar / 2).toFixed(2)} y={Math.max(12, height - h - 3).toFixed(2)} text-anchor="middle">{b.count}</text>
              ) : null}
            </a>
          );
        })}
        <text x="0" y={height + axis - 4} class="tick">{label(unit, first.key)}</text>
        <text x={width} y={height + axis - 4} class="tick" text-anchor="end">{label(unit, last.key)}</text>
      </svg>
      <figcaption>
        Statements per {unit}; tallest bar {plural(max, 'statement')}. Select a bar to read them.
      </figcaption>
    </figure>
  );
}
