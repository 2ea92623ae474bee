/**
 * A-share fills on one finished bar. On top of vn.py's bar rule (bar-cross.ts):
 *
 * - **涨跌停**: a buy never fills at the limit-up price and a sell never at the limit-down
 *   price — the queue there is long and a backtest cannot know its place in it. A bar that
 *   sits at the limit all bar long (open = high = low = close) therefore fills nothing on
 *   that side: a buy priced below the limit is never reached, one priced at it would fill
 *   at the limit.
 * - **Volume cap**: the fills of one bar together take at most `volumeRatio` of the bar's
 *   volume, in the order the orders were placed; a capped fill is rounded down to the board's
 *   step (a whole remainder, odd lot included, fills when it fits). The rest keeps working.
 * - **Market orders** fill at the next bar's open (a buy no higher, a sell no lower than its
 *   protection price, if it has one); what that bar does not fill is cancelled, as the
 *   default 最优五档即时成交剩余撤销 does.
 * - **Fees** from common/markets/cn-stock/fees: commission with its minimum per *order* (each fill is
 *   charged the commission of the order's cumulative amount less what the order already
 *   paid), stamp duty on sells of stocks, transfer fee on both sides of stocks.
 * - **Slippage** in ticks is a cost of each fill (ticks × pricetick × volume), kept apart
 *   from the price as vn.py keeps it, so the daily table and statistics show it.
 *
 * Lots, ticks, price limits, T+1 and cash are checked when the order is placed
 * (cn-stock-book.ts), not here.
 */
import { Direction, OrderType } from '../../../../common/constants';
import type { ContractData } from '../../../../common/objects';
import { computeFees, DEFAULT_FEES, type FeeSchedule } from '../../../../common/markets/cn-stock/fees';
import { roundCents } from '../../../../common/markets/price';
import { barCrossPrice } from './bar-cross';
import { canTradeOn, type BarFill, type BarMatch, type BarOrder, type MatchBar } from './bar-order';

export interface CnStockMatchSettings {
  fees: FeeSchedule;
  /** the share of a bar's volume our fills may take together, 0 < ratio ≤ 1 */
  volumeRatio: number;
  /** slippage per fill in ticks (may be fractional), charged as a cost */
  slippageTicks: number;
}

export const DEFAULT_CN_STOCK_MATCH: Readonly<CnStockMatchSettings> = {
  fees: DEFAULT_FEES,
  volumeRatio: 0.25,
  slippageTicks: 0,
};

/** The contract fields the A-share rules need. */
export type CnStockMatchContract = Pick<ContractData, 'product' | 'pricetick' | 'volume_step' | 'size'>;

const EPS = 1e-9;
const NO_MATCH: BarMatch = Object.freeze({ fills: [], cancelled: [] }) as BarMatch;

/** The most of `remaining` the cap lets through: all of it if it fits, else whole steps. */
export function cappedVolume(remaining: number, capLeft: number, step: number): number {
  if (remaining <= capLeft) return remaining;
  return Math.max(0, Math.floor(capLeft / step) * step);
}

/** A market order's price on `bar`: the open, within its protection price; NaN when outside. */
function marketPrice(order: BarOrder, bar: MatchBar): number {
  if (order.price > 0) {
    if (order.direction === Direction.LONG && bar.open > order.price + EPS) return NaN;
    if (order.direction === Direction.SHORT && bar.open < order.price - EPS) return NaN;
  }
  return bar.open;
}

/** Why a price cannot fill under the price limits, or "" when it can. */
export function limitRefusal(direction: Direction.LONG | Direction.SHORT, price: number, bar: MatchBar): string {
  if (direction === Direction.LONG && bar.limit_up > 0 && price >= bar.limit_up - EPS) return `涨停价 ${bar.limit_up} 无法买入成交`;
  if (direction === Direction.SHORT && bar.limit_down > 0 && price <= bar.limit_down + EPS) return `跌停价 ${bar.limit_down} 无法卖出成交`;
  return '';
}

/** The fill's money and costs; commission under the per-order minimum. */
export function cnStockFill(order: BarOrder, price: number, volume: number, contract: CnStockMatchContract, settings: CnStockMatchSettings): BarFill {
  const amount = roundCents(price * volume * contract.size);
  const orderSoFar = computeFees(order.direction, roundCents(order.tradedAmount + amount), contract.product, settings.fees);
  const own = computeFees(order.direction, amount, contract.product, settings.fees);
  const commission = roundCents(orderSoFar.commission - order.commission);
  return {
    orderId: order.id, direction: order.direction, price, volume, amount, commission,
    stamp_duty: own.stamp_duty, transfer_fee: own.transfer_fee,
    fee: roundCents(commission + own.stamp_duty + own.transfer_fee),
    slippage: settings.slippageTicks * contract.pricetick * volume * contract.size,
  };
}

/**
 * Match the resting `orders` (in the order they were placed) against bar number `barIndex`.
 * Pure: the orders are not changed; apply each fill with `applyFill`.
 */
export function matchCnStockBar(
  bar: MatchBar,
  barIndex: number,
  orders: readonly BarOrder[],
  contract: CnStockMatchContract,
  settings: CnStockMatchSettings,
): BarMatch {
  if (!orders.length) return NO_MATCH;
  let capLeft = Math.floor(settings.volumeRatio * bar.volume + EPS);
  let out: BarMatch | undefined;
  for (const order of orders) {
    if (!canTradeOn(order, barIndex)) continue;
    const remaining = order.volume - order.traded;
    if (remaining <= 0) continue;
    const isMarket = order.type !== OrderType.LIMIT;
    const price = isMarket ? marketPrice(order, bar) : barCrossPrice(order.direction, order.price, bar);
    let reason: string;
    if (Number.isNaN(price)) {
      if (!isMarket) continue;
      reason = `开盘价 ${bar.open} 超出保护限价 ${order.price}`;
    } else {
      reason = limitRefusal(order.direction, price, bar);
      if (!reason) {
        const volume = cappedVolume(remaining, capLeft, contract.volume_step);
        if (volume > 0) {
          capLeft -= volume;
          out ??= { fills: [], cancelled: [] };
          out.fills.push(cnStockFill(order, price, volume, contract, settings));
          if (volume === remaining) continue;
        }
        reason = `超过K线成交量的 ${settings.volumeRatio * 100}%`;
      }
    }
    if (isMarket) {
      out ??= { fills: [], cancelled: [] };
      out.cancelled.push({ orderId: order.id, reason: `市价委托未成交部分已撤销：${reason}` });
    }
  }
  return out ?? NO_MATCH;
}
