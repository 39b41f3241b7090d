import type { KbEntity, Store } from '../types.js';

/**
 * An entity by id, else by name or alias as a person would type it into a URL (`/speakers/Ilse%20Varnholt`,
 * `/speakers/varnholt`). Namesakes: the one with the most statements, then the most articles, wins; the page
 * others stay reachable by their ids.
 */
export async function resolveEntity(store: Store, key: string): Promise<KbEntity | undefined> {
  const byId = await store.entity(key);
  if (byId) return byId;
  const named = await store.entitiesNamed([key]);
  return [...named].sort((a, b) => b.statementCount - a.statementCount || b.articleCount - a.articleCount || a.id.localeCompare(b.id))[0];
}
