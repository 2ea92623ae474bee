/**
 * 可买 / 可卖: how many the panel's order could be for now. Both come from the market's own
 * rules — the cash a buy commits (requiredFunds, fees included) and what a holding may close
 * (holdingClosable) — so the figure is what the engine would accept, not a second estimate.
 */
import { Direction, Offset, OrderType } from '../../../common/constants';
import { holdingClosable } from '../../../common/markets/holding-closable';
import type { MarketRules } from '../../../common/markets/market-rules';
import type { AccountData, ContractData, PositionData } from '../../../common/objects';

/**
 * The largest buy, in whole lots of the contract's minimum, whose committed funds fit in the
 * account's available cash at `price` (a market order: its protection price, else limit-up).
 */
export function maxBuyable(rules: Pick<MarketRules, 'requiredFunds'>, contract: ContractData, account: AccountData | undefined, type: OrderType, price: number): number {
  if (!account || account.available <= 0) return 0;
  const unitPrice = type === OrderType.LIMIT || price > 0 ? price : contract.limit_up;
  if (!(unitPrice > 0)) return 0;
  const lot = Math.max(1, contract.min_volume);
  const fits = (lots: number) => rules.requiredFunds({ direction: Direction.LONG, offset: Offset.NONE, type, price, volume: lots * lot }, contract) <= account.available + 1e-9;
  // Fees only add to the cost: the cash alone bounds the answer from above; search below it.
  let lo = 0;
  let hi = Math.floor(account.available / unitPrice / lot);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo * lot;
}

/** What the holding of `direction` may close now (可卖 for a long, 可还 for a 融券 debt). */
export function maxClosable(rules: Pick<MarketRules, 'offsets' | 'closable'>, contract: ContractData, position: PositionData | undefined): number {
  return position ? holdingClosable(rules, contract, position) : 0;
}
