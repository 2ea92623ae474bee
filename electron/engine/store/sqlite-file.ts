/**
 * Opening one of our SQLite files: WAL (readers never block the writer; a crash mid-write
 * cannot corrupt the file), synchronous=NORMAL (may drop the last commits on power loss,
 * never corrupts), a busy timeout (vn.py may hold the same file), then the schema and its
 * version. A file that fails to open is closed again before the error goes up.
 */
import Database from 'better-sqlite3';

export function openSqlite(file: string, schema: string, schemaVersion: number): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(schema);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < schemaVersion) db.pragma(`user_version = ${schemaVersion}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
