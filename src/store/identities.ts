import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { ArticleRecord, DatedRole, Entity } from '../types.js';
import { chunks, insertMany, json } from './rows.js';
import { hash, normName } from './words.js';

/**
 * Concurrent PostgreSQL writers (queue workers) would each create "Ilse Varnholt" when both
 * look before either inserts. Each transaction first takes advisory locks on the surnames (last
 * words) its entities and speakers could resolve through, in ascending order so two writers
 * never wait on each other in a cycle; articles about different people still run in parallel.
 */
export async function lockIdentities(trx: Transaction<any>, record: ArticleRecord): Promise<void> {
  const names = [
    ...record.entities.flatMap((e) => [e.name, ...e.aliases, ...(e.role ? [e.role] : [])]),
    ...record.statements.map((s) => s.speaker?.name ?? 'none'),
  ];
  const keys = new Set(names.map((n) => createHash('sha256').update(normName(n).split(' ').pop() ?? '').digest().readInt32BE(0)));
  // One round trip for all: unnest yields the sorted keys in array order, so the locks are still taken ascending.
  await sql`select pg_advisory_xact_lock(7411, k) from unnest(${[...keys].sort((x, y) => x - y)}::int4[]) as k`.execute(trx);
}

/** One article's writers in turn (PostgreSQL): a lock keyed on the article id, held to the end of the transaction. */
export async function lockArticle(trx: Transaction<any>, id: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(7412, ${createHash('sha256').update(id).digest().readInt32BE(0)})`.execute(trx);
}

/** Most entities read for one name or alias (see Identities.load). */
export const MAX_SHARING = 20;

function surnameOf(name: string): string | null {
  const words = normName(name).split(' ').filter(Boolean);
  return words.length >= 2 ? words[words.length - 1]! : null;
}

/**
 * "Foreign Minister Teodor Blaskovic" in an article that also says "Korvania's foreign minister":
 * when exactly one named person and one unnamed description share a role, the person takes the
 * description's affiliation, so an unnamed speaker of earlier articles can resolve to them.
 */
function withRoleAffiliations(entities: readonly Entity[]): readonly Entity[] {
  const role = (e: Entity) => e.type === 'person' && e.role ? e.role.toLowerCase() : undefined;
  return entities.map((e) => {
    if (e.unnamed || e.affiliation || !role(e)) return e;
    const described = entities.filter((u) => u.unnamed && u.affiliation && role(u) === role(e));
    const named = entities.filter((n) => !n.unnamed && role(n) === role(e));
    return described.length === 1 && named.length === 1 ? { ...e, affiliation: described[0]!.affiliation! } : e;
  });
}

/** "Korvania foreign minister": the alias an unnamed role speaker is known by. */
const roleDescription = (e: Entity): string | undefined => e.role && (e.affiliation ? `${e.affiliation} ${e.role}` : e.role);
const wordCount = (name: string): number => normName(name).split(' ').length;

interface KbRow { id: string; type: string; name: string; surname: string | null; unnamed: number; roles: DatedRole[] }

/**
 * The knowledge-base entities one article can resolve to, read in two queries before resolving and
 * written back in two after (instead of several round trips per entity and alias). Entities are still
 * resolved one at a time in article order, each seeing what the ones before it created or changed.
 */
class Identities {
  private readonly rows = new Map<string, KbRow>();
  /** normalised name → entity id → alias, for every name this article uses. */
  private readonly aliases = new Map<string, Map<string, string>>();
  private readonly created = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly newAliases = new Map<string, { norm: string; entity_id: string; alias: string }>();
  /** Unnamed entities merged into the person this article names: old id → new id. */
  readonly merged = new Map<string, string>();

  private constructor(private readonly trx: Transaction<any>) {}

  static async load(trx: Transaction<any>, entities: readonly Entity[]): Promise<Identities> {
    const ids = new Identities(trx);
    const norms = new Set(entities.flatMap((e) => [e.name, ...e.aliases, roleDescription(e) ?? '']).map(normName).filter(Boolean));
    const surnames = entities.filter((e) => !e.unnamed && e.type === 'person' && !normName(e.name).includes(' ')).map((e) => normName(e.name));
    // Bounded per name, however many entities share it (a store of 10,000 "Pell"s from before bare surnames
    // joined one entity read all of them for every article): resolving needs exactly one fit, so the first
    // few by id decide as well as all would, and the same few every time.
    for (const part of chunks([...norms], 100)) {
      const [first, ...rest] = part.map((norm) => trx.selectFrom((db) => db.selectFrom('aliases as x').innerJoin('kb_entities as k', 'k.id', 'x.entity_id').selectAll('k')
        .select(['x.norm', 'x.alias']).where('x.norm', '=', norm).orderBy('x.entity_id').limit(MAX_SHARING).as('t')).selectAll());
      for (const r of await rest.reduce((q, r) => q.unionAll(r), first!).execute()) ids.keep(r).aliasesOf(r.norm).set(r.id, r.alias);
    }
    // A bare surname joins a person only when exactly one has it: two rows are enough to know.
    for (const surname of new Set(surnames)) {
      for (const r of await trx.selectFrom('kb_entities').selectAll().where('type', '=', 'person').where('surname', '=', surname).orderBy('id').limit(2).execute()) ids.keep(r);
    }
    return ids;
  }

  private keep(r: any): Identities {
    if (!this.rows.has(r.id)) this.rows.set(r.id, { id: r.id, type: r.type, name: r.name, surname: r.surname, unnamed: Number(r.unnamed), roles: JSON.parse(r.roles) });
    return this;
  }

  private aliasesOf(norm: string): Map<string, string> {
    let m = this.aliases.get(norm);
    if (!m) this.aliases.set(norm, (m = new Map()));
    return m;
  }

  /** The id when exactly one entity fits, as a lookup with `limit 2` and one hit would say. */
  private only(rows: KbRow[]): string | undefined {
    return rows.length === 1 ? rows[0]!.id : undefined;
  }

  private byAlias(name: string): KbRow[] {
    return [...this.aliasesOf(normName(name)).keys()].map((id) => this.rows.get(id)!).filter(Boolean);
  }

  async resolve(e: Entity, published?: string): Promise<string> {
    const named = !e.unnamed;
    const names = [e.name, ...e.aliases].filter((n) => n.trim());
    // A person's one-word name is a bare surname; places and organisations are often one word ("Korvania").
    const full = names.filter((n) => normName(n).includes(' ') || !named || e.type !== 'person');
    let id: string | undefined;
    // A full name matching a known alias of the same type is the same entity.
    for (const n of named ? full : [e.name]) {
      if ((id = this.only(this.byAlias(n).filter((k) => k.type === e.type && k.unnamed === (named ? 0 : 1))))) break;
    }
    // A surname alone joins a person only when exactly one known person has that surname.
    if (!id && named && e.type === 'person' && !normName(e.name).includes(' ')) {
      id = this.only([...this.rows.values()].filter((k) => k.type === 'person' && k.surname === normName(e.name)));
    }
    // One that no known full name explains joins the bare-surname entity of that name, so 10,000 articles quoting
    // only "Pell" make one entity, not 10,000 (the smallest id when an older store holds several).
    if (!id && named && e.type === 'person' && !normName(e.name).includes(' ')) {
      id = this.byAlias(e.name).filter((k) => k.type === 'person' && !k.unnamed && k.surname === null && normName(k.name) === normName(e.name))
        .map((k) => k.id).sort()[0];
    }
    // An unnamed role speaker ("Estonia's foreign minister") that this article names resolves to the person.
    const desc = named && e.type === 'person' ? roleDescription(e) : undefined;
    const unnamedRole = desc ? this.only(this.byAlias(desc).filter((k) => k.unnamed)) : undefined;
    if (!id) {
      id = 'k' + hash(e.type, normName(e.name), named ? '' : 'unnamed', String(Date.now()), String(Math.random()));
      this.rows.set(id, { id, type: e.type, name: e.name, surname: named && e.type === 'person' ? surnameOf(e.name) : null, unnamed: named ? 0 : 1, roles: [] });
      this.created.add(id);
      this.dirty.add(id);
    } else if (named && wordCount(e.name) > wordCount(this.rows.get(id)!.name)) {
      Object.assign(this.rows.get(id)!, { name: e.name, surname: e.type === 'person' ? surnameOf(e.name) : null });
      this.dirty.add(id);
    }
    if (unnamedRole && unnamedRole !== id) await this.merge(unnamedRole, id);
    // A named person's role description stays off their aliases: it would name whoever holds the role next.
    for (const alias of new Set(names)) {
      if (normName(alias) && !(named && e.role && alias === roleDescription(e))) this.addAlias(normName(alias), id, alias);
    }
    if (e.role) this.addRole(id, e.affiliation ? `${e.role}, ${e.affiliation}` : e.role, published);
    return id;
  }

  private addAlias(norm: string, id: string, alias: string): void {
    const m = this.aliasesOf(norm);
    if (m.has(id)) return;
    m.set(id, alias);
    this.newAliases.set(`${norm}\u0000${id}`, { norm, entity_id: id, alias });
  }

  private addRole(id: string, role: string, date?: string): void {
    const k = this.rows.get(id)!;
    const before = json(k.roles);
    const day = date?.slice(0, 10);
    const i = k.roles.findIndex((r) => r.role.toLowerCase() === role.toLowerCase());
    if (i < 0) k.roles.push({ role, ...(day ? { first: day, last: day } : {}) });
    else if (day) {
      const r = k.roles[i]!;
      k.roles[i] = { role: r.role, first: !r.first || day < r.first ? day : r.first, last: !r.last || day > r.last ? day : r.last };
    }
    if (json(k.roles) !== before) this.dirty.add(id);
  }

  /** Moves everything of `from` (an unnamed role entity) onto `to`, then drops it. Rare, so plain queries. */
  private async merge(from: string, to: string): Promise<void> {
    this.merged.set(from, to);
    for (const [norm, m] of this.aliases) {
      const alias = m.get(from);
      if (alias === undefined) continue;
      m.delete(from);
      const unsaved = this.newAliases.delete(`${norm}\u0000${from}`);
      if (m.has(to)) continue;
      m.set(to, alias);
      if (unsaved) this.newAliases.set(`${norm}\u0000${to}`, { norm, entity_id: to, alias });
    }
    for (const r of this.rows.get(from)!.roles) {
      if (r.first) this.addRole(to, r.role, r.first);
      if (r.last) this.addRole(to, r.role, r.last);
      if (!r.first) this.addRole(to, r.role);
    }
    this.rows.delete(from);
    this.dirty.delete(from);
    if (this.created.delete(from)) return; // created by this article: nothing stored refers to it yet
    const trx = this.trx;
    await trx.updateTable('statements').set({ speaker_kb_id: to }).where('speaker_kb_id', '=', from).execute();
    await trx.updateTable('statements').set({ speaker_key: to }).where('speaker_key', '=', from).execute();
    await trx.updateTable('utterances').set({ speaker_kb_id: to }).where('speaker_kb_id', '=', from).execute();
    await sql`insert into statement_entities (statement_id, entity_id) select statement_id, ${to} from statement_entities where entity_id = ${from} on conflict do nothing`.execute(trx);
    await trx.deleteFrom('statement_entities').where('entity_id', '=', from).execute();
    await sql`update aliases set entity_id = ${to} where entity_id = ${from} and norm not in (select norm from aliases where entity_id = ${to})`.execute(trx);
    await trx.deleteFrom('aliases').where('entity_id', '=', from).execute();
    await trx.deleteFrom('kb_entities').where('id', '=', from).execute();
  }

  /** New and changed entities in one upsert, new aliases in one insert. */
  async save(): Promise<void> {
    const rows = [...this.dirty].map((id) => this.rows.get(id)!).map((k) => ({ ...k, roles: json(k.roles) }));
    await insertMany(this.trx, 'kb_entities', rows, (oc) => oc.column('id').doUpdateSet({
      name: sql.ref('excluded.name'), surname: sql.ref('excluded.surname'), roles: sql.ref('excluded.roles'),
    }));
    await insertMany(this.trx, 'aliases', [...this.newAliases.values()], (oc) => oc.columns(['norm', 'entity_id']).doNothing());
  }
}

/** Local entity id → KB id for every entity of the article, merges followed. */
export async function resolveIdentities(trx: Transaction<any>, record: ArticleRecord): Promise<Map<string, string>> {
  const entities = withRoleAffiliations(record.entities);
  const kb = await Identities.load(trx, entities);
  const kbIds = new Map<string, string>();
  for (const e of entities) kbIds.set(e.id, await kb.resolve(e, record.article.published));
  await kb.save();
  // An entity resolved to an unnamed one that a later entity of this article then named follows the merge.
  for (const [local, id] of kbIds) kbIds.set(local, kb.merged.get(id) ?? id);
  return kbIds;
}

