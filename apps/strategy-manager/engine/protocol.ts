/**
 * Messages between the strategy engine and a strategy worker. Ticks travel in a binary
 * form (tick-codec.ts); everything else is one of these JSON objects in the shared ring.
 * Order requests carry the id the worker minted, so the worker never waits for the engine.
 */
import type { LogLevel } from '../../../common/constants';
import type { CompactData, CreditDetail, CreditOrderType } from '../../../common/credit';
import type { OrderData, TradeData } from '../../../common/objects';
import type { AccountUpdate, ClockSpec, PositionUpdate } from './strategy-types';

/** What the worker's order mirror needs of an order report: a third of OrderData's JSON. */
export type OrderUpdate = Pick<OrderData, 'vt_orderid' | 'status' | 'traded' | 'volume' | 'price' | 'status_msg'>;

/** What the worker needs of a fill. */
export type TradeUpdate = Pick<TradeData, 'vt_tradeid' | 'direction' | 'price' | 'volume' | 'fee' | 'datetime'>;

/** The credit order types that trade (the two direct repayments are account operations). */
export type TradingCreditType = Exclude<CreditOrderType, CreditOrderType.DIRECT_CASH_REPAY | CreditOrderType.DIRECT_SECU_REPAY>;

/**
 * A credit account's figures as they cross the ring: JSON turns 维持担保比例's Infinity
 * (no debt) into null, and the worker's mirror turns it back.
 */
export type CreditUpdate = Omit<CreditDetail, 'per_assure_scale_value'> & { per_assure_scale_value: number | null };

/** Which callback a worker is in, for the watchdog's message (index into CALLBACK_NAMES). */
export const CALLBACK_NAMES = [
  'idle', 'load', 'process_initialize', 'before_trading_start', 'on_tick', 'on_bar', 'on_order', 'on_trade',
  'after_trading_end', 'run_daily',
] as const;
export type CallbackName = (typeof CALLBACK_NAMES)[number];

/** Engine → worker. */
export type ToWorker =
  | { t: 'order'; oid: string; data: OrderUpdate }
  | { t: 'ack'; oid: string; vt_orderid: string }
  | { t: 'reject'; oid: string; msg: string }
  | { t: 'trade'; oid: string; data: TradeUpdate }
  | { t: 'account'; data: AccountUpdate }
  | { t: 'positions'; data: PositionUpdate[] }
  | { t: 'position'; data: PositionUpdate }
  /** the gateway's credit account (only a credit account sends these) */
  | { t: 'credit'; data: CreditUpdate }
  /** every open compact of the account (start, sync_balance); replaces the mirror's list */
  | { t: 'compacts'; data: CompactData[] }
  /** one compact changed (a closed one leaves the mirror) */
  | { t: 'compact'; data: CompactData }
  /** answer to a sync_* request: the mirror is fresh up to here */
  | { t: 'synced'; req: number };

/** Worker → engine. */
export type FromWorker =
  | { t: 'ready' }
  /**
   * credit: the credit order type on a credit account (Ptrade's margin_* functions).
   * side / action / close_today: JoinQuant's futures form — which position (long/short) the
   * order opens or closes; the engine turns them into an offset where the market has them.
   */
  | {
    t: 'order'; oid: string; code: string; volume: number; price: number; type: string; direction: string; credit?: TradingCreditType;
    side?: 'long' | 'short'; action?: 'open' | 'close'; close_today?: boolean;
  }
  /** 直接还款 (margincash_direct_refund), CNY */
  | { t: 'repay'; amount: number }
  | { t: 'cancel'; oid: string }
  | { t: 'subscribe'; codes: string[] }
  | { t: 'log'; level: LogLevel; msg: string }
  /** an exception in a callback; the worker goes on */
  | { t: 'error'; where: string; msg: string; stack: string }
  | { t: 'sync'; req: number; what: 'balance' | 'orders' }
  /** the strategy cannot run (load or initialize failed) */
  | { t: 'fatal'; msg: string; stack: string }
  | { t: 'stopped' };

/** What the worker gets in workerData. */
export interface WorkerBoot {
  name: string;
  file: string;
  /** the strategy, already transpiled and wrapped (compile.ts) */
  code: string;
  params: Record<string, unknown>;
  clock: ClockSpec;
  /** main → worker ring, worker → main ring, control block */
  inbound: SharedArrayBuffer;
  outbound: SharedArrayBuffer;
  control: SharedArrayBuffer;
  /** prefix of the order ids this run mints */
  run_id: string;
  /** after this many callback errors the worker runs no further callback (0 = no limit) */
  max_errors: number;
}
