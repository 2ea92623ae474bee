/**
 * The simulated cash account and holdings. Money is kept in integer cents so balances stay
 * exact however many fills accumulate; it becomes CNY only on the way out.
 */
import { Direction, type Exchange } from '../../common/constants';
import type { Holding } from '../../common/markets';
import type { AccountData, PositionData } from '../../common/objects';
import { vtIdOf, vtPositionIdOf } from '../../common/objects';
import { roundCents, roundTo } from '../../common/markets/price';

/** CNY amount → integer cents, rounded half up like a broker's statement. */
export function toCents(yuan: number): number {
  return Math.round(roundCents(yuan) * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

export interface PositionState {
  symbol: string;
  exchange: Exchange;
  vtSymbol: string;
  volume: number;
  /** shares held before today: the T+1 sellable base */
  ydVolume: number;
  /** shares locked by working sells */
  frozen: number;
  /** total cost of the shares held, buy fees included, in cents */
  costCents: number;
}

/** A book holding as the market rules read it (they work in CNY, the book in cents). */
export function holdingOf(pos: PositionState): Holding {
  return { volume: pos.volume, yd_volume: pos.ydVolume, frozen: pos.frozen, cost: fromCents(pos.costCents) };
}

export class AccountBook {
  readonly positions = new Map<string, PositionState>();
  /** cash locked by working buys; always the sum of their own frozen amounts */
  frozenCents = 0;

  /**
   * `restricted` is cash a plain buy may not use (a credit account's 融券卖出资金, usable only
   * for 买券还券 and fees); 0 on an ordinary account.
   */
  constructor(
    public cashCents: number,
    private readonly restricted: () => number = () => 0,
  ) {}

  /** Cash free for an ordinary (担保品) buy, a withdrawal or 直接还款. */
  get availableCents(): number {
    return this.cashCents - this.frozenCents - this.restricted();
  }

  /** Cash not frozen, restricted proceeds included: what a 买券还券 may use. */
  get unfrozenCents(): number {
    return this.cashCents - this.frozenCents;
  }

  position(symbol: string, exchange: Exchange): PositionState {
    const vtSymbol = `${symbol}.${exchange}`;
    let pos = this.positions.get(vtSymbol);
    if (!pos) {
      pos = { symbol, exchange, vtSymbol, volume: 0, ydVolume: 0, frozen: 0, costCents: 0 };
      this.positions.set(vtSymbol, pos);
    }
    return pos;
  }

  /** A buy fill: pay amount + fees; the shares arrive today and are not sellable until tomorrow (T+1). */
  applyBuy(pos: PositionState, volume: number, amountCents: number, feeCents: number): void {
    this.cashCents -= amountCents + feeCents;
    pos.volume += volume;
    pos.costCents += amountCents + feeCents;
  }

  /**
   * A sell fill: receive amount − fees. The cost of the shares left is the average cost times
   * what is left, so selling never changes the average cost per share.
   */
  applySell(pos: PositionState, volume: number, amountCents: number, feeCents: number): void {
    this.cashCents += amountCents - feeCents;
    const left = pos.volume - volume;
    pos.costCents = left > 0 ? Math.round((pos.costCents * left) / pos.volume) : 0;
    pos.volume = left;
    pos.ydVolume = Math.max(0, pos.ydVolume - volume);
    pos.frozen = Math.max(0, pos.frozen - volume);
  }

  /** End of day: empty holdings are dropped, the rest rolled to the next day by `roll` (the market's settlement: T+1 makes today's shares sellable). */
  settle(roll: (pos: PositionState) => void): void {
    for (const [key, pos] of this.positions) {
      if (pos.volume === 0) this.positions.delete(key);
      else roll(pos);
    }
  }

  positionData(gatewayName: string, pos: PositionState, lastPrice: number): PositionData {
    return {
      gateway_name: gatewayName,
      symbol: pos.symbol,
      exchange: pos.exchange,
      vt_symbol: pos.vtSymbol,
      vt_positionid: vtPositionIdOf(gatewayName, pos.vtSymbol, Direction.LONG),
      direction: Direction.LONG,
      volume: pos.volume,
      yd_volume: pos.ydVolume,
      frozen: pos.frozen,
      price: pos.volume > 0 ? roundTo(pos.costCents / 100 / pos.volume, 3) : 0,
      last_price: lastPrice,
      pnl: roundCents(lastPrice * pos.volume - pos.costCents / 100),
    };
  }

  accountData(gatewayName: string, accountId: string, marketValue: number): AccountData {
    return {
      gateway_name: gatewayName,
      accountid: accountId,
      vt_accountid: vtIdOf(gatewayName, accountId),
      balance: fromCents(this.cashCents),
      frozen: fromCents(this.frozenCents),
      available: fromCents(this.availableCents),
      market_value: roundCents(marketValue),
    };
  }
}
