/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { CountBucket, CountBy, StatementCounts, UtteranceGroup } from '../../types.js';
import { Highlighted, SpeakerLink } from './components.js';
import { articleHref, formatDate, formatMonth, plural, utteranceHref, withQuery } from './format.js';

type Params = Record<string, string | number | undefined>;

const TITLES: Record<CountBy, string> = {
  speaker: 'Speaker', outlet: 'Outlet', type: 'Type', month: 'Month', entity: 'Mentions', addressee: 'Addressed to', via: 'According to',
};
/** The order facets are shown in, beside the results. */
export const FACETS: readonly CountBy[] = ['speaker', 'outlet', 'type', 'month', 'entity', 'addressee', 'via'];

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The search parameters that narrow a search to one bucket. */
export function narrowTo(by: CountBy, key: string): Params {
  if (by === 'month') return { from: `${key}-01`, to: lastDay(key) };
  return { [by]: key };
}

function label(by: CountBy, b: CountBucket): string {
  if (by === 'month') return formatMonth(b.key);
  if (by === 'type') return b.key === 'direct' ? 'direct quotes' : 'reported speech';
  return b.label;
}

/** Counts beside the results: each bucket a link that narrows the search to it (a plain GET, no script). */
export function Facets(props: { counts: readonly StatementCounts[]; params: Params }) {
  const shown = props.counts.filter((c) => c.buckets.length > 0);
  if (!shown.length) return null;
  return (
    <aside class="facets" aria-label="narrow the search">
      <h2>Narrow down</h2>
      {shown.map((c) => (
        <section data-facet={c.by}>
          <h3>{TITLES[c.by]}</h3>
          <ul>
            {c.buckets.map((b) => (
              <li>
                <a href={withQuery('/', { ...props.params, ...narrowTo(c.by, b.key), offset: undefined })}>{label(c.by, b)}</a>
                <span class="n">{b.count.toLocaleString('en-GB')}</span>
              </li>
            ))}
            {c.other > 0 ? <li class="muted"><span>{c.by === 'entity' ? 'other mentions' : 'others'}</span><span class="n">{c.other.toLocaleString('en-GB')}</span></li> : null}
            {c.none > 0 ? <li class="muted"><span>{c.by === 'month' ? 'undated' : 'none'}</span><span class="n">{c.none.toLocaleString('en-GB')}</span></li> : null}
          </ul>
        </section>
      ))}
    </aside>
  );
}

/** One utterance among the results: carried by N outlets, first reported by X on D, its reports in a <details>. */
export function GroupItem(props: { g: UtteranceGroup; terms: readonly string[] }) {
  const { utterance: u, first } = props.g;
  const speaker = u.speakerName ? { name: u.speakerName, mention: u.speakerName, entityId: null, kbId: u.speakerKbId } : null;
  return (
    <li class="statement group" data-utterance={u.id}>
      <div class="who"><SpeakerLink speaker={speaker} /></div>
      <blockquote class={props.g.type === 'direct' ? 'quote' : 'reported'}><Highlighted text={u.text} terms={props.terms} /></blockquote>
      <div class="meta">
        <span class="carried">
          carried by {plural(props.g.outlets, 'outlet')}
          {first ? <>, first reported by {first.outlet ?? 'an article'}{first.published ? <> on <time datetime={first.published}>{formatDate(first.published)}</time></> : null}</> : null}
        </span>
        <a href={utteranceHref(u.id)}>the utterance</a>
      </div>
      <details class="group">
        <summary>{plural(u.reports.length, 'report')}{props.g.matching < u.reports.length ? ` (${props.g.matching} matching)` : ''}</summary>
        <ol>
          {u.reports.map((r) => (
            <li>
              <a href={articleHref(r.articleId, r.statementId)}>{r.outlet ?? 'article'}</a>
              {r.published ? <> · <time datetime={r.published}>{formatDate(r.published)}</time></> : null}
              {r.via ? <> · according to {r.via}</> : null}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}
