import { Kysely, sql, type Migration, type MigrationProvider } from 'kysely';

/** Migrations live in code so a packaged install needs no migration files; they run on open. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('articles').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('url', 'text').addColumn('title', 'text').addColumn('outlet', 'text')
        .addColumn('authors', 'text', (c) => c.notNull()).addColumn('published', 'text')
        .addColumn('language', 'text').addColumn('source', 'text', (c) => c.notNull())
        .addColumn('entities', 'text', (c) => c.notNull())
        .addColumn('statement_count', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createTable('kb_entities').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('surname', 'text')
        .addColumn('unnamed', 'integer', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('kb_entities_surname').ifNotExists().on('kb_entities').columns(['type', 'surname']).execute();
      await db.schema.createTable('aliases').ifNotExists()
        .addColumn('norm', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('alias', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('aliases_pk', ['norm', 'entity_id'])
        .execute();
      await db.schema.createIndex('aliases_entity').ifNotExists().on('aliases').column('entity_id').execute();
      await db.schema.createTable('utterances').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('speaker_kb_id', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('utterances_speaker').ifNotExists().on('utterances').columns(['speaker_kb_id', 'fingerprint']).execute();
      await db.schema.createTable('statements').ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('start_pos', 'integer', (c) => c.notNull())
        .addColumn('end_pos', 'integer', (c) => c.notNull())
        .addColumn('speaker_name', 'text').addColumn('speaker_mention', 'text')
        .addColumn('speaker_local', 'text').addColumn('speaker_kb_id', 'text')
        .addColumn('cue', 'text').addColumn('addressee', 'text').addColumn('via', 'text')
        .addColumn('date', 'text').addColumn('place', 'text')
        .addColumn('sort_date', 'text')
        .addColumn('outlet', 'text')
        .addColumn('utterance_id', 'text', (c) => c.notNull())
        .execute();
      for (const col of ['article_id', 'speaker_kb_id', 'utterance_id', 'sort_date', 'outlet']) {
        await db.schema.createIndex(`statements_${col}`).ifNotExists().on('statements').columns([col, 'sort_date']).execute();
      }
      await db.schema.createTable('statement_entities').ifNotExists()
        .addColumn('statement_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('statement_entities_pk', ['statement_id', 'entity_id'])
        .execute();
      await db.schema.createIndex('statement_entities_entity').ifNotExists().on('statement_entities').column('entity_id').execute();
      void sql;
    },
  },
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
