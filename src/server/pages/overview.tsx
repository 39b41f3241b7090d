/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { CorpusOverview } from '../../types.js';
import { Count } from './components.js';
import { articleHref, entityHref, formatMonth, withQuery } from './format.js';
import { Layout } from './layout.js';

/** Outlets given a column of their own; the rest share one, so the table stays readable on a phone. */
export const OVERVIEW_OUTLETS = 8;
const NO_OUTLET = '(no outlet)';

/** Articles per month (rows) and outlet (columns), with the undated as a last row of their own. */
function MonthTable(props: { overview: CorpusOverview }) {
  const { months, undated } = props.overview;
  const totals = new Map<string, number>();
  for (const r of [...months, ...undated]) totals.set(r.outlet ?? NO_OUTLET, (totals.get(r.outlet ?? NO_OUTLET) ?? 0) + r.articles);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([o]) => o);
  const shown = ranked.slice(0, OVERVIEW_OUTLETS);
  const others = ranked.length > shown.length;
  const column = (outlet: string | null) => (shown.includes(outlet ?? NO_OUTLET) ? outlet ?? NO_OUTLET : 'other outlets');
  const columns = [...shown, ...(others ? ['other outlets'] : [])];
  const rows = new Map<string, Map<string, number>>();
  const add = (key: string, outlet: string | null, n: number) => {
    const row = rows.get(key) ?? new Map<string, number>();
    row.set(column(outlet), (row.get(column(outlet)) ?? 0) + n);
    rows.set(key, row);
  };
  for (const r of months) add(r.month, r.outlet, r.articles);
  for (const r of undated) add('undated', r.outlet, r.articles);
  const sum = (row: Map<string, number>) => [...row.values()].reduce((a, b) => a + b, 0);
  return (
    <table class="list overview">
      <thead><tr><th>Month</th>{columns.map((c) => <th class="num" scope="col">{c}</th>)}<th class="num">All</th></tr></thead>
      <tbody>
        {[...rows].map(([key, row]) => (
          <tr class={key === 'undated' ? 'undated' : undefined}>
            <th scope="row">{key === 'undated' ? 'undated' : formatMonth(key)}</th>
            {columns.map((c) => <td class="num">{row.get(c) ?? ''}</td>)}
            <td class="num">{sum(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The corpus at a glance: what was collected when, from whom, who speaks most, and what went wrong. */
export function OverviewPage(props: { overview: CorpusOverview }) {
  const o = props.overview;
  const undated = o.undated.reduce((n, r) => n + r.articles, 0);
  return (
    <Layout title="Overview">
      <h1>Corpus overview</h1>
      <p class="muted">
        <Count n={o.articles} one="article" />, <Count n={undated} one="undated article" />.
      </p>
      <section aria-labelledby="months-title">
        <h2 id="months-title">Articles per outlet and month</h2>
        {o.articles ? <MonthTable overview={o} /> : <p class="empty">No article stored yet.</p>}
      </section>
      <section aria-labelledby="speakers-title">
        <h2 id="speakers-title">Most quoted</h2>
        {o.topSpeakers.length ? (
          <table class="list">
            <thead><tr><th>Speaker</th><th class="num">Statements</th></tr></thead>
            <tbody>
              {o.topSpeakers.map((s) => (
                <tr><td><a href={entityHref(s.id)}>{s.name}</a></td><td class="num"><a href={withQuery('/', { speaker: s.id })}>{s.statements}</a></td></tr>
              ))}
            </tbody>
          </table>
        ) : <p class="empty">No attributed statement yet.</p>}
      </section>
      <section aria-labelledby="warnings-title">
        <h2 id="warnings-title">Extraction warnings</h2>
        {o.warnings.length ? (
          <table class="list">
            <thead><tr><th>Code</th><th>Severity</th><th class="num">Messages</th><th class="num">Articles</th><th>For example</th></tr></thead>
            <tbody>
              {o.warnings.map((w) => (
                <tr>
                  <td><code>{w.code}</code></td>
                  <td>{w.severity}</td>
                  <td class="num">{w.messages}</td>
                  <td class="num">{w.articles}</td>
                  <td>
                    <ul class="examples">
                      {w.examples.map((e) => <li><a href={articleHref(e.articleId)}>{e.title ?? e.articleId}</a>: <span class="muted">{e.reason}</span></li>)}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p class="empty">No warning recorded (articles stored before this version kept none).</p>}
      </section>
    </Layout>
  );
}
