/**
 * The journal: every order state, fill and log line, in SQLite (<dir>/database.db, the file
 * vn.py's sqlite database also uses; our table names do not clash with its db* tables).
 * It is what the OMS rebuilds today's orders and trades from after a restart, and what
 * recognises a fill the counter replays after a reconnect.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite-file';
import type { LogData, OrderData, TradeData } from '../../../common/objects';
import { tradingDayOf } from '../../../common/time';

export const JOURNAL_FILE = 'database.db';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  vt_orderid   TEXT PRIMARY KEY,
  trading_day  TEXT NOT NULL,
  gateway_name TEXT NOT NULL,
  datetime     INTEGER NOT NULL,
  data         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_day ON orders (trading_day, datetime);
CREATE TABLE IF NOT EXISTS trades (
  vt_tradeid   TEXT PRIMARY KEY,
  vt_orderid   TEXT NOT NULL,
  trading_day  TEXT NOT NULL,
  gateway_name TEXT NOT NULL,
  datetime     INTEGER NOT NULL,
  data         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trades_day ON trades (trading_day, datetime);
CREATE TABLE IF NOT EXISTS logs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  datetime     INTEGER NOT NULL,
  level        TEXT NOT NULL,
  gateway_name TEXT NOT NULL,
  msg          TEXT NOT NULL
);
`;

export interface JournalDay {
  orders: OrderData[];
  trades: TradeData[];
}

interface DataRow {
  data: string;
}

interface LogRow {
  datetime: number;
  level: LogData['level'];
  gateway_name: string;
  msg: string;
}

export class Journal {
  private readonly upsertOrder: Database.Statement;
  private readonly insertTrade: Database.Statement;
  private readonly insertLog: Database.Statement;
  private readonly dayOrders: Database.Statement<[string], DataRow>;
  private readonly dayTrades: Database.Statement<[string], DataRow>;
  private readonly lastLogs: Database.Statement<[number], LogRow>;

  private constructor(private readonly db: Database.Database) {
    this.upsertOrder = db.prepare(`
      INSERT INTO orders (vt_orderid, trading_day, gateway_name, datetime, data)
      VALUES (@vt_orderid, @trading_day, @gateway_name, @datetime, @data)
      ON CONFLICT (vt_orderid) DO UPDATE SET data = excluded.data`);
    this.insertTrade = db.prepare(`
      INSERT OR IGNORE INTO trades (vt_tradeid, vt_orderid, trading_day, gateway_name, datetime, data)
      VALUES (@vt_tradeid, @vt_orderid, @trading_day, @gateway_name, @datetime, @data)`);
    this.insertLog = db.prepare(`
      INSERT INTO logs (datetime, level, gateway_name, msg) VALUES (@datetime, @level, @gateway_name, @msg)`);
    this.dayOrders = db.prepare<[string], DataRow>(
      'SELECT data FROM orders WHERE trading_day = ? ORDER BY datetime, rowid');
    this.dayTrades = db.prepare<[string], DataRow>(
      'SELECT data FROM trades WHERE trading_day = ? ORDER BY datetime, rowid');
    this.lastLogs = db.prepare<[number], LogRow>(
      'SELECT datetime, level, gateway_name, msg FROM logs ORDER BY id DESC LIMIT ?');
  }

  /** Open (creating if needed) the journal at `file`. */
  static open(file: string): Journal {
    // synchronous=NORMAL may drop the last commits on power loss: the counter stays the source
    // of truth and replays fills on reconnect, and saveTrade's dedupe makes that replay safe,
    // so an fsync per order is not worth its latency.
    return new Journal(openSqlite(file, SCHEMA, SCHEMA_VERSION));
  }

  /** <dir>/database.db */
  static openIn(dir: string): Journal {
    return Journal.open(path.join(dir, JOURNAL_FILE));
  }

  /**
   * Record an order's latest state. The row keeps the trading day and time of the first
   * report (the order belongs to the day it was placed, and sorts by placement); the data
   * is replaced, so the latest state wins.
   */
  saveOrder(order: OrderData): void {
    this.upsertOrder.run({
      vt_orderid: order.vt_orderid,
      trading_day: tradingDayOf(order.datetime),
      gateway_name: order.gateway_name,
      datetime: order.datetime,
      data: JSON.stringify(order),
    });
  }

  /** Record a fill once: true if it is new, false if this vt_tradeid was already journalled. */
  saveTrade(trade: TradeData): boolean {
    const r = this.insertTrade.run({
      vt_tradeid: trade.vt_tradeid,
      vt_orderid: trade.vt_orderid,
      trading_day: tradingDayOf(trade.datetime),
      gateway_name: trade.gateway_name,
      datetime: trade.datetime,
      data: JSON.stringify(trade),
    });
    return r.changes === 1;
  }

  saveLog(log: LogData): void {
    this.insertLog.run({ datetime: log.datetime, level: log.level, gateway_name: log.gateway_name, msg: log.msg });
  }

  /** Run a burst of saves as one transaction: one commit instead of one per row. */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** A trading day's orders and trades (YYYY-MM-DD, UTC+8), each in time order. */
  loadDay(tradingDay: string): JournalDay {
    return {
      orders: this.dayOrders.all(tradingDay).map((r) => JSON.parse(r.data) as OrderData),
      trades: this.dayTrades.all(tradingDay).map((r) => JSON.parse(r.data) as TradeData),
    };
  }

  /** The latest `limit` log lines, oldest first (the order the log monitor shows them). */
  recentLogs(limit: number): LogData[] {
    return this.lastLogs
      .all(Math.max(0, Math.floor(limit)))
      .reverse()
      .map((r) => ({ datetime: r.datetime, level: r.level, gateway_name: r.gateway_name, msg: r.msg }));
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
