/**
 * 回测's optimisation: the strategy file's parameters swept over the local worker pool (one
 * thread per core, the bars shared in place), grid search or the genetic search, ranked by a
 * chosen statistic. The space is the JSON the trader typed:
 *   {"fast": [3, 5, 8], "slow": {"start": 20, "end": 60, "step": 10}}
 * Each set runs over the base parameters (the 策略参数 field).
 */
import os from 'node:os';
import { TraderError } from '../../../common/errors';
import type { ParamValue, SweepResult, SweepSpec } from '../../../electron/engine/backtest/job/backtest-job';
import { barDigest } from '../../../electron/engine/backtest/job/bar-columns';
import { geneticSearch } from '../../../electron/engine/backtest/optimize/genetic-search';
import { gridSearch } from '../../../electron/engine/backtest/optimize/grid-search';
import { objective } from '../../../electron/engine/backtest/optimize/objectives';
import { parameterSpace, type ParameterSpace, type ParameterSpec } from '../../../electron/engine/backtest/optimize/parameter-space';
import { LocalPool } from '../../../electron/engine/backtest/pool/local-pool';
import { strategyBacktester } from '../../../electron/engine/backtest/strategy-backtester';
import type { OptimizeResult, OptimizeRow } from '../common/backtest';
import { parseParamsText } from '../common/params';
import { settingsOf, type BacktestService, type RunArgs } from './backtest-service';

export interface OptimizeArgs extends RunArgs {
  space: string;
  target: string;
  direction: 'max' | 'min';
  method: 'grid' | 'genetic';
}

/** At most this many combinations run in one grid search. */
export const MAX_GRID = 10_000;
const SHOWN = 200;

const isValue = (v: unknown): v is ParamValue => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/** The space the trader typed, checked, with Chinese errors. */
export function parseSpace(text: string): ParameterSpace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TraderError('OPT_PARAM', `优化参数不是有效的 JSON：${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TraderError('OPT_PARAM', '优化参数应为 JSON 对象，如 {"fast": [3, 5, 8], "slow": {"start": 20, "end": 60, "step": 10}}');
  const specs: ParameterSpec[] = Object.entries(raw as Record<string, unknown>).map(([name, v]) => {
    if (Array.isArray(v)) {
      if (!v.every(isValue)) throw new TraderError('OPT_PARAM', `参数 ${name} 的取值应为数字、字符串或布尔值`);
      return { name, values: v };
    }
    if (typeof v === 'object' && v !== null) {
      const r = v as Record<string, unknown>;
      if (typeof r.start !== 'number' || typeof r.end !== 'number' || typeof r.step !== 'number') throw new TraderError('OPT_PARAM', `参数 ${name} 应为取值数组或 {"start","end","step"}`);
      return { name, start: r.start, end: r.end, step: r.step };
    }
    throw new TraderError('OPT_PARAM', `参数 ${name} 应为取值数组或 {"start","end","step"}`);
  });
  return parameterSpace(specs);
}

function rowOf(r: SweepResult, key: OptimizeResult['target']): OptimizeRow {
  if ('error' in r) return { params: { ...r.params }, value: null, total_return: null, sharpe_ratio: null, max_ddpercent: null, total_trade_count: null, error: r.error.message };
  const s = r.statistics;
  return { params: { ...r.params }, value: s[key], total_return: s.total_return, sharpe_ratio: s.sharpe_ratio, max_ddpercent: s.max_ddpercent, total_trade_count: s.total_trade_count, error: '' };
}

export async function optimize(service: BacktestService, a: OptimizeArgs): Promise<OptimizeResult> {
  const t0 = performance.now();
  const base = parseParamsText(a.params);
  const space = parseSpace(a.space);
  const target = objective(a.target, a.direction);
  if (a.method === 'grid' && space.size > MAX_GRID) throw new TraderError('OPT_PARAM', `参数组合共 ${space.size} 个，超过穷举上限 ${MAX_GRID}：请缩小范围或改用遗传算法`);
  const ac = service.begin(a.runId);
  let pool: LocalPool | undefined;
  try {
    const bars = service.loadBars(a);
    const parts = await strategyBacktester().sweepParts(a.file);
    const stock = settingsOf(a);
    const spec: SweepSpec = {
      strategy: parts.strategy,
      bars: { vt_symbol: a.code, interval: a.interval, start: a.start, end: a.end, digest: barDigest(bars) },
      settings: { capital: a.capital, size: 1, pricetick: 0.01, rate: a.commission_rate, slippageTicks: a.slippage_ticks, annualDays: 240, compiled: parts.compiled, stock, base_params: base } as SweepSpec['settings'],
    };
    pool = await LocalPool.open(spec, bars, { workerSource: parts.workerSource, threads: os.availableParallelism() });
    const open = pool;
    ac.signal.addEventListener('abort', () => void open.close());
    const total = a.method === 'grid' ? space.size : Math.min(space.size, 20 * 9);
    let done = 0;
    const onResult = () => service.progress({ runId: a.runId, phase: 'optimize', done: ++done, total: Math.max(total, done), finished: false });
    service.progress({ runId: a.runId, phase: 'optimize', done: 0, total, finished: false });
    const results = a.method === 'grid'
      ? (await gridSearch(pool, space, { objective: target, keep: SHOWN, onResult })).best
      : (await geneticSearch(pool, space, { objectives: [target], population: 20, generations: 8, seed: 1, onResult })).front;
    if (ac.signal.aborted) throw new TraderError('CANCELLED', '优化已取消');
    service.progress({ runId: a.runId, phase: 'optimize', done, total: done, finished: true });
    return { target: target.key, rows: results.map((r) => rowOf(r, target.key)), evaluated: done, elapsed_ms: performance.now() - t0 };
  } finally {
    await pool?.close();
    service.end(a.runId);
  }
}
