/**
 * The credit account's figures as the exchanges define them (docs/a-share-rules.md, "Margin
 * trading"; SSE margin rules art. 40 and 42). Pure functions over plain inputs in CNY, so the
 * SIM counter, the engine and the tests all compute the same numbers.
 *
 * Exactness: inputs are amounts already on the cent; ratios are taken to the basis point
 * (0.7 → 7000). 保证金可用余额 is summed in integer units of 1/10000 cent and rounded once, half
 * away from zero, to the cent — no term is rounded on its own, so the order of the terms
 * cannot change the result.
 */
import { CreditLevel } from '../../credit';

/** 充抵保证金的证券: shares held outright (not under an open 融资 compact). */
export interface CollateralTerm {
  /** 市值, CNY */
  marketValue: number;
  /** 折算率, e.g. 0.65 */
  assureRatio: number;
}

/** One open 融资 compact and the shares bought with it. */
export interface FinTerm {
  /** 融资买入金额: the compact's unpaid principal */
  amount: number;
  /** 融资买入证券市值: the compact's shares still held × current price */
  marketValue: number;
  assureRatio: number;
  /** 融资保证金比例, e.g. 1.0 */
  finRatio: number;
}

/** One open 融券 compact. */
export interface SloTerm {
  /** 融券卖出金额: unreturned quantity × sale price */
  amount: number;
  /** 融券卖出证券市值: unreturned quantity × current price */
  marketValue: number;
  assureRatio: number;
  /** 融券保证金比例, e.g. 1.0 */
  sloRatio: number;
}

export interface BailInputs {
  /** 现金, including 融券卖出资金 (the formula takes Σ融券卖出金额 back out) */
  cash: number;
  collateral: readonly CollateralTerm[];
  fin: readonly FinTerm[];
  slo: readonly SloTerm[];
  /** 利息及费用: unpaid interest of every compact */
  interestAndFees: number;
  /** margin held by working 融资买入 / 融券卖出 orders (a counter's freeze; 0 for the bare formula) */
  frozenBail?: number;
}

const UNIT = 10_000;

function cents(yuan: number): number {
  return Math.round(yuan * 100);
}

function bp(ratio: number): number {
  return Math.round(ratio * UNIT);
}

/** units of 1/10000 cent → CNY, half away from zero */
function unitsToYuan(units: number): number {
  const sign = units < 0 ? -1 : 1;
  return (sign * Math.floor((Math.abs(units) + UNIT / 2) / UNIT)) / 100;
}

/**
 * 保证金可用余额 = 现金 + Σ(充抵保证金的证券市值 × 折算率) + Σ[(融资买入证券市值 − 融资买入金额) × 折算率]
 * + Σ[(融券卖出金额 − 融券卖出证券市值) × 折算率] − Σ融券卖出金额 − Σ融资买入金额 × 融资保证金比例
 * − Σ融券卖出证券市值 × 融券保证金比例 − 利息及费用.
 * A financed position at a loss, or a short at a loss, counts at 100 % instead of the haircut:
 * a loss is cash already gone, while a haircut only discounts a gain that may not last.
 */
export function enableBailBalance(i: BailInputs): number {
  let u = cents(i.cash) * UNIT;
  for (const c of i.collateral) u += cents(c.marketValue) * bp(c.assureRatio);
  for (const f of i.fin) {
    const gain = cents(f.marketValue) - cents(f.amount);
    u += gain * (gain >= 0 ? bp(f.assureRatio) : UNIT);
    u -= cents(f.amount) * bp(f.finRatio);
  }
  for (const s of i.slo) {
    const gain = cents(s.amount) - cents(s.marketValue);
    u += gain * (gain >= 0 ? bp(s.assureRatio) : UNIT);
    u -= cents(s.amount) * UNIT;
    u -= cents(s.marketValue) * bp(s.sloRatio);
  }
  u -= cents(i.interestAndFees) * UNIT;
  u -= cents(i.frozenBail ?? 0) * UNIT;
  return unitsToYuan(u);
}

export interface AssureInputs {
  /** 现金, including 融券卖出资金 */
  cash: number;
  /** 信用账户内证券市值总和 */
  marketValue: number;
  /** 其他担保物价值 */
  otherCollateral?: number;
  /** 融资买入金额: unpaid 融资 principal */
  finAmount: number;
  /** 融券卖出证券数量 × 当前市价 */
  sloMarketValue: number;
  /** 利息及费用总和 */
  interestAndFees: number;
}

/** The two sides of 维持担保比例 in cents, so callers can also derive 可取金额 exactly. */
export function assureSides(i: AssureInputs): { assetsCents: number; debtCents: number } {
  return {
    assetsCents: cents(i.cash) + cents(i.marketValue) + cents(i.otherCollateral ?? 0),
    debtCents: cents(i.finAmount) + cents(i.sloMarketValue) + cents(i.interestAndFees),
  };
}

/**
 * 维持担保比例 = (现金 + 信用账户内证券市值总和 + 其他担保物价值) / (融资买入金额 + 融券卖出证券数量 × 当前市价
 * + 利息及费用总和), as a ratio (1.5 = 150 %), unrounded. Infinity when nothing is owed (note:
 * JSON turns Infinity into null; a display should show it as “—” or “无负债”).
 */
export function maintenanceRatio(i: AssureInputs): number {
  const { assetsCents, debtCents } = assureSides(i);
  return debtCents > 0 ? assetsCents / debtCents : Infinity;
}

/** Where a ratio stands: at or below the close-out line → 平仓, at or below the warning line → 预警. */
export function creditLevel(ratio: number, warningLine: number, closeOutLine: number): CreditLevel {
  if (ratio <= closeOutLine) return CreditLevel.CLOSE_OUT;
  if (ratio <= warningLine) return CreditLevel.WARNING;
  return CreditLevel.NORMAL;
}

/** Collateral may be withdrawn only while 维持担保比例 stays at or above 300 %. */
export const FETCH_LINE = 3;

/**
 * 可取金额: the most cash that can leave keeping (assets − x) / debt ≥ 300 %, and never more
 * than the free cash (融券卖出资金 and frozen cash excluded). Without debt, all the free cash.
 */
export function fetchBalance(i: AssureInputs, freeCash: number): number {
  const { assetsCents, debtCents } = assureSides(i);
  const free = Math.max(0, cents(freeCash));
  if (debtCents <= 0) return free / 100;
  return Math.max(0, Math.min(free, assetsCents - FETCH_LINE * debtCents)) / 100;
}

/**
 * Interest of one accrual in cents: principal × days × annual rate / 360, rounded half up to
 * the cent. BigInt keeps the product exact (the rate is taken to 1e-8).
 */
export function interestCents(principalCents: number, days: number, rate: number): number {
  if (principalCents <= 0 || days <= 0 || rate <= 0) return 0;
  const num = BigInt(principalCents) * BigInt(days) * BigInt(Math.round(rate * 1e8));
  const den = 360n * 100_000_000n;
  return Number((num * 2n + den) / (2n * den));
}

const DAY_MS = 86_400_000;

/** Calendar days from one YYYY-MM-DD to another (Friday → Monday = 3). */
export function calendarDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The same day `months` later, clamped to the month's end (08-31 + 6 months → 02-28/29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Which of a code's held shares are 融资买入证券 and which are 充抵保证金的证券: the held shares
 * go to the code's open 融资 compacts oldest first, each taking up to its unreturned quantity;
 * what is left over is collateral held outright. A compact whose shares were sold gets fewer
 * (its term then shows the loss of the missing shares at 100 %).
 */
export function allocateHeld(held: number, compactVols: readonly number[]): { financed: number[]; collateral: number } {
  let left = Math.max(0, held);
  const financed = compactVols.map((v) => {
    const take = Math.min(left, Math.max(0, v));
    left -= take;
    return take;
  });
  return { financed, collateral: left };
}
