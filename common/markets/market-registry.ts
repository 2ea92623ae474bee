/**
 * Which rulebook a contract follows. A contract that names its market (ContractData.market)
 * gets that market's rules; one that does not gets the market that lists its exchange. Each
 * market is registered once and claims its exchanges once, so the choice is a lookup, never
 * an if/else in a caller.
 */
import type { Market } from '../constants';
import { TraderError } from '../errors';
import type { MarketRules, MarketTarget } from './market-rules';

export interface MarketRegistry {
  /** The rules for a contract (or an order, trade or position by its exchange); throws NO_MARKET when none applies. */
  rulesFor(target: MarketTarget): MarketRules;
  /** The rules for a target, or undefined when no registered market applies (a futures contract until cn-futures is registered). */
  find(target: MarketTarget): MarketRules | undefined;
  /** Every registered market, in registration order. */
  all(): readonly MarketRules[];
}

/** A registry of the given markets; a market id or an exchange registered twice is an error. */
export function createMarketRegistry(markets: readonly MarketRules[]): MarketRegistry {
  const byId = new Map<Market, MarketRules>();
  const byExchange = new Map<string, MarketRules>();
  for (const m of markets) {
    if (byId.has(m.id)) throw new Error(`market ${m.id} registered twice`);
    byId.set(m.id, m);
    for (const ex of m.exchanges) {
      const other = byExchange.get(ex);
      if (other) throw new Error(`exchange ${ex} claimed by both ${other.id} and ${m.id}`);
      byExchange.set(ex, m);
    }
  }
  const list = [...markets];
  const find = (target: MarketTarget) => (target.market !== undefined ? byId.get(target.market) : byExchange.get(target.exchange));
  return {
    find,
    rulesFor(target) {
      const rules = find(target);
      if (!rules) {
        const what = target.market !== undefined ? `市场“${target.market}”` : `交易所 ${target.exchange}`;
        throw new TraderError('NO_MARKET', `没有适用于${what}的交易规则`);
      }
      return rules;
    },
    all: () => list,
  };
}
