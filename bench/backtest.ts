/**
 * `npm run bench:backtest` — what the backtest core does per second, one JSON line each:
 *
 *  1. statistics: the daily table and vn.py's statistics over 5 years of daily results;
 *  2. matching: A-share and futures bar matching over 58,000 synthetic 1-minute bars with
 *     orders resting on every bar;
 *  3. the builtin double-ma job (matching + daily table + statistics) on those bars, and on
 *     5 years of them (290,000 bars);
 *  3b. strategy files, unchanged, through the strategy runtime and the backtest broker:
 *     double-ma.ts and jqtrade-demo.ts (an order refused every minute, get_orders scanned
 *     every minute) over one quarter and one year — equal rates mean the cost is linear in
 *     the run's length (jqtrade-demo's year once did not finish in 300 s);
 *  4. sweep: a 30-combination double-ma grid over those bars with 1 and 2 local threads and
 *     with 2 `tstrader worker` processes over a real redis-server (skipped without one).
 *
 * Rates are medians over runs. On a shared machine wall-clock rates swing with the load,
 * so the single-thread figures also come as rates per second of this process's CPU time
 * (`…_cpu`), and every line carries the 1-minute load average it was measured under.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Direction, Exchange, OrderType } from '../common/constants';
import { buildDailyTable, type DailyClose, type DailyTrade } from '../common/backtest/daily-table';
import { computeStatistics } from '../common/backtest/statistics';
import { DEFAULT_FEES } from '../common/markets/cn-stock/fees';
import { RedisSweep } from '../electron/engine/backtest/distributed/redis-sweep';
import { BAR_FIELDS, barDigest, type BarColumns } from '../electron/engine/backtest/job/bar-columns';
import { DEFAULT_STRATEGY_BACKTEST, runStrategyBacktest } from '../apps/strategy-manager/engine/backtest/strategy-backtest';
import { compileStrategy } from '../apps/strategy-manager/engine/compile';
import type { SweepEvaluator, SweepSpec } from '../electron/engine/backtest/job/backtest-job';
import { runJob } from '../electron/engine/backtest/job/run-job';
import { seededRandom, syntheticMinuteBars } from '../electron/engine/backtest/job/synthetic-bars';
import { applyFill, newBarOrder, type BarOrder, type MatchBar } from '../electron/engine/backtest/matching/bar-order';
import { matchCnStockBar } from '../electron/engine/backtest/matching/cn-stock-bar-matcher';
import { matchFuturesBar } from '../electron/engine/backtest/matching/futures-bar-matcher';
import { gridSearch } from '../electron/engine/backtest/optimize/grid-search';
import { objective } from '../electron/engine/backtest/optimize/objectives';
import { parameterSpace } from '../electron/engine/backtest/optimize/parameter-space';
import { LocalPool } from '../electron/engine/backtest/pool/local-pool';
import { makeContract } from '../test/fixtures/contracts';
import { startRedisServer } from '../test/fixtures/redis-server';
import os from 'node:os';
import { median } from './stats';

/** Wall-clock and CPU-time rates (units per second) of `runs` runs after a warm-up, as medians. */
function rates2(runs: number, units: number, fn: () => void): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    const ns = Number(process.hrtime.bigint() - t0);
    const c = process.cpuUsage(c0);
    wall.push((units * 1e9) / ns);
    cpu.push((units * 1e6) / Math.max(1, c.user + c.system));
  }
  return { wall: Math.round(median(wall)), cpu: Math.round(median(cpu)) };
}

const load = (): number => +os.loadavg()[0]!.toFixed(1);

const BARS = 58_000;
const RUNS = 7;
const bars = syntheticMinuteBars({ count: BARS, seed: 2024 });

function statisticsBench(): Record<string, unknown> {
  // 5 years × 240 trading days, a trade most days.
  const rand = seededRandom(5);
  const closes: DailyClose[] = [];
  const trades: DailyTrade[] = [];
  let price = 10;
  for (let d = 0; d < 1200; d++) {
    const date = new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    price = Math.max(1, price * (1 + (rand() - 0.5) * 0.04));
    closes.push({ date, close: price });
    if (rand() < 0.8) trades.push({ date, direction: rand() < 0.5 ? Direction.LONG : Direction.SHORT, price, volume: 100, commission: 5, slippage: 1 });
  }
  const r = rates2(RUNS * 3, 1, () => computeStatistics(buildDailyTable(closes, trades, 1), { capital: 1_000_000 }));
  return { bench: 'backtest-statistics', days: closes.length, trades: trades.length, runs_per_s: r.wall, runs_per_s_cpu: r.cpu, ms_per_run_cpu: +(1000 / r.cpu).toFixed(3), load_avg_1m: load() };
}

function matchingBench(): Record<string, unknown> {
  const stock = makeContract('600000', Exchange.SSE, 10);
  const settings = { fees: DEFAULT_FEES, volumeRatio: 0.25, slippageTicks: 1 };
  const futures = { size: 300, pricetick: 0.01, commission: { kind: 'rate' as const, rate: 0.000023 }, slippageTicks: 1 };
  const bar: MatchBar = { datetime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, limit_up: 0, limit_down: 0 };
  let fills = 0;
  /** Four limit orders always resting a tick or two either side of the last close, refilled as they fill. */
  const run = (market: 'cn-stock' | 'futures') => (): void => {
    let orders: BarOrder[] = [];
    let seq = 0;
    fills = 0;
    for (let k = 0; k < bars.length; k++) {
      bar.open = bars.open[k]!; bar.high = bars.high[k]!; bar.low = bars.low[k]!; bar.close = bars.close[k]!;
      bar.volume = bars.volume[k]!; bar.limit_up = bars.limit_up[k]!; bar.limit_down = bars.limit_down[k]!;
      const m = market === 'cn-stock' ? matchCnStockBar(bar, k, orders, stock, settings) : matchFuturesBar(bar, k, orders, futures);
      if (m.fills.length) {
        fills += m.fills.length;
        for (const f of m.fills) orders = orders.map((o) => (o.id === f.orderId ? applyFill(o, f) : o));
        orders = orders.filter((o) => o.traded < o.volume);
      }
      while (orders.length < 4) {
        const buy = orders.length % 2 === 0;
        const price = Math.round((bar.close + (buy ? -0.01 : 0.01) * (1 + (seq % 2))) * 100) / 100;
        orders.push(newBarOrder({ id: String(++seq), direction: buy ? Direction.LONG : Direction.SHORT, type: OrderType.LIMIT, price, volume: 500, placedBar: k }));
      }
    }
  };
  const stockRate = rates2(RUNS, BARS, run('cn-stock'));
  const stockFills = fills;
  const fut = rates2(RUNS, BARS, run('futures'));
  return {
    bench: 'backtest-matching', bars: BARS, resting_orders: 4,
    cn_stock_bars_per_s: stockRate.wall, cn_stock_bars_per_s_cpu: stockRate.cpu, cn_stock_fills: stockFills,
    futures_bars_per_s: fut.wall, futures_bars_per_s_cpu: fut.cpu, futures_fills: fills, load_avg_1m: load(),
  };
}

const spec: SweepSpec = {
  strategy: { kind: 'builtin', id: 'double-ma' },
  bars: { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-02', end: '2024-12-31', digest: barDigest(bars) },
  settings: { capital: 1_000_000, size: 1, pricetick: 0.01, rate: 0.0003, slippageTicks: 1 },
};

function jobBench5y(): Record<string, unknown> {
  const n = 5 * BARS;
  const five = syntheticMinuteBars({ count: n, seed: 2024 });
  const r = rates2(3, n, () => runJob(spec, five, { index: 0, params: { fast_window: 10, slow_window: 20 } }));
  return { bench: 'backtest-double-ma-job-5y', bars: n, bars_per_s: r.wall, bars_per_s_cpu: r.cpu, load_avg_1m: load() };
}

/** A strategy file over the first `count` bars, as the CLI runs it: bars per second (wall and CPU). */
async function strategyFileBench(name: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'strategies', name);
  const code = await compileStrategy(file);
  const run = (count: number) => () => {
    const slice = sliceBars(bars, count);
    runStrategyBacktest({ file, code, vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31', params, settings: DEFAULT_STRATEGY_BACKTEST, bars: slice });
  };
  const quarter = rates2(3, BARS / 4, run(BARS / 4));
  const year = rates2(3, BARS, run(BARS));
  return {
    bench: 'backtest-strategy-file', file: name, quarter_bars: BARS / 4, quarter_bars_per_s: quarter.wall, quarter_bars_per_s_cpu: quarter.cpu,
    year_bars: BARS, year_bars_per_s: year.wall, year_bars_per_s_cpu: year.cpu, load_avg_1m: load(),
  };
}

function sliceBars(all: BarColumns, n: number): BarColumns {
  const out: Record<string, unknown> = { length: n, buffer: all.buffer };
  for (const f of BAR_FIELDS) out[f] = all[f].subarray(0, n);
  return out as BarColumns;
}

function jobBench(): Record<string, unknown> {
  const r = rates2(RUNS, BARS, () => runJob(spec, bars, { index: 0, params: { fast_window: 10, slow_window: 20 } }));
  const one = runJob(spec, bars, { index: 0, params: { fast_window: 10, slow_window: 20 } });
  return { bench: 'backtest-double-ma-job', bars: BARS, bars_per_s: r.wall, bars_per_s_cpu: r.cpu, trades: 'statistics' in one ? one.statistics.total_trade_count : -1, load_avg_1m: load() };
}

/** A 30-combination grid, the size of vn.py's comparison: fast 5..30 step 5 × slow 40..80 step 10. */
const SPACE = parameterSpace([{ name: 'fast_window', start: 5, end: 30, step: 5 }, { name: 'slow_window', start: 40, end: 80, step: 10 }]);

async function sweepRate(evaluator: SweepEvaluator): Promise<number> {
  const t0 = performance.now();
  const out = await gridSearch(evaluator, SPACE, { objective: objective('sharpe_ratio') });
  if (out.evaluated !== SPACE.size || out.failed) throw new Error(`sweep evaluated ${out.evaluated}, failed ${out.failed}`);
  return (SPACE.size * 1000) / (performance.now() - t0);
}

async function medianSweep(open: () => Promise<SweepEvaluator>, runs: number): Promise<number> {
  const evaluator = await open();
  try {
    await sweepRate(evaluator); // warm-up: threads started, code compiled, bars cached
    const out: number[] = [];
    for (let i = 0; i < runs; i++) out.push(await sweepRate(evaluator));
    return median(out);
  } finally {
    await evaluator.close();
  }
}

async function redisWorkersRate(): Promise<number | string> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'skipped: redis-server not installed';
  const redis = await startRedisServer();
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tstrader.mjs');
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [cli, 'worker', '--redis', redis.url, '--threads', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
      workers.push(child);
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('已就绪')) resolve();
        });
        child.once('exit', () => reject(new Error('worker exited before it was ready')));
      });
    }
    return await medianSweep(() => RedisSweep.open(redis.url, spec, bars, { parallelism: 2 }), 3);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
    await redis.stop();
  }
}

async function sweepBench(): Promise<Record<string, unknown>> {
  const local1 = await medianSweep(() => LocalPool.open(spec, bars as BarColumns, { threads: 1 }), 3);
  const local2 = await medianSweep(() => LocalPool.open(spec, bars as BarColumns, { threads: 2 }), 3);
  const redis2 = await redisWorkersRate();
  const round = (x: number | string) => (typeof x === 'number' ? +x.toFixed(2) : x);
  return { bench: 'backtest-sweep', combinations: SPACE.size, bars: BARS, local_1_thread_per_s: round(local1), local_2_threads_per_s: round(local2), redis_2_workers_per_s: round(redis2), load_avg_1m: load() };
}

console.log(JSON.stringify(statisticsBench()));
console.log(JSON.stringify(matchingBench()));
console.log(JSON.stringify(jobBench()));
console.log(JSON.stringify(jobBench5y()));
console.log(JSON.stringify(await strategyFileBench('double-ma.ts', { fast: 10, slow: 20, lots: 1 })));
console.log(JSON.stringify(await strategyFileBench('jqtrade-demo.ts', {})));
console.log(JSON.stringify(await sweepBench()));
