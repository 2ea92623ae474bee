/**
 * How each order type meets the book (docs/a-share-rules.md, "Market order types"): which price
 * bounds the immediate match, how many levels it may walk, and what happens to the rest.
 *
 * The simulated book shows five levels and nothing beyond them, so SZSE's IOC (即时成交剩余撤销,
 * no level limit) behaves like BEST5_IOC here; on a real exchange it may walk deeper.
 */
import { OrderType } from '../../common/constants';
import { DEPTH, type Level } from './quote-book';

/** rest: remainder works at `limit`; rest-at-last-fill: at the last fill's price; cancel: dropped. */
export type Remainder = 'rest' | 'rest-at-last-fill' | 'cancel';

export interface ExecutionPlan {
  /** price bound of the immediate match and of a resting remainder, in ticks */
  limit: number;
  maxLevels: number;
  remainder: Remainder;
  /** FOK: fill everything at once or nothing */
  allOrNone: boolean;
}

export type PlanResult = { ok: true; plan: ExecutionPlan } | { ok: false; reason: string };

function bestPrice(levels: readonly Level[]): number | undefined {
  return levels.find((l) => l.volume > 0)?.price;
}

/** The tighter of two bounds for the order's side: lower for a buy, higher for a sell. */
function tighter(isBuy: boolean, a: number, b: number): number {
  return isBuy ? Math.min(a, b) : Math.max(a, b);
}

/**
 * `cap` is the order's own bound in ticks: the limit price, or for a market order its
 * protection price (SSE) or else the day's limit-up (buy) / limit-down (sell).
 */
export function planExecution(type: OrderType, isBuy: boolean, own: readonly Level[], opposite: readonly Level[], cap: number): PlanResult {
  const plan = (limit: number, remainder: Remainder, allOrNone = false, maxLevels = DEPTH): PlanResult => ({
    ok: true,
    plan: { limit, maxLevels, remainder, allOrNone },
  });
  switch (type) {
    case OrderType.LIMIT:
      return plan(cap, 'rest');
    case OrderType.BEST_COUNTERPARTY: {
      // Trades at the opposite best price only; the rest waits at that price (or at the
      // protection price when the best is beyond it).
      const best = bestPrice(opposite);
      if (best === undefined) return { ok: false, reason: '对手方无申报，对手方最优价格委托已撤销' };
      return plan(tighter(isBuy, best, cap), 'rest');
    }
    case OrderType.BEST_OWN: {
      const best = bestPrice(own);
      if (best === undefined) return { ok: false, reason: '本方无申报，本方最优价格委托已撤销' };
      return plan(tighter(isBuy, best, cap), 'rest');
    }
    case OrderType.BEST5_TO_LIMIT:
      return plan(cap, 'rest-at-last-fill', false, 5);
    case OrderType.BEST5_IOC:
      return plan(cap, 'cancel', false, 5);
    case OrderType.IOC:
      return plan(cap, 'cancel');
    case OrderType.FOK:
      return plan(cap, 'cancel', true);
  }
}
