/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { z } from 'zod';
import type { KbEntity, Page, StoredStatement } from '../../types.js';
import type { statementsQuery } from '../schemas.js';
import { Count, Pager, StatementItem } from './components.js';
import { searchTerms } from './highlight.js';
import { Layout } from './layout.js';

export type SearchParams = z.infer<typeof statementsQuery>;

const FILTERS = ['q', 'speaker', 'entity', 'outlet', 'from', 'to', 'type'] as const;

export function hasFilters(params: Partial<SearchParams>): boolean {
  return FILTERS.some((f) => params[f] !== undefined);
}

function SearchForm(props: { params: Partial<SearchParams>; speakers: readonly KbEntity[] }) {
  const p = props.params;
  return (
    <form class="search" method="get" action="/" role="search">
      <div class="field wide">
        <label for="q">Words</label>
        <input id="q" name="q" type="search" value={p.q ?? ''} placeholder="e.g. harbour bridge" />
      </div>
      <div class="field">
        <label for="speaker">Speaker</label>
        <input id="speaker" name="speaker" value={p.speaker ?? ''} list="speaker-names" autocomplete="off" />
        <datalist id="speaker-names">
          {props.speakers.map((s) => <option value={s.name} />)}
        </datalist>
      </div>
      <div class="field">
        <label for="entity">Mentions</label>
        <input id="entity" name="entity" value={p.entity ?? ''} placeholder="person, place, organisation" />
      </div>
      <div class="field">
        <label for="outlet">Outlet</label>
        <input id="outlet" name="outlet" value={p.outlet ?? ''} />
      </div>
      <div class="field">
        <label for="from">From</label>
        <input id="from" name="from" type="date" value={p.from ?? ''} />
      </div>
      <div class="field">
        <label for="to">To</label>
        <input id="to" name="to" type="date" value={p.to ?? ''} />
      </div>
      <div class="field">
        <label for="type">Type</label>
        <select id="type" name="type">
          <option value="" selected={!p.type}>quotes and reported</option>
          <option value="direct" selected={p.type === 'direct'}>direct quotes</option>
          <option value="indirect" selected={p.type === 'indirect'}>reported speech</option>
        </select>
      </div>
      <div class="field submit">
        <button type="submit">Search</button>
        {hasFilters(p) ? <a href="/">clear</a> : null}
      </div>
    </form>
  );
}

export function SearchPage(props: {
  params: Partial<SearchParams>;
  results?: Page<StoredStatement>;
  speakers: readonly KbEntity[];
  stats?: { articles: number; statements: number; entities: number; utterances: number };
  problems?: readonly string[];
}) {
  const { params, results } = props;
  const filtered = hasFilters(params);
  const terms = searchTerms(params.q);
  return (
    <Layout title={filtered ? `Search: ${params.q ?? params.speaker ?? params.entity ?? 'statements'}` : 'Search statements'}>
      <h1>Who said what</h1>
      {props.stats ? (
        <p class="muted">
          <Count n={props.stats.statements} one="statement" /> from <Count n={props.stats.articles} one="article" />,{' '}
          <Count n={props.stats.entities} one="entity" many="entities" />.
        </p>
      ) : null}
      <SearchForm params={params} speakers={props.speakers} />
      {props.problems?.length ? (
        <div class="problem" role="alert">
          <p>Check the search:</p>
          <ul>{props.problems.map((p) => <li>{p}</li>)}</ul>
        </div>
      ) : null}
      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {filtered ? <><Count n={results.total} capped={results.totalCapped} one="statement" /> found</> : 'Latest statements'}
          </h2>
          {results.items.length === 0 ? (
            <p class="empty">No statement matches. Try fewer words or a wider date range.</p>
          ) : (
            <ol class="statements">
              {results.items.map((s) => <StatementItem s={s} terms={terms} />)}
            </ol>
          )}
          <Pager path="/" params={{ ...params, offset: undefined, limit: undefined }} total={results.total} capped={results.totalCapped} limit={results.limit} offset={results.offset} />
        </section>
      ) : null}
    </Layout>
  );
}
