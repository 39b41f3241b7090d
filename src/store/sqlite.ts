import type Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';

/**
 * How long a writer waits for another process's write transaction (SQLite's busy handler). A store write
 * holds the lock for milliseconds to a second (a batch of articles), so a minute means "wait your turn".
 */
export const BUSY_TIMEOUT_MS = 60_000;

/**
 * Write transactions start with BEGIN IMMEDIATE. A plain BEGIN reads first and upgrades to a write lock at the
 * first write; in WAL mode, when another connection committed meanwhile, that upgrade fails at once with
 * SQLITE_BUSY ("database is locked") whatever busy_timeout says, because waiting could not make the snapshot
 * current. Taking the write lock up front lets the busy handler wait, so two `ingest` processes (or ingest
 * beside `serve`) take turns instead of failing articles. Reads outside transactions never take it.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) { super(settings); }
  override createDriver(): Driver { return new ImmediateSqliteDriver(this.settings); }
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL is a good part of a small query's
 * time, and it runs on the event loop. The same SQL text gets the same prepared statement here (bounded,
 * least recently used dropped). Safe because the driver runs one query at a time and never iterates.
 */
export function preparedOnce(db: Database.Database, max = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sqlText: string): SqliteStatement {
      let stmt = statements.get(sqlText);
      if (stmt) statements.delete(sqlText);
      else stmt = db.prepare(sqlText) as unknown as SqliteStatement;
      statements.set(sqlText, stmt);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
      return stmt;
    },
  };
}

/**
 * The store's generation as SQLite sees it: `data_version` moves when another connection commits,
 * `own` counts this connection's commits (which data_version does not show).
 */
export function sqliteGeneration(db: Database.Database, own: () => number): () => string {
  return () => `${db.pragma('data_version', { simple: true })}:${own()}`;
}
