/**
 * Offsets (开平): which part of a position a close takes, what a trader may still close, and
 * turning a trader's "close N" into the orders the exchange will accept — vn.py's
 * OffsetConverter in pure functions.
 *
 * Mode supported: 双向持仓 (long and short held side by side, each closed by an opposite
 * order), with the exchange's own close rules. vn.py's lock mode (锁仓: open the opposite side
 * instead of closing today's) and net mode (净持仓) are not implemented yet.
 *
 * On SHFE and INE the order names the bucket: 平今 closes today's lots only; 平仓 and 平昨
 * close yesterday's only. Elsewhere the exchange ignores the difference: 平仓, 平今 and 平昨
 * all close by its rule (CFFEX today's first; DCE, CZCE and GFEX yesterday's first), so
 * convertClose sends a plain 平仓 there.
 */
import { Direction, Offset } from '../../constants';
import type { RuleViolation } from '../market-rules';
import { offsetLabel } from '../offset-label';
import { type FuturesExchange, type PositionBucket, futuresExchangeRules } from './exchanges';
import {
  type FuturesHolding, type FuturesPosition, positionClosedBy, todayVolume, totalVolume, withPosition, yesterdayVolume,
} from './position';

export { offsetLabel };

/** True for 平仓, 平今 and 平昨. */
export function isCloseOffset(offset: Offset): boolean {
  return offset === Offset.CLOSE || offset === Offset.CLOSETODAY || offset === Offset.CLOSEYESTERDAY;
}

/** The buckets a close with this offset takes on this exchange, in the order it takes them. */
export function closeBucketOrder(exchange: FuturesExchange, offset: Offset): readonly PositionBucket[] {
  switch (futuresExchangeRules(exchange).closeRule) {
    case 'by-offset':
      return offset === Offset.CLOSETODAY ? ['today'] : ['yesterday'];
    case 'today-first':
      return ['today', 'yesterday'];
    case 'yesterday-first':
      return ['yesterday', 'today'];
  }
}

/** Lots not yet held by working close orders. */
export interface Closable {
  today: number;
  yesterday: number;
  total: number;
}

/** What can still be closed of a position: held minus frozen, per bucket. */
export function closableOf(position: FuturesPosition): Closable {
  const today = Math.max(0, todayVolume(position) - position.today_frozen);
  const yesterday = Math.max(0, yesterdayVolume(position) - position.yesterday_frozen);
  return { today, yesterday, total: today + yesterday };
}

/** How many lots a close with this offset can take now on this exchange. */
export function closableWith(position: FuturesPosition, exchange: FuturesExchange, offset: Offset): number {
  const c = closableOf(position);
  return closeBucketOrder(exchange, offset).reduce((sum, bucket) => sum + c[bucket], 0);
}

/** A working order as far as freezing is concerned. */
export interface WorkingOrder {
  direction: Direction;
  offset: Offset;
  volume: number;
  traded: number;
}

/**
 * The holding with its frozen lots recomputed from the working orders: each close order's
 * untraded volume is frozen in the buckets its fill would take, in the exchange's order.
 * Recomputing from the orders (rather than adding and subtracting) cannot drift.
 */
export function withFrozen(holding: FuturesHolding, exchange: FuturesExchange, working: readonly WorkingOrder[]): FuturesHolding {
  let result = holding;
  for (const direction of [Direction.LONG, Direction.SHORT] as const) {
    const base = positionClosedBy(holding, direction);
    const room = { today: todayVolume(base), yesterday: yesterdayVolume(base) };
    const frozen = { today: 0, yesterday: 0 };
    for (const order of working) {
      if (order.direction !== direction || !isCloseOffset(order.offset)) continue;
      let left = Math.max(0, order.volume - order.traded);
      for (const bucket of closeBucketOrder(exchange, order.offset)) {
        const take = Math.min(left, room[bucket] - frozen[bucket]);
        frozen[bucket] += take;
        left -= take;
      }
    }
    result = withPosition(result, { ...base, today_frozen: frozen.today, yesterday_frozen: frozen.yesterday });
  }
  return result;
}

function sideName(position: FuturesPosition): string {
  return position.direction === Direction.LONG ? '多头' : '空头';
}

function violation(code: string, message: string): RuleViolation {
  return { code, message };
}

function frozenNote(position: FuturesPosition): string {
  const frozen = position.today_frozen + position.yesterday_frozen;
  return frozen > 0 ? `，另有 ${frozen} 手已被未成交的平仓委托冻结` : '';
}

function noPosition(position: FuturesPosition, offset: Offset, volume: number): RuleViolation {
  return violation('NO_POSITION', `没有可平的${sideName(position)}持仓，委托${offsetLabel(offset)} ${volume} 手`);
}

function overClose(position: FuturesPosition, volume: number): RuleViolation {
  const c = closableOf(position);
  return violation('OVER_CLOSE', `可平${sideName(position)}仓位不足：可平 ${c.total} 手（今仓 ${c.today} 手、昨仓 ${c.yesterday} 手），委托平仓 ${volume} 手${frozenNote(position)}`);
}

/**
 * Whether a close order of `volume` lots with this offset fits what the trader holds now.
 * Returns null for opening orders. The refusal says, in Chinese, what is held, what is
 * frozen and — on SHFE and INE — which offset would work.
 */
export function checkCloseVolume(holding: FuturesHolding, exchange: FuturesExchange, direction: Direction, offset: Offset, volume: number): RuleViolation | null {
  if (!isCloseOffset(offset)) return null;
  const position = positionClosedBy(holding, direction);
  if (totalVolume(position) === 0) return noPosition(position, offset, volume);
  const side = sideName(position);
  const c = closableOf(position);
  const rules = futuresExchangeRules(exchange);
  if (rules.closeRule !== 'by-offset') return volume <= c.total ? null : overClose(position, volume);
  if (offset === Offset.CLOSETODAY) {
    if (volume <= c.today) return null;
    return violation('OVER_CLOSE', `${side}今仓不足：${rules.name}平今只平今仓，可平今仓 ${c.today} 手，委托平今 ${volume} 手${frozenNote(position)}`);
  }
  if (volume <= c.yesterday) return null;
  const hint = c.today > 0 ? `；今仓 ${c.today} 手请用平今` : '';
  return violation('OVER_CLOSE', `${side}昨仓不足：${rules.name}的${offsetLabel(offset)}只平昨仓，可平昨仓 ${c.yesterday} 手，委托${offsetLabel(offset)} ${volume} 手${frozenNote(position)}${hint}`);
}

/** One order of a converted close. */
export interface CloseLeg {
  offset: Offset;
  volume: number;
}

/** Which bucket a split close (SHFE, INE) takes first. */
export type ClosePreference = 'yesterday-first' | 'today-first';

/** The legs of a converted close, or why it was refused. */
export type ConvertedClose = { ok: true; legs: CloseLeg[] } | { ok: false; violation: RuleViolation };

/**
 * A trader's "close `volume` lots" with an order in `direction` (sell closes the long, buy
 * the short), as the orders the exchange accepts. SHFE and INE: a 平昨 leg and a 平今 leg, in
 * the preferred order (default yesterday's first, the older lots, as Ptrade's close_today=False
 * does), each only as large as what is closable. Elsewhere: one 平仓, which the exchange
 * matches by its own rule. Refused when more is asked than can be closed.
 */
export function convertClose(
  holding: FuturesHolding,
  exchange: FuturesExchange,
  direction: Direction,
  volume: number,
  prefer: ClosePreference = 'yesterday-first',
): ConvertedClose {
  if (!Number.isInteger(volume) || volume <= 0) {
    return { ok: false, violation: violation('VOLUME_INVALID', `平仓数量必须为正整数（手），当前为 ${volume}`) };
  }
  const position = positionClosedBy(holding, direction);
  if (totalVolume(position) === 0) return { ok: false, violation: noPosition(position, Offset.CLOSE, volume) };
  const c = closableOf(position);
  if (volume > c.total) return { ok: false, violation: overClose(position, volume) };
  if (futuresExchangeRules(exchange).closeRule !== 'by-offset') return { ok: true, legs: [{ offset: Offset.CLOSE, volume }] };
  const order: readonly PositionBucket[] = prefer === 'today-first' ? ['today', 'yesterday'] : ['yesterday', 'today'];
  const legs: CloseLeg[] = [];
  let left = volume;
  for (const bucket of order) {
    const take = Math.min(left, c[bucket]);
    if (take > 0) legs.push({ offset: bucket === 'today' ? Offset.CLOSETODAY : Offset.CLOSEYESTERDAY, volume: take });
    left -= take;
  }
  return { ok: true, legs };
}
