import { Kysely, sql, type Migration, type MigrationProvider } from 'kysely';
import { createMessagesTable } from './messages.js';
import { CORRECTIONS_MIGRATION, correctionsMigration } from './corrections-schema.js';
import { member } from './grouping.js';

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
    },
  },
};

/** Full text differs per dialect: SQLite FTS5 external-content table kept by triggers; PostgreSQL tsvector + GIN. */
function fullText(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') {
        await sql`ALTER TABLE statements ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED`.execute(db);
        await sql`CREATE INDEX IF NOT EXISTS statements_tsv ON statements USING gin (tsv)`.execute(db);
        return;
      }
      await sql`CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(text, content='statements', content_rowid='rowid', tokenize='porter unicode61')`.execute(db);
      await sql`CREATE TRIGGER IF NOT EXISTS statements_fts_ai AFTER INSERT ON statements BEGIN INSERT INTO statements_fts(rowid, text) VALUES (new.rowid, new.text); END`.execute(db);
      await sql`CREATE TRIGGER IF NOT EXISTS statements_fts_ad AFTER DELETE ON statements BEGIN INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END`.execute(db);
      await sql`CREATE TRIGGER IF NOT EXISTS statements_fts_au AFTER UPDATE OF text ON statements BEGIN INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.rowid, old.text); INSERT INTO statements_fts(rowid, text) VALUES (new.rowid, new.text); END`.execute(db);
      // Statements stored before this migration get indexed too.
      await sql`INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')`.execute(db);
    },
  };
}

/**
 * Newest first pages (`order: 'desc'`, undated last) read straight from an index instead of sorting every match:
 * PostgreSQL scans a plain index backwards as DESC NULLS FIRST, so without these a speaker with 40,000
 * statements or a common word sorted all its rows (140 ms at 1M statements; scripts/bench/query.ts).
 * SQLite's DESC already puts NULL last, so it needs nothing here.
 */
function newestFirst(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== 'postgres') return;
      await sql`CREATE INDEX IF NOT EXISTS statements_speaker_desc ON statements (speaker_kb_id, sort_date DESC NULLS LAST)`.execute(db);
      await sql`CREATE INDEX IF NOT EXISTS statements_sort_date_desc ON statements (sort_date DESC NULLS LAST)`.execute(db);
    },
  };
}

/**
 * Oldest first pages of a common word in SQLite walk the dates in order (src/store/kysely-store.ts, statements()):
 * ASC NULLS LAST cannot be read from a plain index, where NULL comes first, but it is this expression's order
 * ('~' sorts after every date). Newest first reads statements_sort_date backwards. PostgreSQL needs nothing.
 */
function oldestFirst(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== 'sqlite') return;
      await sql`CREATE INDEX IF NOT EXISTS statements_sort_date_asc ON statements (coalesce(sort_date, '~'))`.execute(db);
    },
  };
}

/**
 * PostgreSQL: a sequence that every committed write moves on (src/store/kysely-store.ts, putArticle), so that a
 * server's cached counts see writes of other processes. Sequences are outside transactions: read by anyone
 * at once, never a lock between writers. SQLite has `PRAGMA data_version` for the same and needs nothing.
 */
export const GENERATION_MIGRATION = '0005_generation';

function generation(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') await sql`CREATE SEQUENCE IF NOT EXISTS store_generation`.execute(db);
    },
  };
}

/**
 * Utterances as a function of the stored set (src/store/grouping.ts): each statement keeps its speaker key
 * (the utterance's: KB id, else "name:…", else "none"), fingerprint and whether it looks cut at the start, so a
 * writer finds the stored reports it links to from the statements themselves. Existing rows are filled in;
 * their groups stay as stored until an article of theirs is stored again.
 */
const statementKeys: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('statements').addColumn('speaker_key', 'text').execute();
    await db.schema.alterTable('statements').addColumn('fingerprint', 'text').execute();
    await db.schema.alterTable('statements').addColumn('cut', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update statements set speaker_key = (select u.speaker_kb_id from utterances u where u.id = statements.utterance_id)`.execute(db);
    await sql`update statements set speaker_key = 'none' where speaker_key is null`.execute(db);
    for (let after = ''; ;) {
      const rows = await db.selectFrom('statements').select(['id', 'text', 'type']).where('id', '>', after).orderBy('id').limit(1000).execute();
      if (!rows.length) break;
      for (const r of rows) {
        const m = member(r.id, r.text, r.type, '', null, null);
        await db.updateTable('statements').set({ fingerprint: m.fp, cut: m.cut ? 1 : 0 }).where('id', '=', r.id).execute();
      }
      after = rows.at(-1)!.id;
    }
    await db.schema.createIndex('statements_speaker_key_fp').on('statements').columns(['speaker_key', 'fingerprint']).execute();
    await db.schema.createIndex('statements_speaker_key_cut').on('statements').column('speaker_key').where(sql.ref('cut'), '=', 1).execute();
  },
};

export function migrationProvider(dialect: 'sqlite' | 'postgres', upTo?: string): MigrationProvider {
  const all: Record<string, Migration> = {
    ...migrations, '0002_full_text': fullText(dialect), '0003_newest_first': newestFirst(dialect), '0004_oldest_first_words': oldestFirst(dialect), [GENERATION_MIGRATION]: generation(dialect),
    // Extraction messages per article, for the corpus overview (src/store/messages.ts). Articles stored before have none.
    '0020_article_messages': { up: createMessagesTable },
    [CORRECTIONS_MIGRATION]: correctionsMigration(dialect),
    '0050_statement_keys': statementKeys,
  };
  const names = Object.keys(all).sort().filter((n) => !upTo || n <= upTo);
  return { getMigrations: async () => Object.fromEntries(names.map((n) => [n, all[n]!])) };
}
