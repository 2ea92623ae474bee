/**
 * Futures fills on one finished bar, exactly as vn.py's BacktestingEngine in bar mode: a
 * limit order fills whole, at the price of the bar rule (bar-cross.ts), with no volume cap
 * and no price-limit rule; commission is by amount (turnover × rate, vn.py's `rate`) or by
 * lot; slippage is a cost of volume × size × slippage. Offsets, margin and 平今/平昨 are the
 * futures rules' business, checked when an order is placed.
 */
import { OrderType } from '../../../../common/constants';
import { barCrossPrice } from './bar-cross';
import { canTradeOn, type BarFill, type BarMatch, type BarOrder, type MatchBar } from './bar-order';

export type FuturesCommission =
  /** a fraction of the turnover (vn.py's `rate`) */
  | { kind: 'rate'; rate: number }
  /** a fixed amount per lot */
  | { kind: 'per-lot'; perLot: number };

export interface FuturesMatchSettings {
  /** contract multiplier */
  size: number;
  pricetick: number;
  commission: FuturesCommission;
  /** slippage per fill in ticks; vn.py's `slippage` is slippageTicks × pricetick */
  slippageTicks: number;
}

const NO_MATCH: BarMatch = Object.freeze({ fills: [], cancelled: [] }) as BarMatch;

export function futuresFill(order: BarOrder, price: number, settings: FuturesMatchSettings): BarFill {
  const volume = order.volume - order.traded;
  // vn.py: turnover = volume × size × price; commission = turnover × rate
  const amount = volume * settings.size * price;
  const c = settings.commission;
  const commission = c.kind === 'rate' ? amount * c.rate : volume * c.perLot;
  return {
    orderId: order.id, direction: order.direction, price, volume, amount, commission,
    stamp_duty: 0, transfer_fee: 0, fee: commission,
    slippage: volume * settings.size * (settings.slippageTicks * settings.pricetick),
  };
}

/** Match resting limit orders against bar `barIndex`. Pure; apply fills with `applyFill`. */
export function matchFuturesBar(bar: MatchBar, barIndex: number, orders: readonly BarOrder[], settings: FuturesMatchSettings): BarMatch {
  let out: BarMatch | undefined;
  for (const order of orders) {
    if (!canTradeOn(order, barIndex) || order.traded >= order.volume) continue;
    if (order.type !== OrderType.LIMIT) {
      out ??= { fills: [], cancelled: [] };
      out.cancelled.push({ orderId: order.id, reason: '期货回测只支持限价委托' });
      continue;
    }
    const price = barCrossPrice(order.direction, order.price, bar);
    if (Number.isNaN(price)) continue;
    out ??= { fills: [], cancelled: [] };
    out.fills.push(futuresFill(order, price, settings));
  }
  return out ?? NO_MATCH;
}
