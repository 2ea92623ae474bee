/**
 * The rules that need the account's state: enough cash for a buy (fees included) and
 * enough sellable shares for a sell (T+1). Pure functions over the OMS's objects, so the
 * engine's pre-trade check and the trading panel give the same answer and the same words.
 *
 * `sellableOf` is the one computation of "sellable under T+1" in TypeScript: the engine,
 * the panel, the strategy runner and the SIM counter all call it (through MarketRules).
 * The C simulator keeps its own copy; both pass the table in test/cases/cn-stock/.
 */
import { Direction, OrderType } from '../../constants';
import type { AccountData, ContractData, OrderRequest, PositionData } from '../../objects';
import { computeFees, type FeeSchedule } from './fees';
import type { RuleViolation } from '../market-rules';
import { roundCents } from '../price';

export interface Sellable {
  /** shares a sell may draw on now */
  sellable: number;
  /** shares bought today, not sellable until the next day under T+1 */
  boughtToday: number;
}

/** The part of a holding T+1 reads. */
export type SellableBase = Pick<PositionData, 'volume' | 'yd_volume' | 'frozen'>;

/** Yesterday's holding (T+1; the whole holding for T+0 products) less what working sells hold. */
export function sellableOf(contract: Pick<ContractData, 't0'>, position: SellableBase | undefined): Sellable {
  if (!position) return { sellable: 0, boughtToday: 0 };
  const base = contract.t0 ? position.volume : position.yd_volume;
  return { sellable: Math.max(0, base - position.frozen), boughtToday: Math.max(0, position.volume - position.yd_volume) };
}

export function checkSellable(contract: Pick<ContractData, 't0'>, volume: number, s: Sellable): RuleViolation | null {
  if (volume <= s.sellable) return null;
  const t1 = s.boughtToday > 0 && !contract.t0 ? `（今日买入的 ${s.boughtToday} 股按 T+1 规则下一交易日才可卖出）` : '';
  return { code: 'POSITION', message: `可卖持仓不足：可卖 ${s.sellable} 股，委托 ${volume} 股${t1}` };
}

/** Cash a buy needs: the amount at the order price (market buys: the protection price, else limit-up) plus fees. */
export function estimateBuyCost(req: Pick<OrderRequest, 'type' | 'price' | 'volume'>, contract: ContractData, fees: FeeSchedule): number {
  const price = req.type === OrderType.LIMIT || req.price > 0 ? req.price : contract.limit_up;
  const amount = roundCents(price * req.volume);
  return roundCents(amount + computeFees(Direction.LONG, amount, contract.product, fees).total);
}

export function checkCash(
  req: Pick<OrderRequest, 'type' | 'price' | 'volume'>,
  contract: ContractData,
  account: AccountData | undefined,
  fees: FeeSchedule,
): RuleViolation | null {
  if (!account) return { code: 'NO_ACCOUNT', message: `接口 ${contract.gateway_name} 尚未返回资金账户，暂不能买入` };
  const need = estimateBuyCost(req, contract, fees);
  if (need > account.available + 1e-9) {
    return { code: 'CASH', message: `可用资金不足：需要 ${need.toFixed(2)} 元（含预估费用），可用 ${account.available.toFixed(2)} 元` };
  }
  return null;
}
