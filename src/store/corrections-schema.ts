import type { Kysely, Migration } from 'kysely';

export const CORRECTIONS_MIGRATION = '0030_corrections';

/**
 * The corrections log (append-only: rows are inserted, never updated) and each correction's current state. Ids are a sequence, so the log's order is its ids'.
 */
export function correctionsMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('corrections').ifNotExists()
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('editor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('article_id', 'text')
        // The statement's words before the change (what it is found by) and after it (what it is found by next).
        .addColumn('words', 'text')
        .addColumn('result_words', 'text')
        .addColumn('statement_id', 'text')
        .addColumn('entity_id', 'text')
        // Another entity the change involves (the new speaker, the entity merged into, the one split off).
        .addColumn('related_entity', 'text')
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('after', 'text', (c) => c.notNull())
        .addColumn('undo_of', 'integer')
        .execute();
      for (const col of ['article_id', 'statement_id', 'entity_id', 'related_entity', 'undo_of']) {
        await db.schema.createIndex(`corrections_${col}`).ifNotExists().on('corrections').column(col).execute();
      }
      // Where each correction stands now: applied (with what its undo must put back, which a replay on a new
      // version of the article refreshes) or unmatched (its article was stored again without its words).
      await db.schema.createTable('correction_state').ifNotExists()
        .addColumn('correction_id', 'integer', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'text')
        .addColumn('before', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
