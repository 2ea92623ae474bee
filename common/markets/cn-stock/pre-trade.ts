/**
 * The exchange's and the account's rules in the order a trader wants to hear them. The
 * engine adds only the trader's own limits (rates, sizes) on top of this.
 */
import { Direction } from '../../constants';
import type { AccountData, ContractData, OrderRequest, PositionData } from '../../objects';
import { CreditOrderType } from '../../credit';
import { checkCash, checkSellable, sellableOf } from './account-rules';
import { checkCreditOrder, type CreditState } from './credit-rules';
import type { FeeSchedule } from './fees';
import type { RuleViolation } from '../market-rules';
import { checkLot, checkMaxVolume, checkOrderType, checkPrice, checkProtectionPrice, checkVolumeIsPositiveInteger } from './order-rules';

export interface AccountState {
  account: AccountData | undefined;
  position: PositionData | undefined;
  /** the credit account's state; needed only for credit orders */
  credit?: CreditState;
}

export function checkOrderRules(req: OrderRequest, contract: ContractData, state: AccountState, fees: FeeSchedule): RuleViolation | null {
  const basic = checkVolumeIsPositiveInteger(req.volume) ?? checkOrderType(contract, req.type);
  if (basic) return basic;
  // 融券卖出 sells borrowed shares: the holding does not limit it (the lendable amount does).
  if (req.direction === Direction.SHORT && req.credit !== CreditOrderType.SLO_SELL) {
    const s = sellableOf(contract, state.position);
    const short = checkSellable(contract, req.volume, s) ?? checkLot(contract, req.direction, req.volume, s.sellable);
    if (short) return short;
  } else {
    const lot = checkLot(contract, Direction.LONG, req.volume);
    if (lot) return lot;
  }
  const exchangeRule = checkMaxVolume(contract, req.type, req.volume) ?? checkPrice(contract, req.type, req.price) ?? checkProtectionPrice(contract, req.type, req.price);
  if (exchangeRule) return exchangeRule;
  if (req.credit) {
    const credit = checkCreditOrder(req, contract, state.credit ?? { credit: undefined, asset: undefined, compacts: [], tick: undefined });
    if (credit) return credit;
    // 担保品买入 pays with the account's own cash, as an ordinary buy does.
    return req.credit === CreditOrderType.COLLATERAL_BUY ? checkCash(req, contract, state.account, fees) : null;
  }
  return req.direction === Direction.LONG ? checkCash(req, contract, state.account, fees) : null;
}
