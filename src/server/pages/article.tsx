/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { ArticleSummary, Page, StoredArticle, StoredStatement } from '../../types.js';
import { Count, Pager, SpeakerLink } from './components.js';
import { articleHref, formatDate, safeHref, speakerHref, utteranceHref } from './format.js';
import { markRanges } from './highlight.js';
import { Layout } from './layout.js';

/** The article text with each statement marked at its offsets, followed by a link to its speaker. */
function MarkedText(props: { text: string; statements: readonly StoredStatement[] }) {
  return (
    <div class="article-text">
      {markRanges(props.text, props.statements).map((p) => {
        const s = p.mark;
        if (!s) return p.text;
        const who = s.speaker?.name ?? 'unattributed';
        return (
          <>
            <mark class={`st ${s.type}`} id={`st-${s.id}`} title={`${s.type === 'direct' ? 'Quote' : 'Reported'}: ${who}`}>
              {p.text}
            </mark>
            <sup class="by">
              {s.speaker?.kbId ? <a href={speakerHref(s.speaker.kbId)}>{who}</a> : <span>{who}</span>}
            </sup>
          </>
        );
      })}
    </div>
  );
}

export function ArticlePage(props: { stored: StoredArticle }) {
  const { article, statements } = props.stored;
  const link = safeHref(article.url);
  const ordered = [...statements].sort((a, b) => a.start - b.start);
  return (
    <Layout title={article.title ?? 'Article'}>
      <article>
        <h1>{article.title ?? 'Untitled article'}</h1>
        <p class="muted byline">
          {[article.outlet, article.authors.join(', '), formatDate(article.published)].filter(Boolean).join(' · ')}
          {link ? <> · <a href={link} rel="noopener noreferrer nofollow">original</a></> : null}
        </p>
        <p class="legend">
          <mark class="st direct">direct quote</mark> <mark class="st indirect">reported speech</mark>{' '}
          <Count n={statements.length} one="statement" />
        </p>
        <MarkedText text={article.text} statements={ordered} />
      </article>
      {ordered.length ? (
        <section aria-labelledby="statements-title">
          <h2 id="statements-title">Statements in this article</h2>
          <table class="list">
            <thead><tr><th>Speaker</th><th>Said</th><th>Date</th><th></th></tr></thead>
            <tbody>
              {ordered.map((s) => (
                <tr>
                  <td><SpeakerLink speaker={s.speaker} />{s.cue ? <span class="muted"> {s.cue}</span> : null}</td>
                  <td><a href={`#st-${encodeURIComponent(s.id)}`}>{s.text}</a>{s.via ? <span class="muted"> (according to {s.via})</span> : null}</td>
                  <td class="nowrap">{formatDate(s.date ?? s.published)}</td>
                  <td class="nowrap"><a href={utteranceHref(s.utteranceId)}>reports</a> · <a href={`/statements/${encodeURIComponent(s.id)}`}>statement</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Layout>
  );
}

export function ArticlesPage(props: { page: Page<ArticleSummary>; outlet?: string }) {
  const { page } = props;
  return (
    <Layout title="Articles">
      <h1>Articles{props.outlet ? ` from ${props.outlet}` : ''}</h1>
      {page.items.length === 0 ? (
        <p class="empty">No article stored yet.</p>
      ) : (
        <table class="list">
          <thead><tr><th>Title</th><th>Outlet</th><th>Published</th><th class="num">Statements</th></tr></thead>
          <tbody>
            {page.items.map((a) => (
              <tr>
                <td><a href={articleHref(a.id)}>{a.title ?? a.id}</a></td>
                <td>{a.outlet ? <a href={`/articles?outlet=${encodeURIComponent(a.outlet)}`}>{a.outlet}</a> : ''}</td>
                <td>{formatDate(a.published)}</td>
                <td class="num">{a.statementCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager path="/articles" params={{ outlet: props.outlet }} total={page.total} limit={page.limit} offset={page.offset} />
    </Layout>
  );
}
