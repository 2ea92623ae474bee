/**
 * The functions a strategy calls, after jqtrade's API. Everything answers at once from the
 * worker's mirrors; order() mints the id here and tells the engine afterwards, so a
 * strategy never blocks on the engine except in sync_balance()/sync_orders(), which exist
 * precisely to wait for a fresh mirror.
 */
import { format } from 'node:util';
import { LogLevel, MARKET_TYPE_CODE, OrderType, Direction } from '../../../../common/constants';
import { parseCode } from '../../../../common/symbol';
import { CALLBACK_NAMES, type FromWorker } from '../protocol';
import type { CodeStyle, LimitStyle, MarketStyle, OrderStyle, UserOrder, UserOrderStatus } from '../strategy-types';
import { USER_ORDER_STATUSES } from '../strategy-types';
import type { ApiName } from './api-names';
import type { CreditMirror } from './credit-mirror';
import { ScheduleError, type DailyScheduler, type MarketPeriod } from './daily-scheduler';
import { buildMarginApi } from './margin-api';
import type { OrderMirror } from './order-mirror';

export type StrategyFn = (...args: unknown[]) => unknown;

/** A run_daily job: the function and which callback slot the watchdog reports it as. */
export interface ScheduledJob {
  fn: StrategyFn;
  what: number;
}

/** What the API needs from the worker around it. */
export interface ApiHost {
  now(): number;
  send(msg: FromWorker): void;
  /** true only while process_initialize runs */
  initializing(): boolean;
  scheduler: DailyScheduler<ScheduledJob>;
  orders: OrderMirror;
  /** the credit account's figures and compacts (empty on a cash account) */
  credit: CreditMirror;
  /** the latest trade price seen for a code (Ptrade's margin functions price at it by default) */
  latestPrice(vt: string): number | undefined;
  codeOf(vt: string): string;
  setCodeStyle(style: CodeStyle): void;
  /** block until the engine has answered a sync request (bounded) */
  syncWait(what: 'balance' | 'orders'): void;
}

const MARKET_TYPES = new Map<number, OrderType>(
  (Object.entries(MARKET_TYPE_CODE) as [OrderType, number][]).map(([type, code]) => [code, type]),
);
const RUN_DAILY = CALLBACK_NAMES.indexOf('run_daily');
/** 最优五档即时成交剩余撤销: the one market type every exchange accepts. */
const DEFAULT_MARKET_TYPE = 4;
const CODE_STYLES: readonly CodeStyle[] = ['joinquant', 'ptrade', 'xtquant', 'vnpy'];
/** jqtrade's account-module options: meaningless here (the gateway holds the account). */
const IGNORED_OPTIONS = new Set([
  'account_no', 'order_dir', 'account_type', 'counter_type', 'algo_type', 'wait_lock_internal', 'wait_lock_time_out',
  'file_encoding', 'sync_retry_kwargs', 'sync_balance', 'sync_order', 'sync_period', 'runtime_dir', 'use_account',
]);

export class StrategyApiError extends Error {
  override name = 'StrategyApiError';
}

export interface OrderSpec {
  code: string;
  amount: number;
  style?: OrderStyle | null;
  side?: 'long' | 'short';
  close_today?: boolean;
}

export function LimitOrderStyle(price: number): LimitStyle {
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) throw new StrategyApiError(`LimitOrderStyle 的价格无效：${String(price)}`);
  return Object.freeze({ kind: 'limit' as const, price });
}

/** market_type: Ptrade's code 0–5 (default 4); limit_price: the protection price SSE wants. */
export function MarketOrderStyle(market_type: number = DEFAULT_MARKET_TYPE, limit_price = 0): MarketStyle {
  if (!MARKET_TYPES.has(market_type)) throw new StrategyApiError(`MarketOrderStyle 的 market_type 应为 0–5，当前为 ${String(market_type)}`);
  if (typeof limit_price !== 'number' || !(limit_price >= 0)) throw new StrategyApiError(`MarketOrderStyle 的保护价无效：${String(limit_price)}`);
  return Object.freeze({ kind: 'market' as const, market_type, limit_price });
}

export function buildApi(host: ApiHost, runId: string): Record<ApiName, unknown> {
  let seq = 0;
  const mintId = (): string => `${runId}-${++seq}`;

  const logAt = (level: LogLevel) => (...args: unknown[]) => host.send({ t: 'log', level, msg: format(...args) });
  const log = {
    debug: logAt(LogLevel.DEBUG),
    info: logAt(LogLevel.INFO),
    warn: logAt(LogLevel.WARNING),
    warning: logAt(LogLevel.WARNING),
    error: logAt(LogLevel.ERROR),
  };

  /**
   * JoinQuant's order: amount > 0 buys (A-shares) or opens, < 0 sells or closes. side names
   * the position: 'long' (default) — a buy opens it, a sell closes it; 'short' (futures) — a
   * sell opens it, a buy closes it. close_today: close today's lots with 平今 (SHFE, INE).
   * Whether the market has positions to open and close is the engine's to decide (it refuses
   * side 'short' and close_today on A-shares, and the order shows as rejected).
   */
  function order(code: string, amount: number, style?: OrderStyle | null, side: 'long' | 'short' = 'long', close_today = false): string {
    if (side !== 'long' && side !== 'short') throw new StrategyApiError(`side 应为 "long" 或 "short"，当前为 ${String(side)}`);
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount === 0) throw new StrategyApiError(`委托数量应为非零整数（正数买入或开仓、负数卖出或平仓），当前为 ${String(amount)}`);
    const parsed = parseCode(code);
    const s: OrderStyle = style ?? MarketOrderStyle();
    if (s.kind !== 'limit' && s.kind !== 'market') throw new StrategyApiError('style 应为 LimitOrderStyle(价格) 或 MarketOrderStyle()');
    const opens = amount > 0;
    // A long is opened by a buy and closed by a sell; a short the other way round.
    const isBuy = opens === (side === 'long');
    const volume = Math.abs(amount);
    const type = s.kind === 'limit' ? OrderType.LIMIT : MARKET_TYPES.get(s.market_type)!;
    const price = s.kind === 'limit' ? s.price : s.limit_price;
    const oid = mintId();
    host.orders.create(oid, host.codeOf(parsed.vt_symbol), parsed.vt_symbol, volume, isBuy, s, price, host.now());
    host.send({
      t: 'order', oid, code: parsed.vt_symbol, volume, price, type, direction: isBuy ? Direction.LONG : Direction.SHORT,
      ...(side === 'short' || close_today ? { side, action: opens ? 'open' : 'close', close_today } : { action: opens ? 'open' : 'close' }),
    });
    return oid;
  }

  function cancel_order(id: string | UserOrder): void {
    const oid = typeof id === 'object' && id !== null ? id.order_id : String(id);
    if (!host.orders.get(oid)) {
      log.warn(`撤单：未找到委托 ${oid}`);
      return;
    }
    if (!host.orders.markCancelling(oid)) return; // already final: nothing to cancel
    host.send({ t: 'cancel', oid });
  }

  function get_orders(
    order_id?: string | null | { order_id?: string | null; code?: string | null; status?: UserOrderStatus | null },
    code?: string | null,
    status?: UserOrderStatus | null,
  ): UserOrder[] {
    // JavaScript has no keyword arguments: get_orders({ status: "open" }) is accepted too.
    if (typeof order_id === 'object' && order_id !== null) return get_orders(order_id.order_id, order_id.code, order_id.status);
    if (status && !USER_ORDER_STATUSES.includes(status)) throw new StrategyApiError(`未知的订单状态“${String(status)}”，应为 ${USER_ORDER_STATUSES.join('、')} 之一`);
    return host.orders.query({ order_id: order_id ?? null, vt_symbol: code ? parseCode(code).vt_symbol : null, status: status ?? null });
  }

  function run_daily(func: StrategyFn, time: string): void {
    if (!host.initializing()) throw new StrategyApiError('run_daily 只能在 process_initialize 中调用');
    if (typeof func !== 'function') throw new StrategyApiError('run_daily 的第一个参数应为函数');
    try {
      host.scheduler.add(time, { fn: func, what: RUN_DAILY });
    } catch (error) {
      if (error instanceof ScheduleError) throw new StrategyApiError(error.message);
      throw error;
    }
  }

  function set_options(options: Record<string, unknown>): void {
    if (typeof options !== 'object' || options === null) throw new StrategyApiError('set_options 的参数应为对象，如 set_options({ market_period: [...] })');
    for (const [key, value] of Object.entries(options)) {
      if (key === 'market_period') {
        try {
          host.scheduler.setMarketPeriod(value as MarketPeriod);
        } catch (error) {
          throw new StrategyApiError(error instanceof Error ? error.message : String(error));
        }
      } else if (key === 'code_style') {
        if (!CODE_STYLES.includes(value as CodeStyle)) throw new StrategyApiError(`code_style 应为 ${CODE_STYLES.join('、')} 之一`);
        host.setCodeStyle(value as CodeStyle);
      } else if (IGNORED_OPTIONS.has(key)) {
        log.debug(`选项 ${key} 在 TS Trader 中不起作用（账户由接口设置决定），已忽略`);
      } else {
        throw new StrategyApiError(`未知的选项 ${key}`);
      }
    }
  }

  function subscribe(codes: string | readonly string[]): void {
    const list = (Array.isArray(codes) ? codes : [codes]).map((c: string) => parseCode(c).vt_symbol);
    host.send({ t: 'subscribe', codes: list });
  }

  const margin = buildMarginApi({
    now: () => host.now(),
    send: (msg) => host.send(msg),
    orders: host.orders,
    credit: host.credit,
    codeOf: (vt) => host.codeOf(vt),
    mintId,
    latestPrice: (vt) => host.latestPrice(vt),
  });

  return {
    log,
    g: {},
    run_daily,
    set_options,
    order,
    cancel_order,
    batch_submit_orders: (specs: readonly OrderSpec[]): (string | null)[] =>
      specs.map((s) => {
        try {
          return order(s.code, s.amount, s.style, s.side, s.close_today);
        } catch (error) {
          log.warn(`批量下单中的一笔失败（${String(s.code)} ${String(s.amount)}）：${error instanceof Error ? error.message : String(error)}`);
          return null;
        }
      }),
    batch_cancel_orders: (ids: readonly string[]): void => ids.forEach((id) => cancel_order(id)),
    get_orders,
    sync_balance: (): void => host.syncWait('balance'),
    sync_orders: (): void => host.syncWait('orders'),
    subscribe,
    LimitOrderStyle,
    MarketOrderStyle,
    margin_trade: margin.margin_trade,
    margincash_open: margin.margincash_open,
    margincash_close: margin.margincash_close,
    margincash_direct_refund: margin.margincash_direct_refund,
    marginsec_open: margin.marginsec_open,
    marginsec_close: margin.marginsec_close,
    get_margin_assert: margin.get_margin_assert,
  };
}
