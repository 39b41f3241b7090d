import type { Kysely } from 'kysely';
import type { EntityRef, StatementEntities } from '../types.js';
import { chunks } from './rows.js';

/** Each statement's speaker and mentioned entities as typed references: what linked data needs to type its nodes. */
export async function statementEntities(db: Kysely<any>, ids: readonly string[]): Promise<Map<string, StatementEntities>> {
  const out = new Map<string, { speaker?: EntityRef; mentions: EntityRef[] }>();
  const ref = (r: any): EntityRef => ({ id: r.id, name: r.name, type: r.type });
  for (const part of chunks([...new Set(ids)], 500)) {
    const speakers = await db.selectFrom('statements as s').innerJoin('kb_entities as e', 'e.id', 's.speaker_kb_id')
      .select(['s.id as sid', 'e.id', 'e.name', 'e.type']).where('s.id', 'in', part).execute();
    for (const r of speakers) out.set(r.sid, { speaker: ref(r), mentions: [] });
    const mentions = await db.selectFrom('statement_entities as m').innerJoin('kb_entities as e', 'e.id', 'm.entity_id')
      .select(['m.statement_id as sid', 'e.id', 'e.name', 'e.type']).where('m.statement_id', 'in', part).orderBy('e.name').orderBy('e.id').execute();
    for (const r of mentions) {
      const entry = out.get(r.sid) ?? { mentions: [] };
      entry.mentions.push(ref(r));
      out.set(r.sid, entry);
    }
  }
  return out;
}
