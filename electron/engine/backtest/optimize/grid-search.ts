/**
 * Exhaustive search (vn.py's run_bf_optimization) over a parameter space, streamed: every
 * result goes to `onResult` as it arrives and only the best `keep` stay in memory.
 */
import type { ParamSet, SweepEvaluator, SweepResult } from '../job/backtest-job';
import type { Objective } from './objectives';
import { gridTasks, type ParameterSpace } from './parameter-space';
import { streamSweep } from './stream-sweep';
import { TopResults } from './top-results';

export interface GridSearchOptions {
  objective: Objective;
  /** how many of the best results to return; default 100 */
  keep?: number;
  /** drop combinations that make no sense (e.g. fast ≥ slow) before they run */
  filter?: (params: ParamSet) => boolean;
  /** each result as it arrives, in completion order */
  onResult?: (result: SweepResult) => void;
  /** in-flight bound; default twice the evaluator's parallelism */
  window?: number;
}

export interface GridSearchOutcome {
  evaluated: number;
  failed: number;
  /** best first */
  best: SweepResult[];
}

export async function gridSearch(evaluator: SweepEvaluator, space: ParameterSpace, opts: GridSearchOptions): Promise<GridSearchOutcome> {
  const top = new TopResults(opts.objective, opts.keep ?? 100);
  let evaluated = 0;
  let failed = 0;
  for await (const result of streamSweep(evaluator, gridTasks(space, opts.filter), opts.window)) {
    evaluated++;
    if ('error' in result) failed++;
    top.add(result);
    opts.onResult?.(result);
  }
  return { evaluated, failed, best: top.list() };
}
