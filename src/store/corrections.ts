import type { Kysely, Transaction } from 'kysely';
import { OnrecordError } from '../errors.js';
import type {
  Article, Correction, CorrectionInput, CorrectionKind, CorrectionQuery, CorrectionRequest, DatedRole, EditableStatement, EntityType, Page,
  ReplaySummary, Store,
} from '../types.js';
import {
  STATEMENT_COLUMNS, endedRole, entityEtagOf, entityRow, mergeEntities, rename, restore, retract, setName, setRoles, setSpan, setSpeaker,
  setType, spanOf, speakerEntity, speakerOf, splitEntity, statementEtag, unmerge, unsplit, withRole, type EntityRow, type StatementRow,
} from './correction-ops.js';
import { json, opt, pageOf, toStatement } from './rows.js';
import { hash, normName, quoteWords } from './words.js';

/**
 * Editors' corrections: each is applied and logged in one transaction, undone by a new entry, and applied
 * again whenever its article is stored again (matched by article id and the statement's words), on a new
 * store by import. The log rows are never updated; where a correction stands is kept in correction_state.
 */

type Trx = Transaction<any>;
type Dialect = Store['dialect'];

const STATEMENT_KINDS = new Set<CorrectionKind>(['reassign', 'not-a-statement', 'change-type', 'change-span', 'verify']);
const fail = (detail: string): never => { throw new OnrecordError('ONR_ERR_CORRECTION', detail); };
const conflict = (detail: string): never => { throw new OnrecordError('ONR_ERR_HTTP_CONFLICT', detail); };
const now = () => new Date().toISOString();

/** NUL characters removed from every string handed in (as rows.ts `clean`, arrays kept arrays). */
export function scrub<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '') as T;
  if (Array.isArray(value)) return value.map(scrub) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)])) as T;
  return value;
}

/** What applying a correction did: the log's before and after, and how to find its statement or entities again. */
interface Applied {
  readonly before: unknown;
  readonly after: unknown;
  readonly words?: string;
  readonly resultWords?: string;
  readonly related?: string;
}

async function statementRow(trx: Trx, dialect: Dialect, id: string): Promise<StatementRow> {
  const q = trx.selectFrom('statements').select([...STATEMENT_COLUMNS]).where('id', '=', id);
  const row = await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  return (row as StatementRow | undefined) ?? (() => { throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `statement ${JSON.stringify(id)}`); })();
}

async function lockedEntity(trx: Trx, dialect: Dialect, id: string): Promise<EntityRow> {
  if (dialect === 'postgres') await trx.selectFrom('kb_entities').select('id').where('id', '=', id).forUpdate().execute();
  const row = await trx.selectFrom('kb_entities').selectAll().where('id', '=', id).executeTakeFirst();
  return (row as EntityRow | undefined) ?? (() => { throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `entity ${JSON.stringify(id)}`); })();
}

const entityRef = (r: EntityRow) => ({ id: r.id, name: r.name, type: r.type });

async function applyStatement(trx: Trx, row: StatementRow, input: CorrectionInput): Promise<Applied> {
  const words = quoteWords(row.text);
  switch (input.kind) {
    case 'reassign': {
      const want = input.speaker as { kbId?: string; name?: string; type?: EntityType };
      const target = await speakerEntity(trx, want);
      if (target.id === row.speaker_kb_id) fail('the statement has that speaker already');
      const before = speakerOf(row);
      await setSpeaker(trx, row, { speaker_name: target.name, speaker_mention: row.speaker_mention ?? target.name, speaker_local: null, speaker_kb_id: target.id });
      return { before, after: { speaker: { kbId: target.id, name: target.name, type: want.type ?? 'person' } }, words, resultWords: words, related: target.id };
    }
    case 'not-a-statement':
      return { before: await retract(trx, row), after: null, words, resultWords: words };
    case 'change-type':
      if (row.type === input.type) fail(`the statement is ${input.type} already`);
      await setType(trx, row, input.type);
      return { before: { type: row.type }, after: { type: input.type }, words, resultWords: words };
    case 'change-span': {
      const span = await spanOf(trx, row, input.text);
      await setSpan(trx, row, span);
      return { before: { text: row.text, start: Number(row.start_pos), end: Number(row.end_pos) }, after: span, words, resultWords: quoteWords(span.text) };
    }
    case 'verify':
      if (!input.source.trim()) fail('say what the quote was verified against');
      return { before: null, after: { source: input.source.trim() }, words, resultWords: words };
    default:
      return fail(`${input.kind} is not a statement correction`);
  }
}

async function applyEntity(trx: Trx, dialect: Dialect, row: EntityRow, input: CorrectionInput): Promise<Applied> {
  const target = entityRef(row);
  const roles = JSON.parse(row.roles) as DatedRole[];
  switch (input.kind) {
    case 'rename':
      if (input.name.trim() === row.name) fail(`the entity is called ${JSON.stringify(row.name)} already`);
      await rename(trx, row, input.name.trim());
      return { before: { name: row.name, surname: row.surname }, after: { target, name: input.name.trim() } };
    case 'merge': {
      const into = await lockedEntity(trx, dialect, input.into);
      const moved = await mergeEntities(trx, row, into);
      return { before: moved, after: { target, into: entityRef(into) }, related: into.id };
    }
    case 'split': {
      const newId = 'k' + hash('split', row.id, normName(input.name), String(Date.now()), String(Math.random()));
      const refs = (await trx.selectFrom('statements').select(['id', 'article_id', 'text']).where('id', 'in', input.statementIds.length ? [...input.statementIds] : ['']).execute())
        .map((s) => ({ articleId: s.article_id as string, words: quoteWords(s.text) }));
      const moved = await splitEntity(trx, row, newId, input.name.trim() || fail('the new entity needs a name'), input.aliases, input.statementIds);
      if (!moved.aliases.length && !moved.statements.length) fail('choose at least one alias or statement of the entity to move');
      return { before: moved, after: { target, newId, name: input.name.trim(), aliases: moved.aliases, statements: refs }, related: newId };
    }
    case 'add-role': {
      const next = withRole(roles, input.role.trim() || fail('the role is empty'), input.first);
      await setRoles(trx, row.id, next);
      return { before: { roles }, after: { target, role: input.role.trim(), ...(input.first ? { first: input.first } : {}) } };
    }
    case 'end-role': {
      await setRoles(trx, row.id, endedRole(roles, input.role, input.ended));
      return { before: { roles }, after: { target, role: input.role, ended: input.ended } };
    }
    default:
      return fail(`${input.kind} is not an entity correction`);
  }
}

async function setState(trx: Trx, id: number, state: 'applied' | 'unmatched', before: unknown, version?: string): Promise<void> {
  const row = { correction_id: id, state, version: version ?? null, before: before === undefined ? null : json(before), at: now() };
  await trx.insertInto('correction_state').values(row).onConflict((oc) => oc.column('correction_id').doUpdateSet({ state, version: row.version, before: row.before, at: row.at })).execute();
}

async function log(trx: Trx, entry: Record<string, unknown>): Promise<number> {
  const r = await trx.insertInto('corrections').values(entry).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function correct(trx: Trx, dialect: Dialect, input: CorrectionInput, request: CorrectionRequest): Promise<Correction> {
  let applied: Applied;
  let where: Record<string, unknown>;
  if (STATEMENT_KINDS.has(input.kind)) {
    const row = await statementRow(trx, dialect, (input as { statementId: string }).statementId);
    if (request.etag && request.etag !== statementEtag(row)) conflict('another editor changed this statement since you loaded it');
    applied = await applyStatement(trx, row, input);
    where = { article_id: row.article_id, statement_id: row.id };
  } else {
    const row = await lockedEntity(trx, dialect, (input as { entityId: string }).entityId);
    if (request.etag && request.etag !== (await entityEtagOf(trx, row.id))) conflict('another editor changed this entity since you loaded it');
    applied = await applyEntity(trx, dialect, row, input);
    where = { entity_id: row.id };
  }
  const id = await log(trx, {
    at: now(), editor: request.editor, action: input.kind, reason: request.reason?.trim() || null, ...where,
    words: applied.words ?? null, result_words: applied.resultWords ?? null, related_entity: applied.related ?? null,
    before: json(applied.before ?? null), after: json(applied.after ?? null), undo_of: null,
  });
  await setState(trx, id, 'applied', applied.before);
  return (await listCorrections(trx, { id })).items[0]!;
}

/** Log entries that are not undone and undo nothing themselves. */
const activeOnly = (q: any) => q.where('c.action', '!=', 'undo').where(({ not, exists, selectFrom }: any) =>
  not(exists(selectFrom('corrections as u').select('u.id').whereRef('u.undo_of', '=', 'c.id'))));

export async function undo(trx: Trx, dialect: Dialect, id: number, request: CorrectionRequest): Promise<Correction> {
  const entry = await trx.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirst()
    ?? (() => { throw new OnrecordError('ONR_ERR_HTTP_NOT_FOUND', `correction ${id}`); })();
  if (entry.action === 'undo') fail('an undo cannot be undone; make the correction again');
  if (await trx.selectFrom('corrections').select('id').where('undo_of', '=', id).executeTakeFirst()) conflict(`correction ${id} is undone already`);
  const statementKind = STATEMENT_KINDS.has(entry.action);
  const later = await activeOnly(trx.selectFrom('corrections as c').select('c.id').where('c.id', '>', id)).where((eb: any) => statementKind
    ? eb.or([eb('c.statement_id', '=', entry.statement_id), eb.and([eb('c.article_id', '=', entry.article_id), eb('c.words', '=', entry.result_words)])])
    : eb.or(['c.entity_id', 'c.related_entity'].flatMap((col) => [entry.entity_id, entry.related_entity].filter(Boolean).map((v) => eb(col, '=', v))))).executeTakeFirst();
  if (later) conflict(`correction ${later.id} changed the same ${statementKind ? 'statement' : 'entity'} later; undo it first`);
  const state = await trx.selectFrom('correction_state').selectAll().where('correction_id', '=', id).executeTakeFirst();
  if (state?.state === 'unmatched') fail(`correction ${id} matches nothing now, so there is nothing to undo`);
  const before = JSON.parse(state?.before ?? entry.before);
  const after = JSON.parse(entry.after);
  if (statementKind) {
    if (entry.action === 'not-a-statement') await restore(trx, before);
    else if (entry.action !== 'verify') {
      const row = await currentStatement(trx, entry.article_id, entry.statement_id, entry.result_words) ?? fail('the statement is no longer stored');
      if (entry.action === 'reassign') await setSpeaker(trx, row, before);
      else if (entry.action === 'change-type') await setType(trx, row, before.type);
      else await setSpan(trx, row, await spanOf(trx, row, before.text));
    }
  } else if (entry.action === 'rename') await setName(trx, entry.entity_id, before.name, before.surname);
  else if (entry.action === 'merge') await unmerge(trx, entry.related_entity, before);
  else if (entry.action === 'split') await unsplit(trx, entry.entity_id, entry.related_entity, before.statements);
  else await setRoles(trx, (await entityRow(trx, entry.entity_id)).id, before.roles);
  await trx.deleteFrom('correction_state').where('correction_id', '=', id).execute();
  const undoId = await log(trx, {
    at: now(), editor: request.editor, action: 'undo', reason: request.reason?.trim() || null, article_id: entry.article_id, statement_id: entry.statement_id,
    entity_id: entry.entity_id, related_entity: entry.related_entity, words: entry.result_words, result_words: entry.words,
    before: json(after), after: json(JSON.parse(entry.before)), undo_of: id,
  });
  return (await listCorrections(trx, { id: undoId })).items[0]!;
}

/** The statement a correction is about now: by id, else (the article stored again) by its words. */
async function currentStatement(trx: Trx, articleId: string, statementId: string | null, words: string): Promise<StatementRow | undefined> {
  if (statementId) {
    const byId = await trx.selectFrom('statements').select([...STATEMENT_COLUMNS]).where('id', '=', statementId).executeTakeFirst();
    if (byId) return byId as StatementRow;
  }
  const rows = (await trx.selectFrom('statements').select([...STATEMENT_COLUMNS]).where('article_id', '=', articleId).orderBy('seq').execute()) as StatementRow[];
  return rows.find((r) => quoteWords(r.text) === words);
}

/** The input that makes a logged statement correction again, on the statement found by its words. */
function statementInput(entry: any, statementId: string): CorrectionInput {
  const after = JSON.parse(entry.after);
  switch (entry.action) {
    case 'reassign': return { kind: 'reassign', statementId, speaker: after.speaker };
    case 'change-type': return { kind: 'change-type', statementId, type: after.type };
    case 'change-span': return { kind: 'change-span', statementId, text: after.text };
    case 'verify': return { kind: 'verify', statementId, source: after.source };
    default: return { kind: 'not-a-statement', statementId };
  }
}

/**
 * After an article is stored (again): its corrections, in log order, each on the statement with its words.
 * One indexed query when the article has none. A correction whose words are gone is marked unmatched.
 */
export async function reapplyCorrections(trx: Trx, dialect: Dialect, article: Article): Promise<void> {
  const entries = await activeOnly(trx.selectFrom('corrections as c').selectAll('c').where('c.article_id', '=', article.id)).orderBy('c.id').execute();
  for (const entry of entries) await replayStatement(trx, entry, article.version);
}

async function replayStatement(trx: Trx, entry: any, version: string): Promise<boolean> {
  const row = await currentStatement(trx, entry.article_id, null, entry.words);
  if (!row) {
    await setState(trx, entry.id, 'unmatched', undefined, version);
    return false;
  }
  const applied = await applyStatement(trx, row, statementInput(entry, row.id)).catch((error) => {
    // Already so (the extractor now gets it right): nothing to change, and nothing to report.
    if (error instanceof OnrecordError && error.code === 'ONR_ERR_CORRECTION') return undefined;
    throw error;
  });
  await setState(trx, entry.id, 'applied', applied?.before ?? JSON.parse(entry.before), version);
  return true;
}

/** An entity by id, else by name and type (a store rebuilt from the sources gives new ids). */
async function findEntity(trx: Trx, ref: { id: string; name: string; type: string } | undefined): Promise<EntityRow | undefined> {
  if (!ref) return undefined;
  const byId = await trx.selectFrom('kb_entities').selectAll().where('id', '=', ref.id).executeTakeFirst();
  if (byId) return byId as EntityRow;
  const named = await trx.selectFrom('aliases as x').innerJoin('kb_entities as k', 'k.id', 'x.entity_id').selectAll('k')
    .where('x.norm', '=', normName(ref.name)).where('k.type', '=', ref.type).limit(2).execute();
  return named.length === 1 ? (named[0] as EntityRow) : undefined;
}

async function entityInput(trx: Trx, entry: any, row: EntityRow): Promise<CorrectionInput | undefined> {
  const a = JSON.parse(entry.after);
  switch (entry.action) {
    case 'rename': return { kind: 'rename', entityId: row.id, name: a.name };
    case 'add-role': return { kind: 'add-role', entityId: row.id, role: a.role, ...(a.first ? { first: a.first } : {}) };
    case 'end-role': return { kind: 'end-role', entityId: row.id, role: a.role, ended: a.ended };
    case 'merge': {
      const into = await findEntity(trx, a.into);
      return into ? { kind: 'merge', entityId: row.id, into: into.id } : undefined;
    }
    case 'split': {
      const ids: string[] = [];
      for (const s of a.statements as { articleId: string; words: string }[]) {
        const found = await currentStatement(trx, s.articleId, null, s.words);
        if (found) ids.push(found.id);
      }
      return { kind: 'split', entityId: row.id, name: a.name, aliases: a.aliases, statementIds: ids };
    }
    default: return undefined;
  }
}

/** Log entries from another store, in their order: kept with their editors and times, applied where they match. */
export async function importCorrections(trx: Trx, dialect: Dialect, entries: readonly Correction[]): Promise<ReplaySummary> {
  const sorted = [...entries].sort((x, y) => x.id - y.id);
  const undone = new Set(sorted.filter((e) => e.action === 'undo' && e.undoOf !== undefined).map((e) => e.undoOf!));
  const ids = new Map<number, number>();
  let applied = 0;
  let unmatched = 0;
  for (const e of sorted) {
    const id = await log(trx, {
      at: e.at, editor: e.editor, action: e.action, reason: e.reason ?? null, article_id: e.articleId ?? null, statement_id: e.statementId ?? null,
      entity_id: e.entityId ?? null, related_entity: null, words: e.words ?? null, result_words: resultWords(e), before: json(e.before ?? null),
      after: json(e.after ?? null), undo_of: e.undoOf !== undefined ? ids.get(e.undoOf) ?? null : null,
    });
    ids.set(e.id, id);
    if (e.action === 'undo' || undone.has(e.id)) continue;
    const entry = await trx.selectFrom('corrections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (STATEMENT_KINDS.has(e.action)) {
      // An article not stored yet gets its corrections when it is (reapplyCorrections).
      if (!(await trx.selectFrom('articles').select('id').where('id', '=', e.articleId ?? '').executeTakeFirst())) continue;
      if (await replayStatement(trx, entry, '')) applied++;
      else unmatched++;
      continue;
    }
    const row = await findEntity(trx, (e.after as any)?.target);
    const input = row && (await entityInput(trx, entry, row));
    if (!row || !input) {
      await setState(trx, id, 'unmatched', undefined);
      unmatched++;
      continue;
    }
    const done = await applyEntity(trx, dialect, row, input);
    await trx.updateTable('corrections').set({ entity_id: row.id, related_entity: done.related ?? null }).where('id', '=', id).execute();
    await setState(trx, id, 'applied', done.before);
    applied++;
  }
  return { kind: 'replay-summary', imported: sorted.length, applied, unmatched };
}

function resultWords(e: Correction): string | null {
  if (e.action === 'change-span') return quoteWords((e.after as { text: string }).text);
  return e.words ?? null;
}

function toCorrection(r: any): Correction {
  return {
    kind: 'correction', id: Number(r.id), at: r.at, editor: r.editor, action: r.action, before: JSON.parse(r.before), after: JSON.parse(r.after),
    ...opt({ reason: r.reason, articleId: r.article_id, words: r.words, statementId: r.statement_id, entityId: r.entity_id }),
    ...(r.undo_of !== null && r.undo_of !== undefined ? { undoOf: Number(r.undo_of) } : {}),
    ...(r.undone_by !== null && r.undone_by !== undefined ? { undoneBy: Number(r.undone_by) } : {}),
    ...(r.state === 'unmatched' ? { unmatched: { version: r.state_version ?? '', at: r.state_at } } : {}),
  };
}

/** The log, newest first, with each entry's undo and state. */
export async function listCorrections(db: Kysely<any> | Trx, query: CorrectionQuery & { id?: number }): Promise<Page<Correction>> {
  const { limit, offset } = pageOf(query);
  let q = db.selectFrom('corrections as c').leftJoin('correction_state as st', 'st.correction_id', 'c.id');
  if (query.id !== undefined) q = q.where('c.id', '=', query.id);
  if (query.articleId) q = q.where('c.article_id', '=', query.articleId);
  if (query.unmatched) q = q.where('st.state', '=', 'unmatched');
  if (query.entityId) q = q.where((eb) => eb.or([eb('c.entity_id', '=', query.entityId!), eb('c.related_entity', '=', query.entityId!)]));
  if (query.statementId) {
    const s = await db.selectFrom('statements').select(['id', 'article_id', 'text']).where('id', '=', query.statementId).executeTakeFirst();
    const words = s ? quoteWords(s.text) : '\u0000';
    q = q.where((eb) => eb.or([eb('c.statement_id', '=', query.statementId!),
      eb.and([eb('c.article_id', '=', s?.article_id ?? '\u0000'), eb.or([eb('c.words', '=', words), eb('c.result_words', '=', words)])])]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('c').select(['st.state', 'st.version as state_version', 'st.at as state_at'])
    .select((eb) => eb.selectFrom('corrections as u').select('u.id').whereRef('u.undo_of', '=', 'c.id').limit(1).as('undone_by'))
    .orderBy('c.id', 'desc').limit(limit).offset(offset).execute();
  return { items: rows.map(toCorrection), total, limit, offset };
}

export async function editableStatement(db: Kysely<any>, id: string): Promise<EditableStatement | undefined> {
  const row = await db.selectFrom('statements as s').innerJoin('articles as a', 'a.id', 's.article_id')
    .select(STATEMENT_COLUMNS.map((c) => `s.${c}` as const)).select(['a.title as a_title', 'a.url as a_url', 'a.published as a_published'])
    .where('s.id', '=', id).executeTakeFirst();
  return row ? { ...toStatement(row), etag: statementEtag(row as StatementRow) } : undefined;
}
