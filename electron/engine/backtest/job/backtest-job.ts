/**
 * A backtest job: (strategy, parameters, bar set) → statistics. The optimiser, the local
 * thread pool and the Redis workers all speak this; what runs a job is a JobRunner chosen by
 * the strategy reference, so the real backtest engine (the strategy file in the worker
 * runtime against the backtest broker) plugs in as one more runner.
 */
import type { BacktestStatistics } from '../../../../common/backtest/statistics';
import type { ErrorInfo } from '../../../../common/errors';
import type { BarColumns } from './bar-columns';

/**
 * Which bars a job runs on: a contract, an interval and a date range, as a worker's own bar
 * store would look them up; `digest` (SHA-256 of the encoded bars) proves it has the same
 * bars, and names the copy the submitter carries for workers that have not.
 */
export interface BarSetKey {
  vt_symbol: string;
  interval: '1m' | '1d';
  /** first trading day, YYYY-MM-DD */
  start: string;
  /** last trading day, YYYY-MM-DD, inclusive */
  end: string;
  digest: string;
}

export type StrategyRef =
  /** a strategy compiled into the app (test and benchmark strategies) */
  | { kind: 'builtin'; id: string }
  /** a strategy file's text: a remote worker never sees the submitter's disk, so no path */
  | { kind: 'source'; file_name: string; source: string };

/** Backtest settings every runner reads; a runner may need more, under its own keys. */
export interface BacktestSettings {
  capital: number;
  /** contract multiplier (1 for A-shares) */
  size: number;
  pricetick: number;
  /** commission as a fraction of turnover */
  rate: number;
  slippageTicks: number;
  /** trading days a year for the statistics; default 240 */
  annualDays?: number;
}

/** What every job of one sweep shares; it reaches each worker once, not with every job. */
export interface SweepSpec {
  strategy: StrategyRef;
  bars: BarSetKey;
  settings: BacktestSettings;
}

export type ParamValue = number | string | boolean;
export type ParamSet = Readonly<Record<string, ParamValue>>;

/** One job of a sweep: its position in the sweep and its parameters. */
export interface SweepTask {
  index: number;
  params: ParamSet;
}

export type SweepResult =
  | { index: number; params: ParamSet; statistics: BacktestStatistics }
  | { index: number; params: ParamSet; error: ErrorInfo };

/** Runs one job on bars already in memory. Must be deterministic: same inputs, same statistics. */
export interface JobRunner {
  run(spec: SweepSpec, bars: BarColumns, params: ParamSet): BacktestStatistics;
}

/** Something that evaluates sweep tasks: the local thread pool, or the Redis queue. */
export interface SweepEvaluator {
  /** how many tasks it runs at once; sweep drivers keep a few times that in flight */
  readonly parallelism: number;
  evaluate(task: SweepTask): Promise<SweepResult>;
  close(): Promise<void>;
}
