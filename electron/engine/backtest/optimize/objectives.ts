/**
 * What an optimisation maximises or minimises: statistics by name. A job that failed scores
 * the worst possible value, so it never wins and never stops the sweep.
 */
import { isNumericStatistic, type NumericStatisticKey } from '../../../../common/backtest/statistics';
import { TraderError } from '../../../../common/errors';
import type { SweepResult } from '../job/backtest-job';

export interface Objective {
  key: NumericStatisticKey;
  /** "max" for returns and ratios, "min" for e.g. drawdown duration */
  goal: 'max' | 'min';
}

export function objective(key: string, goal: 'max' | 'min' = 'max'): Objective {
  if (!isNumericStatistic(key)) throw new TraderError('OPT_TARGET', `优化目标 ${key} 不是可比较的统计指标`);
  return { key, goal };
}

/** The result's value for `o`, oriented so that larger is always better. */
export function score(result: SweepResult, o: Objective): number {
  if (!('statistics' in result)) return -Infinity;
  const v = result.statistics[o.key];
  return o.goal === 'max' ? v : -v;
}
