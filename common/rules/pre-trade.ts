/**
 * The exchange's and the account's rules in the order a trader wants to hear them. The
 * engine adds only the trader's own limits (rates, sizes) on top of this.
 */
import { Direction } from '../constants';
import type { AccountData, ContractData, OrderRequest, PositionData } from '../objects';
import { checkCash, checkSellable, sellableOf } from './account-rules';
import type { FeeSchedule } from './fees';
import { checkLot, checkMaxVolume, checkOrderType, checkPrice, checkVolumeIsPositiveInteger, type RuleViolation } from './order-rules';

export interface AccountState {
  account: AccountData | undefined;
  position: PositionData | undefined;
}

export function checkOrderRules(req: OrderRequest, contract: ContractData, state: AccountState, fees: FeeSchedule): RuleViolation | null {
  const basic = checkVolumeIsPositiveInteger(req.volume) ?? checkOrderType(contract, req.type);
  if (basic) return basic;
  if (req.direction === Direction.SHORT) {
    const s = sellableOf(contract, state.position);
    const short = checkSellable(contract, req.volume, s) ?? checkLot(contract, req.direction, req.volume, s.sellable);
    if (short) return short;
  } else {
    const lot = checkLot(contract, req.direction, req.volume);
    if (lot) return lot;
  }
  const exchangeRule = checkMaxVolume(contract, req.type, req.volume) ?? checkPrice(contract, req.type, req.price);
  if (exchangeRule) return exchangeRule;
  return req.direction === Direction.LONG ? checkCash(req, contract, state.account, fees) : null;
}
