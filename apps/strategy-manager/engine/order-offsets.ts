/**
 * A strategy's order in JoinQuant's futures form — `order(code, amount, style, side,
 * close_today)`: amount > 0 opens, < 0 closes, the position of `side` (long/short) — as the
 * offset of the engine's order, decided by the contract's market through the seam: a market
 * with offsets (futures) gets 开仓 / 平仓 / 平今; one without (A-shares) takes side 'long'
 * only and sends no offset. And what a holding lets a strategy close now, in either market.
 */
import { Direction, Offset } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import type { HeldVolumes, MarketRules } from '../../../common/markets';
import type { ContractData } from '../../../common/objects';

export interface StrategyOrderForm {
  side?: 'long' | 'short';
  action?: 'open' | 'close';
  close_today?: boolean;
}

/** The offset of a strategy's order on `contract`; throws BAD_ARGS for a form the market does not have. */
export function offsetOfStrategyOrder(rules: MarketRules, contract: ContractData, form: StrategyOrderForm): Offset {
  const side = form.side ?? 'long';
  if (!rules.offsets(contract).includes(Offset.OPEN)) {
    if (side !== 'long') throw new TraderError('BAD_ARGS', `${contract.symbol} 为${rules.displayName}，只支持 side="long"（空头仅用于期货），当前为 ${side}`);
    if (form.close_today) throw new TraderError('BAD_ARGS', `close_today 仅用于期货，${contract.symbol} 为${rules.displayName}`);
    return Offset.NONE;
  }
  if (form.action !== 'close') return Offset.OPEN;
  // JoinQuant: close_today closes today's lots (平今, meaningful on SHFE and INE); otherwise a
  // plain 平仓, which SHFE and INE match against yesterday's lots and the others by their rule.
  return form.close_today ? Offset.CLOSETODAY : Offset.CLOSE;
}

/**
 * Lots (or shares) of a holding in `direction` that an order may close now: A-shares by T+1
 * (a sell), futures by the exchange's rule summed over 平仓 and, where it is a separate
 * bucket (SHFE, INE), 平今.
 */
export function closableOfHolding(rules: MarketRules, contract: ContractData, direction: Direction, held: HeldVolumes): number {
  const positions = (d: Direction) => (d === direction ? held : undefined);
  const order = direction === Direction.SHORT ? Direction.LONG : Direction.SHORT;
  if (!rules.offsets(contract).includes(Offset.CLOSE)) return rules.closable({ direction: order, offset: Offset.NONE }, contract, positions)?.volume ?? 0;
  const plain = rules.closable({ direction: order, offset: Offset.CLOSE }, contract, positions)?.volume ?? 0;
  if (plain >= held.volume - held.frozen) return plain;
  return plain + (rules.closable({ direction: order, offset: Offset.CLOSETODAY }, contract, positions)?.volume ?? 0);
}
