/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { z } from 'zod';
import type { KbEntity, OutletCount, Page, StatementCounts, StatementVolume, StoredStatement, UtteranceGroup } from '../../types.js';
import type { searchPageQuery } from '../schemas.js';
import { Count, Pager, StatementItem } from './components.js';
import { Facets, GroupItem } from './facets.js';
import { withQuery } from './format.js';
import { searchTerms } from './highlight.js';
import { Layout } from './layout.js';
import { VolumeChart, VolumeControls } from './volume.js';

export type SearchParams = z.infer<typeof searchPageQuery>;

const FILTERS = ['q', 'speaker', 'entity', 'outlet', 'addressee', 'via', 'from', 'to', 'type', 'article', 'utterance'] as const;
/** The parameters of a search in the order its canonical URL writes them; defaults are left out. */
const CANONICAL = [...FILTERS, 'order', 'sort'] as const;
const DEFAULTS: Partial<Record<(typeof CANONICAL)[number], string>> = { order: 'desc', sort: 'date' };
/** What a link back to the same search carries: its filters and how it is shown. */
const KEPT = [...CANONICAL, 'group', 'unit', 'split'] as const;

export function hasFilters(params: Partial<SearchParams>): boolean {
  return FILTERS.some((f) => params[f] !== undefined);
}

/**
 * The one URL of a search: its known parameters in a fixed order, defaults and paging left out, so two
 * people who ran the same search share the same link, and tracking parameters never travel on.
 */
export function canonicalSearch(params: Partial<SearchParams>): string {
  const search = new URLSearchParams();
  for (const key of CANONICAL) {
    const value = params[key];
    if (value !== undefined && value !== '' && DEFAULTS[key] !== value) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `/?${qs}` : '/';
}

/** The search's filters alone, as link parameters (for exports and the chart's data). */
export function filterParams(params: Partial<SearchParams>): Record<string, string | undefined> {
  return Object.fromEntries(FILTERS.map((f) => [f, params[f]]));
}

/** The search as link parameters, without the page's defaults. */
export function searchParams(params: Partial<SearchParams>): Record<string, string | undefined> {
  return Object.fromEntries(KEPT.map((f) => [f, f in DEFAULTS && DEFAULTS[f as keyof typeof DEFAULTS] === params[f] ? undefined : params[f]]));
}

/** CSV and JSON Lines of every row of a statement list (streamed by the API, not one page). */
export function Downloads(props: { filters: Record<string, string | undefined> }) {
  const api = (extra: Record<string, string>) => withQuery('/api/statements', { ...props.filters, ...extra });
  return (
    <p class="downloads">
      Download all: <a href={api({ format: 'csv' })} download>CSV</a> (<a href={api({ format: 'csv', bom: '0' })} download>without BOM</a>),{' '}
      <a href={api({ format: 'jsonl' })} download>JSON Lines</a>
    </p>
  );
}

/** What the entity and outlet fields offer to choose from. */
export interface SearchChoices {
  readonly speakers: readonly KbEntity[];
  /** Organisations and places, for the "mentions" field beside the people. */
  readonly others: readonly KbEntity[];
  readonly outlets: readonly OutletCount[];
}

function SearchForm(props: { params: Partial<SearchParams>; choices: SearchChoices }) {
  const p = props.params;
  const { speakers, others, outlets } = props.choices;
  return (
    <form class="search" method="get" action="/" role="search">
      <div class="field wide">
        <label for="q">Words</label>
        <input id="q" name="q" type="search" value={p.q ?? ''} placeholder='e.g. "harbour bridge" OR ferry -timetable' aria-describedby="q-help" />
        <p id="q-help" class="help muted">All words must occur. "exact phrase", a OR b, -word leaves out, bridg* any ending.</p>
      </div>
      <div class="field">
        <label for="speaker">Speaker</label>
        <input id="speaker" name="speaker" value={p.speaker ?? ''} list="speaker-names" autocomplete="off" />
        <datalist id="speaker-names">
          {speakers.map((s) => <option value={s.name} />)}
        </datalist>
      </div>
      <div class="field">
        <label for="entity">Mentions</label>
        <input id="entity" name="entity" value={p.entity ?? ''} placeholder="person, place, organisation" list="entity-names" autocomplete="off" />
        <datalist id="entity-names">
          {[...speakers, ...others].map((e) => <option value={e.name} label={e.type === 'person' ? undefined : e.type === 'organization' ? 'organisation' : e.type} />)}
        </datalist>
      </div>
      <div class="field">
        <label for="outlet">Outlet</label>
        <input id="outlet" name="outlet" value={p.outlet ?? ''} placeholder="name or its beginning" list="outlet-names" autocomplete="off" />
        <datalist id="outlet-names">
          {outlets.map((o) => <option value={o.name} label={`${o.articles} articles`} />)}
        </datalist>
      </div>
      <div class="field">
        <label for="addressee">Said to</label>
        <input id="addressee" name="addressee" value={p.addressee ?? ''} placeholder="e.g. council" />
      </div>
      <div class="field">
        <label for="via">According to</label>
        <input id="via" name="via" value={p.via ?? ''} placeholder="secondary source" />
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
      <div class="field">
        <label for="sort">Sort</label>
        <select id="sort" name="sort">
          <option value="date" selected={p.sort !== 'relevance'}>newest first</option>
          <option value="relevance" selected={p.sort === 'relevance'}>best match first</option>
        </select>
      </div>
      {(['article', 'utterance', 'group', 'unit', 'split'] as const).map((k) => (p[k] ? <input type="hidden" name={k} value={p[k]} /> : null))}
      <div class="field submit">
        <button type="submit">Search</button>
        {hasFilters(p) ? <a href="/">clear</a> : null}
      </div>
    </form>
  );
}

/**
 * "Copy link" without script: the canonical URL as a link (right-click, copy) and as selectable text
 * (a read-only field selects whole on a tap), for pasting into a story, a ticket or a notebook.
 */
function SearchLink(props: { href: string; origin?: string | undefined }) {
  const full = (props.origin ?? '') + props.href;
  return (
    <p class="permalink">
      <a href={props.href} rel="bookmark">Link to this search</a>{' '}
      <label class="visually-hidden" for="search-url">Address of this search</label>
      <input id="search-url" class="url" readonly value={full} size={Math.min(60, full.length)} />
    </p>
  );
}

export function SearchPage(props: {
  params: Partial<SearchParams>;
  results?: Page<StoredStatement>;
  groups?: Page<UtteranceGroup>;
  facets?: readonly StatementCounts[];
  volume?: StatementVolume;
  choices: SearchChoices;
  /** The server's origin, so the link to this search can be shown whole. */
  origin?: string;
  stats?: { articles: number; statements: number; entities: number; utterances: number };
  problems?: readonly string[];
}) {
  const { params, results } = props;
  const filtered = hasFilters(params);
  const grouped = !!props.groups;
  const page = props.groups ?? results;
  const link = searchParams(params);
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
      <SearchForm params={params} choices={props.choices} />
      {props.problems?.length ? (
        <div class="problem" role="alert">
          <p>Check the search:</p>
          <ul>{props.problems.map((p) => <li>{p}</li>)}</ul>
        </div>
      ) : null}
      {filtered && props.volume ? (
        <section aria-labelledby="volume-title">
          <h2 id="volume-title">Over time</h2>
          <VolumeChart volume={props.volume} title="Matching statements" path="/" params={link}
            data={withQuery('/api/statements/volume', { ...filterParams(params), unit: props.volume.unit, split: params.split })} />
          <VolumeControls path="/" params={link} unit={props.volume.unit} split={params.split} />
        </section>
      ) : null}
      {page ? (
        <div class="layout-search">
          <section aria-labelledby="results-title">
            <h2 id="results-title">
              {filtered ? <><Count n={page.total} capped={page.totalCapped} one={grouped ? 'utterance' : 'statement'} /> found</> : 'Latest statements'}
            </h2>
            {filtered ? <SearchLink href={canonicalSearch(params)} origin={props.origin} /> : null}
            {params.sort === 'relevance' && !params.q ? <p class="muted">Best match first needs words to match; sorted by date.</p> : null}
            {filtered ? (
              <p class="downloads">
                {grouped
                  ? <a href={withQuery('/', { ...link, group: undefined, offset: undefined })}>one row per report</a>
                  : <a href={withQuery('/', { ...link, group: 'utterance', offset: undefined })}>one row per utterance</a>}
              </p>
            ) : null}
            {filtered ? <Downloads filters={filterParams(params)} /> : null}
            {page.items.length === 0 ? (
              <p class="empty">No statement matches. Try fewer words or a wider date range.</p>
            ) : props.groups ? (
              <ol class="statements grouped">{props.groups.items.map((g) => <GroupItem g={g} terms={terms} />)}</ol>
            ) : (
              <ol class="statements">{results!.items.map((s) => <StatementItem s={s} terms={terms} />)}</ol>
            )}
            <Pager path="/" params={link} total={page.total} capped={page.totalCapped} limit={page.limit} offset={page.offset} />
          </section>
          {props.facets ? <Facets counts={props.facets} params={link} /> : null}
        </div>
      ) : null}
    </Layout>
  );
}
