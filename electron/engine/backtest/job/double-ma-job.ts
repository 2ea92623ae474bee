/**
 * The builtin test strategy "double-ma": vn.py's DoubleMaStrategy on bars, run straight on
 * the bar columns with the futures bar rule, the daily table and the statistics — no
 * strategy runtime, so it is a small, deterministic job for the pool, the Redis workers and
 * the benchmarks.
 *
 * Each bar (bar-replay.ts): the resting orders are matched against it first (they were
 * placed on earlier bars), then the strategy sees it complete — cancels what still rests, updates the fast
 * and slow simple moving averages of the close, and on a cross sends limit orders 5 ticks
 * through the close (a reversal closes the old position and opens the new one: two orders,
 * as vn.py's strategy sends them).
 *
 * Params: fast_window, slow_window (integers, fast < slow), fixed_size (default 1) and
 * repeat (default 1: run the same backtest that many times — more work, same result; tests
 * use it to hold a job long enough to kill its worker mid-job).
 */
import { Direction, OrderType } from '../../../../common/constants';
import { TraderError } from '../../../../common/errors';
import { buildDailyTable, type DailyClose, type DailyTrade } from '../../../../common/backtest/daily-table';
import { computeStatistics, type BacktestStatistics } from '../../../../common/backtest/statistics';
import { applyFill, newBarOrder, type BarOrder, type MatchBar } from '../matching/bar-order';
import { replayBars } from '../matching/bar-replay';
import { matchFuturesBar, type FuturesMatchSettings } from '../matching/futures-bar-matcher';
import type { BarColumns } from './bar-columns';
import type { JobRunner, ParamSet, SweepSpec } from './backtest-job';

function intParam(params: ParamSet, name: string, fallback?: number): number {
  const value = params[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new TraderError('BACKTEST_PARAMS', `参数 ${name} 应为正整数，当前为 ${String(value)}`);
  return value;
}

export const doubleMaRunner: JobRunner = {
  run(spec: SweepSpec, bars: BarColumns, params: ParamSet): BacktestStatistics {
    const fast = intParam(params, 'fast_window');
    const slow = intParam(params, 'slow_window');
    const size = intParam(params, 'fixed_size', 1);
    const repeat = intParam(params, 'repeat', 1);
    if (fast >= slow) throw new TraderError('BACKTEST_PARAMS', `fast_window（${fast}）应小于 slow_window（${slow}）`);
    let stats = runOnce(spec, bars, fast, slow, size);
    for (let i = 1; i < repeat; i++) stats = runOnce(spec, bars, fast, slow, size);
    return stats;
  },
};

function runOnce(spec: SweepSpec, bars: BarColumns, fastWindow: number, slowWindow: number, fixedSize: number): BacktestStatistics {
  const s = spec.settings;
  const matchSettings: FuturesMatchSettings = { size: s.size, pricetick: s.pricetick, commission: { kind: 'rate', rate: s.rate }, slippageTicks: s.slippageTicks };
  const closes: DailyClose[] = [];
  const trades: DailyTrade[] = [];
  const ring = new Float64Array(slowWindow);
  let fastSum = 0;
  let slowSum = 0;
  let prevFast = NaN;
  let prevSlow = NaN;
  let pos = 0;
  let orders: BarOrder[] = [];
  let orderSeq = 0;
  let date = '';
  const bar: MatchBar = { datetime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, limit_up: 0, limit_down: 0 };
  const offset = 5 * s.pricetick;
  // Defined once, not per bar: a closure per bar costs more than the bar's own work.
  const send = (direction: Direction.LONG | Direction.SHORT, price: number, volume: number, placedBar: number): void => {
    orders.push(newBarOrder({ id: String(++orderSeq), direction, type: OrderType.LIMIT, price, volume, placedBar }));
  };

  replayBars(bars.datetime, {
    onDayStart: (d) => (date = d),
    onDayEnd: (d, k) => closes.push({ date: d, close: bars.close[k]! }),
    match: (k) => {
      if (!orders.length) return;
      bar.datetime = bars.datetime[k]!;
      bar.open = bars.open[k]!;
      bar.high = bars.high[k]!;
      bar.low = bars.low[k]!;
      bar.close = bars.close[k]!;
      bar.volume = bars.volume[k]!;
      for (const fill of matchFuturesBar(bar, k, orders, matchSettings).fills) {
        pos += fill.direction === Direction.LONG ? fill.volume : -fill.volume;
        trades.push({ date, direction: fill.direction, price: fill.price, volume: fill.volume, commission: fill.commission, slippage: fill.slippage });
        orders = orders.map((o) => (o.id === fill.orderId ? applyFill(o, fill) : o));
      }
    },
    onBar: (k) => {
      // cancel_all, then the averages of the closes up to this complete bar
      if (orders.length) orders = [];
      const close = bars.close[k]!;
      const slot = k % slowWindow;
      if (k >= slowWindow) slowSum -= ring[slot]!;
      ring[slot] = close;
      slowSum += close;
      fastSum += close;
      if (k >= fastWindow) fastSum -= ring[(k - fastWindow) % slowWindow]!;
      if (k < slowWindow - 1) return;
      const fastMa = fastSum / fastWindow;
      const slowMa = slowSum / slowWindow;
      const crossOver = fastMa > slowMa && prevFast < prevSlow;
      const crossBelow = fastMa < slowMa && prevFast > prevSlow;
      prevFast = fastMa;
      prevSlow = slowMa;
      if (crossOver) {
        const price = close + offset;
        if (pos < 0) send(Direction.LONG, price, -pos, k);
        if (pos <= 0) send(Direction.LONG, price, fixedSize, k);
      } else if (crossBelow) {
        const price = close - offset;
        if (pos > 0) send(Direction.SHORT, price, pos, k);
        if (pos >= 0) send(Direction.SHORT, price, fixedSize, k);
      }
    },
  });
  const rows = buildDailyTable(closes, trades, s.size);
  return computeStatistics(rows, { capital: s.capital, annualDays: s.annualDays ?? 240 });
}
