/**
 * A credit account's query rows → the credit objects the 两融 tab shows: XtCreditDetail →
 * CreditDetail, StkCompacts → CompactData, and CreditSubjects + CreditSloCode + CreditAssure
 * merged per code → CreditAssetData (the SIM emits the same three, so the tab is unchanged).
 */
import type { Exchange } from '../../common/constants';
import { CompactType, type CompactData, type CreditAssetData, type CreditDetail } from '../../common/credit';
import { creditLevel } from '../../common/markets/cn-stock/margin';
import { roundCents } from '../../common/markets/price';
import * as xt from './xt-constants';
import { exchangeOfId, parseXtCode } from './xt-tables';
import { num, str, type XtRecord } from './xt-wire';

export interface CreditContext {
  gateway: string;
  accountId: string;
  /** the broker's lines as ratios (1.5 = 150 %); XtCreditDetail does not carry them */
  warningLine: number;
  closeOutLine: number;
}

/**
 * 维持担保比例 as a ratio. The counter's m_dPerAssurescaleValue is used, read as a ratio or
 * as a percentage — whichever agrees better with 总资产 / 总负债 (the exchanges' art. 42
 * figure), since brokers differ. No debt: Infinity, as the SIM reports it.
 */
export function assureRatioOf(reported: number, balance: number, totalDebt: number): number {
  if (totalDebt <= 0) return Infinity;
  const computed = balance / totalDebt;
  if (!(reported > 0)) return computed;
  const asPercent = reported / 100;
  return Math.abs(asPercent - computed) < Math.abs(reported - computed) ? asPercent : reported;
}

export function toCreditDetail(raw: XtRecord, c: CreditContext): CreditDetail {
  const balance = num(raw.m_dBalance);
  const totalDebt = num(raw.m_dTotalDebt);
  const ratio = assureRatioOf(num(raw.m_dPerAssurescaleValue), balance, totalDebt);
  const id = str(raw.account_id) || c.accountId;
  return {
    gateway_name: c.gateway,
    accountid: id,
    vt_accountid: `${c.gateway}.${id}`,
    balance,
    available: num(raw.m_dAvailable),
    frozen_cash: num(raw.m_dFrozenCash),
    market_value: num(raw.m_dMarketValue),
    position_profit: num(raw.m_dPositionProfit),
    fetch_balance: num(raw.m_dFetchBalance),
    total_debt: totalDebt,
    enable_bail_balance: num(raw.m_dEnableBailBalance),
    per_assure_scale_value: ratio,
    assure_asset: num(raw.m_dAssureAsset) || roundCents(balance - totalDebt),
    fin_debt: num(raw.m_dFinDebt),
    fin_deal_avl: num(raw.m_dFinDealAvl),
    fin_fee: num(raw.m_dFinFee),
    slo_debt: num(raw.m_dSloDebt),
    slo_market_value: num(raw.m_dSloMarketValue),
    slo_fee: num(raw.m_dSloFee),
    fin_max_quota: num(raw.m_dFinMaxQuota),
    fin_enable_quota: num(raw.m_dFinEnableQuota),
    fin_used_quota: num(raw.m_dFinUsedQuota),
    slo_max_quota: num(raw.m_dSloMaxQuota),
    slo_enable_quota: num(raw.m_dSloEnableQuota),
    slo_used_quota: num(raw.m_dSloUsedQuota),
    slo_sell_balance: num(raw.m_dSloSellBalance),
    used_slo_sell_balance: num(raw.m_dUsedSloSellBalance),
    surplus_slo_sell_balance: num(raw.m_dSurplusSloSellBalance),
    warning_line: c.warningLine,
    close_out_line: c.closeOutLine,
    level: creditLevel(ratio, c.warningLine, c.closeOutLine),
  };
}

/** 融资 or 融券 from compact_type: 48/49 by QMT's character enums, 0/1 by position. */
export function compactTypeOf(code: number): CompactType | undefined {
  if (code === xt.COMPACT_TYPE_FIN || code === 0) return CompactType.FIN;
  if (code === xt.COMPACT_TYPE_SLO || code === 1) return CompactType.SLO;
  return undefined;
}

/** A bare code plus exchange_id, or a full "600000.SH". */
function codeOf(raw: XtRecord): { symbol: string; exchange: Exchange } | undefined {
  const id = str(raw.instrument_id);
  const full = parseXtCode(id);
  if (full) return full;
  const exchange = exchangeOfId(raw.exchange_id);
  return exchange && /^\d{6}$/.test(id) ? { symbol: id, exchange } : undefined;
}

/** 20250106 → 2025-01-06; anything else → "". */
export function isoDateOf(v: unknown): string {
  const s = str(v);
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : '';
}

/**
 * One debt contract. StkCompacts carries no interest rate: `rate` is 0 (unknown) rather
 * than a guess. A contract with nothing left to repay is 已了结.
 */
export function toCompact(raw: XtRecord, c: Pick<CreditContext, 'gateway' | 'accountId'>): CompactData | undefined {
  const code = codeOf(raw);
  const type = compactTypeOf(num(raw.compact_type, -1));
  const id = str(raw.compact_id);
  if (!code || !type || !id) return undefined;
  const realVol = num(raw.real_compact_vol);
  const realBalance = num(raw.real_compact_balance);
  const realFare = num(raw.real_compact_fare);
  return {
    gateway_name: c.gateway,
    accountid: str(raw.account_id) || c.accountId,
    compact_id: id,
    vt_compactid: `${c.gateway}.${id}`,
    compact_type: type,
    symbol: code.symbol,
    exchange: code.exchange,
    vt_symbol: `${code.symbol}.${code.exchange}`,
    open_date: isoDateOf(raw.open_date),
    ret_end_date: isoDateOf(raw.ret_end_date),
    business_vol: num(raw.business_vol),
    real_compact_vol: realVol,
    business_balance: num(raw.business_balance),
    business_fare: num(raw.businessFare),
    real_compact_balance: realBalance,
    real_compact_fare: realFare,
    repaid_fare: num(raw.repaid_fare),
    repaid_balance: num(raw.repaid_balance),
    rate: 0,
    closed: realVol <= 0 && realBalance <= 0.005 && realFare <= 0.005,
  };
}

/** fin_status/slo_status/assure_status: '0' (48) is 正常; 暂停 and 作废 are not eligible. */
export function isNormalStatus(v: unknown): boolean {
  return num(v, -1) === xt.SUBJECT_STATUS_NORMAL;
}

/** The three per-code credit queries merged into one row per code, as the 两融 tab shows them. */
export function mergeCreditAssets(
  rows: { subjects: readonly XtRecord[]; sloCodes: readonly XtRecord[]; assures: readonly XtRecord[] },
  gateway: string,
): CreditAssetData[] {
  const byCode = new Map<string, CreditAssetData>();
  const row = (raw: XtRecord): CreditAssetData | undefined => {
    const code = codeOf(raw);
    if (!code) return undefined;
    const vt = `${code.symbol}.${code.exchange}`;
    let asset = byCode.get(vt);
    if (!asset) {
      asset = {
        gateway_name: gateway, symbol: code.symbol, exchange: code.exchange, vt_symbol: vt, vt_assetid: `${gateway}.${vt}`,
        fin_status: false, slo_status: false, fin_ratio: 0, slo_ratio: 0, assure_status: false, assure_ratio: 0, enable_amount: 0,
      };
      byCode.set(vt, asset);
    }
    return asset;
  };
  for (const s of rows.subjects) {
    const a = row(s);
    if (!a) continue;
    a.fin_status = isNormalStatus(s.fin_status);
    a.slo_status = isNormalStatus(s.slo_status);
    a.fin_ratio = num(s.fin_ratio);
    a.slo_ratio = num(s.slo_ratio);
  }
  for (const s of rows.sloCodes) {
    const a = row(s);
    // Several 头寸来源 (cashgroup_prop) may lend the same code: what may be borrowed is their sum.
    if (a) a.enable_amount += num(s.enable_amount);
  }
  for (const s of rows.assures) {
    const a = row(s);
    if (!a) continue;
    a.assure_status = isNormalStatus(s.assure_status);
    a.assure_ratio = num(s.assure_ratio);
  }
  return [...byCode.values()];
}
