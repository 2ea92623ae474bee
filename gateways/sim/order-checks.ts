/**
 * The SIM exchange's acceptance checks: the market's contract rules first (the same wording
 * the engine's pre-trade check uses, the SSE protection price among them), then what only the
 * counter knows: cash and T+1 sellable shares. Each returns a Chinese reason or null.
 */
import { Direction } from '../../common/constants';
import type { ContractData, OrderRequest } from '../../common/objects';
import type { MarketRules } from '../../common/markets';
import { fromCents } from './account-book';

export interface AccountFacts {
  /** shares a sell may use now (T+1 available) */
  sellable: number;
  /** shares bought today (not sellable under T+1), to say why a sell is short */
  boughtToday: number;
  availableCents: number;
  /** cash a buy would freeze, fees included */
  freezeCents: number;
}

export function checkDirection(req: OrderRequest): string | null {
  if (req.direction === Direction.LONG || req.direction === Direction.SHORT) return null;
  return `不支持的买卖方向“${req.direction}”`;
}

/** The market's rules that need only the order and the contract, plus the sellable shares for odd lots. */
export function checkContractRules(rules: MarketRules, req: OrderRequest, contract: ContractData, sellable: number): string | null {
  // The market's rules include the SSE protection price, as the engine's pre-trade check does.
  return rules.checkContract(req, contract, sellable)?.message ?? null;
}

export function checkFunds(req: OrderRequest, contract: ContractData, facts: AccountFacts): string | null {
  if (req.direction === Direction.LONG) {
    if (facts.freezeCents > facts.availableCents) {
      return `可用资金不足：需冻结 ${fromCents(facts.freezeCents).toFixed(2)} 元（含预估费用），可用 ${fromCents(facts.availableCents).toFixed(2)} 元`;
    }
    return null;
  }
  if (req.volume > facts.sellable) {
    const t1 = !contract.t0 && facts.boughtToday > 0 ? '（T+1：当日买入的股份下一交易日方可卖出）' : '';
    return `可卖数量不足：可卖 ${facts.sellable} 股${t1}，委托 ${req.volume} 股`;
  }
  return null;
}
