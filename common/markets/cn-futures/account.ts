/**
 * A futures account's figures as CTP's trading account reports them, and the daily
 * settlement (日终结算).
 *
 *   动态权益 balance = 上日结存 pre_balance + 入金 − 出金 + 平仓盈亏 + 持仓盈亏 − 手续费
 *   可用资金 available = balance − 保证金 − 冻结保证金 − 冻结手续费 − (positive 持仓盈亏
 *                        unless the broker lets floating profit be used)
 *   风险度 risk_ratio = 保证金 / balance
 *
 * 平仓盈亏 and 持仓盈亏 are the 逐日盯市 figures (yesterday's lots against the previous
 * settlement price), as CTP's CloseProfit and PositionProfit are; the 逐笔对冲 close PnL is
 * reported beside them and does not enter the balance. At the settlement the positions are
 * marked at the settlement price, that PnL and the day's close PnL and commission go into
 * the new 上日结存, and today's lots become yesterday's.
 */
import { Offset } from '../../constants';
import { roundCents } from '../price';
import { closeCommission, openCommission } from './commission';
import { type FuturesContract, marginRatioOf } from './futures-contract';
import { freezePriceOf, marginOf, positionMargin } from './margin';
import { closableOf, closeBucketOrder, isCloseOffset } from './offset-converter';
import { type FuturesHolding, positionClosedBy, positionPnl, settlePosition } from './position';
import type { FuturesFill, FillEffect } from './fills';

/** What the account remembers between events; the rest is computed from positions and prices. */
export interface FuturesAccountState {
  /** 上日结存: yesterday's settled balance */
  pre_balance: number;
  /** 入金 today */
  deposit: number;
  /** 出金 today */
  withdraw: number;
  /** today's 平仓盈亏, 逐日盯市 (enters the balance) */
  close_pnl: number;
  /** today's 平仓盈亏, 逐笔对冲 (reported only) */
  close_pnl_by_trade: number;
  /** today's 手续费 */
  commission: number;
}

/** One contract's holding marked at a price (the latest, or the settlement price). */
export interface MarkedHolding {
  contract: FuturesContract;
  holding: FuturesHolding;
  price: number;
}

/** Money a working order holds back until it fills or is cancelled. */
export interface OrderFreeze {
  margin: number;
  commission: number;
}

/** The account as a trader reads it in 资金, CTP's trading-account figures. */
export interface FuturesAccountFigures {
  /** 上日结存 */
  pre_balance: number;
  /** 动态权益 */
  balance: number;
  /** 占用保证金 */
  margin: number;
  /** 冻结保证金 */
  frozen_margin: number;
  /** 冻结手续费 */
  frozen_commission: number;
  /** 可用资金 */
  available: number;
  /** 平仓盈亏 (逐日盯市) */
  close_pnl: number;
  /** 平仓盈亏 (逐笔对冲) */
  close_pnl_by_trade: number;
  /** 持仓盈亏 (逐日盯市) */
  position_pnl: number;
  /** 手续费 */
  commission: number;
  /** 风险度: margin / balance (0 with no margin) */
  risk_ratio: number;
}

/** The broker's choices that change the figures. */
export interface AccountOptions {
  /** brokers' 浮盈可用: positive position PnL counts towards available (default: it does not) */
  floatingProfitUsable?: boolean;
}

/** A new account with `capital` as its settled balance. */
export function newFuturesAccount(capital: number): FuturesAccountState {
  return { pre_balance: capital, deposit: 0, withdraw: 0, close_pnl: 0, close_pnl_by_trade: 0, commission: 0 };
}

/** The account after a fill: its close PnL and commission join the day's. */
export function recordFill(state: FuturesAccountState, effect: FillEffect): FuturesAccountState {
  return {
    ...state,
    close_pnl: roundCents(state.close_pnl + effect.close_pnl),
    close_pnl_by_trade: roundCents(state.close_pnl_by_trade + effect.close_pnl_by_trade),
    commission: roundCents(state.commission + effect.commission),
  };
}

/** Margin held by both sides of a holding. */
export function holdingMargin(contract: FuturesContract, holding: FuturesHolding): number {
  return roundCents(positionMargin(holding.long, contract) + positionMargin(holding.short, contract));
}

/** 持仓盈亏 of both sides of a holding at a price. */
export function holdingPnl(contract: FuturesContract, holding: FuturesHolding, price: number): number {
  return roundCents(positionPnl(holding.long, price, contract.size) + positionPnl(holding.short, price, contract.size));
}

/**
 * What a working order freezes. An open: margin at its price (or the limit price in its
 * direction for a market order) and the open commission. A close: no margin, and the
 * commission of the lots it will take, split by the exchange's rule over what is closable
 * now (so a 平今 pays the close-today rate and a CFFEX close takes today's rate first).
 */
export function orderFreeze(contract: FuturesContract, holding: FuturesHolding, order: FuturesFill): OrderFreeze {
  const price = freezePriceOf(contract, order.direction, order.price);
  if (!isCloseOffset(order.offset)) {
    if (order.offset !== Offset.OPEN) return { margin: 0, commission: 0 };
    return {
      margin: marginOf(price, order.volume, contract.size, marginRatioOf(contract, order.direction)),
      commission: openCommission(contract.commission, price, order.volume, contract.size),
    };
  }
  const closable = closableOf(positionClosedBy(holding, order.direction));
  const split = { today: 0, yesterday: 0 };
  let left = order.volume;
  for (const bucket of closeBucketOrder(contract.exchange, order.offset)) {
    const take = Math.min(left, closable[bucket]);
    split[bucket] += take;
    left -= take;
  }
  return { margin: 0, commission: closeCommission(contract.commission, price, split, contract.size) };
}

/** The account's figures with positions marked at their prices and working orders' freezes. */
export function accountFigures(
  state: FuturesAccountState,
  holdings: readonly MarkedHolding[],
  freezes: readonly OrderFreeze[] = [],
  options: AccountOptions = {},
): FuturesAccountFigures {
  let margin = 0;
  let positionPnlSum = 0;
  for (const h of holdings) {
    margin += holdingMargin(h.contract, h.holding);
    positionPnlSum += holdingPnl(h.contract, h.holding, h.price);
  }
  margin = roundCents(margin);
  const position_pnl = roundCents(positionPnlSum);
  const frozen_margin = roundCents(freezes.reduce((sum, f) => sum + f.margin, 0));
  const frozen_commission = roundCents(freezes.reduce((sum, f) => sum + f.commission, 0));
  const balance = roundCents(state.pre_balance + state.deposit - state.withdraw + state.close_pnl + position_pnl - state.commission);
  const unusableProfit = options.floatingProfitUsable ? 0 : Math.max(0, position_pnl);
  const available = roundCents(balance - margin - frozen_margin - frozen_commission - unusableProfit);
  return {
    pre_balance: state.pre_balance,
    balance,
    margin,
    frozen_margin,
    frozen_commission,
    available,
    close_pnl: state.close_pnl,
    close_pnl_by_trade: state.close_pnl_by_trade,
    position_pnl,
    commission: state.commission,
    risk_ratio: margin === 0 ? 0 : balance > 0 ? margin / balance : Number.POSITIVE_INFINITY,
  };
}

/** The result of the daily settlement. */
export interface Settlement {
  /** the next day's account: the settled balance as 上日结存, day figures at zero */
  state: FuturesAccountState;
  /** each holding settled, in the order given: today's lots now yesterday's, marked from the settlement price */
  holdings: FuturesHolding[];
  /** the settled day's figures, positions at the settlement price and no working orders */
  figures: FuturesAccountFigures;
}

/**
 * The daily settlement (日终结算) at each contract's settlement price (MarkedHolding.price).
 * Working orders must have been cancelled first: every futures order is a day order.
 */
export function settleDay(state: FuturesAccountState, marked: readonly MarkedHolding[], options: AccountOptions = {}): Settlement {
  const figures = accountFigures(state, marked, [], options);
  const holdings = marked.map((m) => ({
    long: settlePosition(m.holding.long, m.price, m.contract.size).position,
    short: settlePosition(m.holding.short, m.price, m.contract.size).position,
  }));
  return {
    state: newFuturesAccount(figures.balance),
    holdings,
    figures,
  };
}
