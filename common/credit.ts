/**
 * Margin trading (融资融券) objects, after XtQuant's XtCreditDetail, StkCompacts,
 * CreditSubjects, CreditSloCode and CreditAssure, as snake_case wire objects.
 */
import { Direction, type Exchange } from './constants';

/**
 * The terms of a credit account (融资融券合同): quotas, rates, margin ratios and the
 * 维持担保比例 lines. The SIM's 信用 account and the backtest's credit account read them.
 */
export interface CreditTerms {
  /** 融资 / 融券 授信额度, CNY */
  finQuota: number;
  sloQuota: number;
  /** annual rates, e.g. 0.065 */
  finRate: number;
  sloRate: number;
  /** 融资 / 融券 保证金比例, e.g. 1.0 */
  finRatio: number;
  sloRatio: number;
  /** 维持担保比例 lines as ratios, e.g. 1.5 and 1.3 */
  warningLine: number;
  closeOutLine: number;
}

/** The terms when none are set: the SIM's defaults (docs/margin.md). */
export const DEFAULT_CREDIT_TERMS: Readonly<CreditTerms> = {
  finQuota: 1_000_000,
  sloQuota: 1_000_000,
  finRate: 0.065,
  sloRate: 0.085,
  finRatio: 1.0,
  sloRatio: 1.0,
  warningLine: 1.5,
  closeOutLine: 1.3,
};

/** Credit order types, named after XtQuant's (xtconstant CREDIT_*). */
export enum CreditOrderType {
  /** 23 CREDIT_BUY */
  COLLATERAL_BUY = '担保品买入',
  /** 24 CREDIT_SELL */
  COLLATERAL_SELL = '担保品卖出',
  /** 27 CREDIT_FIN_BUY */
  FIN_BUY = '融资买入',
  /** 28 CREDIT_SLO_SELL */
  SLO_SELL = '融券卖出',
  /** 29 CREDIT_BUY_SECU_REPAY */
  BUY_SECU_REPAY = '买券还券',
  /** 30 CREDIT_DIRECT_SECU_REPAY: shares already held go back, no trade */
  DIRECT_SECU_REPAY = '直接还券',
  /** 31 CREDIT_SELL_SECU_REPAY */
  SELL_CASH_REPAY = '卖券还款',
  /** 32 CREDIT_DIRECT_CASH_REPAY: cash goes back, no trade */
  DIRECT_CASH_REPAY = '直接还款',
}

export const XT_CREDIT_ORDER_CODE: Readonly<Record<CreditOrderType, number>> = {
  [CreditOrderType.COLLATERAL_BUY]: 23,
  [CreditOrderType.COLLATERAL_SELL]: 24,
  [CreditOrderType.FIN_BUY]: 27,
  [CreditOrderType.SLO_SELL]: 28,
  [CreditOrderType.BUY_SECU_REPAY]: 29,
  [CreditOrderType.DIRECT_SECU_REPAY]: 30,
  [CreditOrderType.SELL_CASH_REPAY]: 31,
  [CreditOrderType.DIRECT_CASH_REPAY]: 32,
};

/** Credit types that are exchange orders; the two direct repayments are account operations. */
export const CREDIT_BUY_TYPES: ReadonlySet<CreditOrderType> = new Set([CreditOrderType.COLLATERAL_BUY, CreditOrderType.FIN_BUY, CreditOrderType.BUY_SECU_REPAY]);
export const CREDIT_SELL_TYPES: ReadonlySet<CreditOrderType> = new Set([CreditOrderType.COLLATERAL_SELL, CreditOrderType.SLO_SELL, CreditOrderType.SELL_CASH_REPAY]);

/** The exchange direction of a credit order type that trades: buys for 担保品买入, 融资买入 and 买券还券. */
export function directionOfCredit(type: CreditOrderType): Direction {
  return CREDIT_BUY_TYPES.has(type) ? Direction.LONG : Direction.SHORT;
}

export enum CompactType {
  FIN = '融资',
  SLO = '融券',
}

/** Where the account stands against the maintenance lines. */
export enum CreditLevel {
  NORMAL = '正常',
  /** at or below the warning line (default 150 %) */
  WARNING = '预警',
  /** at or below the close-out line (default 130 %) */
  CLOSE_OUT = '平仓',
}

/** The credit account's figures (XtCreditDetail), recomputed on every change of price or position. */
export interface CreditDetail {
  gateway_name: string;
  accountid: string;
  vt_accountid: string;
  /** 总资产: cash + market value of every security held */
  balance: number;
  /** 可用金额 */
  available: number;
  /** 冻结金额 */
  frozen_cash: number;
  /** 总市值 */
  market_value: number;
  /** 持仓盈亏 */
  position_profit: number;
  /** 可取金额: what could be withdrawn keeping 维持担保比例 ≥ 300 % */
  fetch_balance: number;
  /** 总负债 = 融资负债 + 融券负债 + 息费 */
  total_debt: number;
  /** 可用保证金 (保证金可用余额, SSE margin rules art. 40) */
  enable_bail_balance: number;
  /** 维持担保比例 as a ratio (1.5 = 150 %); Infinity without debt */
  per_assure_scale_value: number;
  /** 净资产 = 总资产 − 总负债 */
  assure_asset: number;
  /** 融资负债 (unpaid principal + interest) */
  fin_debt: number;
  /** 融资本金 (unpaid principal) */
  fin_deal_avl: number;
  /** 融资息费 (unpaid interest) */
  fin_fee: number;
  /** 融券负债: outstanding short quantity × current price + interest */
  slo_debt: number;
  /** 融券市值: outstanding short quantity × current price */
  slo_market_value: number;
  /** 融券息费 */
  slo_fee: number;
  /** 融资授信额度 / 可用额度 / 已用额度 */
  fin_max_quota: number;
  fin_enable_quota: number;
  fin_used_quota: number;
  /** 融券授信额度 / 可用额度 / 已用额度 (in CNY at the sale price) */
  slo_max_quota: number;
  slo_enable_quota: number;
  slo_used_quota: number;
  /** 融券卖出资金: proceeds of short sales, usable only to buy back (买券还券) and pay fees */
  slo_sell_balance: number;
  used_slo_sell_balance: number;
  surplus_slo_sell_balance: number;
  /** the configured lines, as ratios */
  warning_line: number;
  close_out_line: number;
  level: CreditLevel;
}

/** One debt contract (负债合约, StkCompacts). */
export interface CompactData {
  gateway_name: string;
  accountid: string;
  compact_id: string;
  /** gateway_name.compact_id */
  vt_compactid: string;
  compact_type: CompactType;
  symbol: string;
  exchange: Exchange;
  vt_symbol: string;
  /** YYYY-MM-DD */
  open_date: string;
  /** 到期日: six months after opening */
  ret_end_date: string;
  /** 合约证券数量 */
  business_vol: number;
  /** 未还合约数量 */
  real_compact_vol: number;
  /** 合约金额 */
  business_balance: number;
  /** 合约息费 (accrued so far) */
  business_fare: number;
  /** 未还合约金额 */
  real_compact_balance: number;
  /** 未还合约息费 */
  real_compact_fare: number;
  /** 已还息费 / 已还金额 */
  repaid_fare: number;
  repaid_balance: number;
  /** annual interest rate, e.g. 0.065 */
  rate: number;
  /** 已了结 once nothing is owed */
  closed: boolean;
}

/** One code's margin terms (CreditSubjects + CreditSloCode + CreditAssure in one row). */
export interface CreditAssetData {
  gateway_name: string;
  symbol: string;
  exchange: Exchange;
  vt_symbol: string;
  /** gateway_name.vt_symbol */
  vt_assetid: string;
  /** 融资标的 / 融券标的 */
  fin_status: boolean;
  slo_status: boolean;
  /** 融资 / 融券 保证金比例, e.g. 1.0 */
  fin_ratio: number;
  slo_ratio: number;
  /** 可充抵保证金 and its 折算率, e.g. 0.7 */
  assure_status: boolean;
  assure_ratio: number;
  /** 可融券数量 */
  enable_amount: number;
}

/** 直接还款 / 直接还券: repayments that move cash or shares without a trade. */
export interface DirectRepayRequest {
  type: CreditOrderType.DIRECT_CASH_REPAY | CreditOrderType.DIRECT_SECU_REPAY;
  /** 直接还款: CNY */
  amount?: number;
  /** 直接还券: the code and shares */
  symbol?: string;
  exchange?: Exchange;
  volume?: number;
}
