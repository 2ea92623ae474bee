/**
 * Parameter spaces, streaming, ranking and the genetic search, driven by an in-process
 * evaluator that runs the real builtin job (or, where a known optimum is needed, a job whose
 * answer is a plain function of its parameters).
 */
import { describe, expect, it } from 'vitest';
import { emptyStatistics } from '../../../common/backtest/statistics';
import type { BarColumns } from '../../../electron/engine/backtest/job/bar-columns';
import { decodeBarColumns, encodeBarColumns, barDigest } from '../../../electron/engine/backtest/job/bar-columns';
import type { SweepEvaluator, SweepResult, SweepSpec, SweepTask } from '../../../electron/engine/backtest/job/backtest-job';
import { runJob } from '../../../electron/engine/backtest/job/run-job';
import { syntheticMinuteBars } from '../../../electron/engine/backtest/job/synthetic-bars';
import { geneticSearch, nonDominatedFronts } from '../../../electron/engine/backtest/optimize/genetic-search';
import { gridSearch } from '../../../electron/engine/backtest/optimize/grid-search';
import { objective } from '../../../electron/engine/backtest/optimize/objectives';
import { combinationAt, gridTasks, parameterSpace, rangeValues } from '../../../electron/engine/backtest/optimize/parameter-space';
import { streamSweep } from '../../../electron/engine/backtest/optimize/stream-sweep';
import { TopResults } from '../../../electron/engine/backtest/optimize/top-results';
import { allocBarColumns } from '../../../electron/engine/backtest/job/bar-columns';

/** Runs tasks on this thread, answering each on a later turn of the event loop, as a pool would. */
class InlineEvaluator implements SweepEvaluator {
  readonly parallelism = 2;
  started = 0;
  finished = 0;
  maxInFlight = 0;
  constructor(private readonly run: (task: SweepTask) => SweepResult) {}
  async evaluate(task: SweepTask): Promise<SweepResult> {
    this.started++;
    this.maxInFlight = Math.max(this.maxInFlight, this.started - this.finished);
    await new Promise((r) => setImmediate(r));
    this.finished++;
    return this.run(task);
  }
  async close(): Promise<void> {}
}

/** A job whose statistic is a known function of the parameters: total_return = −(x − 7)² − (y − 3)². */
const bowl = (task: SweepTask): SweepResult => {
  const x = task.params.x as number;
  const y = task.params.y as number;
  return { index: task.index, params: task.params, statistics: { ...emptyStatistics(1), total_return: -((x - 7) ** 2) - (y - 3) ** 2, max_drawdown_duration: x + y } };
};

describe('parameter space', () => {
  it('ranges are vn.py\'s start..end by step, without float drift', () => {
    expect(rangeValues('r', 0.1, 0.5, 0.1)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues('n', 5, 20, 5)).toEqual([5, 10, 15, 20]);
    expect(() => rangeValues('n', 5, 1, 1)).toThrow(/结束值 1 小于起始值 5/);
    expect(() => rangeValues('n', 1, 5, 0)).toThrow(/步长必须大于 0/);
  });

  it('combination k in itertools.product order, the first parameter slowest', () => {
    const space = parameterSpace([{ name: 'a', values: [1, 2] }, { name: 'b', start: 10, end: 30, step: 10 }]);
    expect(space.size).toBe(6);
    expect([...gridTasks(space)].map((t) => [t.params.a, t.params.b])).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
    expect(combinationAt(space, 4)).toEqual({ a: 2, b: 20 });
    expect(() => parameterSpace([{ name: 'a', values: [1] }, { name: 'a', values: [2] }])).toThrow(/参数 a 重复/);
  });

  it('a space of a trillion combinations enumerates lazily', () => {
    const huge = parameterSpace([0, 1, 2, 3].map((i) => ({ name: `p${i}`, start: 1, end: 1000, step: 1 })));
    expect(huge.size).toBe(1e12);
    const first = gridTasks(huge).next().value!;
    expect(first.params).toEqual({ p0: 1, p1: 1, p2: 1, p3: 1 });
    expect(combinationAt(huge, 1e12 - 1)).toEqual({ p0: 1000, p1: 1000, p2: 1000, p3: 1000 });
  });
});

describe('streaming a sweep', () => {
  it('pulls tasks only as results come back: at most the window in flight', async () => {
    const ev = new InlineEvaluator(bowl);
    const space = parameterSpace([{ name: 'x', start: 0, end: 99, step: 1 }, { name: 'y', start: 0, end: 9, step: 1 }]);
    let seen = 0;
    for await (const r of streamSweep(ev, gridTasks(space), 5)) {
      expect('statistics' in r).toBe(true);
      seen++;
    }
    expect(seen).toBe(1000);
    expect(ev.maxInFlight).toBeLessThanOrEqual(5);
  });

  it('grid search keeps the best by the target, ties in combination order', async () => {
    const space = parameterSpace([{ name: 'x', start: 0, end: 10, step: 1 }, { name: 'y', start: 0, end: 5, step: 1 }]);
    const out = await gridSearch(new InlineEvaluator(bowl), space, { objective: objective('total_return'), keep: 3 });
    expect(out.evaluated).toBe(66);
    expect(out.best.map((r) => r.params)).toEqual([{ x: 7, y: 3 }, { x: 6, y: 3 }, { x: 7, y: 2 }]);
  });

  it('a filter drops combinations before they run; failed jobs are counted and rank last', async () => {
    const space = parameterSpace([{ name: 'fast_window', values: [5, 10, 20] }, { name: 'slow_window', values: [10, 20] }]);
    const spec = specOf(tinyBars);
    const ev = new InlineEvaluator((t) => runJob(spec, tinyBars, t));
    const filtered = await gridSearch(ev, space, { objective: objective('total_return'), filter: (p) => (p.fast_window as number) < (p.slow_window as number) });
    expect(filtered.evaluated).toBe(3);
    expect(filtered.failed).toBe(0);
    const all = await gridSearch(ev, space, { objective: objective('total_return') });
    expect(all.failed).toBe(3); // 10/10, 20/10, 20/20: fast must be below slow
    expect(all.best.slice(-3).every((r) => 'error' in r && /应小于 slow_window/.test(r.error.message))).toBe(true);
  });

  it('an unknown target is refused in Chinese', () => {
    expect(() => objective('start_date')).toThrow(/不是可比较的统计指标/);
  });
});

describe('top results', () => {
  it('holds only K, best first', () => {
    const top = new TopResults(objective('max_drawdown_duration', 'min'), 2);
    for (const [i, d] of [[0, 5], [1, 3], [2, 9], [3, 3]] as const) top.add({ index: i, params: {}, statistics: { ...emptyStatistics(1), max_drawdown_duration: d } });
    expect(top.list().map((r) => r.index)).toEqual([1, 3]);
  });
});

describe('genetic search (NSGA-II)', () => {
  it('non-dominated fronts', () => {
    // (3,1) and (1,3) trade off; (2,2) too; (1,1) is dominated by all three; (0,0) by everything
    expect(nonDominatedFronts([[3, 1], [1, 3], [2, 2], [1, 1], [0, 0]])).toEqual([[0, 1, 2], [3], [4]]);
  });

  it('finds the optimum of a 50 × 50 space evaluating a fraction of it, the same way with the same seed', async () => {
    const space = parameterSpace([{ name: 'x', start: 0, end: 49, step: 1 }, { name: 'y', start: 0, end: 49, step: 1 }]);
    const run = () => geneticSearch(new InlineEvaluator(bowl), space, { objectives: [objective('total_return')], population: 20, generations: 25, seed: 42 });
    const a = await run();
    expect(a.front[0]!.params).toEqual({ x: 7, y: 3 });
    expect(a.evaluated).toBeLessThan(space.size / 2);
    const b = await run();
    expect(b.front.map((r) => r.index)).toEqual(a.front.map((r) => r.index));
  });

  it('two objectives: the front holds only trade-offs', async () => {
    const space = parameterSpace([{ name: 'x', start: 0, end: 9, step: 1 }, { name: 'y', start: 0, end: 9, step: 1 }]);
    const out = await geneticSearch(new InlineEvaluator(bowl), space, {
      objectives: [objective('total_return'), objective('max_drawdown_duration', 'min')], population: 30, generations: 15, seed: 7,
    });
    const pts = out.front.map((r) => ('statistics' in r ? [r.statistics.total_return, -r.statistics.max_drawdown_duration] : [0, 0]));
    for (const p of pts) for (const q of pts) expect(q[0]! >= p[0]! && q[1]! >= p[1]! && (q[0]! > p[0]! || q[1]! > p[1]!)).toBe(false);
    expect(out.front.some((r) => r.params.x === 7 && r.params.y === 3)).toBe(true); // the best return is on the front
    expect(out.front.some((r) => r.params.x === 0 && r.params.y === 0)).toBe(true); // so is the shortest duration
  });
});

describe('the builtin double-ma job', () => {
  it('a cross on bar 2 sends a buy 5 ticks through the close; it fills on bar 3 at the open', () => {
    // closes 10, 9, 11, 11, 11 (one day): at bar 2 the 1-bar average (11) crosses the 2-bar one (10)
    const bars = allocBarColumns(5, false);
    [10, 9, 11, 11, 11].forEach((c, i) => {
      bars.datetime[i] = Date.parse('2024-01-02T01:30:00Z') + i * 60_000;
      bars.open[i] = c; bars.close[i] = c; bars.high[i] = c + 0.5; bars.low[i] = c - 0.5; bars.volume[i] = 1000;
    });
    const r = runJob({ ...specOf(bars), settings: { capital: 1000, size: 1, pricetick: 0.01, rate: 0, slippageTicks: 0 } }, bars, { index: 0, params: { fast_window: 1, slow_window: 2 } });
    if (!('statistics' in r)) throw new Error(r.error.message);
    expect(r.statistics.total_trade_count).toBe(1);
    expect(r.statistics.total_turnover).toBe(11); // min(11.05, open 11) × 1
    expect(r.statistics.end_balance).toBe(1000); // bought at 11, the day closes at 11
  });

  it('bars survive the binary round trip bit for bit, and a bad blob is refused', () => {
    const blob = encodeBarColumns(tinyBars);
    const back = decodeBarColumns(blob);
    expect(barDigest(back)).toBe(barDigest(tinyBars));
    expect([...back.close]).toEqual([...tinyBars.close]);
    expect(() => decodeBarColumns(Buffer.from('not bars at all, really'))).toThrow(/无法识别/);
    expect(() => decodeBarColumns(blob.subarray(0, blob.length - 8))).toThrow(/不符/);
  });
});

const tinyBars = syntheticMinuteBars({ count: 2_400, seed: 3 });

function specOf(bars: BarColumns): SweepSpec {
  return {
    strategy: { kind: 'builtin', id: 'double-ma' },
    bars: { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-02', end: '2024-01-15', digest: barDigest(bars) },
    settings: { capital: 1_000_000, size: 1, pricetick: 0.01, rate: 0.0003, slippageTicks: 1 },
  };
}
