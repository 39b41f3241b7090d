/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Page, Report, Utterance } from '../../types.js';
import { Count, Pager } from './components.js';
import { articleHref, formatDate, safeHref, speakerHref, utteranceHref } from './format.js';
import { Layout } from './layout.js';
import { Downloads } from './search.js';

/** Earliest first; reports without a date go last, so the first line is the earliest known source. */
export function byDate(a: Report, b: Report): number {
  if (a.published && b.published) return a.published < b.published ? -1 : a.published > b.published ? 1 : 0;
  return a.published ? -1 : b.published ? 1 : 0;
}

function Speaker(props: { u: Utterance }) {
  const { u } = props;
  if (!u.speakerName) return <span class="speaker unknown">unattributed</span>;
  return u.speakerKbId ? <a class="speaker" href={speakerHref(u.speakerKbId)}>{u.speakerName}</a> : <span class="speaker">{u.speakerName}</span>;
}

export function UtterancePage(props: { utterance: Utterance }) {
  const u = props.utterance;
  const reports = [...u.reports].sort(byDate);
  return (
    <Layout title={`${u.speakerName ?? 'Unattributed'}: ${u.text.slice(0, 60)}`}>
      <h1 class="utterance-title"><Speaker u={u} /></h1>
      <blockquote class="quote big">{u.text}</blockquote>
      <p class="muted">
        Carried by <Count n={reports.length} one="article" />
        {u.firstReported ? <>, first reported {formatDate(u.firstReported)}</> : null}.
      </p>
      <h2>Who carried it, earliest first</h2>
      <Downloads filters={{ utterance: u.id }} />
      <ol class="reports">
        {reports.map((r) => {
          const link = safeHref(r.url);
          return (
            <li>
              <strong class="outlet">{r.outlet ?? 'unknown outlet'}</strong>{' '}
              {r.published ? <time datetime={r.published}>{formatDate(r.published)}</time> : <span class="muted">undated</span>}
              {r.via ? <span class="muted"> · according to {r.via}</span> : null}
              {' · '}
              <a href={articleHref(r.articleId, r.statementId)}>in the article</a>
              {link ? <> · <a href={link} rel="noopener noreferrer nofollow">original</a></> : null}
              {r.text !== u.text ? <blockquote class="variant">{r.text}</blockquote> : null}
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

export function UtterancesPage(props: { page: Page<Utterance>; minReports: number }) {
  const { page } = props;
  return (
    <Layout title="Quotes carried by several outlets">
      <h1>{props.minReports > 1 ? `Quotes carried by ${props.minReports} or more articles` : 'All quotes'}</h1>
      <p>
        {props.minReports > 1 ? <a href="/utterances?minReports=1">show every quote</a> : <a href="/utterances">only those carried by several articles</a>}
      </p>
      {page.items.length === 0 ? (
        <p class="empty">None yet.</p>
      ) : (
        <ol class="statements">
          {page.items.map((u) => (
            <li class="statement">
              <div class="who"><Speaker u={u} /></div>
              <blockquote class="quote">{u.text}</blockquote>
              <div class="meta">
                <a href={utteranceHref(u.id)}><Count n={u.reports.length} one="report" /></a>
                {u.firstReported ? <span>first {formatDate(u.firstReported)}</span> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pager path="/utterances" params={{ minReports: props.minReports }} total={page.total} limit={page.limit} offset={page.offset} />
    </Layout>
  );
}
