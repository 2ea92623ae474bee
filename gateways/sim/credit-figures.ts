/**
 * The credit account's figures (CreditDetail, after XtCreditDetail) from the SIM's books at
 * the current prices, through common/markets/cn-stock/margin.ts. Which shares are 融资买入证券: the held
 * shares of a code go to its open 融资 compacts oldest first (up to each compact's unreturned
 * quantity); the rest are 充抵保证金的证券 (margin.ts allocateHeld).
 */
import { Direction } from '../../common/constants';
import { CompactType, CreditOrderType, type CreditDetail } from '../../common/credit';
import { type ContractData, type PositionData, vtIdOf, vtPositionIdOf } from '../../common/objects';
import { roundCents, roundTo } from '../../common/markets/price';
import {
  allocateHeld, creditLevel, enableBailBalance, fetchBalance, maintenanceRatio,
  type AssureInputs, type CollateralTerm, type FinTerm, type SloTerm,
} from '../../common/markets/cn-stock/margin';
import { type AccountBook, fromCents } from './account-book';
import { assureRatioOf } from './contracts-data';
import type { CreditBook, CreditConfig } from './credit-book';

/** Where the figures read the account, the prices and the contracts from (the desk passes its own). */
export interface FigureSources {
  gatewayName: string;
  accountId: string;
  account: AccountBook;
  /** last price in CNY */
  priceOf(vtSymbol: string): number;
  contract(vtSymbol: string): ContractData | undefined;
}

/** What working credit orders hold, summed by the exchange from its working orders. */
export interface CreditFreezes {
  /** 融资买入: quota held (amount + estimated fees of the unfilled part), cents */
  finCents: number;
  /** 融券卖出: quota held (unfilled quantity × price), cents */
  sloCents: number;
  /** margin held by both: unfilled amount × 保证金比例, cents */
  bailCents: number;
  /** cash frozen by 买券还券 orders, which may draw on 融券卖出资金 */
  repayCents: number;
}

/** The part of a working order the freezes need (the exchange's WorkingOrder fits it). */
export interface WorkingCredit {
  credit: CreditOrderType | undefined;
  /** cash (or, for 融资买入, quota) the order holds, cents */
  frozenCents: number;
  freezePrice: number;
  data: { vt_symbol: string; volume: number; traded: number; price: number };
}

/** What working credit orders hold (quota, margin, 买券还券 cash), summed from the working orders. */
export function freezesOf(working: Iterable<WorkingCredit>, cfg: CreditConfig | undefined): CreditFreezes {
  const f: CreditFreezes = { finCents: 0, sloCents: 0, bailCents: 0, repayCents: 0 };
  if (!cfg) return f;
  for (const wo of working) {
    if (!wo.credit) continue;
    const remaining = wo.data.volume - wo.data.traded;
    if (wo.credit === CreditOrderType.FIN_BUY) {
      f.finCents += wo.frozenCents;
      f.bailCents += Math.round(mvCents(remaining, wo.freezePrice) * cfg.finRatio);
    } else if (wo.credit === CreditOrderType.SLO_SELL) {
      const amount = mvCents(remaining, wo.data.price);
      f.sloCents += amount;
      f.bailCents += Math.round(amount * cfg.sloRatio);
    } else if (wo.credit === CreditOrderType.BUY_SECU_REPAY) {
      f.repayCents += wo.frozenCents;
    }
  }
  return f;
}

/** Unfilled shares of working 买券还券 orders for a code. */
export function pendingRepayOf(working: Iterable<WorkingCredit>, vtSymbol: string): number {
  let n = 0;
  for (const wo of working) {
    if (wo.credit === CreditOrderType.BUY_SECU_REPAY && wo.data.vt_symbol === vtSymbol) n += wo.data.volume - wo.data.traded;
  }
  return n;
}

/**
 * A 融券 debt shown as a short position (vn.py's SHORT direction): unreturned shares, average
 * sale price, P&L = sale amount − market value, frozen = shares of working 买券还券 orders.
 * Volume 0 once all is returned.
 */
export function shortPosition(book: CreditBook, gatewayName: string, contract: ContractData, last: number, pendingRepay: number, today: string): PositionData {
  let volume = 0;
  let ydVolume = 0;
  let amountCents = 0;
  for (const c of book.openOf(CompactType.SLO, contract.vt_symbol)) {
    volume += c.realVol;
    amountCents += c.realCents;
    // 昨仓 is what was borrowed on an earlier day: a short opened today is not yesterday's.
    if (c.openDate < today) ydVolume += c.realVol;
  }
  return {
    gateway_name: gatewayName,
    symbol: contract.symbol,
    exchange: contract.exchange,
    vt_symbol: contract.vt_symbol,
    vt_positionid: vtPositionIdOf(gatewayName, contract.vt_symbol, Direction.SHORT),
    direction: Direction.SHORT,
    volume,
    yd_volume: ydVolume,
    frozen: pendingRepay,
    price: volume > 0 ? roundTo(amountCents / 100 / volume, 3) : 0,
    last_price: last,
    pnl: roundCents((amountCents - mvCents(volume, last)) / 100),
  };
}

/** Market value in cents of `volume` shares at `price` (price to the mil), half up. */
export function mvCents(volume: number, price: number): number {
  return Math.round((Math.round(price * 1000) * volume) / 10);
}

const yuan = fromCents;

export function creditDetail(book: CreditBook, deps: FigureSources, freezes: CreditFreezes): CreditDetail {
  const { account, priceOf, contract } = deps;
  const cfg = book.config;
  const collateral: CollateralTerm[] = [];
  const fin: FinTerm[] = [];
  const slo: SloTerm[] = [];
  let mv = 0;
  let profit = 0;
  let finPrincipal = 0;
  let finFee = 0;
  let sloMv = 0;
  let sloFee = 0;
  let sloAmount = 0;
  const ratioOf = (vt: string): number => {
    const c = contract(vt);
    return c ? assureRatioOf(c) : 0;
  };
  for (const pos of account.positions.values()) {
    if (pos.volume <= 0) continue;
    const price = priceOf(pos.vtSymbol);
    const value = mvCents(pos.volume, price);
    mv += value;
    profit += value - pos.costCents;
    const compacts = book.openOf(CompactType.FIN, pos.vtSymbol);
    const { financed, collateral: own } = allocateHeld(pos.volume, compacts.map((c) => c.realVol));
    if (own > 0) collateral.push({ marketValue: yuan(mvCents(own, price)), assureRatio: ratioOf(pos.vtSymbol) });
    compacts.forEach((c, i) => fin.push({ amount: yuan(c.realCents), marketValue: yuan(mvCents(financed[i] ?? 0, price)), assureRatio: ratioOf(pos.vtSymbol), finRatio: cfg.finRatio }));
  }
  for (const c of book.open(CompactType.FIN)) {
    finPrincipal += c.realCents;
    finFee += c.realFareCents;
    // A compact whose shares are all gone still owes: its term counts with no shares.
    if (!account.positions.get(`${c.symbol}.${c.exchange}`)?.volume) {
      fin.push({ amount: yuan(c.realCents), marketValue: 0, assureRatio: ratioOf(`${c.symbol}.${c.exchange}`), finRatio: cfg.finRatio });
    }
  }
  for (const c of book.open(CompactType.SLO)) {
    const vt = `${c.symbol}.${c.exchange}`;
    const value = mvCents(c.realVol, priceOf(vt));
    sloMv += value;
    sloFee += c.realFareCents;
    sloAmount += c.realCents;
    profit += c.realCents - value;
    slo.push({ amount: yuan(c.realCents), marketValue: yuan(value), assureRatio: ratioOf(vt), sloRatio: cfg.sloRatio });
  }
  const cash = yuan(account.cashCents);
  const interest = yuan(finFee + sloFee);
  const assure: AssureInputs = { cash, marketValue: yuan(mv), finAmount: yuan(finPrincipal), sloMarketValue: yuan(sloMv), interestAndFees: interest };
  const ratio = maintenanceRatio(assure);
  const free = account.availableCents;
  const finUsed = finPrincipal + freezes.finCents;
  const sloUsed = sloAmount + freezes.sloCents;
  const finDebt = finPrincipal + finFee;
  const sloDebt = sloMv + sloFee;
  return {
    gateway_name: deps.gatewayName,
    accountid: deps.accountId,
    vt_accountid: vtIdOf(deps.gatewayName, deps.accountId),
    balance: yuan(account.cashCents + mv),
    available: yuan(free),
    frozen_cash: yuan(account.frozenCents),
    market_value: yuan(mv),
    position_profit: yuan(profit),
    fetch_balance: fetchBalance(assure, yuan(free)),
    total_debt: yuan(finDebt + sloDebt),
    enable_bail_balance: enableBailBalance({ cash, collateral, fin, slo, interestAndFees: interest, frozenBail: yuan(freezes.bailCents) }),
    per_assure_scale_value: ratio,
    assure_asset: yuan(account.cashCents + mv - finDebt - sloDebt),
    fin_debt: yuan(finDebt),
    fin_deal_avl: yuan(finPrincipal),
    fin_fee: yuan(finFee),
    slo_debt: yuan(sloDebt),
    slo_market_value: yuan(sloMv),
    slo_fee: yuan(sloFee),
    fin_max_quota: cfg.finQuota,
    fin_enable_quota: Math.max(0, yuan(Math.round(cfg.finQuota * 100) - finUsed)),
    fin_used_quota: yuan(finUsed),
    slo_max_quota: cfg.sloQuota,
    slo_enable_quota: Math.max(0, yuan(Math.round(cfg.sloQuota * 100) - sloUsed)),
    slo_used_quota: yuan(sloUsed),
    slo_sell_balance: yuan(book.sloSellCents),
    used_slo_sell_balance: yuan(book.sloUsedCents),
    surplus_slo_sell_balance: yuan(book.sloSurplusCents),
    warning_line: cfg.warningLine,
    close_out_line: cfg.closeOutLine,
    level: creditLevel(ratio, cfg.warningLine, cfg.closeOutLine),
  };
}
