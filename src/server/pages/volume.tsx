/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { StatementVolume, VolumeBucket } from '../../types.js';
import { formatDate, formatMonth, plural, withQuery } from './format.js';

/** Series colours are classes (src/server/style.ts): the page's CSP allows no inline style. */

const periodLabel = (unit: StatementVolume['unit'], key: string) => (unit === 'week' ? `week of ${formatDate(key)}` : formatMonth(key));

type Params = Record<string, string | number | undefined>;

/**
 * Statements per week or month as an inline SVG of stacked bars: no script, scales to a phone's width.
 * Each bar links to its period's statements; undated statements are counted beside the chart, never dropped.
 */
export function VolumeChart(props: {
  volume: StatementVolume;
  title: string;
  /** The page to link bars to, and the search's own parameters (a bar adds its from/to). */
  path: string;
  params: Params;
  /** Where the chart's data comes from: its API URL (a CSV and a JSON link are offered). */
  data?: string;
}) {
  const { volume: v } = props;
  const fill = (i: number) => (v.split && v.series[i]?.key === '' ? 'series-other' : v.split ? `series-${i}` : '');
  const dated = v.total - v.undated;
  const undated = v.undated ? (
    <p class="undated">
      <a href={withQuery(props.path, { ...props.params, from: undefined, to: undefined })}>{plural(v.undated, 'undated statement')}</a>{' '}
      (neither the statement nor its article has a date): counted, not charted.
    </p>
  ) : null;
  if (v.buckets.length === 0) return <div class="volume"><p class="muted">No dated statements.</p>{undated}</div>;
  const width = 600;
  const height = 110;
  const axis = 18;
  const max = Math.max(...v.buckets.map((b) => b.total));
  const slot = width / v.buckets.length;
  const bar = Math.max(1, slot * 0.8);
  const first = v.buckets[0]!;
  const last = v.buckets[v.buckets.length - 1]!;
  const summary = `${props.title}: ${plural(dated, 'dated statement')} from ${periodLabel(v.unit, first.key)} to ${periodLabel(v.unit, last.key)}, per ${v.unit}` +
    (v.undated ? `; ${plural(v.undated, 'undated statement')} not charted` : '');
  const href = (b: VolumeBucket) => withQuery(props.path, { ...props.params, from: b.from, to: b.to, offset: undefined });
  return (
    <figure class="timeline volume" data-unit={v.unit} data-total={v.total} data-undated={v.undated}>
      <svg viewBox={`0 0 ${width} ${height + axis}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        <line x1="0" y1={height} x2={width} y2={height} class="axis" />
        {v.buckets.map((b, i) => {
          if (b.total === 0) return null;
          const x = i * slot + (slot - bar) / 2;
          const scale = (height - 16) / max;
          let y = height;
          return (
            <a href={href(b)} data-from={b.from} data-to={b.to} data-count={b.total}>
              {b.counts.map((c, k) => {
                if (c === 0) return null;
                const h = Math.max(1, c * scale);
                y -= h;
                return (
                  <rect class={`bar ${fill(k)}`} x={x.toFixed(2)} y={y.toFixed(2)} width={bar.toFixed(2)} height={h.toFixed(2)}>
                    <title>{`${periodLabel(v.unit, b.key)}${v.split ? `, ${v.series[k]!.label}` : ''}: ${plural(c, 'statement')}`}</title>
                  </rect>
                );
              })}
              {slot >= 14 ? <text class="value" x={(x + bar / 2).toFixed(2)} y={Math.max(12, y - 3).toFixed(2)} text-anchor="middle">{b.total}</text> : null}
            </a>
          );
        })}
        <text x="0" y={height + axis - 4} class="tick">{periodLabel(v.unit, first.key)}</text>
        <text x={width} y={height + axis - 4} class="tick" text-anchor="end">{periodLabel(v.unit, last.key)}</text>
      </svg>
      <figcaption>
        {v.split ? (
          <ul class="legend-series">
            {v.series.map((s, k) => <li><span class={`swatch ${fill(k)}`} /> {s.label}</li>)}
          </ul>
        ) : null}
        Statements per {v.unit}; tallest bar {plural(max, 'statement')}. Select a bar to read them.
        {props.data ? <> Data: <a href={withQuery(props.data, { format: 'csv' })} download>CSV</a>, <a href={props.data}>JSON</a>.</> : null}
      </figcaption>
      {undated}
    </figure>
  );
}

/** Links that switch the chart between weeks and months and between no split, outlets and speakers. */
export function VolumeControls(props: { path: string; params: Params; unit: StatementVolume['unit']; split?: string | undefined }) {
  const link = (change: Params, text: string, current: boolean) =>
    current ? <strong aria-current="true">{text}</strong> : <a href={withQuery(props.path, { ...props.params, ...change, offset: undefined })}>{text}</a>;
  return (
    <p class="volume-controls">
      Per {link({ unit: 'week' }, 'week', props.unit === 'week')} · {link({ unit: 'month' }, 'month', props.unit === 'month')}
      {' — '}split by {link({ split: undefined }, 'nothing', !props.split)} · {link({ split: 'outlet' }, 'outlet', props.split === 'outlet')} ·{' '}
      {link({ split: 'speaker' }, 'speaker', props.split === 'speaker')}
    </p>
  );
}
