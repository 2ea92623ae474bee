/**
 * <vntrader>/strategies.json: the strategies the manager window lists, with their settings.
 * Written atomically; a file that does not parse is moved aside by readJsonFile and the
 * caller is told, so a hand-edit gone wrong never silently loses the list. Entries that are
 * individually invalid are skipped and reported, the rest load.
 */
import path from 'node:path';
import { TraderError } from '../../../common/errors';
import { readJsonFile, writeJsonAtomic } from '../../../electron/engine/store/json-file';
import { STRATEGY_DEFAULTS, type ClockSpec, type StrategyInput, type StrategySettings } from './strategy-types';

export const STRATEGIES_FILE = 'strategies.json';

/** Names become order references (max 64) and log sources: printable, no path separators. */
const NAME = /^[^\s/\\][^/\\]{0,63}$/u;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const CONTROL = /[\u0000-\u001f\u007f]/;

function bad(why: string): TraderError {
  return new TraderError('BAD_STRATEGY', `策略设置无效：${why}`);
}

function num(value: unknown, key: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw bad(`${key} 应为 ${min}–${max} 之间的数字`);
  return value;
}

function clockOf(value: unknown): ClockSpec {
  if (value === undefined) return STRATEGY_DEFAULTS.clock;
  const c = value as Partial<Record<string, unknown>>;
  if (c && c.kind === 'wall') return { kind: 'wall' };
  if (c && c.kind === 'driven') return { kind: 'driven' };
  if (c && c.kind === 'scaled' && typeof c.start === 'number' && typeof c.speed === 'number' && c.speed > 0) {
    return { kind: 'scaled', start: c.start, speed: c.speed };
  }
  throw bad('clock 应为 {kind:"wall"}、{kind:"scaled",start,speed} 或 {kind:"driven"}');
}

/** Check an input and fill defaults; `baseDir` resolves a relative file path. */
export function normaliseStrategy(input: StrategyInput, baseDir = process.cwd()): StrategySettings {
  if (typeof input !== 'object' || input === null) throw bad('应为对象');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!NAME.test(name) || CONTROL.test(name)) throw bad('名称应为 1–64 个字符，不含斜杠和控制字符');
  if (typeof input.file !== 'string' || !input.file.trim()) throw bad('缺少策略文件路径');
  const gateway = input.gateway ?? STRATEGY_DEFAULTS.gateway;
  if (typeof gateway !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(gateway)) throw bad(`接口名称“${String(gateway)}”无效`);
  const params = input.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw bad('params 应为 JSON 对象');
  const cancel = input.cancel_on_stop ?? STRATEGY_DEFAULTS.cancel_on_stop;
  if (typeof cancel !== 'boolean') throw bad('cancel_on_stop 应为 true 或 false');
  return {
    name,
    file: path.resolve(baseDir, input.file),
    gateway,
    params: JSON.parse(JSON.stringify(params)) as Record<string, unknown>,
    cancel_on_stop: cancel,
    max_errors: Math.trunc(num(input.max_errors, 'max_errors', STRATEGY_DEFAULTS.max_errors, 0, 1_000_000)),
    callback_timeout_ms: num(input.callback_timeout_ms, 'callback_timeout_ms', STRATEGY_DEFAULTS.callback_timeout_ms, 50, 3_600_000),
    memory_mb: num(input.memory_mb, 'memory_mb', STRATEGY_DEFAULTS.memory_mb, 16, 16_384),
    clock: clockOf(input.clock),
  };
}

export interface LoadedStrategies {
  strategies: StrategySettings[];
  /** lines for the log: a corrupt file moved aside, entries skipped */
  problems: string[];
}

export function loadStrategies(dir: string): LoadedStrategies {
  const file = path.join(dir, STRATEGIES_FILE);
  const read = readJsonFile(file);
  if (read.status === 'missing') return { strategies: [], problems: [] };
  if (read.status === 'corrupt') {
    return { strategies: [], problems: [`策略列表文件无法解析（${read.error}），已移到 ${read.movedTo}，以空列表启动`] };
  }
  const list = read.data.strategies;
  if (!Array.isArray(list)) return { strategies: [], problems: [`${file} 中缺少 strategies 列表，已忽略`] };
  const strategies: StrategySettings[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    try {
      const s = normaliseStrategy(raw as StrategyInput, dir);
      if (seen.has(s.name)) throw bad(`名称“${s.name}”重复`);
      seen.add(s.name);
      strategies.push(s);
    } catch (error) {
      problems.push(`${file} 中的一项策略已跳过：${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { strategies, problems };
}

export function saveStrategies(dir: string, strategies: readonly StrategySettings[]): void {
  writeJsonAtomic(path.join(dir, STRATEGIES_FILE), { strategies });
}
