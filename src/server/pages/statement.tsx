/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Child } from 'hono/jsx';
import type { Correction, EditableStatement, KbEntity, Page } from '../../types.js';
import { ChangeList, statementHref, type PageEditor } from './changes-list.js';
import { SpeakerLink } from './components.js';
import { articleHref, formatDate, safeHref, utteranceHref, withQuery } from './format.js';
import { Layout } from './layout.js';

/** A correction form: the kind, its target and version, the CSRF token, a reason, and the fields given. */
export function EditForm(props: { kind: string; target: Record<string, string>; etag?: string; editor: PageEditor; title: string; button: string; children?: Child }) {
  return (
    <details class="edit">
      <summary>{props.title}</summary>
      <form method="post" action="/corrections" class="edit">
        <input type="hidden" name="kind" value={props.kind} />
        {Object.entries(props.target).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        {props.etag ? <input type="hidden" name="etag" value={props.etag} /> : null}
        <input type="hidden" name="csrf" value={props.editor.csrf} />
        {props.children}
        <div class="field"><label>Reason (shown in the log)<input name="reason" maxlength={10000} /></label></div>
        <div class="field submit"><button type="submit">{props.button}</button></div>
      </form>
    </details>
  );
}

/** Off, or a link to sign in: what a reader sees where an editor sees forms. */
export function EditingNote(props: { editing: boolean; next: string }) {
  return props.editing ? <p class="muted"><a href={withQuery('/sign-in', { next: props.next })}>Sign in as an editor</a> to correct this.</p> : null;
}

function StatementForms(props: { s: EditableStatement; editor: PageEditor; speakers: readonly KbEntity[] }) {
  const { s, editor } = props;
  const target = { statementId: s.id };
  return (
    <section aria-labelledby="correct-title" class="corrections">
      <h2 id="correct-title">Correct this statement</h2>
      <EditForm kind="reassign" target={target} etag={s.etag} editor={editor} title="Reassign the speaker" button="Reassign">
        <div class="field">
          <label>A known speaker
            <select name="speakerId">
              {props.speakers.filter((k) => k.id !== s.speaker?.kbId).map((k) => <option value={k.id}>{k.name}</option>)}
            </select>
          </label>
        </div>
        <div class="field"><label>or a speaker by name (a new one unless known)<input name="speakerName" maxlength={200} /></label></div>
      </EditForm>
      <EditForm kind="change-type" target={target} etag={s.etag} editor={editor} title="Change the type" button="Change the type">
        <input type="hidden" name="type" value={s.type === 'direct' ? 'indirect' : 'direct'} />
        <p>It is {s.type === 'direct' ? 'a direct quote' : 'reported speech'}; make it {s.type === 'direct' ? 'reported speech' : 'a direct quote'}.</p>
      </EditForm>
      <EditForm kind="change-span" target={target} etag={s.etag} editor={editor} title="Change the words (span)" button="Change the span">
        <div class="field"><label>The statement's words exactly as in the article<textarea name="text" rows={4} maxlength={10000}>{s.text}</textarea></label></div>
      </EditForm>
      <EditForm kind="verify" target={target} etag={s.etag} editor={editor} title="Mark as verified against a source" button="Mark verified">
        <div class="field"><label>Verified against (recording, transcript, URL)<input name="source" required maxlength={10000} /></label></div>
      </EditForm>
      <EditForm kind="not-a-statement" target={target} etag={s.etag} editor={editor} title="Not a statement" button="Remove from the record" />
    </section>
  );
}

export function StatementPage(props: {
  statement: EditableStatement;
  changes: Page<Correction>;
  verified: readonly Correction[];
  editing: boolean;
  editor?: PageEditor | undefined;
  speakers: readonly KbEntity[];
}) {
  const { statement: s } = props;
  const when = s.date ?? s.published;
  const link = safeHref(s.url);
  return (
    <Layout title={`${s.speaker?.name ?? 'Unattributed'}: ${s.text.slice(0, 60)}`}>
      <h1 class="statement-speaker"><SpeakerLink speaker={s.speaker} />{s.cue ? <span class="cue"> {s.cue}</span> : null}</h1>
      <blockquote class={s.type === 'direct' ? 'quote big' : 'reported big'}>{s.text}</blockquote>
      <div class="meta">
        <span class="badge">{s.type === 'direct' ? 'quote' : 'reported'}</span>
        {props.verified.length ? <span class="badge verified">verified against {props.verified.map((v) => (v.after as { source: string }).source).join('; ')}</span> : null}
        {when ? <time datetime={when}>{formatDate(when)}</time> : null}
        {s.place ? <span>in {s.place}</span> : null}
        {s.via ? <span>according to {s.via}</span> : null}
        {s.addressee ? <span>to {s.addressee}</span> : null}
        <a href={articleHref(s.articleId, s.id)}>{s.articleTitle ?? s.outlet ?? 'the article'}</a>
        {link ? <a href={link} rel="noopener noreferrer nofollow">original</a> : null}
        <a href={utteranceHref(s.utteranceId)}>all reports</a>
      </div>
      {props.editor ? <StatementForms s={s} editor={props.editor} speakers={props.speakers} /> : <EditingNote editing={props.editing} next={statementHref(s.id)} />}
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">Changes</h2>
        <ChangeList changes={props.changes.items} editor={props.editor} />
      </section>
    </Layout>
  );
}
