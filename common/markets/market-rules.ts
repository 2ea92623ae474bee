/**
 * The market seam: one interface that every market's rulebook implements (cn-stock today,
 * cn-futures next), chosen per contract by the MarketRegistry. The OMS, the engine's
 * pre-trade check, the trading panel, the SIM exchange and a backtest broker call these
 * methods and never a market's own functions, so a second market stands beside the first
 * without an if/else in any caller.
 *
 * Everything here is pure and works on the wire objects (common/objects.ts) plus a small
 * `Holding` for the exact cost behind a position, so the same rulebook runs in the engine,
 * in a window, in a gateway and in a backtest.
 */
import type { Direction, Exchange, Market, Offset, OrderType } from '../constants';
import type { CreditOrderType } from '../credit';
import type { AccountData, ContractData, OrderRequest, PositionData, TradeData } from '../objects';
import type { CreditState } from './credit-state';

/** A rule an order breaks: a stable code for programs and a Chinese sentence naming the rule. */
export interface RuleViolation {
  /** stable code, e.g. LOT_SIZE */
  code: string;
  /** Chinese message naming the rule */
  message: string;
}

/** Fees of one fill in CNY, each rounded on its own; `total` is what TradeData.fee carries. */
export interface FeeBreakdown {
  commission: number;
  stamp_duty: number;
  transfer_fee: number;
  total: number;
}

/** The volumes of a holding that decide what may be sold or closed (a PositionData is one). */
export type HeldVolumes = Pick<PositionData, 'volume' | 'yd_volume' | 'frozen' | 'yd_frozen'>;

/** One direction's holding of one contract on one account. */
export type PositionsView = (direction: Direction) => HeldVolumes | undefined;

/** The account an order is checked against (the OMS's objects in the engine, the feeds in a window). */
export interface AccountView {
  account: AccountData | undefined;
  /** the holding of each direction in the order's contract on the order's account */
  position: (direction: Direction) => PositionData | undefined;
  /** the credit account's state; needed only for credit orders (cn-stock 融资融券) */
  credit?: CreditState;
}

/** What an order that reduces a position may draw on now. */
export interface Closable {
  /** volume the order may sell or close now */
  volume: number;
  /** held, but bought or opened today and not usable by this order yet (T+1), for the refusal's words */
  lockedToday: number;
}

/**
 * What of a contract decides what may be closed: T+1 or T+0 (stocks), the exchange (futures:
 * SHFE and INE close today's and yesterday's positions separately).
 */
export type ClosableContract = Pick<ContractData, 't0' | 'exchange'>;

/** What an order needs to be judged on: the request's trading fields. */
export type OrderKind = Pick<OrderRequest, 'direction' | 'offset' | 'credit'>;

/** An order's size and price, for what placing it costs. */
export type OrderAmount = OrderKind & Pick<OrderRequest, 'type' | 'price' | 'volume'>;

/** What an order's earlier fills came to: a per-order minimum is charged once, on the order's total. */
export interface OrderFillsSoFar {
  /** the amount (price × volume) of the order's fills before this one, CNY */
  amount: number;
  /** the commission those fills were charged, CNY */
  commission: number;
}

/** One fill, as the fee and position rules need it; `before` is the order's earlier fills (none: its first). */
export type FillInput = Pick<TradeData, 'direction' | 'offset' | 'price' | 'volume'> & { before?: OrderFillsSoFar };

/** The exact state behind a position: volumes plus the total cost the average price is derived from. */
export interface Holding {
  volume: number;
  /** held since before today (stocks: the T+1 sellable base; futures: 昨仓) */
  yd_volume: number;
  /** locked by working orders that reduce this holding */
  frozen: number;
  /** total cost of what is held, exact (stocks: amounts plus buy fees; futures: open price × volume × size) */
  cost: number;
}

/** A fill applied to the holding it moves. */
export interface HoldingFill {
  /** true when the fill adds to the holding (buy / 开仓), false when it reduces it (sell / 平仓) */
  opens: boolean;
  offset: Offset;
  price: number;
  volume: number;
  /** the fill's fees (TradeData.fee) */
  fee: number;
}

/** The position a fill moves. */
export interface FillTarget {
  /** direction of the position (not of the order): closing a long is a SHORT order on the LONG position */
  direction: Direction;
  /** true when the fill adds to that position */
  opens: boolean;
}

/** Anything a market is chosen by: a contract, or an order/trade/position before its contract is known. */
export interface MarketTarget {
  exchange: Exchange;
  market?: Market;
}

/** One market's rulebook. Every method is pure. */
export interface MarketRules {
  /** the market's id; contracts name it in ContractData.market */
  readonly id: Market;
  /** for logs and messages, e.g. A股 */
  readonly displayName: string;
  /** exchanges whose contracts follow these rules when a contract does not name its market */
  readonly exchanges: readonly Exchange[];

  /** Unit of a contract's volume as the trader reads it: 股, 张, 手. */
  volumeUnit(contract: ContractData): string;
  /** Order types the contract accepts, limit first (the panel's 类型 list). */
  orderTypes(contract: ContractData): readonly OrderType[];
  /** Offsets an order on this contract may carry (A-shares: only NONE; futures: 开/平/平今/平昨). */
  offsets(contract: ContractData): readonly Offset[];

  /**
   * Checks that need only the order and the contract: volume, lots, per-order caps, order
   * type, price tick and limits, offset. `closable` is what a reducing order may draw on
   * (A-share odd lots depend on it); a counter calls this before its own cash checks.
   */
  checkContract(req: OrderRequest, contract: ContractData, closable?: number): RuleViolation | null;
  /** Every exchange and account rule, first failure first, in the words a trader should read. */
  checkOrder(req: OrderRequest, contract: ContractData, account: AccountView): RuleViolation | null;

  /** What an order that reduces a position may draw on now; undefined for one that adds (buy, 开仓, 融券卖出). */
  closable(order: OrderKind, contract: ClosableContract, positions: PositionsView): Closable | undefined;
  /** What placing the order commits: a buy's amount + estimated fees (stocks; a 融资买入's from its credit line), margin + fees to open (futures); 0 when none. */
  requiredFunds(order: OrderAmount, contract: ContractData): number;
  /** Fees of one fill (stocks: the minimum commission once per order, over `fill.before`; futures: by amount or per lot, open / close / close-today rates from the contract). */
  fillFees(contract: ContractData, fill: FillInput): FeeBreakdown;

  /** The position a fill moves, or undefined when it moves none (融券卖出 and 买券还券 leave the long holding alone). */
  positionOfFill(fill: Pick<TradeData, 'direction' | 'offset'>, credit: CreditOrderType | undefined): FillTarget | undefined;
  /** The holding after one fill. `contract` may be unknown (a fill reported before its contract). */
  applyFill(holding: Holding, fill: HoldingFill, contract: ContractData | undefined): Holding;
  /** The exact cost behind a holding reported at an average `price` (stocks: price × volume; futures: × size too). */
  holdingCost(price: number, volume: number, contract: ContractData | undefined): number;
  /** The average price shown for a holding (stocks: cost per share, fees included). */
  holdingPrice(holding: Holding, contract: ContractData | undefined): number;
  /** Floating P&L of a holding of `direction` at `lastPrice`. */
  holdingPnl(holding: Holding, direction: Direction, lastPrice: number, contract: ContractData | undefined): number;
  /** The daily settlement (日终结算): what a holding is on the next trading day (T+1: today's volume becomes sellable). */
  settleHolding(holding: Holding, contract: ContractData | undefined, settlementPrice?: number): Holding;
}
