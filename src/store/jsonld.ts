import type { EntityRef, EntityType, StatementEntities, Store, StoredStatement } from '../types.js';

/**
 * Statements as schema.org JSON-LD. Every node has an `@id`: under the server's address when one is given
 * (`https://host/statements/s…`, `/entities/k…`, `/articles/…`), else a `urn:onrecord:` name, so graphs from
 * several exports merge on the same ids. Verbatim quotes are `Quotation`s; reported speech is a `CreativeWork`
 * (schema.org has no type for it), and `genre` says which in words. Only schema.org terms are used.
 */

export interface LinkedDataOptions {
  /** Origin of the server (`https://onrecord.example.org`), for dereferenceable ids; `urn:onrecord:` ids without. */
  readonly base?: string;
  /** Speakers and mentioned entities by statement id (Store.statementEntities), so their nodes are typed. */
  readonly entities?: ReadonlyMap<string, StatementEntities>;
}

const SCHEMA_TYPE: Record<EntityType, string> = { person: 'Person', organization: 'Organization', place: 'Place', other: 'Thing' };

/** The id of one resource: a page of the server, or a URN naming the same thing. */
function iri(base: string | undefined, kind: 'statements' | 'entities' | 'articles' | 'utterances' | 'outlets', id: string): string {
  if (base === undefined) return `urn:onrecord:${kind.slice(0, -1)}:${encodeURIComponent(id)}`;
  // Outlets have no page of their own: their search is what they published.
  return kind === 'outlets' ? `${base}/?outlet=${encodeURIComponent(id)}` : `${base}/${kind}/${encodeURIComponent(id)}`;
}

const entityNode = (base: string | undefined, e: EntityRef) => ({ '@id': iri(base, 'entities', e.id), '@type': SCHEMA_TYPE[e.type], name: e.name, identifier: e.id });

/** One statement with its speaker, article, outlet, addressee, secondary source and mentioned entities. */
export function quotation(s: StoredStatement, options: LinkedDataOptions = {}): Record<string, unknown> {
  const { base } = options;
  const id = iri(base, 'statements', s.id);
  const known = options.entities?.get(s.id);
  const speakerRef = known?.speaker;
  // An unresolved speaker still gets a node (named only in this statement); a resolved one is typed by the knowledge base.
  const speaker = speakerRef ? entityNode(base, speakerRef)
    : s.speaker ? { '@id': s.speaker.kbId ? iri(base, 'entities', s.speaker.kbId) : `${id}#speaker`, '@type': 'Person', name: s.speaker.name, ...(s.speaker.kbId ? { identifier: s.speaker.kbId } : {}) }
    : undefined;
  const article = {
    '@id': iri(base, 'articles', s.articleId), '@type': 'NewsArticle', identifier: s.articleId,
    ...(s.url ? { url: s.url } : {}), ...(s.articleTitle ? { headline: s.articleTitle } : {}),
    ...(s.outlet ? { publisher: { '@id': iri(base, 'outlets', s.outlet), '@type': 'Organization', name: s.outlet } } : {}),
    ...(s.published ? { datePublished: s.published } : {}),
  };
  const mentions = (known?.mentions ?? []).map((e) => entityNode(base, e));
  return {
    '@id': id,
    '@type': s.type === 'direct' ? 'Quotation' : 'CreativeWork',
    genre: s.type === 'direct' ? 'direct quote' : 'reported speech',
    identifier: s.id, text: s.text,
    ...(speaker ? { spokenByCharacter: speaker, creator: speaker } : {}),
    ...(s.date ?? s.published ? { dateCreated: s.date ?? s.published } : {}),
    ...(s.published ? { datePublished: s.published } : {}),
    // Whom it was said to: schema.org's audience of a creative work.
    ...(s.addressee ? { audience: { '@id': `${id}#addressee`, '@type': 'Audience', name: s.addressee } } : {}),
    // "According to …": who passed the words on, a contributor to the report but not its author.
    ...(s.via ? { contributor: { '@id': `${id}#via`, '@type': 'Organization', name: s.via } } : {}),
    ...(mentions.length ? { mentions } : {}),
    // The same words reported elsewhere are examples of one work, the utterance.
    exampleOfWork: { '@id': iri(base, 'utterances', s.utteranceId), '@type': 'CreativeWork', identifier: s.utteranceId },
    isBasedOn: article, citation: article,
  };
}

export function jsonLdGraph(items: readonly StoredStatement[], options: LinkedDataOptions = {}): Record<string, unknown> {
  return { '@context': 'https://schema.org', '@graph': items.map((s) => quotation(s, options)) };
}

export function jsonLdDocument(items: readonly StoredStatement[], options: LinkedDataOptions = {}): string {
  return JSON.stringify(jsonLdGraph(items, options), null, 2) + '\n';
}

/** The options for these statements, with their entities read from the store in one batch. */
export async function linkedDataOptions(store: Store, items: readonly StoredStatement[], base?: string): Promise<LinkedDataOptions> {
  return { ...(base !== undefined ? { base } : {}), entities: await store.statementEntities(items.map((s) => s.id)) };
}
