/**
 * Opening one of our SQLite files: WAL (readers never block the writer; a crash mid-write
 * cannot corrupt the file), synchronous=NORMAL (a committed transaction survives a killed
 * process; power loss may drop the last commits, never corrupts), a busy timeout (vn.py, the
 * app and `tstrader` tasks may hold the same file), then the schema and its version.
 *
 * Two processes opening a fresh folder at the same moment race for the switch to WAL, which
 * needs the file to themselves: the loser gets SQLITE_BUSY at once, even with a busy timeout
 * set, when waiting could deadlock. So the whole open is retried for a while before failing.
 *
 * A file SQLite says is not a database, or finds damaged, is not built on: with `onCorrupt`
 * it is renamed aside (with its -wal and -shm companions) and a fresh file started.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { corruptName } from './move-aside';

/** How long a locked first open is retried before the error goes up. */
const DEFAULT_BUSY_RETRY_MS = 15_000;

export interface OpenSqliteOptions {
  /** run PRAGMA quick_check at open, so damage deep in the file is found before it is used */
  verify?: boolean;
  /** rename a corrupt file aside and start a fresh one; told where the old one went */
  onCorrupt?: (movedTo: string, reason: string) => void;
  /** the clock of the .corrupt- stamp (tests) */
  now?: () => Date;
  /** how long a locked first open is retried before the error goes up, ms (15 s; tests) */
  busyRetryMs?: number;
}

export function openSqlite(file: string, schema: string, schemaVersion: number, options: OpenSqliteOptions = {}): Database.Database {
  const { onCorrupt } = options;
  let movedTo: string | undefined;
  // Moved while the failed connection is still open: closing it would delete the -wal.
  const keepCorrupt = onCorrupt
    ? (error: unknown) => {
      if (isCorruption(error)) movedTo = moveDatabaseAside(file, (options.now ?? (() => new Date()))());
    }
    : undefined;
  const retryMs = options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS;
  try {
    return openRetryingBusy(file, schema, schemaVersion, options.verify ?? false, keepCorrupt, retryMs);
  } catch (error) {
    if (!onCorrupt || movedTo === undefined) throw error;
    onCorrupt(movedTo, error instanceof Error ? error.message : String(error));
    return openRetryingBusy(file, schema, schemaVersion, false, undefined, retryMs);
  }
}

type OnFailure = ((error: unknown) => void) | undefined;

function openRetryingBusy(file: string, schema: string, schemaVersion: number, verify: boolean, onFailure: OnFailure, retryMs: number): Database.Database {
  const deadline = Date.now() + retryMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      return openOnce(file, schema, schemaVersion, verify, onFailure);
    } catch (error) {
      if (!isBusy(error) || Date.now() + delay > deadline) throw error;
      sleep(delay + Math.random() * delay);
    }
  }
}

function openOnce(file: string, schema: string, schemaVersion: number, verify: boolean, onFailure: OnFailure): Database.Database {
  const db = new Database(file);
  try {
    // The busy timeout first: every statement below may meet another process's lock.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (verify) {
      const result = db.pragma('quick_check', { simple: true }) as string;
      if (result !== 'ok') throw Object.assign(new Error(`quick_check: ${result}`), { code: 'SQLITE_CORRUPT' });
    }
    db.exec(schema);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < schemaVersion) db.pragma(`user_version = ${schemaVersion}`);
    return db;
  } catch (err) {
    try {
      onFailure?.(err);
    } finally {
      db.close();
    }
    throw err;
  }
}

/** The error codes of a file that is not (or no longer) a usable database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** The error codes of a file another connection holds: worth waiting for. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Rename the file and its WAL companions together: a fresh database.db beside an old
 * database.db-wal could have the old pages replayed into it.
 */
function moveDatabaseAside(file: string, when: Date): string {
  const target = corruptName(file, when, (c) => fs.existsSync(c) || fs.existsSync(`${c}-wal`));
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

/** A synchronous pause: opening is synchronous, and only retries a first open. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
