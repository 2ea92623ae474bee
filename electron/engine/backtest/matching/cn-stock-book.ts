/**
 * The cash and holdings of an A-share backtest, and the rules an order must pass when it is
 * placed: the same checkOrderRules the live engine runs (lots and odd-lot sells, ticks,
 * price limits, per-order caps, enough cash fees included, and T+1 — only shares held since
 * before today are sellable). An accepted buy holds its estimated cost, a sell its shares,
 * until it fills or is cancelled.
 */
import { Direction } from '../../../../common/constants';
import type { AccountData, ContractData, OrderRequest, PositionData } from '../../../../common/objects';
import { estimateBuyCost } from '../../../../common/markets/cn-stock/account-rules';
import type { FeeSchedule } from '../../../../common/markets/cn-stock/fees';
import type { RuleViolation } from '../../../../common/markets/cn-stock/order-rules';
import { checkOrderRules } from '../../../../common/markets/cn-stock/pre-trade';
import { roundCents } from '../../../../common/markets/price';
import type { BarFill } from './bar-order';

export interface BookPosition {
  volume: number;
  /** shares held since before today: what T+1 lets a sell draw on */
  yd_volume: number;
  /** shares held by working sells */
  frozen: number;
}

interface Hold {
  vtSymbol: string;
  direction: Direction;
  /** cash still held for the unfilled part of a buy */
  cash: number;
  remaining: number;
}

const BOOK = 'BACKTEST';

export class CnStockBook {
  private balance: number;
  private frozenCash = 0;
  private readonly positions = new Map<string, BookPosition>();
  private readonly holds = new Map<string, Hold>();

  constructor(
    capital: number,
    private readonly fees: FeeSchedule,
  ) {
    this.balance = capital;
  }

  /** Cash not held by working buys. */
  get available(): number {
    return roundCents(this.balance - this.frozenCash);
  }

  get cash(): number {
    return this.balance;
  }

  position(vtSymbol: string): Readonly<BookPosition> {
    return this.positions.get(vtSymbol) ?? { volume: 0, yd_volume: 0, frozen: 0 };
  }

  /**
   * Check `req` (on `contract`, whose limit prices are today's) and hold its cash or shares.
   * Returns the rule it breaks, in Chinese, or null when accepted under `orderId`.
   */
  place(orderId: string, req: OrderRequest, contract: ContractData): RuleViolation | null {
    const violation = checkOrderRules(req, contract, { account: this.accountData(), position: this.positionData(contract) }, this.fees);
    if (violation) return violation;
    if (req.direction === Direction.LONG) {
      const cash = estimateBuyCost(req, contract, this.fees);
      this.frozenCash = roundCents(this.frozenCash + cash);
      this.holds.set(orderId, { vtSymbol: contract.vt_symbol, direction: req.direction, cash, remaining: req.volume });
    } else {
      this.slot(contract.vt_symbol).frozen += req.volume;
      this.holds.set(orderId, { vtSymbol: contract.vt_symbol, direction: req.direction, cash: 0, remaining: req.volume });
    }
    return null;
  }

  /** Book a fill of an accepted order: shares and cash move, costs (fees and slippage) are paid. */
  fill(orderId: string, fill: BarFill): void {
    const hold = this.holds.get(orderId);
    if (!hold) throw new Error(`成交对应的委托 ${orderId} 不在账上`);
    const pos = this.slot(hold.vtSymbol);
    if (hold.direction === Direction.LONG) {
      const released = fill.volume >= hold.remaining ? hold.cash : roundCents((hold.cash * fill.volume) / hold.remaining);
      hold.cash = roundCents(hold.cash - released);
      this.frozenCash = roundCents(this.frozenCash - released);
      this.balance = roundCents(this.balance - fill.amount - fill.fee - fill.slippage);
      pos.volume += fill.volume;
    } else {
      pos.frozen -= fill.volume;
      pos.volume -= fill.volume;
      pos.yd_volume -= fill.volume;
      this.balance = roundCents(this.balance + fill.amount - fill.fee - fill.slippage);
    }
    hold.remaining -= fill.volume;
    if (hold.remaining <= 0) this.release(orderId);
  }

  /** Give back what a cancelled or expired order still holds. */
  release(orderId: string): void {
    const hold = this.holds.get(orderId);
    if (!hold) return;
    this.holds.delete(orderId);
    if (hold.direction === Direction.LONG) this.frozenCash = roundCents(this.frozenCash - hold.cash);
    else this.slot(hold.vtSymbol).frozen -= hold.remaining;
  }

  /** A new trading day: everything held becomes sellable (T+1). Orders are day orders: release them first. */
  newDay(): void {
    for (const pos of this.positions.values()) pos.yd_volume = pos.volume;
  }

  private slot(vtSymbol: string): BookPosition {
    let pos = this.positions.get(vtSymbol);
    if (!pos) this.positions.set(vtSymbol, (pos = { volume: 0, yd_volume: 0, frozen: 0 }));
    return pos;
  }

  private accountData(): AccountData {
    return {
      gateway_name: BOOK, accountid: BOOK, vt_accountid: `${BOOK}.${BOOK}`,
      balance: this.balance, frozen: this.frozenCash, available: this.available, market_value: 0,
    };
  }

  private positionData(contract: ContractData): PositionData | undefined {
    const pos = this.positions.get(contract.vt_symbol);
    if (!pos) return undefined;
    return {
      gateway_name: BOOK, symbol: contract.symbol, exchange: contract.exchange, vt_symbol: contract.vt_symbol,
      vt_positionid: `${BOOK}.${contract.vt_symbol}.${Direction.LONG}`, direction: Direction.LONG,
      volume: pos.volume, yd_volume: pos.yd_volume, frozen: pos.frozen, price: 0, last_price: 0, pnl: 0,
    };
  }
}
