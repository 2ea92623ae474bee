/**
 * The identities every margin_detail row should satisfy (tushare-margin-detail.md, 说明):
 *   融资融券余额 = 融资余额 + 融券余额
 *   本日融资余额 = 前日融资余额 + 本日融资买入额 − 本日融资偿还额
 * Rows that break one are flagged, not dropped: the trader sees the data as published and
 * where it does not add up. Computed when rows are read, because the flow identity depends
 * on the previous day's row, which a later import may bring.
 */
import type { MarginDetailChecked, MarginDetailRow, MarginFlag, MarginTolerances } from '../common/margin-data';

/**
 * The exchanges publish these figures in whole yuan. A total of two rounded figures may be
 * off by one yuan from the rounded total; the flow identity adds up four rounded figures,
 * each within half a yuan, so two yuan.
 */
export const DEFAULT_TOLERANCES: MarginTolerances = { balanceSum: 1, financingFlow: 2 };

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Beyond the tolerance, allowing for binary floating point on figures of ~1e11. */
function breaks(actual: number, expected: number, tolerance: number): boolean {
  return Math.abs(actual - expected) > tolerance + Math.abs(expected) * 1e-12 + 1e-9;
}

/** 融资融券余额 = 融资余额 + 融券余额; null when a figure is missing and it cannot be checked. */
export function balanceSumFlag(row: MarginDetailRow, tolerance: number): MarginFlag | null {
  if (row.rzrqye === null || row.rzye === null || row.rqye === null) return null;
  const expected = row.rzye + row.rqye;
  return breaks(row.rzrqye, expected, tolerance) ? { kind: 'balance-sum', expected: round2(expected), actual: row.rzrqye } : null;
}

/** 融资余额 = 前日融资余额 + 融资买入额 − 融资偿还额; null when it holds or cannot be checked. */
export function financingFlowFlag(prev: MarginDetailRow, row: MarginDetailRow, tolerance: number): MarginFlag | null {
  if (prev.rzye === null || row.rzye === null || row.rzmre === null || row.rzche === null) return null;
  const expected = prev.rzye + row.rzmre - row.rzche;
  return breaks(row.rzye, expected, tolerance)
    ? { kind: 'financing-flow', expected: round2(expected), actual: row.rzye, prevDate: prev.trade_date }
    : null;
}

/**
 * Check one code's rows, in date order. `before` is the code's row preceding the first
 * (outside the range asked for), if any; `consecutive` says whether two dates are
 * consecutive trading days (trade-dates.ts), since the flow identity links only those.
 */
export function checkRows(
  rows: readonly MarginDetailRow[],
  before: MarginDetailRow | null,
  consecutive: (prev: string, cur: string) => boolean,
  tolerances: MarginTolerances = DEFAULT_TOLERANCES,
): MarginDetailChecked[] {
  let prev = before;
  return rows.map((row) => {
    const flags: MarginFlag[] = [];
    const sum = balanceSumFlag(row, tolerances.balanceSum);
    if (sum) flags.push(sum);
    const linked = prev !== null && consecutive(prev.trade_date, row.trade_date);
    const flowChecked = linked && prev!.rzye !== null && row.rzye !== null && row.rzmre !== null && row.rzche !== null;
    if (linked) {
      const flow = financingFlowFlag(prev!, row, tolerances.financingFlow);
      if (flow) flags.push(flow);
    }
    prev = row;
    return { ...row, flags, flowChecked };
  });
}
