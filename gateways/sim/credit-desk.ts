/**
 * The SIM counter's credit desk: what a credit account adds to the cash account. It checks
 * credit orders (with common/markets/cn-stock/credit-rules.ts first, so the engine and the counter say
 * the same words), books their fills into compacts, runs 直接还款 / 直接还券 and 日终结算's
 * interest, and computes the account's figures with common/markets/cn-stock/margin.ts.
 */
import { Direction, LogLevel } from '../../common/constants';
import { CompactType, CreditLevel, CreditOrderType, type CreditAssetData, type CreditDetail, type DirectRepayRequest } from '../../common/credit';
import { TraderError } from '../../common/errors';
import type { GatewayEventSink } from '../../common/gateway-api';
import type { ContractData, OrderRequest, TickData } from '../../common/objects';
import { vtIdOf } from '../../common/objects';
import { checkCreditOrder } from '../../common/markets/cn-stock/credit-rules';
import { allocateHeld, calendarDays } from '../../common/markets/cn-stock/margin';
import { fromCents } from './account-book';
import { assureRatioOf, seededLendable } from './contracts-data';
import { compactData, type Compact, CreditBook, type CreditBookState, type CreditConfig } from './credit-book';
import { creditDetail, type CreditFreezes, type FigureSources, mvCents } from './credit-figures';

export { type CreditFreezes, mvCents } from './credit-figures';

const yuan = fromCents;

/** What the desk reports: the credit events and its log lines. */
export type DeskSink = Pick<GatewayEventSink, 'onCredit' | 'onCompact' | 'onCreditAsset' | 'onLog'>;

export interface DeskDeps extends FigureSources {
  sink: DeskSink;
  contracts(): ContractData[];
}

export class CreditDesk {
  readonly book: CreditBook;
  private level = CreditLevel.NORMAL;

  constructor(readonly config: CreditConfig, private readonly deps: DeskDeps, state?: CreditBookState) {
    const lendable: Record<string, number> = {};
    if (!state) for (const c of deps.contracts()) if (c.slo_eligible) lendable[c.vt_symbol] = seededLendable(c);
    this.book = new CreditBook(config, state ?? { compacts: [], seq: 0, sloSellCents: 0, sloUsedCents: 0, lendable });
  }

  /** 标的, 担保品 and 可融券 of one contract (CreditSubjects + CreditSloCode + CreditAssure). */
  asset(contract: ContractData): CreditAssetData {
    const ratio = assureRatioOf(contract);
    return {
      gateway_name: this.deps.gatewayName,
      symbol: contract.symbol,
      exchange: contract.exchange,
      vt_symbol: contract.vt_symbol,
      vt_assetid: vtIdOf(this.deps.gatewayName, contract.vt_symbol),
      fin_status: contract.fin_eligible,
      slo_status: contract.slo_eligible,
      fin_ratio: this.config.finRatio,
      slo_ratio: this.config.sloRatio,
      assure_status: ratio > 0,
      assure_ratio: ratio,
      enable_amount: this.book.lendable.get(contract.vt_symbol) ?? 0,
    };
  }

  publishAssets(): void {
    for (const c of this.deps.contracts()) this.deps.sink.onCreditAsset(this.asset(c));
  }

  publishAsset(vtSymbol: string): void {
    const c = this.deps.contract(vtSymbol);
    if (c) this.deps.sink.onCreditAsset(this.asset(c));
  }

  /**
   * 担保品卖出 (and a plain sell on a credit account) may sell only shares held outright: the
   * shares under an open 融资 compact go out by 卖券还款, whose proceeds repay the financing
   * first (docs/a-share-rules.md, "Margin trading").
   */
  checkCollateralSell(req: OrderRequest, sellable: number): string | null {
    if (req.direction !== Direction.SHORT) return null;
    if (req.credit && req.credit !== CreditOrderType.COLLATERAL_SELL) return null;
    const pos = this.deps.account.positions.get(`${req.symbol}.${req.exchange}`);
    if (!pos) return null;
    const own = this.collateralShares(pos.vtSymbol, pos.volume);
    const can = Math.min(sellable, Math.max(0, own - pos.frozen));
    if (req.volume <= can || req.volume > sellable) return null;
    return `担保品卖出可卖 ${can} 股：其余 ${pos.volume - own} 股为融资买入的证券（融资合约未还清），须用卖券还款卖出`;
  }

  /** A cash shortfall says how much of the cash is 融券卖出资金 and why it cannot be used. */
  explainRestricted(reason: string, isBuy: boolean, credit: CreditOrderType | undefined, repayFrozenCents: number): string {
    if (!isBuy || credit === CreditOrderType.BUY_SECU_REPAY) return reason;
    const restricted = this.restrictedCents(repayFrozenCents);
    return restricted > 0 ? `${reason}（另有融券卖出资金 ${yuan(restricted).toFixed(2)} 元只能用于买券还券）` : reason;
  }

  /** Shares of a holding that may go out as 担保品卖出: those not bought with open financing. */
  collateralShares(vtSymbol: string, held: number): number {
    return allocateHeld(held, this.book.openOf(CompactType.FIN, vtSymbol).map((c) => c.realVol)).collateral;
  }

  /**
   * Credit-specific acceptance: common's rules on this counter's own figures, then what only
   * the counter knows (fees inside the 融资 quota, pending 买券还券 orders).
   */
  check(req: OrderRequest, contract: ContractData, tick: TickData | undefined, freezes: CreditFreezes, feeCents: number, pendingRepay: number): string | null {
    const type = req.credit;
    if (!type) return null;
    const detail = this.detail(freezes);
    const compacts = this.book.openOf(CompactType.SLO, contract.vt_symbol).concat(this.book.openOf(CompactType.FIN, contract.vt_symbol))
      .map((c) => compactData(c, this.deps.gatewayName, this.deps.accountId));
    const v = checkCreditOrder(req, contract, { credit: detail, asset: this.asset(contract), compacts, tick });
    if (v) return v.message;
    const amountCents = mvCents(req.volume, req.price);
    if (type === CreditOrderType.FIN_BUY && fromCents(amountCents + feeCents) > detail.fin_enable_quota) {
      return `融资可用额度不足：需要 ${yuan(amountCents + feeCents).toFixed(2)} 元（含预估费用，融资合约含费用），可用 ${detail.fin_enable_quota.toFixed(2)} 元`;
    }
    if (type === CreditOrderType.BUY_SECU_REPAY) {
      const owed = this.book.volumeOf(CompactType.SLO, contract.vt_symbol) - pendingRepay;
      if (req.volume > owed) return `买券还券数量超过未还融券数量：${contract.symbol} 未还 ${owed} 股（已扣除在途买券还券），委托 ${req.volume} 股`;
    }
    return null;
  }

  /** A 融资买入 fill: the borrowed amount + fees becomes the compact's principal; cash does not move. */
  fillFinBuy(c: Compact, volume: number, amountCents: number, feeCents: number): void {
    this.book.addFill(c, volume, amountCents + feeCents);
  }

  /** A 融券卖出 fill: proceeds into 融券卖出资金 (fees paid from them), shares owed to the compact. */
  fillSloSell(c: Compact, volume: number, amountCents: number, feeCents: number): void {
    this.deps.account.cashCents += amountCents - feeCents;
    this.book.receiveSloProceeds(amountCents, feeCents);
    this.book.addFill(c, volume, amountCents);
  }

  /** A 买券还券 fill: pay from 融券卖出资金 first, then return the shares (interest first). */
  fillBuyRepay(vtSymbol: string, volume: number, amountCents: number, feeCents: number): void {
    this.deps.account.cashCents -= amountCents + feeCents;
    this.book.spendProceeds(amountCents + feeCents);
    this.returnShares(vtSymbol, volume);
  }

  /**
   * After a 卖券还款 fill was booked as a sell (cash += amount − fees): the net proceeds repay
   * 融资 (interest first, oldest first); what is left over stays as free cash.
   */
  repayFromSale(netCents: number): void {
    this.deps.account.cashCents -= this.book.repayFin(Math.max(0, Math.min(netCents, this.book.finOwedCents())));
  }

  private returnShares(vtSymbol: string, volume: number): void {
    const account = this.deps.account;
    this.book.returnShares(vtSymbol, volume, (due) => {
      // Interest is paid from 融券卖出资金 first, then from free cash; what cannot be paid stays owed.
      const fromProceeds = Math.min(due, this.book.sloSurplusCents);
      const fromCash = Math.max(0, Math.min(due - fromProceeds, account.availableCents));
      this.book.spendProceeds(fromProceeds);
      account.cashCents -= fromProceeds + fromCash;
      return fromProceeds + fromCash;
    });
    this.book.releaseProceedsIfFlat();
    this.publishAsset(vtSymbol);
  }

  /**
   * 直接还款 / 直接还券. Throws a TraderError saying why when refused; returns a summary.
   * 直接还券 takes sellable (T+1) shares held outright, like 担保品卖出 would.
   */
  directRepay(req: DirectRepayRequest, sellable: (vtSymbol: string) => number): string {
    const account = this.deps.account;
    if (req.type === CreditOrderType.DIRECT_CASH_REPAY) {
      const owed = this.book.finOwedCents();
      if (owed <= 0) throw new TraderError('NO_FIN_DEBT', '直接还款失败：没有未了结的融资负债');
      const want = Math.round((req.amount ?? 0) * 100);
      if (!(want > 0)) throw new TraderError('REPAY_AMOUNT', '直接还款金额必须大于 0');
      const pay = Math.min(want, owed);
      if (pay > account.availableCents) {
        throw new TraderError('CASH', `直接还款失败：可用资金不足，需要 ${yuan(pay).toFixed(2)} 元，可用 ${yuan(account.availableCents).toFixed(2)} 元（融券卖出资金不能用于还款）`);
      }
      account.cashCents -= this.book.repayFin(pay);
      return `直接还款 ${yuan(pay).toFixed(2)} 元${pay < want ? `（超出融资负债的 ${yuan(want - pay).toFixed(2)} 元未划转）` : ''}，剩余融资负债 ${yuan(this.book.finOwedCents()).toFixed(2)} 元`;
    }
    const vt = `${req.symbol ?? ''}.${req.exchange ?? ''}`;
    const volume = req.volume ?? 0;
    if (!Number.isInteger(volume) || volume <= 0) throw new TraderError('REPAY_VOLUME', '直接还券数量必须为正整数');
    const owed = this.book.volumeOf(CompactType.SLO, vt);
    if (owed <= 0) throw new TraderError('NO_SLO_DEBT', `直接还券失败：${req.symbol ?? vt} 没有未了结的融券负债`);
    if (volume > owed) throw new TraderError('REPAY_VOLUME', `直接还券失败：${req.symbol ?? vt} 未还融券 ${owed} 股，申请 ${volume} 股`);
    const pos = account.positions.get(vt);
    const can = pos ? Math.min(sellable(vt), this.collateralShares(vt, pos.volume)) : 0;
    if (!pos || volume > can) throw new TraderError('POSITION', `直接还券失败：可用于还券的持仓 ${can} 股（T+1 可用、非融资买入），申请 ${volume} 股`);
    // The shares leave the holding at their average cost, as a sell would book them.
    const left = pos.volume - volume;
    pos.costCents = left > 0 ? Math.round((pos.costCents * left) / pos.volume) : 0;
    pos.volume = left;
    pos.ydVolume = Math.max(0, pos.ydVolume - volume);
    this.returnShares(vt, volume);
    return `直接还券 ${req.symbol ?? vt} ${volume} 股，剩余未还 ${this.book.volumeOf(CompactType.SLO, vt)} 股`;
  }

  /** 日终结算 from one trading day to the next: interest for the calendar days between them. */
  settle(from: string, to: string): void {
    this.publishCompacts();
    this.book.accrue(calendarDays(from, to));
    this.publishCompacts();
    this.book.endOfDay();
  }

  publishCompacts(): void {
    for (const c of this.book.drainTouched()) this.deps.sink.onCompact(compactData(c, this.deps.gatewayName, this.deps.accountId));
  }

  /** Cash a 担保品买入 may not use: 融券卖出资金 not already frozen by 买券还券 orders. */
  restrictedCents(repayFrozenCents: number): number {
    return Math.max(0, this.book.sloSurplusCents - repayFrozenCents);
  }

  /** The figures of the credit account at the current prices. */
  detail(freezes: CreditFreezes): CreditDetail {
    return creditDetail(this.book, this.deps, freezes);
  }

  /** Push the figures and changed compacts; log once each time the level changes. */
  publish(freezes: CreditFreezes): void {
    this.publishCompacts();
    const d = this.detail(freezes);
    if (d.level !== this.level) {
      const pct = `${(d.per_assure_scale_value * 100).toFixed(2)}%`;
      if (d.level === CreditLevel.CLOSE_OUT) {
        this.deps.sink.onLog(`维持担保比例 ${pct} 已跌至平仓线 ${(this.config.closeOutLine * 100).toFixed(0)}% 以下：请立即追加担保物或偿还负债，否则将被强制平仓`, LogLevel.ERROR);
      } else if (d.level === CreditLevel.WARNING) {
        this.deps.sink.onLog(`维持担保比例 ${pct} 已低于预警线 ${(this.config.warningLine * 100).toFixed(0)}%`, LogLevel.WARNING);
      } else {
        this.deps.sink.onLog(`维持担保比例 ${pct}，已回到预警线 ${(this.config.warningLine * 100).toFixed(0)}% 以上`, LogLevel.INFO);
      }
      this.level = d.level;
    }
    this.deps.sink.onCredit(d);
  }
}
