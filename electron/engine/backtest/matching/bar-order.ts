/**
 * What the bar matchers work on: one finished bar, the orders resting against it, and the
 * fills they produce. Shared by the A-share and the futures rules.
 *
 * Timing, the one rule every market shares: a strategy sees bar k only once it is complete
 * (the replay hands it over after matching bar k), so an order it places then — "at bar k's
 * close" — carries `placedBar = k` and can fill from bar k + 1 on, never on bar k itself.
 */
import type { Direction, OrderType } from '../../../../common/constants';

/** One finished bar as a matcher needs it. */
export interface MatchBar {
  /** bar start, epoch ms */
  datetime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** quantity traded in the bar: shares for A-shares, lots for futures */
  volume: number;
  /** the day's limit-up price; 0 when there is none (a new listing's first days) */
  limit_up: number;
  /** the day's limit-down price; 0 when there is none */
  limit_down: number;
}

/** An order resting in a backtest. Matchers read it; `applyFill` returns its next state. */
export interface BarOrder {
  readonly id: string;
  readonly direction: Direction.LONG | Direction.SHORT;
  /** LIMIT rests until filled or cancelled; a market type fills at the next bar's open and the rest is cancelled */
  readonly type: OrderType;
  /** the limit price; for a market order its protection price, or 0 for none */
  readonly price: number;
  readonly volume: number;
  /** index of the bar whose callback placed it: it can fill from bar placedBar + 1 on */
  readonly placedBar: number;
  readonly traded: number;
  /** money traded so far (Σ price × volume × size), the base of the per-order commission minimum */
  readonly tradedAmount: number;
  /** commission charged to this order so far */
  readonly commission: number;
}

/** One fill of one order on one bar, with its costs. */
export interface BarFill {
  orderId: string;
  direction: Direction.LONG | Direction.SHORT;
  price: number;
  volume: number;
  /** price × volume × size (A-shares: to the cent) */
  amount: number;
  commission: number;
  /** A-shares: sellers of stocks only */
  stamp_duty: number;
  /** A-shares: 过户费 */
  transfer_fee: number;
  /** commission + stamp duty + transfer fee */
  fee: number;
  /** what the slippage setting costs on this fill: ticks × pricetick × volume × size */
  slippage: number;
}

/** What one bar did to the resting orders. */
export interface BarMatch {
  fills: BarFill[];
  /** market orders whose unfilled rest is cancelled after this bar, with the reason in Chinese */
  cancelled: { orderId: string; reason: string }[];
}

// Built field by field rather than by spreading: V8 gives spread copies of these small
// objects a slow shape, which made order handling the hot spot of a backtest.
export function newBarOrder(f: Pick<BarOrder, 'id' | 'direction' | 'type' | 'price' | 'volume' | 'placedBar'>): BarOrder {
  return { id: f.id, direction: f.direction, type: f.type, price: f.price, volume: f.volume, placedBar: f.placedBar, traded: 0, tradedAmount: 0, commission: 0 };
}

export function applyFill(o: BarOrder, fill: BarFill): BarOrder {
  return {
    id: o.id, direction: o.direction, type: o.type, price: o.price, volume: o.volume, placedBar: o.placedBar,
    traded: o.traded + fill.volume, tradedAmount: o.tradedAmount + fill.amount, commission: o.commission + fill.commission,
  };
}

/** True when an order placed on `placedBar` may trade on bar `barIndex` (never on its own bar). */
export function canTradeOn(order: Pick<BarOrder, 'placedBar'>, barIndex: number): boolean {
  return barIndex > order.placedBar;
}
