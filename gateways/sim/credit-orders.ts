/**
 * What an order does to a stock account, cash (普通) or credit (信用): whether the account
 * accepts it, what it holds while it works (cash, shares, or for 融资买入 / 融券卖出 the quota
 * and the lendable pool), what it gives back when it ends, and how a fill is booked into the
 * cash, the holding and the compacts. One module for every counter that keeps such an account
 * — the SIM exchange and the backtest's credit account — so the margin rules (融资融券) are
 * written once: the formulas themselves live in CreditDesk, CreditBook, credit-figures.ts and
 * common/markets/cn-stock/{credit-rules,margin}.ts; this module only says which of them an
 * order of each credit type goes through.
 */
import { Direction, Offset, type Exchange } from '../../common/constants';
import { CompactType, CreditOrderType } from '../../common/credit';
import { checkCreditOrder } from '../../common/markets/cn-stock/credit-rules';
import type { MarketRules } from '../../common/markets';
import type { ContractData, OrderRequest, TickData } from '../../common/objects';
import { type AccountBook, holdingOf, toCents } from './account-book';
import type { Compact } from './credit-book';
import type { CreditDesk } from './credit-desk';
import type { CreditFreezes } from './credit-figures';
import { checkContractRules, checkDirection, checkFunds } from './order-checks';

/** The account an order works on: the cash book, the credit desk of a 信用 account, and what its working orders hold. */
export interface OrderAccount {
  readonly account: AccountBook;
  /** undefined on a 普通 (cash) account */
  readonly desk: CreditDesk | undefined;
  /** quota, margin and 买券还券 cash held by the working credit orders */
  freezes(): CreditFreezes;
  /** unfilled shares of working 买券还券 orders for a code */
  pendingRepay(vtSymbol: string): number;
}

/** The part of a working order the account needs. */
export interface AccountOrder {
  readonly isBuy: boolean;
  /** credit type; on a credit account plain orders count as 担保品买入 / 担保品卖出 */
  readonly credit: CreditOrderType | undefined;
  /** the compact a 融资买入 / 融券卖出 opened with its first fill */
  compact: Compact | undefined;
  /** cash (融资买入: quota) the order holds, cents */
  frozenCents: number;
  readonly data: { symbol: string; exchange: Exchange; vt_symbol: string; volume: number; traded: number };
}

/** A plain sell, for asking the rules what the holding lets go. */
const SELL = { direction: Direction.SHORT, offset: Offset.NONE } as const;

/** The credit type an accepted order works as: plain orders on a credit account are 担保品 orders. */
export function workingCreditType(a: OrderAccount, req: OrderRequest): CreditOrderType | undefined {
  return req.credit ?? (a.desk ? (req.direction === Direction.LONG ? CreditOrderType.COLLATERAL_BUY : CreditOrderType.COLLATERAL_SELL) : undefined);
}

/** What a sell may draw on now, by the market's rule (T+1) over the book's holding; undefined for a buy or 融券卖出. */
export function closableOf(a: OrderAccount, rules: MarketRules, contract: ContractData, order: Pick<OrderRequest, 'direction' | 'offset' | 'credit'> = SELL) {
  const pos = a.account.positions.get(contract.vt_symbol);
  return rules.closable(order, contract, (d) => (d === Direction.LONG && pos ? holdingOf(pos) : undefined));
}

/**
 * Whether the account accepts `req` on `contract`: the direction, the credit type on this kind
 * of account, the market's contract rules, the credit rules (quotas, 保证金可用余额, 标的,
 * 融券卖出's price floor), 担保品卖出 of financed shares, and the cash or T+1 shares. A Chinese
 * reason, or null. `freezeCents` is what a buy would freeze (amount at `capPrice` + fees).
 */
export function checkAccountOrder(a: OrderAccount, rules: MarketRules, req: OrderRequest, contract: ContractData, tick: TickData | undefined, capPrice: number, freezeCents: number): string | null {
  const directionError = checkDirection(req);
  if (directionError) return directionError;
  const credit = req.credit;
  if (credit && !a.desk) {
    // Same words as the engine's pre-trade check (common/markets/cn-stock/credit-rules.ts).
    const v = checkCreditOrder(req, contract, { credit: undefined, asset: undefined, compacts: [], tick: undefined });
    return v?.message ?? `${credit}需要信用账户`;
  }
  if (credit === CreditOrderType.DIRECT_CASH_REPAY || credit === CreditOrderType.DIRECT_SECU_REPAY) {
    return `${credit}不是交易委托，请使用“${credit}”功能（不经交易所）`;
  }
  // 融券卖出 sells borrowed shares: the holding plays no part (odd lots are not allowed).
  const closable = closableOf(a, rules, contract, req);
  const sellable = closable?.volume ?? 0;
  const ruleError = checkContractRules(rules, req, contract, sellable);
  if (ruleError) return ruleError;
  const isBuy = req.direction === Direction.LONG;
  if (a.desk && credit) {
    const feeCents = isBuy ? freezeCents - toCents(capPrice * req.volume) : 0;
    const creditError = a.desk.check(req, contract, tick, a.freezes(), feeCents, a.pendingRepay(contract.vt_symbol));
    if (creditError) return creditError;
  }
  const creditSellError = a.desk?.checkCollateralSell(req, sellable) ?? null;
  if (creditSellError) return creditSellError;
  // 融资买入 spends borrowed cash (its quota and margin were checked above); 融券卖出 sells
  // borrowed shares; 买券还券 may use 融券卖出资金 as well as free cash.
  if (credit !== CreditOrderType.FIN_BUY && credit !== CreditOrderType.SLO_SELL) {
    const fundsError = checkFunds(req, contract, {
      sellable,
      boughtToday: closable?.lockedToday ?? 0,
      availableCents: credit === CreditOrderType.BUY_SECU_REPAY ? a.account.unfrozenCents : a.account.availableCents,
      freezeCents,
    });
    if (fundsError) return a.desk?.explainRestricted(fundsError, isBuy, credit, a.freezes().repayCents) ?? fundsError;
  }
  return null;
}

/** Hold what an accepted order needs: a buy its cash (融资买入: quota, counted by freezes), 融券卖出 lendable shares, a sell its shares. */
export function holdForOrder(a: OrderAccount, wo: AccountOrder, freezeCents: number): void {
  if (wo.isBuy) {
    wo.frozenCents = freezeCents;
    if (wo.credit !== CreditOrderType.FIN_BUY) a.account.frozenCents += freezeCents;
  } else if (wo.credit === CreditOrderType.SLO_SELL) {
    moveLendable(a, wo.data.vt_symbol, -wo.data.volume);
  } else {
    a.account.position(wo.data.symbol, wo.data.exchange).frozen += wo.data.volume;
  }
}

/** Set a buy's hold to `wantCents` (what its unfilled remainder needs now); the account follows by the difference. */
export function reholdBuy(a: OrderAccount, wo: AccountOrder, wantCents: number): void {
  // A 融资买入 holds quota, not cash (its freeze is counted by freezes()).
  if (wo.credit !== CreditOrderType.FIN_BUY) a.account.frozenCents += wantCents - wo.frozenCents;
  wo.frozenCents = wantCents;
}

/** Give back what an ended sell still holds: its unfilled shares, or for 融券卖出 the lendable ones. (A buy: reholdBuy(…, 0).) */
export function releaseSell(a: OrderAccount, wo: AccountOrder): void {
  const remaining = wo.data.volume - wo.data.traded;
  if (wo.credit === CreditOrderType.SLO_SELL) {
    moveLendable(a, wo.data.vt_symbol, remaining);
  } else {
    const pos = a.account.positions.get(wo.data.vt_symbol);
    if (pos) pos.frozen = Math.max(0, pos.frozen - remaining);
  }
}

/** Book one fill into the cash account, the holding and, for credit orders, the compacts. */
export function bookFill(a: OrderAccount, wo: AccountOrder, volume: number, amountCents: number, feeCents: number, day: string): void {
  const { symbol, exchange, vt_symbol } = wo.data;
  const { account, desk } = a;
  if (desk && wo.credit === CreditOrderType.FIN_BUY) {
    // Bought like any buy, but with borrowed cash: the cash paid out comes back as the loan.
    account.applyBuy(account.position(symbol, exchange), volume, amountCents, feeCents);
    account.cashCents += amountCents + feeCents;
    wo.compact ??= desk.book.newCompact(CompactType.FIN, symbol, exchange, day);
    desk.fillFinBuy(wo.compact, volume, amountCents, feeCents);
  } else if (desk && wo.credit === CreditOrderType.SLO_SELL) {
    wo.compact ??= desk.book.newCompact(CompactType.SLO, symbol, exchange, day);
    desk.fillSloSell(wo.compact, volume, amountCents, feeCents);
  } else if (desk && wo.credit === CreditOrderType.BUY_SECU_REPAY) {
    desk.fillBuyRepay(vt_symbol, volume, amountCents, feeCents);
  } else if (wo.isBuy) {
    account.applyBuy(account.position(symbol, exchange), volume, amountCents, feeCents);
  } else {
    account.applySell(account.position(symbol, exchange), volume, amountCents, feeCents);
    if (desk && wo.credit === CreditOrderType.SELL_CASH_REPAY) desk.repayFromSale(amountCents - feeCents);
  }
}

function moveLendable(a: OrderAccount, vtSymbol: string, delta: number): void {
  if (!a.desk) return;
  const lendable = a.desk.book.lendable;
  lendable.set(vtSymbol, (lendable.get(vtSymbol) ?? 0) + delta);
  a.desk.publishAsset(vtSymbol);
}
