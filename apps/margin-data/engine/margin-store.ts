/**
 * Market margin data (Tushare margin_detail) in SQLite: <dir>/margin.db, a file of its own
 * rather than a table in the journal's database.db. The journal is the trading record: it
 * must never wait behind a bulk import (SQLite has one writer per file), and vn.py may hold
 * database.db open. margin.db is a cache of public data that can be deleted and imported
 * again at no loss, and can grow to millions of rows (≈4,000 codes × 250 days a year)
 * without weighing on the journal's backups.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../../electron/engine/store/sqlite-file';
import type { StoreLog } from '../../../electron/engine/store/store-log';
import { MARGIN_NUMBER_FIELDS, type MarginCodeInfo, type MarginDetailRow } from '../common/margin-data';

export const MARGIN_DB_FILE = 'margin.db';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS margin_detail (
  ts_code     TEXT NOT NULL,
  trade_date  TEXT NOT NULL,
  name        TEXT,
  rzye        REAL,
  rqye        REAL,
  rzmre       REAL,
  rqyl        REAL,
  rzche       REAL,
  rqchl       REAL,
  rqmcl       REAL,
  rzrqye      REAL,
  source      TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (ts_code, trade_date)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS margin_detail_date ON margin_detail (trade_date);
-- Date ranges an import fetched completely, per code ('*' = every code): inside one, a
-- weekday with no row was not a trading day for the code (see margin-data/trade-dates.ts).
CREATE TABLE IF NOT EXISTS margin_complete (
  scope      TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL,
  PRIMARY KEY (scope, start_date, end_date)
) WITHOUT ROWID;
`;

const COLUMNS = ['ts_code', 'trade_date', 'name', ...MARGIN_NUMBER_FIELDS] as const;
const SELECT_ROW = `SELECT ${COLUMNS.join(', ')} FROM margin_detail`;

export interface DateRangeRow {
  start: string;
  end: string;
}

export class MarginStore {
  private readonly upsert: Database.Statement;
  private readonly addComplete: Database.Statement;
  private readonly range: Database.Statement<[string, string, string], MarginDetailRow>;
  private readonly before: Database.Statement<[string, string], MarginDetailRow>;
  private readonly completeFor: Database.Statement<[string], DateRangeRow>;
  private readonly codeList: Database.Statement<[], MarginCodeInfo>;

  private constructor(private readonly db: Database.Database) {
    // Upsert: a later import of the same code and day replaces the figures (Tushare revises).
    this.upsert = db.prepare(`
      INSERT INTO margin_detail (${COLUMNS.join(', ')}, source, imported_at)
      VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @source, @imported_at)
      ON CONFLICT (ts_code, trade_date) DO UPDATE SET
        ${COLUMNS.filter((c) => c !== 'ts_code' && c !== 'trade_date').map((c) => `${c} = excluded.${c}`).join(', ')},
        source = excluded.source, imported_at = excluded.imported_at`);
    this.addComplete = db.prepare('INSERT OR IGNORE INTO margin_complete (scope, start_date, end_date) VALUES (?, ?, ?)');
    this.range = db.prepare<[string, string, string], MarginDetailRow>(
      `${SELECT_ROW} WHERE ts_code = ? AND trade_date BETWEEN ? AND ? ORDER BY trade_date`);
    this.before = db.prepare<[string, string], MarginDetailRow>(
      `${SELECT_ROW} WHERE ts_code = ? AND trade_date < ? ORDER BY trade_date DESC LIMIT 1`);
    this.completeFor = db.prepare<[string], DateRangeRow>(
      `SELECT start_date AS start, end_date AS end FROM margin_complete WHERE scope = ? OR scope = '*'`);
    this.codeList = db.prepare<[], MarginCodeInfo>(`
      SELECT ts_code, MAX(name) AS name, COUNT(*) AS rows, MIN(trade_date) AS first, MAX(trade_date) AS last
      FROM margin_detail GROUP BY ts_code ORDER BY ts_code`);
  }

  /**
   * Open (creating if needed) margin.db. With `log`, a file SQLite cannot read is renamed
   * aside (`margin.db.corrupt-<time>`), reported with the way to fetch the data again, and an
   * empty one started. No quick_check at open: the file may hold millions of rows, and what
   * it holds can be imported again at no loss.
   */
  static open(file: string, log?: StoreLog): MarginStore {
    // Public data that can be fetched again: losing the last page on power loss is fine.
    const db = openSqlite(file, SCHEMA, SCHEMA_VERSION, log
      ? {
        onCorrupt: (movedTo, reason) =>
          log(`两融数据库 ${path.basename(file)} 已损坏（${reason}），已改名为 ${path.basename(movedTo)} 保留，已新建空库。请在“功能→两融数据”中重新导入。`, 'ERROR'),
      }
      : {});
    return new MarginStore(db);
  }

  /** <dir>/margin.db */
  static openIn(dir: string, log?: StoreLog): MarginStore {
    return MarginStore.open(path.join(dir, MARGIN_DB_FILE), log);
  }

  /**
   * Store one page in one transaction, together with the date ranges it completes
   * (scope: a code, or '*' for every code), so a page is either all there or not at all.
   */
  savePage(rows: readonly MarginDetailRow[], source: 'tushare' | 'csv', importedAt: number, complete: readonly { scope: string; start: string; end: string }[] = []): void {
    this.db.transaction(() => {
      for (const row of rows) this.upsert.run({ ...row, source, imported_at: importedAt });
      for (const c of complete) this.addComplete.run(c.scope, c.start, c.end);
    })();
  }

  /** A code's rows between two dates (YYYYMMDD, inclusive), oldest first. */
  rows(tsCode: string, start = '00000000', end = '99999999'): MarginDetailRow[] {
    return this.range.all(tsCode, start, end);
  }

  /** The code's last row before a date, for the flow identity of the first row in a range. */
  rowBefore(tsCode: string, date: string): MarginDetailRow | null {
    return this.before.get(tsCode, date) ?? null;
  }

  /** Ranges fetched completely for this code (its own and every-code imports). */
  completeRanges(tsCode: string): DateRangeRow[] {
    return this.completeFor.all(tsCode);
  }

  codes(): MarginCodeInfo[] {
    return this.codeList.all();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
