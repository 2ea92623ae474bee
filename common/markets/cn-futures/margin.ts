/**
 * Futures margin (保证金): contract value × margin ratio. A position's margin during the day
 * is taken on today's lots at their open price and on yesterday's lots at the previous
 * settlement price, as the exchanges and CTP do; after the daily settlement every lot is
 * margined at the new settlement price. An order freezes margin at its own price, or at the
 * limit price in its direction when it has none (a market order).
 */
import { Direction } from '../../constants';
import { roundCents } from '../price';
import { type FuturesContract, marginRatioOf } from './futures-contract';
import { type FuturesPosition, lotsValue, yesterdayVolume } from './position';

/** Margin of `volume` lots at `price`: price × volume × size × ratio, to the cent. */
export function marginOf(price: number, volume: number, size: number, ratio: number): number {
  return roundCents(price * volume * size * ratio);
}

/** Margin a position holds: today's lots at their open price, yesterday's at the previous settlement. */
export function positionMargin(position: FuturesPosition, contract: FuturesContract): number {
  const basis = lotsValue(position.today) + yesterdayVolume(position) * position.pre_settlement;
  return roundCents(basis * contract.size * marginRatioOf(contract, position.direction));
}

/** The price an order's margin is frozen at: its own, or the limit price in its direction. */
export function freezePriceOf(contract: FuturesContract, direction: Direction, price: number): number {
  if (price > 0) return price;
  return direction === Direction.LONG ? contract.limit_up : contract.limit_down;
}
