import type { Message, Store } from '../types.js';

/** Most unmatched corrections one ingest reports one by one (the rest are at /changes?unmatched=true). */
export const MAX_UNMATCHED_REPORTED = 100;

/**
 * The corrections this run left matching nothing (their article was stored again without their words),
 * as warnings: they are kept and listed at /changes, and apply again once the words come back.
 */
export async function unmatchedSince(store: Store, since: string): Promise<Message[]> {
  const page = await store.corrections({ unmatched: true, limit: MAX_UNMATCHED_REPORTED });
  return page.items.filter((c) => c.unmatched && c.unmatched.at >= since).map((c) => ({
    kind: 'message', code: 'ONR_ERR_CORRECTION_UNMATCHED', severity: 'warning',
    reason: `correction #${c.id} (${c.action} by ${c.editor}) matches no statement of the new version; it is kept (onrecord corrections list --unmatched)`,
    source: c.articleId ?? '',
  }));
}
