import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

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
