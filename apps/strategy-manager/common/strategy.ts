/**
 * Strategies as the bridge carries them: settings persisted in <vntrader>/strategies.json,
 * the status the 策略管理 window lists, and a strategy's orders. The engine's strategy host
 * (apps/strategy-manager/engine) and its window (apps/strategy-manager/view) share these declarations.
 */
import type { OrderData } from '../../../common/objects';

/** Lifecycle of a strategy as the manager window shows it. */
export enum StrategyStatus {
  STOPPED = '已停止',
  STARTING = '启动中',
  RUNNING = '运行中',
  STOPPING = '停止中',
  ERROR = '出错',
}

/**
 * The clock a strategy's scheduler runs on. `wall`: the real time. `scaled`: starts at
 * `start` (epoch ms) when the strategy starts and runs `speed`× faster (demos, the CLI's
 * --clock). `driven`: moved only by StrategyEngine.setTime (tests).
 */
export type ClockSpec = { kind: 'wall' } | { kind: 'scaled'; start: number; speed: number } | { kind: 'driven' };

/** A strategy as persisted in <vntrader>/strategies.json. */
export interface StrategySettings {
  /** unique name; also the `reference` of its orders and the source of its log lines */
  name: string;
  /** path of the .ts/.js file */
  file: string;
  /** gateway instance its orders go to (default: SIM) */
  gateway: string;
  /** free JSON handed to the strategy as context.params */
  params: Record<string, unknown>;
  /** cancel the strategy's working orders when it stops */
  cancel_on_stop: boolean;
  /** stop after this many exceptions in callbacks (0 = never) */
  max_errors: number;
  /** a single callback running longer than this gets the worker terminated */
  callback_timeout_ms: number;
  /** the worker's memory limit: V8 heap plus off-heap Buffers/ArrayBuffers, MB */
  memory_mb: number;
  clock: ClockSpec;
}

export type StrategyInput = Pick<StrategySettings, 'name' | 'file'> & Partial<Omit<StrategySettings, 'name' | 'file'>>;

export const STRATEGY_DEFAULTS: Readonly<Omit<StrategySettings, 'name' | 'file'>> = {
  gateway: 'SIM',
  params: {},
  cancel_on_stop: true,
  max_errors: 20,
  callback_timeout_ms: 5_000,
  memory_mb: 256,
  clock: { kind: 'wall' },
};

/** What the manager window lists for each strategy. */
export interface StrategyInfo {
  settings: StrategySettings;
  status: StrategyStatus;
  /** why it is in ERROR (or how it last stopped), in Chinese */
  message: string;
  errors: number;
  /** ticks dropped because the worker was behind (its queue was full) */
  dropped_ticks: number;
  /** messages sent to the worker it has not finished with yet (how far behind it is) */
  queued: number;
  started: number | null;
  threadId: number | null;
}

/** An engine order together with the id the strategy knows it by. */
export interface StrategyOrder extends OrderData {
  order_id: string;
}
