/**
 * Teaches a backtest pool thread to run strategy files (StrategyRef kind "source"): bundled
 * into the pool's threads (LocalPool's runnerModule), it registers a JobRunner that runs the
 * file, compiled once by the submitter and carried in the sweep's settings, with each job's
 * parameters over the sweep's base parameters, and returns the statistics.
 */
import type { StrategyBacktestSettings } from '../../../../common/backtest/report';
import { TraderError } from '../../../../common/errors';
import type { BarColumns } from '../../../../electron/engine/backtest/job/bar-columns';
import type { BacktestSettings, JobRunner, ParamSet, SweepSpec } from '../../../../electron/engine/backtest/job/backtest-job';
import { setSourceRunner } from '../../../../electron/engine/backtest/job/run-job';
import { runStrategyBacktest } from './strategy-backtest';

/** What a strategy-file sweep adds to the shared settings. */
export interface SourceSweepSettings extends BacktestSettings {
  /** the file as compileStrategy made it (local pools; a remote worker would compile the source itself) */
  compiled: string;
  /** the A-share settings of each run */
  stock: StrategyBacktestSettings;
  /** parameters every job starts from; the job's own override them */
  base_params: Record<string, unknown>;
}

export const sourceRunner: JobRunner = {
  run(spec: SweepSpec, bars: BarColumns, params: ParamSet) {
    if (spec.strategy.kind !== 'source') throw new TraderError('BACKTEST_STRATEGY', '不是策略文件任务');
    const s = spec.settings as Partial<SourceSweepSettings>;
    if (typeof s.compiled !== 'string' || !s.stock) throw new TraderError('BACKTEST_STRATEGY', `此工作进程不能回测策略文件 ${spec.strategy.file_name}：任务中没有编译好的策略`);
    return runStrategyBacktest({
      file: spec.strategy.file_name, code: s.compiled, vt_symbol: spec.bars.vt_symbol, interval: spec.bars.interval,
      start: spec.bars.start, end: spec.bars.end, params: { ...s.base_params, ...params }, settings: s.stock, bars,
    }).statistics;
  },
};

setSourceRunner(sourceRunner);
