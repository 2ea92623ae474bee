/**
 * The shipped strategy files, unchanged, backtested on bars imported into a real bar.db:
 * compiled as for a live run, run by the strategy runtime against the backtest broker. The
 * results are checked against the bars and the A-share rules they must obey, not against
 * figures copied from a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../common/backtest/report';
import { Direction } from '../../common/constants';
import { tradingDayOf } from '../../common/time';
import { runStrategyBacktest, DEFAULT_STRATEGY_BACKTEST, StrategyLoadError, type StrategyBacktestInput } from '../../apps/strategy-manager/engine/backtest/strategy-backtest';
import { compileStrategy } from '../../apps/strategy-manager/engine/compile';
import { loadStockBars } from '../../electron/engine/backtest/broker/stock-bars';
import type { BarColumns } from '../../electron/engine/backtest/job/bar-columns';
import { BarStore } from '../../electron/engine/store';
import { importSyntheticBars } from '../fixtures/backtest-bars';
import { tempVntraderDir } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const example = (name: string): string => path.join(ROOT, 'strategies', name);
let dir: string;
let bars: BarColumns;

beforeAll(() => {
  dir = tempVntraderDir();
  importSyntheticBars(dir, '600000.SSE', 60, 11);
  const store = BarStore.openIn(dir);
  try {
    bars = loadStockBars(store, { vt_symbol: '600000.SH', interval: '1m', start: '2024-01-01', end: '2024-12-31' });
  } finally {
    store.close();
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function backtest(file: string, params: Record<string, unknown> = {}, over: Partial<StrategyBacktestInput> = {}): Promise<BacktestReport> {
  const code = await compileStrategy(file);
  return runStrategyBacktest({ file, code, vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31', params, settings: DEFAULT_STRATEGY_BACKTEST, bars, ...over });
}

function barEndingAt(end: number): number {
  for (let k = 0; k < bars.length; k++) if (bars.datetime[k]! + 60_000 === end) return k;
  throw new Error(`no bar ends at ${end}`);
}

describe('strategies/double-ma.ts on imported bars', () => {
  let report: BacktestReport;
  beforeAll(async () => {
    report = await backtest(example('double-ma.ts'), { fast: 5, slow: 20, lots: 2 });
  });

  it('reads every stored bar and trades through the broker', () => {
    expect(report.bars).toBe(60 * 240);
    expect(report.trades.length).toBeGreaterThan(20);
    expect(report.errors).toBe(0);
    expect(report.statistics.total_days).toBe(60);
    expect(report.statistics.total_trade_count).toBe(report.trades.length);
  });

  it('fills only inside a later bar, within its range and its volume cap', () => {
    for (const t of report.trades) {
      const k = barEndingAt(t.datetime);
      expect(t.price).toBeGreaterThanOrEqual(bars.low[k]! - 1e-9);
      expect(t.price).toBeLessThanOrEqual(bars.high[k]! + 1e-9);
      expect(t.volume).toBeLessThanOrEqual(0.25 * bars.volume[k]!);
      expect(t.volume % 100).toBe(0);
    }
  });

  it('never sells shares bought the same day (T+1) and charges at least the minimum commission per order', () => {
    let held = 0;
    let day = '';
    let sellable = 0;
    for (const t of report.trades) {
      const d = tradingDayOf(t.datetime - 1);
      if (d !== day) {
        day = d;
        sellable = held;
      }
      if (t.direction === Direction.LONG) held += t.volume;
      else {
        expect(t.volume).toBeLessThanOrEqual(sellable);
        sellable -= t.volume;
        held -= t.volume;
      }
      expect(held).toBeGreaterThanOrEqual(0);
    }
    const feesByOrder = new Map<string, number>();
    for (const t of report.trades) feesByOrder.set(t.order_id, (feesByOrder.get(t.order_id) ?? 0) + t.fee);
    for (const fee of feesByOrder.values()) expect(fee).toBeGreaterThanOrEqual(5);
  });

  it('ends with the balance the fills and the last close give', () => {
    let cash = DEFAULT_STRATEGY_BACKTEST.capital;
    let pos = 0;
    for (const t of report.trades) {
      const sign = t.direction === Direction.LONG ? 1 : -1;
      cash -= sign * t.amount + t.fee + t.slippage;
      pos += sign * t.volume;
    }
    const lastClose = bars.close[bars.length - 1]!;
    expect(report.statistics.end_balance).toBeCloseTo(cash + pos * lastClose, 6);
    expect(report.daily.at(-1)!.end_pos).toBe(pos);
  });

  it('is deterministic, and its parameters change what it does', async () => {
    const again = await backtest(example('double-ma.ts'), { fast: 5, slow: 20, lots: 2 });
    expect(again.statistics).toEqual(report.statistics);
    expect(again.trades).toEqual(report.trades);
    const slower = await backtest(example('double-ma.ts'), { fast: 10, slow: 60, lots: 2 });
    expect(slower.trades.length).toBeLessThan(report.trades.length);
  });

  it('pays the slippage it is given, in the daily table and the statistics', async () => {
    const slipped = await backtest(example('double-ma.ts'), { fast: 5, slow: 20, lots: 2 }, { settings: { ...DEFAULT_STRATEGY_BACKTEST, slippageTicks: 1 } });
    const volume = slipped.trades.reduce((s, t) => s + t.volume, 0);
    expect(slipped.statistics.total_slippage).toBeCloseTo(volume * 0.01, 6);
    expect(report.statistics.total_slippage).toBe(0);
  });
});

describe('the other shipped examples', () => {
  it('jqtrade-demo.ts: run_daily jobs fire on the replayed clock, an order for a code without bars is refused with the reason', async () => {
    const r = await backtest(example('jqtrade-demo.ts'), {}, { bars: sliceDays(bars, 3) });
    const count = (msg: string) => r.logs.filter((l) => l.msg === msg).length;
    expect(count('before_market_open run')).toBe(3);
    expect(count('market_1000 run')).toBe(3);
    expect(count('after_market_close run')).toBe(3);
    expect(count('do_order run')).toBeGreaterThanOrEqual(3 * 240);
    expect(r.rejected).toBeGreaterThan(0);
    expect(r.logs.some((l) => /回测只有 600000.SSE 的K线，不能交易 000002/.test(l.msg))).toBe(true);
    expect(r.trades).toEqual([]);
  });

  it('ptrade-margin-ma.ts needs a credit account: on a cash account the backtest says so instead of running', async () => {
    await expect(backtest(example('ptrade-margin-ma.ts'))).rejects.toThrow(StrategyLoadError);
    await expect(backtest(example('ptrade-margin-ma.ts'))).rejects.toThrow(/需要信用账户/);
  });

});

describe('strategies/ptrade-margin-ma.ts on a credit account (账户类型 信用)', () => {
  const credit = { ...DEFAULT_STRATEGY_BACKTEST, account: 'credit' as const };
  let report: BacktestReport;
  beforeAll(async () => {
    report = await backtest(example('ptrade-margin-ma.ts'), { code: '600000.SS', fast: 5, slow: 20, amount: 1000 }, { bars: sliceDays(bars, 10), settings: credit });
  });

  it('runs, and goes long with 融资买入 and short with 融券卖出', () => {
    expect(report.errors).toBe(0);
    expect(report.logs.some((l) => /双均线融资融券：600000.SS MA5\/MA20/.test(l.msg))).toBe(true);
    expect(report.logs.filter((l) => l.msg === '融资买入').length).toBeGreaterThan(0);
    expect(report.logs.filter((l) => l.msg === '融券卖出').length).toBeGreaterThan(0);
    let pos = 0;
    let minPos = 0;
    let maxPos = 0;
    for (const t of report.trades) {
      pos += t.direction === Direction.LONG ? t.volume : -t.volume;
      minPos = Math.min(minPos, pos);
      maxPos = Math.max(maxPos, pos);
    }
    expect(maxPos).toBeGreaterThanOrEqual(1000);
    expect(minPos).toBeLessThanOrEqual(-1000); // short through 融券, which a cash account cannot do
    expect(report.daily.at(-1)!.end_pos).toBe(pos);
  });

  it('charges the compacts\' interest as a cost of each day, on top of the fills\' fees', () => {
    let interest = 0;
    let borrowedSoFar = 0;
    report.daily.forEach((row, i) => {
      const fees = report.trades.filter((t) => tradingDayOf(t.datetime - 1) === row.date).reduce((s, t) => s + t.fee, 0);
      const charged = row.commission - fees;
      borrowedSoFar += row.turnover;
      // the debt cannot exceed all that was ever traded; the rate at most 8.5 % a year over 360 days, to the next trading day
      const next = report.daily[i + 1]?.date;
      const days = next ? (Date.parse(next) - Date.parse(row.date)) / 86_400_000 : 0;
      expect(charged).toBeGreaterThanOrEqual(-1e-6);
      expect(charged).toBeLessThanOrEqual((borrowedSoFar * days * 0.085) / 360 + 0.01);
      if (!next) expect(charged).toBeCloseTo(0, 6); // the last day is not settled within the run
      interest += charged;
    });
    expect(interest).toBeGreaterThan(1);
  });

  it('ends with the balance the fills, the interest and the last close give', () => {
    let cash = credit.capital;
    let pos = 0;
    for (const t of report.trades) {
      const sign = t.direction === Direction.LONG ? 1 : -1;
      cash -= sign * t.amount + t.fee + t.slippage;
      pos += sign * t.volume;
    }
    const fees = report.trades.reduce((s, t) => s + t.fee, 0);
    const interest = report.statistics.total_commission - fees;
    const lastClose = bars.close[10 * 240 - 1]!;
    expect(report.statistics.end_balance).toBeCloseTo(cash - interest + pos * lastClose, 4);
  });
});

describe('the day\'s orders', () => {
  // Each bar: a buy of our code a tick below the close (it rests; the next bar cancels it unless it
  // filled) and an order for a code without bars (refused). At the close the job counts
  // get_orders(). The count must be the day's 480 on every day: were the list never reset,
  // day d would answer 480 × d and a strategy scanning it every minute would cost the
  // square of the run's length (a year of jqtrade-demo did not finish in 300 s).
  const source = `
    function initialize(context) { run_daily(count_orders, 'close'); g.scanned = 0; g.most = 0; }
    function on_bar(context, bar) {
      const open = get_orders({ status: 'open' });
      for (const o of open) cancel_order(o);
      const all = get_orders();
      g.scanned += all.length;
      g.most = Math.max(g.most, all.length);
      order('600000.XSHG', 100, LimitOrderStyle(Math.round(bar.close * 100 - 1) / 100));
      order('000002.XSHE', 100, LimitOrderStyle(10));
    }
    function count_orders(context) {
      const all = get_orders();
      const filled = all.filter((o) => o.status === 'filled').length;
      log.info('day ' + context.current_dt.toISOString().slice(0, 10) + ' orders ' + all.length + ' filled ' + filled + ' rejected ' + get_orders({ status: 'rejected' }).length + ' most ' + g.most + ' scanned ' + g.scanned);
      g.most = 0; g.scanned = 0;
    }
  `;

  it('get_orders answers the day\'s orders only, the same count every day of a multi-day run', async () => {
    const file = path.join(dir, 'day-orders.js');
    fs.writeFileSync(file, source);
    const days = 6;
    const r = await backtest(file, {}, { bars: sliceDays(bars, days) });
    expect(r.errors).toBe(0);
    const lines = r.logs.map((l) => /^day (\S+) orders (\d+) filled (\d+) rejected (\d+) most (\d+) scanned (\d+)$/.exec(l.msg)).filter((m) => m !== null);
    expect(lines).toHaveLength(days);
    let filledTotal = 0;
    for (const m of lines) {
      expect(Number(m[2])).toBe(2 * 240); // today's orders, not the run's
      expect(Number(m[4])).toBe(240);
      // before bar k's orders are placed the day holds 2k of them: Σ 2k for k < 240
      expect(Number(m[5])).toBe(2 * 239);
      expect(Number(m[6])).toBe(240 * 239);
      filledTotal += Number(m[3]);
    }
    expect(new Set(lines.map((m) => m[1])).size).toBe(days);
    // the buys did trade now and then, so the reset also drops filled orders, not only refused ones
    expect(filledTotal).toBeGreaterThan(0);
    expect(filledTotal).toBe(new Set(r.trades.map((t) => t.order_id)).size);
  });
});

describe('bars from the store', () => {
  it('a range with no bars is a Chinese error saying what is stored', () => {
    const store = BarStore.openIn(dir);
    try {
      expect(() => loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2023-01-01', end: '2023-06-30' })).toThrow(/没有1 分钟K线（库中有 14400 根，2024-01-02 至/);
      expect(() => loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2024-13-01', end: '2024-06-30' })).toThrow(/开始日期应为 YYYY-MM-DD/);
    } finally {
      store.close();
    }
  });

  it('derives each day\'s price limits from the previous day\'s last close', () => {
    expect(bars.limit_up[0]).toBe(0);
    const k = 240; // the second day's first bar
    const prev = bars.close[k - 1]!;
    expect(bars.limit_up[k]).toBeCloseTo(Math.round(prev * 1.1 * 100) / 100, 6);
    expect(bars.limit_down[k]).toBeCloseTo(Math.round(prev * 0.9 * 100) / 100, 6);
  });
});

function sliceDays(all: BarColumns, days: number): BarColumns {
  const n = days * 240;
  const out: Record<string, unknown> = { length: n, buffer: all.buffer };
  for (const f of ['datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'limit_up', 'limit_down'] as const) out[f] = all[f].subarray(0, n);
  return out as BarColumns;
}
