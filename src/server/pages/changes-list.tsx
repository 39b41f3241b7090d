/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Correction } from '../../types.js';
import { formatDate, speakerHref } from './format.js';

/** A signed-in editor as the pages need them: their name and the CSRF token every form carries. */
export interface PageEditor { readonly name: string; readonly csrf: string }

const cut = (s: string, n = 80) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** One line saying what a correction did, from its before and after. */
export function describe(c: Correction): string {
  const b = (c.before ?? {}) as any;
  const a = (c.after ?? {}) as any;
  switch (c.action) {
    case 'reassign': return `speaker ${b.speaker_name ?? 'none'} → ${a.speaker?.name}`;
    case 'not-a-statement': return 'marked as not a statement';
    case 'change-type': return `type ${b.type} → ${a.type}`;
    case 'change-span': return `words “${cut(b.text ?? '')}” → “${cut(a.text ?? '')}”`;
    case 'verify': return `verified against ${cut(a.source ?? '', 200)}`;
    case 'rename': return `renamed ${b.name} → ${a.name}`;
    case 'merge': return `${a.target?.name} merged into ${a.into?.name}`;
    case 'split': return `${a.name} split off from ${a.target?.name}`;
    case 'add-role': return `role “${a.role}” added to ${a.target?.name}`;
    case 'end-role': return `role “${a.role}” of ${a.target?.name} ended ${formatDate(a.ended)}`;
    default: return `undid change #${c.undoOf}`;
  }
}

export const statementHref = (id: string) => `/statements/${encodeURIComponent(id)}`;

/** Where a change can be seen: its statement, else its entity. */
export function changeHref(c: Correction): string | undefined {
  if (c.statementId && c.action !== 'not-a-statement') return statementHref(c.statementId);
  if (c.articleId) return `/articles/${encodeURIComponent(c.articleId)}`;
  return c.entityId ? speakerHref(c.entityId) : undefined;
}

export function UndoButton(props: { c: Correction; editor?: PageEditor | undefined }) {
  const { c, editor } = props;
  if (!editor || c.action === 'undo' || c.undoneBy !== undefined) return null;
  return (
    <form method="post" action={`/corrections/${c.id}/undo`} class="undo">
      <input type="hidden" name="csrf" value={editor.csrf} />
      <button type="submit" class="secondary">Undo #{c.id}</button>
    </form>
  );
}

/** The log as a list: newest first, who, when, what, why, and an undo button for an editor. */
export function ChangeList(props: { changes: readonly Correction[]; editor?: PageEditor | undefined; links?: boolean }) {
  if (!props.changes.length) return <p class="empty">No change yet.</p>;
  return (
    <ol class="changes">
      {props.changes.map((c) => {
        const href = props.links ? changeHref(c) : undefined;
        return (
          <li id={`change-${c.id}`} class={`change ${c.action}`}>
            <div>
              <strong>#{c.id}</strong> {href ? <a href={href}>{describe(c)}</a> : describe(c)}
            </div>
            <div class="meta">
              <span>by {c.editor}</span>
              <time datetime={c.at}>{c.at.slice(0, 16).replace('T', ' ')} UTC</time>
              {c.reason ? <span>because: {c.reason}</span> : null}
              {c.undoneBy !== undefined ? <span class="badge">undone by #{c.undoneBy}</span> : null}
              {c.unmatched ? <span class="badge warn">matches nothing since the article was stored again</span> : null}
            </div>
            <UndoButton c={c} editor={props.editor} />
          </li>
        );
      })}
    </ol>
  );
}
