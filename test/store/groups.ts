import { MAX_LIMIT } from '../../src/store/index.js';
import type { Store } from '../../src/types.js';

/** Every utterance as its id and the sorted ids of its statements, sorted: equal stores give equal lists. */
export async function utteranceGroups(store: Store): Promise<string[][]> {
  const groups = new Map<string, string[]>();
  for (let offset = 0; ; offset += MAX_LIMIT) {
    const page = await store.statements({ limit: MAX_LIMIT, offset });
    for (const s of page.items) groups.set(s.utteranceId, [...groups.get(s.utteranceId) ?? [], s.id]);
    if (offset + MAX_LIMIT >= page.total) break;
  }
  return [...groups].map(([u, ids]) => [u, ...ids.sort()]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
