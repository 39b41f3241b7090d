/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { KbEntity, Page, StatementVolume, StoredStatement } from '../../types.js';
import type { Child } from 'hono/jsx';
import { Count, Pager, StatementItem } from './components.js';
import { formatDate, speakerHref, totalLabel, withQuery } from './format.js';
import { Layout } from './layout.js';
import { Downloads } from './search.js';
import { VolumeChart, VolumeControls } from './volume.js';

/** Someone the speaker talks about: named in their statements, with how often. */
export interface Mentioned {
  readonly name: string;
  readonly type: KbEntity['type'];
  readonly kbId?: string;
  readonly count: number;
}

export function SpeakerPage(props: {
  entity: KbEntity;
  statements: Page<StoredStatement>;
  volume: StatementVolume;
  mentioned: readonly Mentioned[];
  mentionedIn: Page<StoredStatement>;
  /** Correction forms and the change log (src/server/pages/editing-routes.tsx). */
  editing?: Child;
}) {
  const { entity: e, statements } = props;
  const others = e.aliases.filter((a) => a !== e.name);
  return (
    <Layout title={e.name}>
      <h1 class="speaker-name">{e.name}</h1>
      <p class="muted">
        {e.type}
        {e.unnamed ? ' (unnamed source)' : ''} · <Count n={e.statementCount} one="statement" /> in{' '}
        <Count n={e.articleCount} one="article" />
      </p>
      {others.length ? <p>Also named: {others.join(', ')}</p> : null}
      {e.roles.length ? (
        <ul class="roles">
          {e.roles.map((r) => (
            <li>
              {r.role}
              {r.first ? <span class="muted"> ({formatDate(r.first)}{r.last && r.last !== r.first ? ` – ${formatDate(r.last)}` : ''})</span> : null}
              {r.ended ? <span class="muted"> ended {formatDate(r.ended)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}

      {e.statementCount > 0 ? (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">When {e.name} spoke</h2>
          <VolumeChart volume={props.volume} title={`Statements by ${e.name}`} path="/" params={{ speaker: e.id }}
            data={withQuery('/api/statements/volume', { speaker: e.id, unit: props.volume.unit })} />
          <VolumeControls path={speakerHref(e.id)} params={{}} unit={props.volume.unit} />
        </section>
      ) : null}

      {props.mentioned.length ? (
        <section aria-labelledby="mentioned-title">
          <h2 id="mentioned-title">Who {e.name} talks about</h2>
          <ul class="chips">
            {props.mentioned.map((m) => (
              <li>
                {m.kbId ? <a href={speakerHref(m.kbId)}>{m.name}</a> : <a href={withQuery('/', { speaker: e.id, entity: m.name })}>{m.name}</a>}
                <span class="muted"> ×{m.count}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {statements.total > 0 ? (
        <section aria-labelledby="statements-title">
          <h2 id="statements-title">Statements</h2>
          <Downloads filters={{ speaker: e.id }} />
          <ol class="statements">
            {statements.items.map((s) => <StatementItem s={s} hideSpeaker />)}
          </ol>
          <Pager path={speakerHref(e.id)} params={{}} total={statements.total} capped={statements.totalCapped} limit={statements.limit} offset={statements.offset} />
        </section>
      ) : null}

      {props.mentionedIn.total > 0 ? (
        <section aria-labelledby="mentioned-in-title">
          <h2 id="mentioned-in-title">What others say about {e.name}</h2>
          <Downloads filters={{ entity: e.id }} />
          <ol class="statements">
            {props.mentionedIn.items.map((s) => <StatementItem s={s} />)}
          </ol>
          {props.mentionedIn.total > props.mentionedIn.items.length ? (
            <p><a href={withQuery('/', { entity: e.id })}>All {totalLabel(props.mentionedIn.total, props.mentionedIn.totalCapped)} statements that mention {e.name}</a></p>
          ) : null}
        </section>
      ) : null}
      {props.editing}
    </Layout>
  );
}

export function SpeakersPage(props: { page: Page<KbEntity>; q?: string }) {
  const { page } = props;
  return (
    <Layout title="Speakers">
      <h1>Speakers</h1>
      <form class="search inline" method="get" action="/speakers" role="search">
        <div class="field wide">
          <label for="q">Name starts with</label>
          <input id="q" name="q" type="search" value={props.q ?? ''} />
        </div>
        <div class="field submit"><button type="submit">Find</button></div>
      </form>
      {page.items.length === 0 ? (
        <p class="empty">No speaker found.</p>
      ) : (
        <table class="list">
          <thead><tr><th>Name</th><th>Role</th><th class="num">Statements</th><th class="num">Articles</th></tr></thead>
          <tbody>
            {page.items.map((e) => (
              <tr>
                <td><a href={speakerHref(e.id)}>{e.name}</a></td>
                <td>{e.roles[e.roles.length - 1]?.role ?? ''}</td>
                <td class="num">{e.statementCount}</td>
                <td class="num">{e.articleCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager path="/speakers" params={{ q: props.q }} total={page.total} limit={page.limit} offset={page.offset} />
    </Layout>
  );
}
