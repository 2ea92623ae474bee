/**
 * The globals a strategy file sees without importing anything (jqtrade style), and the
 * callbacks looked up in it. compile.ts wraps the file in a function with these parameter
 * names; the worker passes the values in the same order.
 */
export const API_NAMES = [
  'log', 'g', 'run_daily', 'set_options', 'order', 'cancel_order', 'batch_submit_orders', 'batch_cancel_orders',
  'get_orders', 'sync_balance', 'sync_orders', 'subscribe', 'LimitOrderStyle', 'MarketOrderStyle',
  // Ptrade's margin trading API (margin-api.ts)
  'margin_trade', 'margincash_open', 'margincash_close', 'margincash_direct_refund', 'marginsec_open', 'marginsec_close',
  'get_margin_assert',
] as const;

export type ApiName = (typeof API_NAMES)[number];

export const HOOK_NAMES = [
  'process_initialize', 'initialize', 'before_trading_start', 'on_tick', 'on_bar', 'on_order', 'on_trade', 'after_trading_end',
] as const;

export type HookName = (typeof HOOK_NAMES)[number];
