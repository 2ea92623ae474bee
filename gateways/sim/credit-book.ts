/**
 * The SIM credit account's own books: debt contracts (负债合约), the restricted proceeds of
 * short sales (融券卖出资金) and the broker's lendable pool (可融券). Integer cents throughout,
 * like AccountBook; CNY only on the way out. The conventions (docs/margin.md):
 *  - a 融资 compact's principal is the fill amount plus that fill's fees: the whole cash
 *    outflow of a 融资买入 is borrowed, so the account's own cash does not move;
 *  - a 融券 compact's amount is the sale amount (quantity × price); the sale's fees are paid
 *    out of its proceeds;
 *  - interest accrues at each 日终结算 on the unpaid principal (融券: unreturned sale amount),
 *    principal × calendar days × rate / 360, rounded half up to the cent per compact;
 *  - cash repayments (卖券还款, 直接还款) pay every open 融资 compact's interest, oldest first,
 *    before any principal, then principal oldest first;
 *  - returned shares (买券还券, 直接还券) go to the code's oldest 融券 compact first, and each
 *    compact's interest is paid (from 融券卖出资金 first, then cash) before its shares.
 */
import { type Exchange } from '../../common/constants';
import { CompactType, type CompactData, type CreditTerms } from '../../common/credit';
import { vtIdOf } from '../../common/objects';
import { addMonths, interestCents } from '../../common/markets/cn-stock/margin';
import { fromCents } from './account-book';

/** A credit account's terms (common/credit.ts). */
export type CreditConfig = CreditTerms;

/** One compact, in cents; also its persisted form. */
export interface Compact {
  id: string;
  type: CompactType;
  symbol: string;
  exchange: Exchange;
  openDate: string;
  retEndDate: string;
  rate: number;
  businessVol: number;
  realVol: number;
  businessCents: number;
  realCents: number;
  /** interest accrued over the compact's life */
  fareCents: number;
  realFareCents: number;
  repaidFareCents: number;
  repaidCents: number;
}

export interface CreditBookState {
  compacts: Compact[];
  seq: number;
  sloSellCents: number;
  sloUsedCents: number;
  lendable: Record<string, number>;
}

function vtOf(c: Compact): string {
  return `${c.symbol}.${c.exchange}`;
}

export function isOpen(c: Compact): boolean {
  return c.realVol > 0 || c.realCents > 0 || c.realFareCents > 0;
}

export class CreditBook {
  /** open compacts, oldest first, plus those closed since the last 日终结算 */
  compacts: Compact[];
  private seq: number;
  /** 融券卖出资金 received and used since the last time no 融券 compact was open */
  sloSellCents: number;
  sloUsedCents: number;
  /** 可融券: shares the broker can still lend, per vt_symbol (working 融券卖出 orders hold theirs) */
  readonly lendable: Map<string, number>;
  /** compacts changed since the last drain, to push */
  private readonly touched = new Set<Compact>();

  constructor(readonly config: CreditConfig, state: CreditBookState) {
    this.compacts = state.compacts.map((c) => ({ ...c }));
    this.seq = state.seq;
    this.sloSellCents = state.sloSellCents;
    this.sloUsedCents = state.sloUsedCents;
    this.lendable = new Map(Object.entries(state.lendable));
  }

  get sloSurplusCents(): number {
    return this.sloSellCents - this.sloUsedCents;
  }

  open(type: CompactType): Compact[] {
    return this.compacts.filter((c) => c.type === type && isOpen(c));
  }

  openOf(type: CompactType, vtSymbol: string): Compact[] {
    return this.compacts.filter((c) => c.type === type && vtOf(c) === vtSymbol && isOpen(c));
  }

  /** Unreturned quantity of one code's 融资 or 融券 compacts. */
  volumeOf(type: CompactType, vtSymbol: string): number {
    let n = 0;
    for (const c of this.openOf(type, vtSymbol)) n += c.realVol;
    return n;
  }

  /** A new compact for an order's first fill; later fills of the order add to it. */
  newCompact(type: CompactType, symbol: string, exchange: Exchange, day: string): Compact {
    const c: Compact = {
      id: `${type === CompactType.FIN ? 'F' : 'S'}${++this.seq}`,
      type, symbol, exchange, openDate: day, retEndDate: addMonths(day, 6),
      rate: type === CompactType.FIN ? this.config.finRate : this.config.sloRate,
      businessVol: 0, realVol: 0, businessCents: 0, realCents: 0,
      fareCents: 0, realFareCents: 0, repaidFareCents: 0, repaidCents: 0,
    };
    this.compacts.push(c);
    return c;
  }

  /** Add one fill to a compact: volume and amount (融资: amount + fees; 融券: sale amount). */
  addFill(c: Compact, volume: number, cents: number): void {
    c.businessVol += volume;
    c.realVol += volume;
    c.businessCents += cents;
    c.realCents += cents;
    this.touched.add(c);
  }

  /** 融券卖出 proceeds come in; the sale's fees are paid from them at once. */
  receiveSloProceeds(amountCents: number, feeCents: number): void {
    this.sloSellCents += amountCents;
    this.sloUsedCents += feeCents;
  }

  /** Spend restricted proceeds first (买券还券, 融券 interest); returns how much came from them. */
  spendProceeds(cents: number): number {
    const used = Math.max(0, Math.min(cents, this.sloSurplusCents));
    this.sloUsedCents += used;
    return used;
  }

  /**
   * Repay 融资 compacts from `budgetCents`: every compact's interest oldest first, then
   * principal oldest first. Returns the cents used (the caller takes them from cash).
   */
  repayFin(budgetCents: number): number {
    let left = budgetCents;
    const open = this.open(CompactType.FIN);
    for (const c of open) {
      const pay = Math.min(left, c.realFareCents);
      if (pay <= 0) continue;
      c.realFareCents -= pay;
      c.repaidFareCents += pay;
      left -= pay;
      this.touched.add(c);
    }
    for (const c of open) {
      const pay = Math.min(left, c.realCents);
      if (pay <= 0) continue;
      c.realCents -= pay;
      c.repaidCents += pay;
      // The shares still counted as financed shrink with the principal (rounded up, so a
      // compact with principal left keeps at least one share).
      c.realVol = c.realCents > 0 ? Math.ceil((c.businessVol * c.realCents) / c.businessCents) : 0;
      left -= pay;
      this.touched.add(c);
    }
    return budgetCents - left;
  }

  /** Total owed on 融资: unpaid principal plus unpaid interest, in cents. */
  finOwedCents(): number {
    let n = 0;
    for (const c of this.open(CompactType.FIN)) n += c.realCents + c.realFareCents;
    return n;
  }

  /**
   * Return `volume` shares to the code's 融券 compacts, oldest first. `payInterest(cents)` pays
   * what it can of a compact's interest and returns it; interest goes before the compact's
   * shares. Returns the shares that found no compact (0 when the caller checked the volume).
   */
  returnShares(vtSymbol: string, volume: number, payInterest: (cents: number) => number): number {
    let left = volume;
    for (const c of this.openOf(CompactType.SLO, vtSymbol)) {
      if (left <= 0) break;
      const paid = payInterest(c.realFareCents);
      c.realFareCents -= paid;
      c.repaidFareCents += paid;
      const back = Math.min(left, c.realVol);
      if (back > 0) {
        const cents = back === c.realVol ? c.realCents : Math.round((c.businessCents * back) / c.businessVol);
        c.realVol -= back;
        c.realCents -= cents;
        c.repaidCents += cents;
        left -= back;
        const vt = vtOf(c);
        this.lendable.set(vt, (this.lendable.get(vt) ?? 0) + back);
      }
      this.touched.add(c);
    }
    return left;
  }

  /** 日终结算: accrue `days` calendar days of interest on every open compact. */
  accrue(days: number): void {
    for (const c of this.compacts) {
      if (!isOpen(c)) continue;
      const due = interestCents(c.realCents, days, c.rate);
      if (due <= 0) continue;
      c.fareCents += due;
      c.realFareCents += due;
      this.touched.add(c);
    }
  }

  /**
   * After 日终结算: drop compacts closed during the day (they were pushed as closed), and
   * release unused 融券卖出资金 once no 融券 compact is open: the account-level proceeds
   * are restricted only while some short is still owed.
   */
  endOfDay(): void {
    this.compacts = this.compacts.filter(isOpen);
    this.releaseProceedsIfFlat();
  }

  /** Called after every return of shares, so freed proceeds are usable at once. */
  releaseProceedsIfFlat(): void {
    if (this.open(CompactType.SLO).length === 0) {
      this.sloSellCents = 0;
      this.sloUsedCents = 0;
    }
  }

  /** Mark every compact to be pushed (on connect). */
  touchAll(): void {
    for (const c of this.compacts) this.touched.add(c);
  }

  /** Compacts changed since the last call. */
  drainTouched(): Compact[] {
    const list = [...this.touched];
    this.touched.clear();
    return list;
  }

  state(): CreditBookState {
    return {
      compacts: this.compacts.filter(isOpen).map((c) => ({ ...c })),
      seq: this.seq,
      sloSellCents: this.sloSellCents,
      sloUsedCents: this.sloUsedCents,
      lendable: Object.fromEntries(this.lendable),
    };
  }
}

export function compactData(c: Compact, gatewayName: string, accountId: string): CompactData {
  return {
    gateway_name: gatewayName,
    accountid: accountId,
    compact_id: c.id,
    vt_compactid: vtIdOf(gatewayName, c.id),
    compact_type: c.type,
    symbol: c.symbol,
    exchange: c.exchange,
    vt_symbol: vtOf(c),
    open_date: c.openDate,
    ret_end_date: c.retEndDate,
    business_vol: c.businessVol,
    real_compact_vol: c.realVol,
    business_balance: fromCents(c.businessCents),
    business_fare: fromCents(c.fareCents),
    real_compact_balance: fromCents(c.realCents),
    real_compact_fare: fromCents(c.realFareCents),
    repaid_fare: fromCents(c.repaidFareCents),
    repaid_balance: fromCents(c.repaidCents),
    rate: c.rate,
    closed: !isOpen(c),
  };
}
