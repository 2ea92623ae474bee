/**
 * Picks the runner for a job's strategy and turns whatever it throws into a result the
 * sweep can report, so one bad parameter set never stops a sweep.
 */
import { toErrorInfo, TraderError } from '../../../../common/errors';
import type { BarColumns } from './bar-columns';
import type { JobRunner, StrategyRef, SweepResult, SweepSpec, SweepTask } from './backtest-job';
import { doubleMaRunner } from './double-ma-job';

const BUILTIN = new Map<string, JobRunner>([['double-ma', doubleMaRunner]]);
let sourceRunner: JobRunner | undefined;

/** The builtin strategy ids, for the CLI's help and validation. */
export function builtinStrategyIds(): string[] {
  return [...BUILTIN.keys()];
}

/** Where the backtest engine plugs in: the runner for strategy files (StrategyRef kind "source"). */
export function setSourceRunner(runner: JobRunner): void {
  sourceRunner = runner;
}

export function runnerFor(ref: StrategyRef): JobRunner {
  if (ref.kind === 'builtin') {
    const runner = BUILTIN.get(ref.id);
    if (!runner) throw new TraderError('BACKTEST_STRATEGY', `未知的内置回测策略：${ref.id}（可用：${builtinStrategyIds().join('、')}）`);
    return runner;
  }
  if (!sourceRunner) throw new TraderError('BACKTEST_STRATEGY', `此工作进程不能回测策略文件 ${ref.file_name}：回测引擎尚未接入`);
  return sourceRunner;
}

export function runJob(spec: SweepSpec, bars: BarColumns, task: SweepTask): SweepResult {
  try {
    return { index: task.index, params: task.params, statistics: runnerFor(spec.strategy).run(spec, bars, task.params) };
  } catch (error) {
    return { index: task.index, params: task.params, error: toErrorInfo(error) };
  }
}
