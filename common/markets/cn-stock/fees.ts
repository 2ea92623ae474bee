/**
 * A-share trading fees (docs/a-share-rules.md, "Fees"). Each fee is rounded half up to the cent
 * on its own, as brokers' statements show them.
 */
import { Direction, Product } from '../../constants';
import type { FeeBreakdown } from '../market-rules';
import { roundCents } from '../price';

export interface FeeSchedule {
  /** broker commission rate, e.g. 0.00025 for 0.025 % */
  commissionRate: number;
  /** minimum commission per order (not per fill), CNY */
  minCommission: number;
  /** stamp duty, sellers of stocks only (0.05 % since 2023-08-28) */
  stampDutyRate: number;
  /** 过户费, both sides of stocks (0.001 % since 2022-04-29) */
  transferFeeRate: number;
}

export const DEFAULT_FEES: Readonly<FeeSchedule> = {
  commissionRate: 0.00025,
  minCommission: 5,
  stampDutyRate: 0.0005,
  transferFeeRate: 0.00001,
};

export type { FeeBreakdown } from '../market-rules';

/**
 * Fees of one fill of `amount` CNY. Funds (ETFs) pay commission only: they are exempt from
 * stamp duty and the transfer fee.
 */
/**
 * Fees of one fill of `amount` CNY of an order whose earlier fills came to `before`: brokers
 * charge the minimum commission once per order, so the commission is the order's commission
 * on its total so far less what its earlier fills paid (an order filled in two parts pays the
 * minimum once). Stamp duty and the transfer fee are per fill.
 */
export function orderFillFees(direction: Direction, amount: number, product: Product, fees: FeeSchedule, before: { amount: number; commission: number } | undefined): FeeBreakdown {
  const own = computeFees(direction, amount, product, fees);
  if (!before || before.amount <= 0) return own;
  const soFar = computeFees(direction, roundCents(before.amount + amount), product, fees);
  const commission = roundCents(Math.max(0, soFar.commission - before.commission));
  return { commission, stamp_duty: own.stamp_duty, transfer_fee: own.transfer_fee, total: roundCents(commission + own.stamp_duty + own.transfer_fee) };
}

export function computeFees(direction: Direction, amount: number, product: Product, fees: FeeSchedule): FeeBreakdown {
  const commission = roundCents(Math.max(amount * fees.commissionRate, fees.minCommission));
  const isStock = product === Product.EQUITY;
  const stamp_duty = isStock && direction === Direction.SHORT ? roundCents(amount * fees.stampDutyRate) : 0;
  const transfer_fee = isStock ? roundCents(amount * fees.transferFeeRate) : 0;
  return { commission, stamp_duty, transfer_fee, total: roundCents(commission + stamp_duty + transfer_fee) };
}
