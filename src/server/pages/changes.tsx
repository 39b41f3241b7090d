/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Correction, KbEntity, Page, StoredStatement } from '../../types.js';
import { ChangeList, changeHref, describe, type PageEditor } from './changes-list.js';
import { Pager } from './components.js';
import { Layout } from './layout.js';
import { EditForm } from './statement.js';

export function ChangesPage(props: { page: Page<Correction>; unmatched: boolean; editor?: PageEditor | undefined }) {
  const { page } = props;
  return (
    <Layout title="Changes">
      <link rel="alternate" type="application/atom+xml" title="onrecord changes" href="/changes.atom" />
      <h1>{props.unmatched ? 'Corrections that match nothing now' : 'Changes to the record'}</h1>
      <p>
        <a href="/changes.atom">Atom feed</a> ·{' '}
        {props.unmatched ? <a href="/changes">every change</a> : <a href="/changes?unmatched=true">only those that match nothing since their article was stored again</a>}
        {props.editor ? <> · signed in as {props.editor.name}</> : null}
      </p>
      <ChangeList changes={page.items} editor={props.editor} links />
      <Pager path="/changes" params={{ unmatched: props.unmatched ? 'true' : undefined }} total={page.total} limit={page.limit} offset={page.offset} />
    </Layout>
  );
}

export function SignInPage(props: { next: string; problem?: string; editor?: PageEditor | undefined }) {
  return (
    <Layout title="Sign in">
      <h1>Sign in as an editor</h1>
      {props.problem ? <p class="problem" role="alert">{props.problem}</p> : null}
      {props.editor ? (
        <form method="post" action="/sign-out">
          <p>Signed in as {props.editor.name}.</p>
          <input type="hidden" name="csrf" value={props.editor.csrf} />
          <button type="submit">Sign out</button>
        </form>
      ) : (
        <form method="post" action="/sign-in" class="search inline">
          <input type="hidden" name="next" value={props.next} />
          <div class="field wide"><label for="token">Editor token</label><input id="token" name="token" type="password" autocomplete="current-password" required /></div>
          <div class="field submit"><button type="submit">Sign in</button></div>
        </form>
      )}
    </Layout>
  );
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** The log as an Atom feed: one entry per change, newest first. */
export function changesFeed(changes: readonly Correction[], origin: string): string {
  const updated = changes[0]?.at ?? new Date(0).toISOString();
  const entries = changes.map((c) => {
    const href = origin + (changeHref(c) ?? '/changes');
    return `<entry><id>${xml(`${origin}/changes#change-${c.id}`)}</id><title>${xml(`#${c.id} ${describe(c)}`)}</title>` +
      `<updated>${xml(c.at)}</updated><author><name>${xml(c.editor)}</name></author><link href="${xml(href)}"/>` +
      `<summary>${xml(c.reason ?? describe(c))}</summary></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>onrecord: changes to the record</title>` +
    `<id>${xml(origin)}/changes</id><updated>${xml(updated)}</updated><link rel="self" href="${xml(origin)}/changes.atom"/><link href="${xml(origin)}/changes"/>${entries.join('')}</feed>\n`;
}

/** Rename, merge, split and roles of one entity, on its page. */
export function EntityForms(props: { entity: KbEntity; etag: string; editor: PageEditor; statements: readonly StoredStatement[]; others: readonly KbEntity[] }) {
  const { entity: e, etag, editor } = props;
  const target = { entityId: e.id };
  const current = e.roles.filter((r) => !r.ended);
  return (
    <section aria-labelledby="correct-entity-title" class="corrections">
      <h2 id="correct-entity-title">Correct {e.name}</h2>
      <EditForm kind="rename" target={target} etag={etag} editor={editor} title="Rename" button="Rename">
        <div class="field"><label>New name (the old one stays an alias)<input name="name" value={e.name} required maxlength={200} /></label></div>
      </EditForm>
      <EditForm kind="merge" target={target} etag={etag} editor={editor} title="Merge into another entity" button="Merge">
        <div class="field">
          <label>Everything of {e.name} goes to
            <select name="into">{props.others.filter((o) => o.id !== e.id).map((o) => <option value={o.id}>{o.name}</option>)}</select>
          </label>
        </div>
      </EditForm>
      <EditForm kind="split" target={target} etag={etag} editor={editor} title="Split off a different person" button="Split">
        <div class="field"><label>Name of the new entity<input name="name" required maxlength={200} /></label></div>
        {e.aliases.length ? <fieldset><legend>Aliases that are theirs</legend>{e.aliases.map((a) => <label class="check"><input type="checkbox" name="aliases" value={a} /> {a}</label>)}</fieldset> : null}
        {props.statements.length ? <fieldset><legend>Statements that are theirs</legend>{props.statements.map((s) => <label class="check"><input type="checkbox" name="statementIds" value={s.id} /> {s.text.slice(0, 100)}</label>)}</fieldset> : null}
      </EditForm>
      <EditForm kind="add-role" target={target} etag={etag} editor={editor} title="Add a role" button="Add the role">
        <div class="field"><label>Role<input name="role" required maxlength={200} /></label></div>
        <div class="field"><label>Since (optional)<input name="first" type="date" /></label></div>
      </EditForm>
      {current.length ? (
        <EditForm kind="end-role" target={target} etag={etag} editor={editor} title="End a role" button="End the role">
          <div class="field"><label>Role<select name="role">{current.map((r) => <option value={r.role}>{r.role}</option>)}</select></label></div>
          <div class="field"><label>Ended on<input name="ended" type="date" required /></label></div>
        </EditForm>
      ) : null}
    </section>
  );
}
