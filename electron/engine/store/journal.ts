/**
 * The journal: every order state, fill and log line, in SQLite (<dir>/database.db, the file
 * vn.py's sqlite database also uses; our table names do not clash with its db* tables).
 * It is what the OMS rebuilds today's orders and trades from after a restart, and what
 * recognises a fill the counter replays after a reconnect.
 *
 * The same file holds each gateway's own state (gateway_state: the SIM counter's accounts,
 * positions and working orders), so a gateway's state and the events it produced are written
 * in one transaction (JournalRecorder) and can never disagree after a crash.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite-file';
import type { StoreLog } from './store-log';
import type { LogData, OrderData, TradeData } from '../../../common/objects';
import { tradingDayOf } from '../../../common/time';

export const JOURNAL_FILE = 'database.db';
const SCHEMA_VERSION = 2;

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
CREATE INDEX IF NOT EXISTS trades_symbol ON trades (json_extract(data, '$.vt_symbol'), datetime);
CREATE TABLE IF NOT EXISTS logs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  datetime     INTEGER NOT NULL,
  level        TEXT NOT NULL,
  gateway_name TEXT NOT NULL,
  msg          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gateway_state (
  gateway_name TEXT NOT NULL,
  key          TEXT NOT NULL,
  value        TEXT NOT NULL,
  PRIMARY KEY (gateway_name, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gateway_lease (
  gateway_name TEXT PRIMARY KEY,
  pid          INTEGER NOT NULL,
  token        TEXT NOT NULL,
  since        INTEGER NOT NULL,
  beat         INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Who holds a gateway instance's state (see claimLease). */
export interface LeaseHolder {
  pid: number;
  /** which engine of that process: several may run in one process (tests) */
  token: string;
  /** epoch ms */
  since: number;
  /** the holder's last heartbeat, epoch ms */
  beat: number;
}

export interface JournalDay {
  orders: OrderData[];
  trades: TradeData[];
}

interface DataRow {
  data: string;
}

interface StateRow {
  key: string;
  value: string;
}

interface OrderIdRow {
  orderid: string;
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
  private readonly symbolTrades: Database.Statement<[string, number, number, number], DataRow>;
  private readonly lastLogs: Database.Statement<[number], LogRow>;
  private readonly oneOrder: Database.Statement<[string], DataRow>;
  private readonly oneTrade: Database.Statement<[string], DataRow>;
  private readonly latestOrderId: Database.Statement<[string], OrderIdRow>;
  private readonly stateRows: Database.Statement<[string], StateRow>;
  private readonly upsertState: Database.Statement;
  private readonly deleteState: Database.Statement;
  private readonly leaseOf: Database.Statement<[string], LeaseHolder>;
  private readonly setLease: Database.Statement;
  private readonly dropLease: Database.Statement;
  private readonly beatLease: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    // An order belongs to the day it was placed: a row of another day with the same id is a
    // different order (a counter that restarted its numbering), and is never overwritten.
    this.upsertOrder = db.prepare(`
      INSERT INTO orders (vt_orderid, trading_day, gateway_name, datetime, data)
      VALUES (@vt_orderid, @trading_day, @gateway_name, @datetime, @data)
      ON CONFLICT (vt_orderid) DO UPDATE SET data = excluded.data WHERE orders.trading_day = excluded.trading_day`);
    this.insertTrade = db.prepare(`
      INSERT OR IGNORE INTO trades (vt_tradeid, vt_orderid, trading_day, gateway_name, datetime, data)
      VALUES (@vt_tradeid, @vt_orderid, @trading_day, @gateway_name, @datetime, @data)`);
    this.insertLog = db.prepare(`
      INSERT INTO logs (datetime, level, gateway_name, msg) VALUES (@datetime, @level, @gateway_name, @msg)`);
    this.dayOrders = db.prepare<[string], DataRow>(
      'SELECT data FROM orders WHERE trading_day = ? ORDER BY datetime, rowid');
    this.dayTrades = db.prepare<[string], DataRow>(
      'SELECT data FROM trades WHERE trading_day = ? ORDER BY datetime, rowid');
    // The same expression as the trades_symbol index, so the index serves it.
    this.symbolTrades = db.prepare<[string, number, number, number], DataRow>(`
      SELECT data FROM (
        SELECT data, datetime, rowid AS r FROM trades
        WHERE json_extract(data, '$.vt_symbol') = ? AND datetime BETWEEN ? AND ?
        ORDER BY datetime DESC, rowid DESC LIMIT ?)
      ORDER BY datetime, r`);
    this.lastLogs = db.prepare<[number], LogRow>(
      'SELECT datetime, level, gateway_name, msg FROM logs ORDER BY id DESC LIMIT ?');
    this.oneOrder = db.prepare<[string], DataRow>('SELECT data FROM orders WHERE vt_orderid = ?');
    this.oneTrade = db.prepare<[string], DataRow>('SELECT data FROM trades WHERE vt_tradeid = ?');
    this.latestOrderId = db.prepare<[string], OrderIdRow>(
      "SELECT json_extract(data, '$.orderid') AS orderid FROM orders WHERE gateway_name = ? ORDER BY rowid DESC LIMIT 1");
    this.stateRows = db.prepare<[string], StateRow>('SELECT key, value FROM gateway_state WHERE gateway_name = ?');
    this.upsertState = db.prepare(`
      INSERT INTO gateway_state (gateway_name, key, value) VALUES (?, ?, ?)
      ON CONFLICT (gateway_name, key) DO UPDATE SET value = excluded.value`);
    this.deleteState = db.prepare('DELETE FROM gateway_state WHERE gateway_name = ? AND key = ?');
    this.leaseOf = db.prepare<[string], LeaseHolder>('SELECT pid, token, since, beat FROM gateway_lease WHERE gateway_name = ?');
    this.setLease = db.prepare('INSERT OR REPLACE INTO gateway_lease (gateway_name, pid, token, since, beat) VALUES (?, ?, ?, ?, ?)');
    this.dropLease = db.prepare('DELETE FROM gateway_lease WHERE gateway_name = ? AND token = ?');
    this.beatLease = db.prepare('UPDATE gateway_lease SET beat = ? WHERE gateway_name = ? AND token = ?');
  }

  /**
   * Open (creating if needed) the journal at `file`. With `log`, a corrupt file is renamed
   * aside (`database.db.corrupt-<time>`), reported, and a fresh journal started; without it,
   * the error goes up.
   */
  static open(file: string, log?: StoreLog): Journal {
    // synchronous=NORMAL: a committed burst survives a killed process (what write-ahead
    // publish relies on); power loss may drop the last commits, and then a real counter
    // replays its fills on reconnect and saveTrade's dedupe makes that replay safe, so an
    // fsync per burst is not worth its latency.
    const db = openSqlite(file, SCHEMA, SCHEMA_VERSION, {
      // The trading record: damage anywhere is found now, not in the middle of a session.
      verify: true,
      ...(log
        ? {
          onCorrupt: (movedTo: string, reason: string) =>
            log(`交易数据库 ${path.basename(file)} 已损坏（${reason}），已改名为 ${path.basename(movedTo)} 保留，已新建空数据库：今日委托与成交、模拟账户的状态需从旧文件中找回。`, 'ERROR'),
        }
        : {}),
    });
    return new Journal(db);
  }

  /** <dir>/database.db */
  static openIn(dir: string, log?: StoreLog): Journal {
    return Journal.open(path.join(dir, JOURNAL_FILE), log);
  }

  /**
   * Record an order's latest state. The row keeps the trading day and time of the first
   * report (the order belongs to the day it was placed, and sorts by placement); the data
   * is replaced, so the latest state wins. False if the id belongs to another day's order,
   * whose row is left as it is.
   */
  saveOrder(order: OrderData): boolean {
    const r = this.upsertOrder.run({
      vt_orderid: order.vt_orderid,
      trading_day: tradingDayOf(order.datetime),
      gateway_name: order.gateway_name,
      datetime: order.datetime,
      data: JSON.stringify(order),
    });
    return r.changes === 1;
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

  /**
   * A code's fills of any day between `start` and `end` (epoch ms, inclusive), in time order:
   * the latest `limit` of them when there are more (a chart shows where the trader traded).
   */
  tradesOf(vtSymbol: string, start = 0, end = Number.MAX_SAFE_INTEGER, limit = 10_000): TradeData[] {
    return this.symbolTrades.all(vtSymbol, start, end, limit).map((r) => JSON.parse(r.data) as TradeData);
  }

  /** An order by vt_orderid, of any day. */
  findOrder(vtOrderId: string): OrderData | undefined {
    const row = this.oneOrder.get(vtOrderId);
    return row ? (JSON.parse(row.data) as OrderData) : undefined;
  }

  /** A fill by vt_tradeid, of any day. */
  findTrade(vtTradeId: string): TradeData | undefined {
    const row = this.oneTrade.get(vtTradeId);
    return row ? (JSON.parse(row.data) as TradeData) : undefined;
  }

  /** The orderid (without the gateway prefix) of a gateway's most recently placed order, any day. */
  lastOrderId(gatewayName: string): string | undefined {
    return this.latestOrderId.get(gatewayName)?.orderid ?? undefined;
  }

  /** A gateway's saved state: key → JSON text. */
  loadGatewayState(gatewayName: string): Map<string, string> {
    return new Map(this.stateRows.all(gatewayName).map((r) => [r.key, r.value]));
  }

  /** Write (or with `undefined`, delete) one key of a gateway's state; inside batch() to join a burst. */
  saveGatewayState(gatewayName: string, key: string, json: string | undefined): void {
    if (json === undefined) this.deleteState.run(gatewayName, key);
    else this.upsertState.run(gatewayName, key, json);
  }

  /**
   * Take a gateway instance's state for `holder`, in one immediate transaction so that two
   * processes cannot both get it. Returns the current holder when another engine holds it:
   * one in another live process, or another engine of this process. A holder whose process
   * is gone (killed, crashed), or whose heartbeat is older than `staleMs` (its pid may have
   * been given to another program since), no longer counts.
   */
  claimLease(gatewayName: string, holder: LeaseHolder, isAlive: (pid: number) => boolean, staleMs: number): LeaseHolder | undefined {
    return this.db
      .transaction((): LeaseHolder | undefined => {
        const current = this.leaseOf.get(gatewayName);
        const ours = current?.pid === holder.pid && current.token === holder.token;
        const fresh = current !== undefined && holder.beat - current.beat < staleMs;
        const held = fresh && !ours && (current.pid === holder.pid || isAlive(current.pid));
        if (held) return current;
        this.setLease.run(gatewayName, holder.pid, holder.token, ours ? current.since : holder.since, holder.beat);
        return undefined;
      })
      .immediate();
  }

  /** The holder's heartbeat: its lease stays fresh. */
  renewLease(gatewayName: string, token: string, now: number): void {
    this.beatLease.run(now, gatewayName, token);
  }

  /** Give up a lease taken with `token` (a no-op if someone else holds it now). */
  releaseLease(gatewayName: string, token: string): void {
    this.dropLease.run(gatewayName, token);
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

  /** Safe to call twice (closing a closed better-sqlite3 connection does nothing). */
  close(): void {
    this.db.close();
  }
}
