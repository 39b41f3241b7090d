import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { OnrecordError } from '../errors.js';
import type { Store } from '../types.js';
import { KyselyStore } from './kysely-store.js';
import { GENERATION_MIGRATION, migrationProvider } from './schema.js';
import { CORRECTIONS_MIGRATION } from './corrections-schema.js';
import { BUSY_TIMEOUT_MS, ImmediateSqliteDialect, preparedOnce } from './sqlite.js';

export { DEFAULT_LIMIT, MAX_LIMIT, MAX_SPANS, TOTAL_CAP } from './rows.js';
export { fingerprint, normName, quoteWords } from './words.js';

type Db = Kysely<any>;

export interface OpenOptions {
  readonly url?: string;
  readonly file?: string;
  /** PostgreSQL schema (search_path) to use, created when missing. */
  readonly schema?: string;
  /** Migrate only up to this migration (tests of forward migration from an older database). */
  readonly migrateTo?: string;
}

/**
 * Kysely runs SQLite migrations outside any transaction and without a lock (its adapter has no transactional
 * DDL), so two processes opening a new file at once both migrated and one failed on kysely_migration. One write
 * transaction around the lot makes the second wait (busy handler), then find the migrations done.
 */
async function migrateAlone(db: Db, migrator: Migrator): Promise<{ error?: unknown }> {
  await sql`begin immediate`.execute(db);
  const result = await migrator.migrateToLatest().catch((error: unknown) => ({ error }));
  // A failed statement may have ended the transaction already: then there is nothing to roll back.
  if (result.error) await sql`rollback`.execute(db).catch(() => {});
  else await sql`commit`.execute(db);
  return result;
}

export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const url = options.url ?? process.env.DATABASE_URL;
  const postgres = !!url && /^postgres(ql)?:\/\//.test(url);
  if (url && !postgres) throw new OnrecordError('ONR_ERR_OPTION', `DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.slice(0, 40)}"); unset it to use the embedded store`);
  let db: Db;
  let generation: () => string | Promise<string>;
  if (postgres) {
    // Loaded only for PostgreSQL: the embedded store's commands start ~0.1 s sooner without it.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 10, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
    // An idle connection the server ends (a restart, pg_terminate_backend) errors on the pool, not on a query:
    // the pool drops it and connects again on next use, so it must not end the process as an unhandled error.
    pool.on('error', () => {});
    if (options.schema) {
      const client = await pool.connect();
      try { await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`); } finally { client.release(); }
    }
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    // A store held at an older migration (tests of migrating) has no sequence: nothing is cached there.
    let uncached = 0;
    generation = options.migrateTo && options.migrateTo < GENERATION_MIGRATION ? () => String(uncached++)
      : async () => String((await sql<{ v: string }>`select last_value as v from store_generation`.execute(db)).rows[0]?.v);
  } else {
    const file = options.file ?? 'onrecord.db';
    let sqlite: Database.Database;
    try { sqlite = new Database(file); } catch (error) {
      throw new OnrecordError('ONR_ERR_STORE', `cannot open ${file}: ${(error as Error).message}`);
    }
    try {
      // The busy handler first: switching to WAL itself waits on a process that is opening the same file.
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    } catch (error) {
      sqlite.close();
      throw new OnrecordError('ONR_ERR_STORE', `cannot open ${file}: it is not an onrecord store (${(error as Error).message})`);
    }
    db = new Kysely({ dialect: new ImmediateSqliteDialect({ database: preparedOnce(sqlite) }) });
    // data_version moves when another connection commits (this connection's own commits are counted by the store).
    const version = sqlite.prepare('PRAGMA data_version').pluck();
    generation = () => String(version.get());
  }
  const migrator = new Migrator({ db, provider: migrationProvider(postgres ? 'postgres' : 'sqlite', options.migrateTo), ...(postgres && options.schema ? { migrationTableSchema: options.schema } : {}) });
  const { error } = postgres ? await migrator.migrateToLatest() : await migrateAlone(db, migrator);
  if (error) {
    await db.destroy();
    throw new OnrecordError('ONR_ERR_MIGRATION', `cannot migrate the store: ${(error as Error).message ?? error}`);
  }
  return new KyselyStore(db, postgres ? 'postgres' : 'sqlite', generation, !options.migrateTo || options.migrateTo >= GENERATION_MIGRATION,
    !options.migrateTo || options.migrateTo >= CORRECTIONS_MIGRATION);
}
