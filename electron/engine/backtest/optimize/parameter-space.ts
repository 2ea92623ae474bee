/**
 * A parameter space as vn.py's OptimizationSetting describes one — each parameter a list of
 * values, or a range start..end by step — enumerated without ever being held whole: the
 * combination with a given index is computed on demand (the first parameter varies slowest,
 * as itertools.product does), so a sweep of any size streams.
 */
import { TraderError } from '../../../../common/errors';
import type { ParamSet, ParamValue } from '../job/backtest-job';

export type ParameterSpec =
  | { name: string; values: readonly ParamValue[] }
  | { name: string; start: number; end: number; step: number };

export interface ParameterSpace {
  readonly names: readonly string[];
  /** each parameter's values, in order */
  readonly values: readonly (readonly ParamValue[])[];
  /** number of combinations */
  readonly size: number;
}

function decimalsOf(x: number): number {
  const text = String(x);
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** start, start + step, … up to end, each rounded to the inputs' decimals so 0.1 steps do not drift. */
export function rangeValues(name: string, start: number, end: number, step: number): number[] {
  if (![start, end, step].every(Number.isFinite)) throw new TraderError('OPT_PARAM', `参数 ${name} 的起止与步长必须是数字`);
  if (step <= 0) throw new TraderError('OPT_PARAM', `参数 ${name} 的步长必须大于 0，当前为 ${step}`);
  if (end < start) throw new TraderError('OPT_PARAM', `参数 ${name} 的结束值 ${end} 小于起始值 ${start}`);
  const d = Math.max(decimalsOf(start), decimalsOf(step));
  const count = Math.floor((end - start) / step + 1e-9) + 1;
  if (count > 1_000_000) throw new TraderError('OPT_PARAM', `参数 ${name} 的取值超过 1,000,000 个`);
  return Array.from({ length: count }, (_, i) => Number((start + i * step).toFixed(d)));
}

export function parameterSpace(specs: readonly ParameterSpec[]): ParameterSpace {
  if (!specs.length) throw new TraderError('OPT_PARAM', '优化至少需要一个参数');
  const names = specs.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new TraderError('OPT_PARAM', `参数 ${dup} 重复`);
  const values = specs.map((s) => {
    const list = 'values' in s ? [...s.values] : rangeValues(s.name, s.start, s.end, s.step);
    if (!list.length) throw new TraderError('OPT_PARAM', `参数 ${s.name} 没有取值`);
    return list;
  });
  const size = values.reduce((n, v) => n * v.length, 1);
  if (!Number.isSafeInteger(size)) throw new TraderError('OPT_PARAM', '参数组合数超出可枚举范围');
  return { names, values, size };
}

/** The combination number `index` (0 ≤ index < size), in itertools.product order. */
export function combinationAt(space: ParameterSpace, index: number): ParamSet {
  const out: Record<string, ParamValue> = {};
  let rest = index;
  for (let i = space.names.length - 1; i >= 0; i--) {
    const list = space.values[i]!;
    out[space.names[i]!] = list[rest % list.length]!;
    rest = Math.floor(rest / list.length);
  }
  // keep the parameters' declared order for display
  return Object.fromEntries(space.names.map((n) => [n, out[n]!]));
}

/** Every combination, lazily; `filter` drops combinations before they become tasks (e.g. fast ≥ slow). */
export function* gridTasks(space: ParameterSpace, filter?: (params: ParamSet) => boolean): Generator<{ index: number; params: ParamSet }> {
  for (let index = 0; index < space.size; index++) {
    const params = combinationAt(space, index);
    if (!filter || filter(params)) yield { index, params };
  }
}
