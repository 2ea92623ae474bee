/**
 * The daily table of a backtest — vn.py's DailyResult, marked to market once a day: each
 * day's close, the position carried in and out, the day's turnover and costs, the PnL of
 * the trades made that day (against that day's close) and of the position held from the day
 * before (from the previous close to this close).
 *
 * Costs come with each fill, computed by the market's matcher: the A-share fees (commission
 * with its minimum per order, stamp duty, transfer fee) or a futures commission by lot or by
 * amount; `slippage` is the money the configured slippage costs on that fill. This table only
 * adds them up, so one table serves every market.
 */
import { Direction } from '../constants';
import { TraderError } from '../errors';

/** The close of one trading day, from that day's last bar. */
export interface DailyClose {
  /** trading day, YYYY-MM-DD */
  date: string;
  close: number;
  /** costs of the day tied to no fill — a credit account's interest (融资融券利息) — CNY; counted in `commission` */
  charges?: number;
}

/** One fill as the daily table needs it. */
export interface DailyTrade {
  /** trading day of the fill, YYYY-MM-DD */
  date: string;
  direction: Direction.LONG | Direction.SHORT;
  price: number;
  volume: number;
  /** every fee of the fill, CNY */
  commission: number;
  /** what the slippage setting costs on this fill, CNY */
  slippage: number;
}

/** One row of the daily table (vn.py's DailyResult fields). */
export interface DailyResultRow {
  date: string;
  close_price: number;
  /** previous day's close; 1 on the first day, as vn.py (no position is carried into it) */
  pre_close: number;
  trade_count: number;
  start_pos: number;
  end_pos: number;
  turnover: number;
  commission: number;
  slippage: number;
  trading_pnl: number;
  holding_pnl: number;
  total_pnl: number;
  net_pnl: number;
}

/**
 * Build the table from the days' closes (in date order) and the fills (in time order).
 * `size` is the contract multiplier (1 for A-shares). A fill on a day without a close is an
 * error: the bars and the trades disagree.
 */
export function buildDailyTable(closes: readonly DailyClose[], trades: readonly DailyTrade[], size: number): DailyResultRow[] {
  const byDate = new Map<string, DailyTrade[]>();
  for (const c of closes) {
    if (byDate.has(c.date)) throw new TraderError('BACKTEST_DAILY', `逐日收盘价重复：${c.date}`);
    byDate.set(c.date, []);
  }
  for (const t of trades) {
    const day = byDate.get(t.date);
    if (!day) throw new TraderError('BACKTEST_DAILY', `成交日期 ${t.date} 没有对应的K线收盘价`);
    day.push(t);
  }

  const rows: DailyResultRow[] = [];
  let preClose = 0;
  let startPos = 0;
  for (const c of closes) {
    const row = dailyRow(c, byDate.get(c.date)!, preClose, startPos, size);
    rows.push(row);
    preClose = row.close_price;
    startPos = row.end_pos;
  }
  return rows;
}

function dailyRow(day: DailyClose, trades: readonly DailyTrade[], preClose: number, startPos: number, size: number): DailyResultRow {
  // vn.py uses 1 when there is no previous close, only to avoid dividing by zero elsewhere;
  // the first day carries no position, so it changes no figure.
  const pre = preClose || 1;
  const row: DailyResultRow = {
    date: day.date, close_price: day.close, pre_close: pre, trade_count: trades.length,
    start_pos: startPos, end_pos: startPos, turnover: 0, commission: day.charges ?? 0, slippage: 0,
    trading_pnl: 0, holding_pnl: startPos * (day.close - pre) * size, total_pnl: 0, net_pnl: 0,
  };
  for (const t of trades) {
    const posChange = t.direction === Direction.LONG ? t.volume : -t.volume;
    row.end_pos += posChange;
    row.trading_pnl += posChange * (day.close - t.price) * size;
    row.slippage += t.slippage;
    row.turnover += t.volume * size * t.price;
    row.commission += t.commission;
  }
  row.total_pnl = row.trading_pnl + row.holding_pnl;
  row.net_pnl = row.total_pnl - row.commission - row.slippage;
  return row;
}
