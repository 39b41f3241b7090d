/**
 * Entity ids are e1, e2, … in order of creation, so the id gives the index; a list with gaps
 * (entities merged away) falls back to a search.
 */
export function byEntityId<T extends { readonly id: string }>(list: readonly T[], id: string | null | undefined): T | undefined {
  if (!id) return undefined;
  const at = list[Number(id.slice(1)) - 1];
  return at?.id === id ? at : list.find((x) => x.id === id);
}
