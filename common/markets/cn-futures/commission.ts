/**
 * Futures commission (手续费). Each exchange publishes, per product, a rate by amount (a
 * fraction of price × lots × size) or by lot (CNY per lot), separately for opening, closing
 * yesterday's position and closing today's (平今, often dearer to discourage day trading, at
 * times free). A fill pays amount × ratio_by_money + lots × ratio_by_volume, rounded half up
 * to the cent once per fill.
 */
import type { CommissionRates } from '../../objects';
import { roundCents } from '../price';

/** The volume of a close fill drawn from today's and from yesterday's position. */
export interface CloseSplit {
  today: number;
  yesterday: number;
}

function raw(byMoney: number, byVolume: number, price: number, volume: number, size: number): number {
  return price * volume * size * byMoney + volume * byVolume;
}

/** Commission of an opening fill. */
export function openCommission(rates: CommissionRates, price: number, volume: number, size: number): number {
  return roundCents(raw(rates.open_ratio_by_money, rates.open_ratio_by_volume, price, volume, size));
}

/** Commission of a closing fill: today's part at the close-today rates, yesterday's at the close rates. */
export function closeCommission(rates: CommissionRates, price: number, split: CloseSplit, size: number): number {
  return roundCents(
    raw(rates.close_today_ratio_by_money, rates.close_today_ratio_by_volume, price, split.today, size) +
      raw(rates.close_ratio_by_money, rates.close_ratio_by_volume, price, split.yesterday, size),
  );
}
