/**
 * A futures contract: a ContractData whose futures fields are all present. The rules in this
 * folder take this type, so a contract missing a margin ratio or a fee schedule is caught
 * once, at the boundary, by isFuturesContract.
 */
import { Direction, Product } from '../../constants';
import type { CommissionRates, ContractData } from '../../objects';
import { type FuturesExchange, isFuturesExchange } from './exchanges';

/** A ContractData with every futures field present. */
export type FuturesContract = ContractData & {
  exchange: FuturesExchange;
  product_id: string;
  min_market_volume: number;
  long_margin_ratio: number;
  short_margin_ratio: number;
  commission: CommissionRates;
  expiry: string;
  limit_ratio: number;
  pre_settlement: number;
};

/** True when the contract is a future on a futures exchange with every futures field present. */
export function isFuturesContract(contract: ContractData): contract is FuturesContract {
  return (
    contract.product === Product.FUTURES &&
    isFuturesExchange(contract.exchange) &&
    typeof contract.product_id === 'string' &&
    typeof contract.min_market_volume === 'number' &&
    typeof contract.long_margin_ratio === 'number' &&
    typeof contract.short_margin_ratio === 'number' &&
    contract.commission !== undefined &&
    typeof contract.expiry === 'string' &&
    typeof contract.limit_ratio === 'number' &&
    typeof contract.pre_settlement === 'number'
  );
}

/** Margin ratio of a position in a direction: 多头 uses the long ratio, 空头 the short one. */
export function marginRatioOf(contract: FuturesContract, direction: Direction): number {
  return direction === Direction.SHORT ? contract.short_margin_ratio : contract.long_margin_ratio;
}
