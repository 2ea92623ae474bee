/**
 * The local pool of worker threads on the builtin double-ma job over synthetic bars: the
 * same statistics as running each job on this thread, the bars shared rather than copied,
 * a bad parameter set reported without stopping the sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barDigest } from '../../electron/engine/backtest/job/bar-columns';
import type { SweepSpec } from '../../electron/engine/backtest/job/backtest-job';
import { runJob } from '../../electron/engine/backtest/job/run-job';
import { syntheticMinuteBars } from '../../electron/engine/backtest/job/synthetic-bars';
import { gridSearch } from '../../electron/engine/backtest/optimize/grid-search';
import { objective } from '../../electron/engine/backtest/optimize/objectives';
import { gridTasks, parameterSpace } from '../../electron/engine/backtest/optimize/parameter-space';
import { LocalPool, sharedBars } from '../../electron/engine/backtest/pool/local-pool';

const bars = syntheticMinuteBars({ count: 24_000, seed: 11 });
const spec: SweepSpec = {
  strategy: { kind: 'builtin', id: 'double-ma' },
  bars: { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-02', end: '2024-05-24', digest: barDigest(bars) },
  settings: { capital: 1_000_000, size: 1, pricetick: 0.01, rate: 0.0003, slippageTicks: 1 },
};
const space = parameterSpace([{ name: 'fast_window', values: [5, 10, 15] }, { name: 'slow_window', values: [20, 40, 60] }]);

let pool: LocalPool;
beforeAll(async () => {
  pool = await LocalPool.open(spec, bars, { threads: 2 });
});
afterAll(() => pool.close());

describe('local backtest pool', () => {
  it('gives each combination exactly the statistics of running it on this thread', async () => {
    const seen = new Map<number, unknown>();
    const out = await gridSearch(pool, space, { objective: objective('sharpe_ratio'), onResult: (r) => seen.set(r.index, r) });
    expect(out.evaluated).toBe(9);
    expect(seen.size).toBe(9);
    for (const task of gridTasks(space)) {
      const here = runJob(spec, bars, task);
      expect('statistics' in here && here.statistics.total_trade_count).toBeGreaterThan(0);
      expect(seen.get(task.index)).toEqual(here);
    }
    const best = [...seen.values()].map((r) => (r as { statistics: { sharpe_ratio: number } }).statistics.sharpe_ratio);
    expect((out.best[0] as { statistics: { sharpe_ratio: number } }).statistics.sharpe_ratio).toBe(Math.max(...best));
  });

  it('reads the bars where they are: shared memory is not copied', () => {
    expect(bars.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sharedBars(bars)).toBe(bars);
  });

  it('a job that fails comes back as an error result and the pool goes on', async () => {
    const bad = await pool.evaluate({ index: 0, params: { fast_window: 30, slow_window: 10 } });
    expect('error' in bad && bad.error.message).toMatch(/应小于 slow_window/);
    const good = await pool.evaluate({ index: 1, params: { fast_window: 5, slow_window: 20 } });
    expect('statistics' in good).toBe(true);
  });
});
