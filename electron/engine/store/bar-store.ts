/**
 * Historical bars in SQLite: <dir>/bar.db, a file of its own so a long import never holds
 * the journal's writer (database.db) and the file can be deleted and imported again at no
 * loss. Three kinds of data:
 *  - bar_chunk: the bars, packed per code, interval and span (bar-chunks.ts says why);
 *  - bar_overview: per code and interval the count and first/last bar, like vn.py's
 *    dbbaroverview, kept in the same transaction as the bars it counts;
 *  - adj_factor: Tushare's adjustment factor per code and day, for 复权 at read time;
 *  - import_task: how far each Tushare import got, so an interrupted one resumes.
 * Prices are stored as traded; adjustment happens when reading (common/bars/adjustment.ts).
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { emptySeries, SERIES_COLUMNS, type AdjFactor, type BarSeries, type Interval } from '../../../common/bars';
import type { Exchange } from '../../../common/constants';
import { bucketOf, COLUMN_COUNT, mergeChunk, unpack } from './bar-chunks';
import { openSqlite } from './sqlite-file';

export const BAR_DB_FILE = 'bar.db';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bar_chunk (
  symbol   TEXT NOT NULL,
  exchange TEXT NOT NULL,
  interval TEXT NOT NULL,
  bucket   INTEGER NOT NULL,
  first    INTEGER NOT NULL,
  last     INTEGER NOT NULL,
  count    INTEGER NOT NULL,
  data     BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS bar_chunk_key ON bar_chunk (symbol, exchange, interval, bucket);
CREATE TABLE IF NOT EXISTS bar_overview (
  symbol   TEXT NOT NULL,
  exchange TEXT NOT NULL,
  interval TEXT NOT NULL,
  count    INTEGER NOT NULL,
  start    INTEGER NOT NULL,
  end      INTEGER NOT NULL,
  PRIMARY KEY (symbol, exchange, interval)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS adj_factor (
  symbol      TEXT NOT NULL,
  exchange    TEXT NOT NULL,
  trade_date  TEXT NOT NULL, -- YYYY-MM-DD
  factor      REAL NOT NULL,
  PRIMARY KEY (symbol, exchange, trade_date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS import_task (
  id          TEXT PRIMARY KEY,
  spec        TEXT NOT NULL,
  through     TEXT NOT NULL DEFAULT '',
  rows        INTEGER NOT NULL DEFAULT 0,
  status      TEXT NOT NULL,
  message     TEXT NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL
);
`;

/** One line of the overview: what is stored for a code and interval. */
export interface BarOverview {
  vt_symbol: string;
  symbol: string;
  exchange: Exchange;
  interval: Interval;
  count: number;
  /** first and last bar start, epoch ms */
  start: number;
  end: number;
}

/** A resumable import's saved state. */
export interface ImportTaskRow {
  id: string;
  spec: string;
  /** the last window stored completely (its meaning is the importer's) */
  through: string;
  rows: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  message: string;
  updated_at: number;
}

type Key = [symbol: string, exchange: string, interval: string];

export class BarStore {
  private readonly chunkAt: Database.Statement<[...Key, number], { count: number; data: Buffer }>;
  private readonly putChunk: Database.Statement<[...Key, number, number, number, number, Buffer]>;
  private readonly chunksIn: Database.Statement<[...Key, number, number]>;
  private readonly summary: Database.Statement<Key, { count: number | null; start: number | null; end: number | null }>;
  private readonly putOverview: Database.Statement<[...Key, number, number, number]>;
  private readonly dropOverview: Database.Statement<Key>;
  private readonly overviewAll: Database.Statement<[], Omit<BarOverview, 'vt_symbol'>>;
  private readonly dropChunks: Database.Statement<Key>;
  private readonly putFactor: Database.Statement<[string, string, string, number]>;
  private readonly factorsOf: Database.Statement<[string, string], { trade_date: string; factor: number }>;
  private readonly dropFactors: Database.Statement<[string, string]>;
  private readonly intervalsOf: Database.Statement<[string, string], { interval: string }>;
  private readonly taskGet: Database.Statement<[string], ImportTaskRow>;
  private readonly taskPut: Database.Statement<[string, string, string, number, string, string, number]>;

  private constructor(private readonly db: Database.Database) {
    this.chunkAt = db.prepare('SELECT count, data FROM bar_chunk WHERE symbol = ? AND exchange = ? AND interval = ? AND bucket = ?');
    this.putChunk = db.prepare(`
      INSERT INTO bar_chunk (symbol, exchange, interval, bucket, first, last, count, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (symbol, exchange, interval, bucket) DO UPDATE SET first = excluded.first, last = excluded.last, count = excluded.count, data = excluded.data`);
    // Chunks overlapping [start, end]: their span starts at or before end and their last bar is at or after start.
    this.chunksIn = db
      .prepare('SELECT count, data FROM bar_chunk WHERE symbol = ? AND exchange = ? AND interval = ? AND bucket <= ? AND last >= ? ORDER BY bucket')
      .raw(true);
    this.summary = db.prepare('SELECT SUM(count) AS count, MIN(first) AS start, MAX(last) AS end FROM bar_chunk WHERE symbol = ? AND exchange = ? AND interval = ?');
    this.putOverview = db.prepare(`
      INSERT INTO bar_overview (symbol, exchange, interval, count, start, end) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (symbol, exchange, interval) DO UPDATE SET count = excluded.count, start = excluded.start, end = excluded.end`);
    this.dropOverview = db.prepare('DELETE FROM bar_overview WHERE symbol = ? AND exchange = ? AND interval = ?');
    this.overviewAll = db.prepare('SELECT symbol, exchange, interval, count, start, end FROM bar_overview ORDER BY symbol, exchange, interval');
    this.dropChunks = db.prepare('DELETE FROM bar_chunk WHERE symbol = ? AND exchange = ? AND interval = ?');
    this.putFactor = db.prepare(`
      INSERT INTO adj_factor (symbol, exchange, trade_date, factor) VALUES (?, ?, ?, ?)
      ON CONFLICT (symbol, exchange, trade_date) DO UPDATE SET factor = excluded.factor`);
    this.factorsOf = db.prepare('SELECT trade_date, factor FROM adj_factor WHERE symbol = ? AND exchange = ? ORDER BY trade_date');
    this.dropFactors = db.prepare('DELETE FROM adj_factor WHERE symbol = ? AND exchange = ?');
    this.intervalsOf = db.prepare('SELECT interval FROM bar_overview WHERE symbol = ? AND exchange = ?');
    this.taskGet = db.prepare('SELECT id, spec, through, rows, status, message, updated_at FROM import_task WHERE id = ?');
    this.taskPut = db.prepare(`
      INSERT INTO import_task (id, spec, through, rows, status, message, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, through = excluded.through, rows = excluded.rows, status = excluded.status,
        message = excluded.message, updated_at = excluded.updated_at`);
  }

  static open(file: string): BarStore {
    return new BarStore(openSqlite(file, SCHEMA, SCHEMA_VERSION));
  }

  /** <dir>/bar.db */
  static openIn(dir: string): BarStore {
    return BarStore.open(path.join(dir, BAR_DB_FILE));
  }

  /**
   * Store a series (time order; one code and interval) in one transaction, replacing bars
   * already stored at the same times, with its overview line and, when given, the import's
   * progress. Returns how many bars were new.
   */
  saveSeries(s: BarSeries, factors: readonly AdjFactor[] = [], task?: Omit<ImportTaskRow, 'updated_at'> & { updated_at?: number }): number {
    const key: Key = [s.symbol, s.exchange, s.interval];
    let added = 0;
    this.db.transaction(() => {
      for (let from = 0; from < s.length; ) {
        const bucket = bucketOf(s.interval, s.datetime[from]!);
        let to = from + 1;
        while (to < s.length && bucketOf(s.interval, s.datetime[to]!) === bucket) to++;
        const old = this.chunkAt.get(...key, bucket);
        const merged = mergeChunk(old ? unpack(old.data, old.count) : null, old?.count ?? 0, s, from, to);
        // The first column is datetime: its first and last values bound the chunk.
        const cols = new Float64Array(merged.data.buffer, merged.data.byteOffset, merged.count * COLUMN_COUNT);
        this.putChunk.run(...key, bucket, cols[0]!, cols[merged.count - 1]!, merged.count, merged.data);
        added += merged.added;
        from = to;
      }
      if (s.length) this.refreshOverview(key);
      for (const f of factors) this.putFactor.run(s.symbol, s.exchange, f.tradingDay, f.factor);
      if (task) this.taskPut.run(task.id, task.spec, task.through, task.rows, task.status, task.message, task.updated_at ?? Date.now());
    })();
    return added;
  }

  /** Store adjustment factors (upsert by day). */
  saveFactors(symbol: string, exchange: Exchange, factors: readonly AdjFactor[]): void {
    this.db.transaction(() => {
      for (const f of factors) this.putFactor.run(symbol, exchange, f.tradingDay, f.factor);
    })();
  }

  /** A code's factors, by day. */
  factors(symbol: string, exchange: Exchange): AdjFactor[] {
    return this.factorsOf.all(symbol, exchange).map((r) => ({ tradingDay: r.trade_date, factor: r.factor }));
  }

  /** Bars with start in [start, end] (epoch ms, inclusive), as columns, raw prices. */
  loadSeries(symbol: string, exchange: Exchange, interval: Interval, start = -8.64e15, end = 8.64e15): BarSeries {
    const rows = this.chunksIn.all(symbol, exchange, interval, end, start) as [number, Buffer][];
    let capacity = 0;
    for (const r of rows) capacity += r[0];
    const out = emptySeries({ vt_symbol: `${symbol}.${exchange}`, symbol, exchange, interval }, capacity);
    let n = 0;
    for (const [count, buf] of rows) {
      const cols = unpack(buf, count);
      // Only the first and last chunks can hold bars outside the range.
      let from = 0;
      let to = count;
      while (from < to && cols[from]! < start) from++;
      while (to > from && cols[to - 1]! > end) to--;
      if (to <= from) continue;
      SERIES_COLUMNS.forEach((c, k) => out[c].set(cols.subarray(k * count + from, k * count + to), n));
      n += to - from;
    }
    out.length = n;
    if (n < capacity) for (const c of SERIES_COLUMNS) out[c] = out[c].subarray(0, n);
    return out;
  }

  /** Every code and interval stored. */
  overview(): BarOverview[] {
    return this.overviewAll.all().map((r) => ({ ...r, vt_symbol: `${r.symbol}.${r.exchange}` }));
  }

  /** One overview line, or null. */
  overviewOf(symbol: string, exchange: Exchange, interval: Interval): BarOverview | null {
    return this.overview().find((o) => o.symbol === symbol && o.exchange === exchange && o.interval === interval) ?? null;
  }

  /** Delete a code's bars of one interval; its factors go with its last interval. Returns the bars deleted. */
  deleteBars(symbol: string, exchange: Exchange, interval: Interval): number {
    let deleted = 0;
    this.db.transaction(() => {
      deleted = this.summary.get(symbol, exchange, interval)?.count ?? 0;
      this.dropChunks.run(symbol, exchange, interval);
      this.dropOverview.run(symbol, exchange, interval);
      if (this.intervalsOf.all(symbol, exchange).length === 0) this.dropFactors.run(symbol, exchange);
    })();
    return deleted;
  }

  importTask(id: string): ImportTaskRow | null {
    return this.taskGet.get(id) ?? null;
  }

  saveImportTask(task: Omit<ImportTaskRow, 'updated_at'> & { updated_at?: number }): void {
    this.taskPut.run(task.id, task.spec, task.through, task.rows, task.status, task.message, task.updated_at ?? Date.now());
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private refreshOverview(key: Key): void {
    const s = this.summary.get(...key);
    if (s && s.count) this.putOverview.run(...key, s.count, s.start!, s.end!);
    else this.dropOverview.run(...key);
  }
}
