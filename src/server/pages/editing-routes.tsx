/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { OnrecordError } from '../../errors.js';
import type { CorrectionInput, KbEntity, Page, Store, StoredStatement } from '../../types.js';
import { correctionsQuery, fromForm } from '../correction-schemas.js';
import { requireEditor, signOut, type Editors } from '../editors.js';
import { describeError } from '../http-error.js';
import { parseQuery } from '../schemas.js';
import { ChangeList, statementHref, type PageEditor } from './changes-list.js';
import { ChangesPage, EntityForms, SignInPage, changesFeed } from './changes.js';
import { articleHref, speakerHref } from './format.js';
import { Layout } from './layout.js';
import { EditingNote, StatementPage } from './statement.js';

/** Largest form a correction or sign-in posts. */
export const MAX_FORM_BYTES = 64 * 1024;
/** Speakers offered in a reassign or merge form's list (others by name). */
const CHOICES = 200;
const FEED_ENTRIES = 50;

type Form = Record<string, string | File | (string | File)[]>;
const field = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);

/** A signed-in editor for the page, or nobody (reads stay open). */
export function pageEditor(c: Context, editors: Editors | undefined): PageEditor | undefined {
  const e = editors?.of(c);
  return e ? { name: e.name, csrf: e.csrf } : undefined;
}

/** Only paths of this site: `next` must not send the editor elsewhere. */
const localPath = (next: string | undefined) => (next && /^\/(?![/\\])/.test(next) ? next : '/changes');

/** A form posted from another site is refused before anything is read (the CSRF token is the main guard). */
function sameOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) throw new OnrecordError('ONR_ERR_HTTP_CSRF', `a form from ${origin}`);
}

/** Where the editor lands after a correction: what it changed. */
function landing(input: CorrectionInput, articleId: string | undefined): string {
  if (input.kind === 'not-a-statement') return articleId ? articleHref(articleId) : '/changes';
  if ('statementId' in input) return statementHref(input.statementId);
  if (input.kind === 'merge') return speakerHref(input.into);
  return speakerHref(input.entityId);
}

/** The entity page's correction forms and change log (src/server/pages/routes.tsx, /speakers/:id). */
export async function entityEditing(c: Context, store: Store, editors: Editors | undefined, entity: KbEntity, statements: Page<StoredStatement>) {
  const editor = pageEditor(c, editors);
  const changes = await store.corrections({ entityId: entity.id, limit: 50 });
  const forms = editor
    ? <EntityForms entity={entity} etag={(await store.entityEtag(entity.id)) ?? ''} editor={editor} statements={statements.items} others={(await store.entities({ speakersOnly: true, limit: CHOICES })).items} />
    : <EditingNote editing={!!editors} next={speakerHref(entity.id)} />;
  return (
    <>
      {forms}
      <section aria-labelledby="entity-changes-title">
        <h2 id="entity-changes-title">Changes</h2>
        <ChangeList changes={changes.items} editor={editor} links />
      </section>
    </>
  );
}

function ConflictPage(props: { message: string; back: string }) {
  return (
    <Layout title="Changed meanwhile">
      <h1>Changed meanwhile</h1>
      <p class="problem" role="alert">{props.message} <code>ONR_ERR_HTTP_CONFLICT</code></p>
      <p>Nothing was changed by your form. <a href={props.back}>Reload it</a> to see the other change, then send yours again if it still applies.</p>
    </Layout>
  );
}

export function mountEditing(app: Hono, store: Store, editors: Editors | undefined): void {
  const limit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: () => { throw new OnrecordError('ONR_ERR_HTTP_TOO_LARGE', `at most ${MAX_FORM_BYTES} bytes`); } });
  for (const path of ['/corrections', '/corrections/*', '/sign-in', '/sign-out']) app.use(path, limit);

  app.get('/statements/:id', async (c) => {
    const id = c.req.param('id');
    const statement = await store.statement(id);
    if (!statement) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `statement ${JSON.stringify(id)}`);
    const editor = pageEditor(c, editors);
    const changes = await store.corrections({ statementId: statement.id, limit: 100 });
    const verified = changes.items.filter((x) => x.action === 'verify' && x.undoneBy === undefined);
    const speakers = editor ? (await store.entities({ speakersOnly: true, limit: CHOICES })).items : [];
    return c.html(<StatementPage statement={statement} changes={changes} verified={verified} editing={!!editors} editor={editor} speakers={speakers} />);
  });

  app.get('/changes', async (c) => {
    const q = parseQuery(correctionsQuery.pick({ unmatched: true, offset: true }), c.req.query());
    const page = await store.corrections({ unmatched: q.unmatched === 'true', limit: 50, offset: q.offset });
    return c.html(<ChangesPage page={page} unmatched={q.unmatched === 'true'} editor={pageEditor(c, editors)} />);
  });

  app.get('/changes.atom', async (c) => {
    const page = await store.corrections({ limit: FEED_ENTRIES });
    return c.body(changesFeed(page.items, new URL(c.req.url).origin), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });

  app.get('/sign-in', (c) => {
    if (!editors) throw new OnrecordError('ONR_ERR_HTTP_DISABLED', 'editing is off on this server');
    return c.html(<SignInPage next={localPath(c.req.query('next'))} editor={pageEditor(c, editors)} />);
  });

  app.post('/sign-in', async (c) => {
    if (!editors) throw new OnrecordError('ONR_ERR_HTTP_DISABLED', 'editing is off on this server');
    sameOrigin(c);
    const form = await c.req.parseBody();
    const next = localPath(field(form, 'next'));
    const name = editors.byToken(field(form, 'token') ?? '');
    if (!name) return c.html(<SignInPage next={next} problem="That is not an editor token. ONR_ERR_HTTP_UNAUTHORIZED" />, 401);
    editors.signIn(c, name);
    return c.redirect(next, 303);
  });

  app.post('/sign-out', async (c) => {
    sameOrigin(c);
    requireEditor(c, editors, field(await c.req.parseBody(), 'csrf'));
    signOut(c);
    return c.redirect('/', 303);
  });

  app.post('/corrections', async (c) => {
    sameOrigin(c);
    const form = await c.req.parseBody({ all: true });
    const editor = requireEditor(c, editors, field(form, 'csrf'));
    const { input, reason, etag } = fromForm(form);
    const articleId = 'statementId' in input ? (await store.statement(input.statementId))?.articleId : undefined;
    try {
      await store.correct(input, { editor: editor.name, reason, etag });
    } catch (error) {
      if (!(error instanceof OnrecordError && error.code === 'ONR_ERR_HTTP_CONFLICT')) throw error;
      return c.html(<ConflictPage message={describeError(error).body.error.message} back={'statementId' in input ? statementHref(input.statementId) : speakerHref(input.entityId)} />, 409);
    }
    return c.redirect(landing(input, articleId), 303);
  });

  app.post('/corrections/:id/undo', async (c) => {
    sameOrigin(c);
    const form = await c.req.parseBody();
    const editor = requireEditor(c, editors, field(form, 'csrf'));
    const id = c.req.param('id');
    if (!/^\d{1,15}$/.test(id)) throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `correction ${JSON.stringify(id)}`);
    const done = await store.undo(Number(id), { editor: editor.name, reason: field(form, 'reason') });
    return c.redirect(`/changes#change-${done.id}`, 303);
  });
}
