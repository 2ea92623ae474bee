/**
 * What one holding may close now: the single answer the 持仓 monitor (可用), the trading
 * panel (可卖, 平仓), the strategy runner and a backtest read, so none of them disagrees with
 * the engine. It asks the market's own `closable` with the order that closes the holding.
 */
import { Direction, Offset } from '../constants';
import { CreditOrderType } from '../credit';
import type { ClosableContract, HeldVolumes, MarketRules, OrderKind } from './market-rules';

/**
 * The order that closes a holding of `direction`. A market with open/close flags (futures)
 * closes with 平; an A-share long is closed by a sell, and an A-share short is a 融券 debt,
 * closed by buying the shares back (买券还券).
 */
export function closingOrderOf(rules: Pick<MarketRules, 'offsets'>, contract: Parameters<MarketRules['offsets']>[0], direction: Direction): OrderKind {
  const opposite = direction === Direction.SHORT ? Direction.LONG : Direction.SHORT;
  if (rules.offsets(contract).includes(Offset.CLOSE)) return { direction: opposite, offset: Offset.CLOSE };
  if (direction === Direction.SHORT) return { direction: Direction.LONG, offset: Offset.NONE, credit: CreditOrderType.BUY_SECU_REPAY };
  return { direction: Direction.SHORT, offset: Offset.NONE };
}

/** A holding as this rule needs it: its side and volumes. */
export type ClosableHolding = HeldVolumes & { direction: Direction };

/**
 * Volume of `holding` that may be closed now. A 融券 debt (which the market's `closable` does
 * not limit: 买券还券 may repay today's borrowing) is what is not already being repaid.
 */
export function holdingClosable(
  rules: Pick<MarketRules, 'offsets' | 'closable'>,
  contract: Parameters<MarketRules['offsets']>[0] & ClosableContract,
  holding: ClosableHolding,
): number {
  const order = closingOrderOf(rules, contract, holding.direction);
  const closable = rules.closable(order, contract, (d) => (d === holding.direction ? holding : undefined));
  return closable ? closable.volume : Math.max(0, holding.volume - holding.frozen);
}
