/**
 * Types shared by the strategy engine (main thread) and the strategy worker runtime: the
 * persisted settings of a strategy, its status, and the objects a strategy sees (jqtrade's
 * UserOrder / UserPosition / Portfolio). Fields are snake_case because jqtrade users know
 * them by these names.
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
  /** V8 old-generation limit of the worker */
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

/** jqtrade's order status strings. */
export type UserOrderStatus = 'new' | 'open' | 'filling' | 'filled' | 'canceling' | 'partly_canceled' | 'canceled' | 'rejected';

export const USER_ORDER_STATUSES: readonly UserOrderStatus[] = ['new', 'open', 'filling', 'filled', 'canceling', 'partly_canceled', 'canceled', 'rejected'];

export interface LimitStyle {
  readonly kind: 'limit';
  readonly price: number;
}

/** A market order; market_type is Ptrade's 0–5 code; limit_price the SSE protection price. */
export interface MarketStyle {
  readonly kind: 'market';
  readonly market_type: number;
  readonly limit_price: number;
}

export type OrderStyle = LimitStyle | MarketStyle;

/** jqtrade's UserOrder. amount is unsigned: `action` (open = buy, close = sell) gives the side. */
export interface UserOrder {
  order_id: string;
  code: string;
  status: UserOrderStatus;
  side: 'long' | 'short';
  style: OrderStyle;
  price: number;
  amount: number;
  filled_amount: number;
  canceled_amount: number;
  avg_cost: number;
  deal_balance: number;
  action: 'open' | 'close';
  commission: number;
  err_msg: string;
  create_time: Date;
  entrust_time: Date | null;
  /** the engine's id once the gateway accepted it ("" before) */
  vt_orderid: string;
}

/** jqtrade's UserPosition. */
export interface UserPosition {
  code: string;
  amount: number;
  locked_amount: number;
  available_amount: number;
  avg_cost: number;
  hold_cost: number;
  side: 'long' | 'short';
  last_price: number;
  position_value: number;
}

/** An engine order together with the id the strategy knows it by. */
export interface StrategyOrder extends OrderData {
  order_id: string;
}

/** Position as the engine pushes it to a worker: available already reflects T+1 / T+0. */
export interface PositionUpdate {
  vt_symbol: string;
  volume: number;
  frozen: number;
  available: number;
  price: number;
  last_price: number;
}

export interface AccountUpdate {
  balance: number;
  frozen: number;
  available: number;
  market_value: number;
}

/** A fill as on_trade receives it. */
export interface UserTrade {
  trade_id: string;
  order_id: string;
  code: string;
  action: 'open' | 'close';
  price: number;
  amount: number;
  commission: number;
  time: Date;
}

/** How codes the API hands back are written: JoinQuant 600000.XSHG (default), Ptrade 600000.SS, XtQuant 600000.SH, vn.py 600000.SSE. */
export type CodeStyle = 'joinquant' | 'ptrade' | 'xtquant' | 'vnpy';
