/**
 * Types of the globals a TS Trader strategy sees without importing anything (jqtrade's
 * API). Reference it from a strategy for editor completion:
 *   import type {} from './strategy-api';
 * The strategy itself is transpiled by esbuild and never type-checked at load.
 */
import type { BarData } from '../apps/strategy-manager/engine/runtime/bar-generator';
import type { Portfolio } from '../apps/strategy-manager/engine/runtime/portfolio-mirror';
import type { OrderSpec } from '../apps/strategy-manager/engine/runtime/strategy-api';
import type { MarginAssertDict, MarginPriceOptions } from '../apps/strategy-manager/engine/runtime/margin-api';
import type { MarketPeriod } from '../apps/strategy-manager/engine/runtime/daily-scheduler';
import type { CodeStyle, LimitStyle, MarketStyle, OrderStyle, UserOrder, UserOrderStatus, UserTrade } from '../apps/strategy-manager/engine/strategy-types';
import type { StrategyTick } from '../apps/strategy-manager/engine/transport/tick-codec';

declare global {
  interface StrategyContext {
    /** the strategy clock's now (wall clock live) */
    readonly current_dt: Date;
    /** the time the running run_daily job was scheduled for; null outside run_daily */
    readonly strategy_dt: Date | null;
    readonly portfolio: Portfolio;
    /** the params JSON from the strategy's settings (window or --params) */
    readonly params: Record<string, unknown>;
    readonly name: string;
  }
  type Tick = StrategyTick;
  type Bar = BarData;
  type Order = UserOrder;
  type Trade = UserTrade;

  const log: {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    warning(...args: unknown[]): void;
    error(...args: unknown[]): void;
  };
  /** a place for the strategy's own state (jqtrade's g) */
  const g: Record<string, unknown>;
  function run_daily(func: (context: StrategyContext) => unknown, time: string): void;
  function set_options(options: { market_period?: MarketPeriod; code_style?: CodeStyle; [jqtradeOption: string]: unknown }): void;
  /**
   * amount > 0 buys (A-shares) or opens, < 0 sells or closes the position of `side`;
   * side 'short' and close_today (平今, SHFE/INE) are for futures.
   */
  function order(code: string, amount: number, style?: OrderStyle | null, side?: 'long' | 'short', close_today?: boolean): string;
  function cancel_order(order_id: string | UserOrder): void;
  function batch_submit_orders(orders: readonly OrderSpec[]): (string | null)[];
  function batch_cancel_orders(order_ids: readonly string[]): void;
  function get_orders(order_id?: string | null, code?: string | null, status?: UserOrderStatus | null): UserOrder[];
  function get_orders(filter: { order_id?: string | null; code?: string | null; status?: UserOrderStatus | null }): UserOrder[];
  function sync_balance(): void;
  function sync_orders(): void;
  function subscribe(codes: string | readonly string[]): void;
  function LimitOrderStyle(price: number): LimitStyle;
  function MarketOrderStyle(market_type?: number, limit_price?: number): MarketStyle;

  // Ptrade's margin trading API (credit accounts). Each returns the order id at once, or null
  // with the reason in the log. Neither limit_price nor market_type: a limit order at the
  // latest price; limit_price only: a limit order; market_type only: a market order (SSE
  // needs limit_price as its protection price); both: a market order protected at limit_price.
  // The third argument may also be Python's keywords as an object: { limit_price, market_type }.
  /** 担保品买卖: amount > 0 担保品买入, < 0 担保品卖出 */
  function margin_trade(security: string, amount: number, limit_price?: number | null | MarginPriceOptions, market_type?: number | null): string | null;
  /** 融资买入 */
  function margincash_open(security: string, amount: number, limit_price?: number | null | MarginPriceOptions, market_type?: number | null): string | null;
  /** 卖券还款 */
  function margincash_close(security: string, amount: number, limit_price?: number | null | MarginPriceOptions, market_type?: number | null): string | null;
  /** 直接还款 (CNY); the outcome goes to the log */
  function margincash_direct_refund(value: number): null;
  /** 融券卖出: limit orders only (no lower than the latest price) */
  function marginsec_open(security: string, amount: number, limit_price?: number | null | { limit_price?: number | null }): string | null;
  /** 买券还券 */
  function marginsec_close(security: string, amount: number, limit_price?: number | null | MarginPriceOptions, market_type?: number | null): string | null;
  /** the credit account's figures in Ptrade's names; null (and logged) on a cash account */
  function get_margin_assert(): MarginAssertDict | null;
}

export {};
