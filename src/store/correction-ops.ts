import { sql, type Transaction } from 'kysely';
import { OnrecordError } from '../errors.js';
import type { DatedRole, EntityType, StatementType } from '../types.js';
import { json } from './rows.js';
import { fingerprint, hash, normName, quoteWords } from './words.js';

/**
 * The changes corrections make to the stored rows, one function each, shared by an editor's edit,
 * its undo and its replay when an article is stored again. Nothing here writes the log.
 */

type Trx = Transaction<any>;

/** Every stored column of a statement (PostgreSQL's generated tsv excluded: it cannot be inserted). */
export const STATEMENT_COLUMNS = [
  'id', 'article_id', 'seq', 'type', 'text', 'start_pos', 'end_pos', 'speaker_name', 'speaker_mention', 'speaker_local',
  'speaker_kb_id', 'cue', 'addressee', 'via', 'date', 'place', 'sort_date', 'outlet', 'utterance_id',
] as const;

export type StatementRow = Record<(typeof STATEMENT_COLUMNS)[number], any>;

const fail = (detail: string): never => { throw new OnrecordError('ONR_ERR_CORRECTION', detail); };

/** The speaker fields of a row: what `reassign` changes and its undo restores. */
export interface SpeakerFields { speaker_name: string | null; speaker_mention: string | null; speaker_local: string | null; speaker_kb_id: string | null }

export const speakerOf = (r: StatementRow): SpeakerFields =>
  ({ speaker_name: r.speaker_name, speaker_mention: r.speaker_mention, speaker_local: r.speaker_local, speaker_kb_id: r.speaker_kb_id });

/** The utterance key insertStatements groups by: the KB id, else the name, else none. */
const speakerKey = (s: SpeakerFields) => s.speaker_kb_id ?? (s.speaker_name ? 'name:' + normName(s.speaker_name) : 'none');

/** Etag of a statement: what an edit changes. */
export const statementEtag = (r: StatementRow) =>
  '"' + hash(json([r.speaker_kb_id, r.speaker_name, r.type, Number(r.start_pos), Number(r.end_pos), r.text])) + '"';

async function dropIfEmpty(trx: Trx, utteranceId: string): Promise<void> {
  await trx.deleteFrom('utterances').where('id', '=', utteranceId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('statements').select('id').where('utterance_id', '=', utteranceId)))).execute();
}

/** A statement whose speaker changed joins that speaker's utterance of the same words, or starts its own. */
async function regroup(trx: Trx, row: StatementRow, key: string): Promise<void> {
  const fp = fingerprint(quoteWords(row.text));
  const same = await trx.selectFrom('utterances').select('id').where('speaker_kb_id', '=', key).where('fingerprint', '=', fp)
    .where('id', '!=', row.utterance_id).executeTakeFirst();
  const others = await trx.selectFrom('statements').select('id').where('utterance_id', '=', row.utterance_id).where('id', '!=', row.id).limit(1).executeTakeFirst();
  if (!same && !others) {
    await trx.updateTable('utterances').set({ speaker_kb_id: key }).where('id', '=', row.utterance_id).execute();
    return;
  }
  const target = same?.id ?? 'u' + hash(key, row.id, String(Date.now()), String(Math.random()));
  if (!same) await trx.insertInto('utterances').values({ id: target, speaker_kb_id: key, fingerprint: fp, text: row.text }).execute();
  await trx.updateTable('statements').set({ utterance_id: target }).where('id', '=', row.id).execute();
  await dropIfEmpty(trx, row.utterance_id);
}

export async function setSpeaker(trx: Trx, row: StatementRow, speaker: SpeakerFields): Promise<void> {
  await trx.updateTable('statements').set(speaker).where('id', '=', row.id).execute();
  await regroup(trx, row, speakerKey(speaker));
}

/** The KB entity a reassignment names: the one with that id, else the one known by that name, else a new one. */
export async function speakerEntity(trx: Trx, want: { kbId?: string; name?: string; type?: EntityType }): Promise<{ id: string; name: string; created: boolean }> {
  if (want.kbId) {
    const row = await trx.selectFrom('kb_entities').select(['id', 'name']).where('id', '=', want.kbId).executeTakeFirst();
    if (row) return { id: row.id, name: row.name, created: false };
  }
  const name = want.name?.trim() || fail(`no entity ${JSON.stringify(want.kbId)} and no name for a new one`);
  const known = await trx.selectFrom('aliases as x').innerJoin('kb_entities as k', 'k.id', 'x.entity_id').select(['k.id', 'k.name'])
    .where('x.norm', '=', normName(name)).where('k.type', '=', want.type ?? 'person').limit(2).execute();
  if (known.length === 1) return { id: known[0]!.id, name: known[0]!.name, created: false };
  const id = want.kbId ?? 'k' + hash('correction', normName(name), String(Date.now()), String(Math.random()));
  await createEntity(trx, id, want.type ?? 'person', name);
  return { id, name, created: true };
}

async function createEntity(trx: Trx, id: string, type: string, name: string): Promise<void> {
  const words = normName(name).split(' ').filter(Boolean);
  await trx.insertInto('kb_entities').values({ id, type, name, surname: type === 'person' && words.length >= 2 ? words.at(-1)! : null, unnamed: 0, roles: '[]' }).execute();
  if (words.length) await trx.insertInto('aliases').values({ norm: normName(name), entity_id: id, alias: name }).onConflict((oc) => oc.doNothing()).execute();
}

/** Removes a statement ("not a statement"), returning what its undo puts back. */
export async function retract(trx: Trx, row: StatementRow): Promise<{ row: StatementRow; mentions: string[] }> {
  const mentions = (await trx.selectFrom('statement_entities').select('entity_id').where('statement_id', '=', row.id).execute()).map((r) => r.entity_id as string);
  await trx.deleteFrom('statement_entities').where('statement_id', '=', row.id).execute();
  await trx.deleteFrom('statements').where('id', '=', row.id).execute();
  await dropIfEmpty(trx, row.utterance_id);
  await trx.updateTable('articles').set({ statement_count: sql`statement_count - 1` }).where('id', '=', row.article_id).execute();
  return { row, mentions };
}

export async function restore(trx: Trx, saved: { row: StatementRow; mentions: string[] }): Promise<void> {
  const { row } = saved;
  if (!(await trx.selectFrom('articles').select('id').where('id', '=', row.article_id).executeTakeFirst())) fail(`article ${row.article_id} is no longer stored`);
  if (await trx.selectFrom('statements').select('id').where('id', '=', row.id).executeTakeFirst()) return;
  if (!(await trx.selectFrom('utterances').select('id').where('id', '=', row.utterance_id).executeTakeFirst())) {
    await trx.insertInto('utterances').values({ id: row.utterance_id, speaker_kb_id: speakerKey(row), fingerprint: fingerprint(quoteWords(row.text)), text: row.text }).execute();
  }
  await trx.insertInto('statements').values(Object.fromEntries(STATEMENT_COLUMNS.map((c) => [c, row[c]]))).execute();
  const known = await trx.selectFrom('kb_entities').select('id').where('id', 'in', saved.mentions.length ? saved.mentions : ['']).execute();
  for (const { id } of known) await trx.insertInto('statement_entities').values({ statement_id: row.id, entity_id: id }).onConflict((oc) => oc.doNothing()).execute();
  await trx.updateTable('articles').set({ statement_count: sql`statement_count + 1` }).where('id', '=', row.article_id).execute();
}

export async function setType(trx: Trx, row: StatementRow, type: StatementType): Promise<void> {
  await trx.updateTable('statements').set({ type }).where('id', '=', row.id).execute();
}

/** The occurrence of `text` in the article nearest the statement's old start: its new span. */
export async function spanOf(trx: Trx, row: StatementRow, text: string): Promise<{ text: string; start: number; end: number }> {
  const words = text.trim();
  if (!words) fail('the new span is empty');
  const article = await trx.selectFrom('articles').select('text').where('id', '=', row.article_id).executeTakeFirstOrThrow();
  let best = -1;
  for (let at = article.text.indexOf(words); at >= 0; at = article.text.indexOf(words, at + 1)) {
    if (best < 0 || Math.abs(at - row.start_pos) < Math.abs(best - row.start_pos)) best = at;
  }
  if (best < 0) fail(`the words ${JSON.stringify(words.slice(0, 80))} are not in the article's text`);
  return { text: words, start: best, end: best + words.length };
}

export async function setSpan(trx: Trx, row: StatementRow, span: { text: string; start: number; end: number }): Promise<void> {
  await trx.updateTable('statements').set({ text: span.text, start_pos: span.start, end_pos: span.end }).where('id', '=', row.id).execute();
}

// ---------------------------------------------------------------------------
// Entities.

export interface EntityRow { id: string; type: string; name: string; surname: string | null; unnamed: number; roles: string }

export async function entityRow(trx: Trx, id: string): Promise<EntityRow> {
  return (await trx.selectFrom('kb_entities').selectAll().where('id', '=', id).executeTakeFirst()) as EntityRow ?? fail(`no entity ${JSON.stringify(id)}`);
}

async function aliasesOf(trx: Trx, id: string): Promise<{ norm: string; alias: string }[]> {
  return trx.selectFrom('aliases').select(['norm', 'alias']).where('entity_id', '=', id).orderBy('norm').execute();
}

export async function entityEtagOf(trx: Trx | import('kysely').Kysely<any>, id: string): Promise<string | undefined> {
  const row = await trx.selectFrom('kb_entities').select(['name', 'roles']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const aliases = await trx.selectFrom('aliases').select('norm').where('entity_id', '=', id).orderBy('norm').execute();
  return '"' + hash(json([row.name, row.roles, aliases.map((a) => a.norm)])) + '"';
}

export async function rename(trx: Trx, row: EntityRow, name: string): Promise<void> {
  const words = normName(name).split(' ').filter(Boolean);
  if (!words.length) fail('the new name has no letters or digits');
  await trx.updateTable('kb_entities').set({ name, surname: row.type === 'person' && words.length >= 2 ? words.at(-1)! : row.surname }).where('id', '=', row.id).execute();
  // The old name stays an alias: articles that use it still resolve here.
  await trx.insertInto('aliases').values({ norm: normName(name), entity_id: row.id, alias: name }).onConflict((oc) => oc.doNothing()).execute();
}

export async function setName(trx: Trx, id: string, name: string, surname: string | null): Promise<void> {
  await trx.updateTable('kb_entities').set({ name, surname }).where('id', '=', id).execute();
}

export async function setRoles(trx: Trx, id: string, roles: readonly DatedRole[]): Promise<void> {
  await trx.updateTable('kb_entities').set({ roles: json(roles) }).where('id', '=', id).execute();
}

export function withRole(roles: readonly DatedRole[], role: string, first?: string): DatedRole[] {
  if (roles.some((r) => r.role.toLowerCase() === role.toLowerCase() && !r.ended)) fail(`the entity already has the role ${JSON.stringify(role)}`);
  return [...roles, { role, ...(first ? { first } : {}) }];
}

export function endedRole(roles: readonly DatedRole[], role: string, ended: string): DatedRole[] {
  const i = roles.findIndex((r) => r.role.toLowerCase() === role.toLowerCase() && !r.ended);
  if (i < 0) fail(`the entity has no current role ${JSON.stringify(role)}`);
  return roles.map((r, j) => (j === i ? { ...r, ended } : r));
}

/** What a merge moved, so that its undo can move it back. */
export interface Moved {
  readonly from: EntityRow;
  readonly aliases: { norm: string; alias: string }[];
  /** Aliases the target had already (they stay with it on undo). */
  readonly intoNorms: string[];
  readonly intoRoles: string;
  readonly statements: string[];
  readonly utterances: string[];
  readonly mentions: string[];
  /** Mentions of the target that the merge added (removed again on undo). */
  readonly addedMentions: string[];
}

/** Moves aliases, roles, statements and mentions of `from` onto `into`, then removes `from`. */
export async function mergeEntities(trx: Trx, from: EntityRow, into: EntityRow): Promise<Moved> {
  if (from.id === into.id) fail('an entity cannot be merged into itself');
  const aliases = await aliasesOf(trx, from.id);
  const intoNorms = (await aliasesOf(trx, into.id)).map((a) => a.norm);
  const statements = (await trx.selectFrom('statements').select('id').where('speaker_kb_id', '=', from.id).execute()).map((r) => r.id as string);
  const utterances = (await trx.selectFrom('utterances').select('id').where('speaker_kb_id', '=', from.id).execute()).map((r) => r.id as string);
  const mentions = (await trx.selectFrom('statement_entities').select('statement_id').where('entity_id', '=', from.id).execute()).map((r) => r.statement_id as string);
  const had = new Set((await trx.selectFrom('statement_entities').select('statement_id').where('entity_id', '=', into.id).where('statement_id', 'in', mentions.length ? mentions : ['']).execute()).map((r) => r.statement_id as string));
  await trx.updateTable('statements').set({ speaker_kb_id: into.id }).where('speaker_kb_id', '=', from.id).execute();
  await trx.updateTable('utterances').set({ speaker_kb_id: into.id }).where('speaker_kb_id', '=', from.id).execute();
  await sql`insert into statement_entities (statement_id, entity_id) select statement_id, ${into.id} from statement_entities where entity_id = ${from.id} on conflict do nothing`.execute(trx);
  await trx.deleteFrom('statement_entities').where('entity_id', '=', from.id).execute();
  await sql`update aliases set entity_id = ${into.id} where entity_id = ${from.id} and norm not in (select norm from aliases where entity_id = ${into.id})`.execute(trx);
  await trx.deleteFrom('aliases').where('entity_id', '=', from.id).execute();
  const roles = [...JSON.parse(into.roles) as DatedRole[]];
  for (const r of JSON.parse(from.roles) as DatedRole[]) if (!roles.some((x) => x.role.toLowerCase() === r.role.toLowerCase())) roles.push(r);
  await setRoles(trx, into.id, roles);
  await trx.deleteFrom('kb_entities').where('id', '=', from.id).execute();
  return { from, aliases, intoNorms, intoRoles: into.roles, statements, utterances, mentions, addedMentions: mentions.filter((m) => !had.has(m)) };
}

export async function unmerge(trx: Trx, intoId: string, moved: Moved): Promise<void> {
  const f = moved.from;
  await trx.insertInto('kb_entities').values(f).execute();
  const keep = new Set(moved.intoNorms);
  for (const a of moved.aliases) {
    if (!keep.has(a.norm)) await trx.deleteFrom('aliases').where('entity_id', '=', intoId).where('norm', '=', a.norm).execute();
    await trx.insertInto('aliases').values({ norm: a.norm, entity_id: f.id, alias: a.alias }).onConflict((oc) => oc.doNothing()).execute();
  }
  const some = (xs: string[]) => (xs.length ? xs : ['']);
  await trx.updateTable('statements').set({ speaker_kb_id: f.id }).where('id', 'in', some(moved.statements)).where('speaker_kb_id', '=', intoId).execute();
  await trx.updateTable('utterances').set({ speaker_kb_id: f.id }).where('id', 'in', some(moved.utterances)).where('speaker_kb_id', '=', intoId).execute();
  await trx.deleteFrom('statement_entities').where('entity_id', '=', intoId).where('statement_id', 'in', some(moved.addedMentions)).execute();
  const present = await trx.selectFrom('statements').select('id').where('id', 'in', some(moved.mentions)).execute();
  for (const { id } of present) await trx.insertInto('statement_entities').values({ statement_id: id, entity_id: f.id }).onConflict((oc) => oc.doNothing()).execute();
  await setRoles(trx, intoId, JSON.parse(moved.intoRoles) as DatedRole[]);
}

/** A new entity called `name` takes the chosen aliases and statements of `from`. */
export async function splitEntity(trx: Trx, from: EntityRow, newId: string, name: string, aliases: readonly string[], statementIds: readonly string[]): Promise<{ aliases: string[]; statements: { id: string; name: string | null }[] }> {
  await createEntity(trx, newId, from.type, name);
  const norms = [...new Set(aliases.map(normName).filter(Boolean))];
  const own = (await aliasesOf(trx, from.id)).filter((a) => norms.includes(a.norm));
  for (const a of own) {
    await trx.deleteFrom('aliases').where('entity_id', '=', from.id).where('norm', '=', a.norm).execute();
    await trx.insertInto('aliases').values({ norm: a.norm, entity_id: newId, alias: a.alias }).onConflict((oc) => oc.doNothing()).execute();
  }
  const rows = (await trx.selectFrom('statements').select([...STATEMENT_COLUMNS]).where('speaker_kb_id', '=', from.id)
    .where('id', 'in', statementIds.length ? [...statementIds] : ['']).execute()) as StatementRow[];
  for (const row of rows) await setSpeaker(trx, row, { ...speakerOf(row), speaker_kb_id: newId, speaker_name: name });
  return { aliases: own.map((a) => a.alias), statements: rows.map((r) => ({ id: r.id, name: r.speaker_name })) };
}

/** Undo of a split: the split-off entity's aliases and statements go back, and it is removed. */
export async function unsplit(trx: Trx, fromId: string, newId: string, statements: { id: string; name: string | null }[]): Promise<void> {
  for (const s of statements) {
    const row = (await trx.selectFrom('statements').select([...STATEMENT_COLUMNS]).where('id', '=', s.id).where('speaker_kb_id', '=', newId).executeTakeFirst()) as StatementRow | undefined;
    if (row) await setSpeaker(trx, row, { ...speakerOf(row), speaker_kb_id: fromId, speaker_name: s.name });
  }
  await sql`update aliases set entity_id = ${fromId} where entity_id = ${newId} and norm not in (select norm from aliases where entity_id = ${fromId})`.execute(trx);
  await trx.deleteFrom('aliases').where('entity_id', '=', newId).execute();
  if (await trx.selectFrom('statements').select('id').where('speaker_kb_id', '=', newId).limit(1).executeTakeFirst()) fail('statements the split moved have another speaker now; undo those changes first');
  await trx.deleteFrom('statement_entities').where('entity_id', '=', newId).execute();
  await trx.deleteFrom('kb_entities').where('id', '=', newId).execute();
}
