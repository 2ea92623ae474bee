/**
 * Where strategy-file backtests plug into the engine. The strategy runtime belongs to the
 * 策略管理 app, and apps never import each other's engine part, so that app provides the
 * backtester here when it starts and the 回测 app (or anything else) asks for it.
 */
import type { BacktestProgress, BacktestReport, StrategyBacktestSettings } from '../../../common/backtest/report';
import { TraderError } from '../../../common/errors';
import type { StrategyRef } from './job/backtest-job';
import type { BarColumns } from './job/bar-columns';

export interface StrategyBacktestRequest {
  /** the strategy file's path on this machine */
  file: string;
  vt_symbol: string;
  interval: '1m' | '1d';
  start: string;
  end: string;
  params: Record<string, unknown>;
  settings: StrategyBacktestSettings;
  /** the bars, in shared memory (loadStockBars): the run's thread reads them in place */
  bars: BarColumns;
}

/** What a sweep of a strategy file on the local pool needs: the compiled file and the module that teaches pool threads to run it. */
export interface SourceSweepParts {
  /** the SweepSpec's strategy */
  strategy: Extract<StrategyRef, { kind: 'source' }>;
  /** the file compiled, carried in the sweep's settings as `compiled` */
  compiled: string;
  /** LocalPool's workerSource: a pool thread that runs strategy files */
  workerSource: string;
}

export interface StrategyBacktester {
  /** Run one backtest off the calling thread; rejects with the reason (a Chinese message) when it cannot. */
  run(req: StrategyBacktestRequest, onProgress: (p: BacktestProgress) => void, signal?: AbortSignal): Promise<BacktestReport>;
  /** Prepare a sweep of `file` on the local pool. */
  sweepParts(file: string): Promise<SourceSweepParts>;
}

let provided: StrategyBacktester | undefined;

export function provideStrategyBacktester(backtester: StrategyBacktester): void {
  provided = backtester;
}

export function strategyBacktester(): StrategyBacktester {
  if (!provided) throw new TraderError('BACKTEST_UNAVAILABLE', '策略管理未能启动，无法回测策略文件');
  return provided;
}
