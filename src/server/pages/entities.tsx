/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { EntityType, KbEntity, Page } from '../../types.js';
import { Pager } from './components.js';
import { entityHref } from './format.js';
import { Layout } from './layout.js';

const TYPES: readonly [EntityType | '', string][] = [['', 'all'], ['person', 'people'], ['organization', 'organisations'], ['place', 'places'], ['other', 'other']];
const label = (t: EntityType) => (t === 'organization' ? 'organisation' : t);

/** Every entity of the knowledge base, people, organisations and places alike, by name. */
export function EntitiesPage(props: { page: Page<KbEntity>; q?: string | undefined; type?: EntityType | undefined }) {
  const { page } = props;
  return (
    <Layout title="Entities">
      <h1>People, organisations and places</h1>
      <form class="search inline" method="get" action="/entities" role="search">
        <div class="field wide">
          <label for="q">Name starts with</label>
          <input id="q" name="q" type="search" value={props.q ?? ''} />
        </div>
        <div class="field">
          <label for="type">Kind</label>
          <select id="type" name="type">
            {TYPES.map(([value, text]) => <option value={value} selected={(props.type ?? '') === value}>{text}</option>)}
          </select>
        </div>
        <div class="field submit"><button type="submit">Find</button></div>
      </form>
      {page.items.length === 0 ? (
        <p class="empty">No entity found.</p>
      ) : (
        <table class="list">
          <thead><tr><th>Name</th><th>Kind</th><th class="num">Statements</th><th class="num">Articles</th></tr></thead>
          <tbody>
            {page.items.map((e) => (
              <tr>
                <td><a href={entityHref(e.id)}>{e.name}</a></td>
                <td>{label(e.type)}</td>
                <td class="num">{e.statementCount}</td>
                <td class="num">{e.articleCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager path="/entities" params={{ q: props.q, type: props.type }} total={page.total} limit={page.limit} offset={page.offset} />
    </Layout>
  );
}
