/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { StoredStatement } from '../../types.js';
import { articleHref, formatDate, plural, speakerHref, totalLabel, utteranceHref, withQuery } from './format.js';
import { markRanges, termRanges } from './highlight.js';

/** Text with the words of the search marked; every piece is escaped by the renderer. */
export function Highlighted(props: { text: string; terms: readonly string[] }) {
  return (
    <>
      {markRanges(props.text, termRanges(props.text, props.terms)).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}
    </>
  );
}

export function SpeakerLink(props: { speaker: StoredStatement['speaker'] }) {
  const s = props.speaker;
  if (!s) return <span class="speaker unknown">unattributed</span>;
  return s.kbId ? (
    <a class="speaker" href={speakerHref(s.kbId)}>{s.name}</a>
  ) : (
    <span class="speaker">{s.name}</span>
  );
}

/** One statement in a list: who, the words, where and when, and links to its article and other reports. */
export function StatementItem(props: { s: StoredStatement; terms?: readonly string[]; hideSpeaker?: boolean }) {
  const { s } = props;
  const when = s.date ?? s.published;
  return (
    <li class={`statement ${s.type}`}>
      {props.hideSpeaker ? null : (
        <div class="who">
          <SpeakerLink speaker={s.speaker} />
          {s.cue ? <span class="cue"> {s.cue}</span> : null}
          {s.addressee ? <span class="muted"> to {s.addressee}</span> : null}
        </div>
      )}
      <blockquote class={s.type === 'direct' ? 'quote' : 'reported'}>
        <Highlighted text={s.text} terms={props.terms ?? []} />
      </blockquote>
      <div class="meta">
        <span class="badge">{s.type === 'direct' ? 'quote' : 'reported'}</span>
        {when ? <time datetime={when}>{formatDate(when)}</time> : null}
        {s.place ? <span>in {s.place}</span> : null}
        {s.via ? <span>according to {s.via}</span> : null}
        <a href={articleHref(s.articleId, s.id)}>{s.outlet ?? s.articleTitle ?? 'article'}</a>
        <a href={utteranceHref(s.utteranceId)}>all reports</a>
        <a href={`/statements/${encodeURIComponent(s.id)}`} class="permalink">statement</a>
      </div>
    </li>
  );
}

/** Previous/next links that keep the other query parameters. */
export function Pager(props: {
  path: string;
  params: Record<string, string | number | undefined>;
  total: number;
  /** `total` is a lower bound (Page.totalCapped): there are more pages than it says. */
  capped?: boolean | undefined;
  limit: number;
  offset: number;
}) {
  const { total, limit, offset, capped } = props;
  if (total <= limit && offset === 0 && !capped) return null;
  const prev = offset > 0 ? withQuery(props.path, { ...props.params, offset: Math.max(0, offset - limit) || undefined }) : undefined;
  const next = offset + limit < total || capped ? withQuery(props.path, { ...props.params, offset: offset + limit }) : undefined;
  return (
    <nav class="pager" aria-label="pages">
      {prev ? <a rel="prev" href={prev}>← previous</a> : <span />}
      <span class="muted">
        {capped ? offset + 1 : Math.min(offset + 1, total)}–{capped ? offset + limit : Math.min(offset + limit, total)} of {totalLabel(total, capped)}
      </span>
      {next ? <a rel="next" href={next}>next →</a> : <span />}
    </nav>
  );
}

export function Count(props: { n: number; one: string; many?: string; capped?: boolean | undefined }) {
  return <span class="count">{plural(props.n, props.one, props.many, props.capped)}</span>;
}
