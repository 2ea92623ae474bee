/**
 * The A-share market behind the MarketRules interface: board lots and odd lots, ticks and
 * price limits, the exchanges' market order types, T+1 (T+0 for the products that have it),
 * stamp duty / transfer fee / commission, cash buys, and the credit (融资融券) order types.
 * One long holding per code: a buy adds to it and a sell draws on it; 融券卖出 and 买券还券
 * trade borrowed shares and leave it alone (the counter reports the 融券 debt itself as a
 * SHORT position).
 */
import { Direction, Exchange, Market, MARKET_TYPES_BY_EXCHANGE, Offset, OrderType, Product } from '../../constants';
import { CreditOrderType } from '../../credit';
import type { OrderRequest } from '../../objects';
import type { FillTarget, Holding, MarketRules, RuleViolation } from '../market-rules';
import { roundCents, roundTo } from '../price';
import { estimateBuyCost, sellableOf } from './account-rules';
import { DEFAULT_FEES, orderFillFees, type FeeSchedule } from './fees';
import { checkOrderAgainstContract } from './order-rules';
import { checkOrderRules } from './pre-trade';

/** 融券卖出 sells borrowed shares and 买券还券 returns bought ones: neither moves the long holding. */
const MOVES_NO_HOLDING: ReadonlySet<CreditOrderType> = new Set([CreditOrderType.SLO_SELL, CreditOrderType.BUY_SECU_REPAY]);
const ONLY_NONE: readonly Offset[] = [Offset.NONE];

/** Stocks carry no open/close flag: an offset on an A-share order is a mistake worth naming. */
function checkOffset(req: Pick<OrderRequest, 'offset'>): RuleViolation | null {
  if (req.offset === Offset.NONE) return null;
  return { code: 'OFFSET', message: `A股委托不使用开平标志，当前为“${req.offset}”` };
}

/** The A-share rulebook; `fees` is the account's commission schedule (estimates in the engine, the SIM's own). */
export function createCnStockRules(fees: FeeSchedule = DEFAULT_FEES): MarketRules {
  return {
    id: Market.CN_STOCK,
    displayName: 'A股',
    exchanges: [Exchange.SSE, Exchange.SZSE, Exchange.BSE],

    volumeUnit: (contract) => (contract.product === Product.BOND ? '张' : '股'),
    orderTypes: (contract) => [OrderType.LIMIT, ...MARKET_TYPES_BY_EXCHANGE[contract.exchange]],
    offsets: () => ONLY_NONE,

    checkContract(req, contract, closable) {
      return checkOffset(req) ?? checkOrderAgainstContract(req, contract, req.direction === Direction.LONG ? undefined : closable);
    },

    checkOrder(req, contract, account) {
      return checkOffset(req) ?? checkOrderRules(req, contract, { account: account.account, position: account.position(Direction.LONG), credit: account.credit }, fees);
    },

    closable(order, contract, positions) {
      // 融券卖出 sells borrowed shares: the holding does not limit it (the lendable amount does).
      if (order.direction !== Direction.SHORT || order.credit === CreditOrderType.SLO_SELL) return undefined;
      const s = sellableOf(contract, positions(Direction.LONG));
      return { volume: s.sellable, lockedToday: contract.t0 ? 0 : s.boughtToday };
    },

    requiredFunds(order, contract) {
      // Sells lock shares, not cash. A 融资买入 commits the same amount, from its credit line.
      return order.direction === Direction.LONG ? estimateBuyCost(order, contract, fees) : 0;
    },

    fillFees(contract, fill) {
      return orderFillFees(fill.direction, roundCents(fill.price * fill.volume), contract.product, fees, fill.before);
    },

    positionOfFill(fill, credit): FillTarget | undefined {
      if (credit && MOVES_NO_HOLDING.has(credit)) return undefined;
      return { direction: Direction.LONG, opens: fill.direction === Direction.LONG };
    },

    applyFill(h, fill): Holding {
      if (fill.opens) return { ...h, volume: h.volume + fill.volume, cost: h.cost + fill.price * fill.volume + fill.fee };
      // A sell keeps the average cost per share: the cost left is the average times what is left.
      const sold = Math.min(fill.volume, h.volume);
      return {
        volume: h.volume - sold,
        yd_volume: Math.max(0, h.yd_volume - sold),
        frozen: Math.max(0, h.frozen - sold),
        cost: h.volume > 0 ? h.cost * ((h.volume - sold) / h.volume) : 0,
      };
    },

    holdingCost: (price, volume) => price * volume,

    holdingPrice: (h) => (h.volume > 0 ? roundTo(h.cost / h.volume, 3) : 0),

    holdingPnl(h, direction, lastPrice) {
      // A 融券 debt (SHORT) gains when the price falls: sale amount − market value.
      const value = lastPrice * h.volume;
      return roundCents(direction === Direction.SHORT ? h.cost - value : value - h.cost);
    },

    settleHolding: (h) => ({ ...h, yd_volume: h.volume, frozen: 0 }),
  };
}

/** A-share contracts' rules with the default fee schedule (estimates before the counter's own). */
export const CN_STOCK_RULES: MarketRules = createCnStockRules();
