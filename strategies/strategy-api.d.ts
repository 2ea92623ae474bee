/**
 * Types of the globals a TS Trader strategy sees without importing anything (jqtrade's
 * API). Reference it from a strategy for editor completion:
 *   import type {} from './strategy-api';
 * The strategy itself is transpiled by esbuild and never type-checked at load.
 */
import type { BarData } from '../electron/engine/strategy/runtime/bar-generator';
import type { Portfolio } from '../electron/engine/strategy/runtime/portfolio-mirror';
import type { OrderSpec } from '../electron/engine/strategy/runtime/strategy-api';
import type { MarketPeriod } from '../electron/engine/strategy/runtime/daily-scheduler';
import type { CodeStyle, LimitStyle, MarketStyle, OrderStyle, UserOrder, UserOrderStatus, UserTrade } from '../electron/engine/strategy/strategy-types';
import type { StrategyTick } from '../electron/engine/strategy/transport/tick-codec';

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
  function order(code: string, amount: number, style?: OrderStyle | null, side?: 'long'): string;
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
}

export {};
