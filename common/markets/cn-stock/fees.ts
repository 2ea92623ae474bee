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
  /** minimum commission per order fill, CNY */
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
export function computeFees(direction: Direction, amount: number, product: Product, fees: FeeSchedule): FeeBreakdown {
  const commission = roundCents(Math.max(amount * fees.commissionRate, fees.minCommission));
  const isStock = product === Product.EQUITY;
  const stamp_duty = isStock && direction === Direction.SHORT ? roundCents(amount * fees.stampDutyRate) : 0;
  const transfer_fee = isStock ? roundCents(amount * fees.transferFeeRate) : 0;
  return { commission, stamp_duty, transfer_fee, total: roundCents(commission + stamp_duty + transfer_fee) };
}
