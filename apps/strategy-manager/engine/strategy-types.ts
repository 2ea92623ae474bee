/**
 * Types shared by the strategy engine (main thread) and the strategy worker runtime: the
 * persisted settings of a strategy, its status, and the objects a strategy sees (jqtrade's
 * UserOrder / UserPosition / Portfolio). Fields are snake_case because jqtrade users know
 * them by these names.
 */
import type { CreditOrderType } from '../../../common/credit';

// The types the bridge carries to the 策略管理 window live in common/ (one declaration).
export { STRATEGY_DEFAULTS, StrategyStatus } from '../common/strategy';
export type { ClockSpec, StrategyInfo, StrategyInput, StrategyOrder, StrategySettings } from '../common/strategy';

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
  /** the credit order type (融资买入 …) of an order from Ptrade's margin_* functions */
  credit?: CreditOrderType;
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

/** Position as the engine pushes it to a worker: available already reflects T+1 / T+0. */
export interface PositionUpdate {
  vt_symbol: string;
  /** futures: the short (空) position; absent = the long one (A-share holdings, futures longs) */
  side?: 'short';
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
