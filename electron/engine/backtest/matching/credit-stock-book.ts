/**
 * The credit (信用, 融资融券) account of an A-share backtest: the SIM's own credit account —
 * its cash book (AccountBook), credit desk (CreditDesk: compacts, quotas, 保证金可用余额,
 * 维持担保比例, interest, repayment order) and its order rules (gateways/sim/credit-orders.ts:
 * acceptance, holds, how each credit type's fill is booked) — driven by bar fills instead of the
 * SIM's quote book. Nothing about margin is computed here; this class only feeds those modules.
 *
 * Same interface as CnStockBook (place / fill / release / newDay / position / cash /
 * available), plus the credit figures, the compacts, the short (融券) position and 直接还款.
 * Interest accrues at each new day for the calendar days since the previous trading day,
 * as the SIM's 日终结算 does; `interestOf(day)` says how much each day's settlement added.
 */
import { Direction, Offset, OrderType } from '../../../../common/constants';
import { CompactType, type CompactData, type CreditDetail, type CreditTerms, type DirectRepayRequest } from '../../../../common/credit';
import { defaultMarkets, type MarketRegistry } from '../../../../common/markets';
import type { FeeSchedule } from '../../../../common/markets/cn-stock/fees';
import type { RuleViolation } from '../../../../common/markets/cn-stock/order-rules';
import type { AccountData, ContractData, OrderRequest, PositionData, TickData } from '../../../../common/objects';
import { AccountBook, fromCents, holdingOf, toCents } from '../../../../gateways/sim/account-book';
import { seededLendable } from '../../../../gateways/sim/contracts-data';
import { compactData, isOpen, type Compact } from '../../../../gateways/sim/credit-book';
import { CreditDesk, type DeskSink } from '../../../../gateways/sim/credit-desk';
import { freezesOf, pendingRepayOf, shortPosition, type CreditFreezes } from '../../../../gateways/sim/credit-figures';
import {
  bookFill, checkAccountOrder, closableOf, holdForOrder, reholdBuy, releaseSell, workingCreditType, type AccountOrder, type OrderAccount,
} from '../../../../gateways/sim/credit-orders';
import type { BarFill } from './bar-order';
import type { BookPosition } from './cn-stock-book';

const BOOK = 'BACKTEST';

interface Working extends AccountOrder {
  /** price the buy's hold is computed at (its limit, or for a market buy its cap) */
  freezePrice: number;
  contract: ContractData;
  readonly data: AccountOrder['data'] & { price: number };
}

export interface CreditBookSources {
  /** today's contract of the backtest's one code (pre-close and limits) */
  contract(): ContractData;
  /** the latest quote (made from the last complete bar), for 融券卖出's price floor */
  tick(): TickData | undefined;
  /** the latest price, for the figures (market value, 维持担保比例) */
  price(): number;
  /** what the credit desk reports: figures, compacts, 可融券, its log */
  sink: DeskSink;
}

export class CreditStockBook implements OrderAccount {
  readonly account: AccountBook;
  readonly desk: CreditDesk;
  private readonly markets: MarketRegistry;
  private readonly working = new Map<string, Working>();
  private day = '';
  private readonly interest = new Map<string, number>();

  constructor(capital: number, private readonly fees: FeeSchedule, terms: CreditTerms, private readonly src: CreditBookSources) {
    this.markets = defaultMarkets({ stockFees: fees });
    this.account = new AccountBook(toCents(capital), () => this.desk.restrictedCents(this.freezes().repayCents));
    const contract = src.contract();
    this.desk = new CreditDesk(terms, {
      gatewayName: BOOK,
      accountId: BOOK,
      account: this.account,
      sink: src.sink,
      priceOf: (vt) => (vt === this.src.contract().vt_symbol ? this.src.price() : 0),
      contract: (vt) => (vt === this.src.contract().vt_symbol ? this.src.contract() : undefined),
      contracts: () => [this.src.contract()],
    }, { compacts: [], seq: 0, sloSellCents: 0, sloUsedCents: 0, lendable: { [contract.vt_symbol]: 0 } });
  }

  // ---- OrderAccount ------------------------------------------------------------------

  freezes(): CreditFreezes {
    return freezesOf(this.working.values(), this.desk.config);
  }

  pendingRepay(vtSymbol: string): number {
    return pendingRepayOf(this.working.values(), vtSymbol);
  }

  // ---- the book, as CnStockBook ------------------------------------------------------

  get cash(): number {
    return fromCents(this.account.cashCents);
  }

  get available(): number {
    return fromCents(this.account.availableCents);
  }

  position(vtSymbol: string): Readonly<BookPosition> {
    const p = this.account.positions.get(vtSymbol);
    return p ? { volume: p.volume, yd_volume: p.ydVolume, frozen: p.frozen } : { volume: 0, yd_volume: 0, frozen: 0 };
  }

  /** Check `req` as the SIM's credit account would and hold what it needs; the refusal, or null when accepted. */
  place(orderId: string, req: OrderRequest, contract: ContractData): RuleViolation | null {
    const isBuy = req.direction === Direction.LONG;
    const capPrice = req.type === OrderType.LIMIT || req.price > 0 ? req.price : isBuy ? contract.limit_up : contract.limit_down;
    const freezeCents = isBuy ? this.buyFreezeCents(contract, req.volume, capPrice) : 0;
    const refusal = checkAccountOrder(this, this.markets.rulesFor(contract), req, contract, this.src.tick(), capPrice, freezeCents);
    if (refusal) return { code: 'CREDIT_ACCOUNT', message: refusal };
    const wo: Working = {
      isBuy, credit: workingCreditType(this, req), compact: undefined, frozenCents: 0, freezePrice: capPrice, contract,
      data: { symbol: contract.symbol, exchange: contract.exchange, vt_symbol: contract.vt_symbol, volume: req.volume, traded: 0, price: req.price },
    };
    this.working.set(orderId, wo);
    holdForOrder(this, wo, freezeCents);
    return null;
  }

  /** Book a fill: cash, holding and compacts move by the order's credit type; slippage is paid from cash. */
  fill(orderId: string, fill: BarFill): void {
    const wo = this.working.get(orderId);
    if (!wo) throw new Error(`成交对应的委托 ${orderId} 不在账上`);
    bookFill(this, wo, fill.volume, toCents(fill.amount), toCents(fill.fee), this.day);
    this.account.cashCents -= toCents(fill.slippage);
    wo.data.traded += fill.volume;
    if (wo.isBuy) reholdBuy(this, wo, this.remainingBuyCents(wo));
    if (wo.data.traded >= wo.data.volume) this.working.delete(orderId);
    this.desk.publishAsset(wo.contract.vt_symbol);
  }

  /** Give back what a cancelled or expired order still holds. */
  release(orderId: string): void {
    const wo = this.working.get(orderId);
    if (!wo) return;
    this.working.delete(orderId);
    if (wo.isBuy) reholdBuy(this, wo, 0);
    else releaseSell(this, wo);
  }

  /**
   * A new trading day `day` (orders are released first): 日终结算 of the previous day — interest
   * for the calendar days between them — then T+1 makes every held share sellable. The
   * broker's 可融券 pool is seeded on the first day.
   */
  newDay(day: string, openPrice: number): void {
    if (this.day) {
      const compacts = [...this.desk.book.compacts];
      const before = sumFare(compacts);
      this.desk.settle(this.day, day);
      this.interest.set(this.day, fromCents(sumFare(compacts) - before));
    }
    this.day = day;
    const contract = this.src.contract();
    this.account.settle((pos) => {
      const next = this.markets.rulesFor(contract).settleHolding(holdingOf(pos), contract);
      pos.ydVolume = next.yd_volume;
      pos.frozen = next.frozen;
    });
    // The broker's 可融券 pool, seeded once as the SIM seeds it (about 2 million CNY of the
    // code at the first day's price); shorts and returns move it from then on.
    if (!this.seeded && openPrice > 0) {
      this.seeded = true;
      this.desk.book.lendable.set(contract.vt_symbol, seededLendable({ ...contract, pre_close: contract.pre_close || openPrice }));
    }
  }
  private seeded = false;

  /** Interest charged at the settlement of `day` (the calendar days until the next trading day), CNY. */
  interestOf(day: string): number {
    return this.interest.get(day) ?? 0;
  }

  // ---- credit figures ----------------------------------------------------------------

  detail(): CreditDetail {
    return this.desk.detail(this.freezes());
  }

  /** Push the figures and the changed compacts through the sink. */
  publish(): void {
    this.desk.publish(this.freezes());
  }

  openCompacts(): CompactData[] {
    return this.desk.book.compacts.filter(isOpen).map((c) => compactData(c, BOOK, BOOK));
  }

  /** The 融券 debt as a short position; volume 0 when nothing is owed. */
  shortPosition(): PositionData {
    const contract = this.src.contract();
    return shortPosition(this.desk.book, BOOK, contract, this.src.price(), this.pendingRepay(contract.vt_symbol), this.day);
  }

  hasShort(): boolean {
    return this.desk.book.open(CompactType.SLO).length > 0;
  }

  /** 直接还款 / 直接还券, as the SIM's desk runs them; throws a TraderError saying why when refused. */
  directRepay(req: DirectRepayRequest): string {
    const message = this.desk.directRepay(req, (vt) => {
      const contract = this.src.contract();
      return vt === contract.vt_symbol ? (closableOf(this, this.markets.rulesFor(contract), contract)?.volume ?? 0) : 0;
    });
    this.publish();
    return message;
  }

  accountData(marketValue: number): AccountData {
    return this.account.accountData(BOOK, BOOK, marketValue);
  }

  // ---- inside ------------------------------------------------------------------------

  /** Cash a buy of `volume` at `price` holds: amount plus the fees a single fill would pay (the SIM's rule). */
  private buyFreezeCents(contract: ContractData, volume: number, price: number): number {
    return toCents(this.markets.rulesFor(contract).requiredFunds({ direction: Direction.LONG, offset: Offset.NONE, type: OrderType.LIMIT, price, volume }, contract));
  }

  private remainingBuyCents(wo: Working): number {
    const remaining = wo.data.volume - wo.data.traded;
    return remaining > 0 ? this.buyFreezeCents(wo.contract, remaining, wo.freezePrice) : 0;
  }

}

function sumFare(compacts: readonly Compact[]): number {
  let n = 0;
  for (const c of compacts) n += c.fareCents;
  return n;
}
