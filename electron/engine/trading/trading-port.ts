/**
 * The narrow trading port a strategy host trades through: contracts and their market rules,
 * quotes, orders (send, cancel, read), fills, positions, the account and the credit account,
 * and a stream of every change. Live trading puts the main engine, the OMS and the bus
 * behind it (engine-trading-port.ts); a backtest broker can put a simulated market behind
 * the same port, matching with the contracts' MarketRules, and the strategy runner cannot
 * tell the difference. It speaks common/'s domain objects only.
 */
import type { GatewayStatus, LogLevel } from '../../../common/constants';
import type { CompactData, CreditDetail, DirectRepayRequest } from '../../../common/credit';
import type { MarketRules, MarketTarget } from '../../../common/markets';
import type { AccountData, ContractData, LogData, OrderData, OrderRequest, PositionData, TickData, TradeData } from '../../../common/objects';

/** What the port reports as it happens. */
export interface TradingPortEvents {
  tick: TickData;
  order: OrderData;
  trade: TradeData;
  position: PositionData;
  account: AccountData;
  credit: CreditDetail;
  compact: CompactData;
  log: LogData;
}

export interface TradingPort {
  /** The contract of any code form (600000, 600000.SH, SH600000 …); throws TraderError UNKNOWN_CONTRACT. */
  lookupContract(code: string): ContractData;
  /** A contract by vt_symbol, if the port knows it. */
  contract(vtSymbol: string): ContractData | undefined;
  /** The market rules a contract follows (lots, T+1 or T+0, fees, what may be sold); by its exchange when only that is known. */
  rulesFor(target: MarketTarget): MarketRules;
  /** Start a contract's quotes on `gateway`; ticks follow as 'tick'. Throws TraderError when it cannot. */
  subscribe(vtSymbol: string, gateway: string): void;
  /** The latest quote seen, if any. */
  lastTick(vtSymbol: string): TickData | undefined;
  /** A gateway's connection state; undefined when there is no such gateway. */
  gatewayStatus(gateway: string): GatewayStatus | undefined;
  /** The names of the gateway instances orders may go to (SIM, SIM_2, CTP …), connected or not. */
  gatewayNames(): string[];

  /** Check and send an order on `gateway`; returns its vt_orderid at once (its updates follow as 'order'); throws TraderError with the reason it was refused. */
  sendOrder(req: OrderRequest, gateway: string): string;
  /** Ask to cancel a working order; throws TraderError when it cannot be cancelled. */
  cancelOrder(vtOrderId: string): void;
  /** 直接还款 / 直接还券 on a credit account; resolves with the counter's summary. */
  creditRepay(gateway: string, req: DirectRepayRequest): Promise<string>;

  /** One order by vt_orderid. */
  order(vtOrderId: string): OrderData | undefined;
  /** Every order of the day, in every state. */
  orders(): Iterable<OrderData>;
  /** Orders the exchange may still fill or cancel. */
  activeOrders(): Iterable<OrderData>;
  /** Every fill of the day. */
  trades(): Iterable<TradeData>;
  /** The cash account of `gateway`. */
  account(gateway: string): AccountData | undefined;
  /** The positions of `gateway`, every direction. */
  positions(gateway: string): PositionData[];
  /** The credit account's figures of `gateway`; undefined on a cash account. */
  credit(gateway: string): CreditDetail | undefined;
  /** The open debt contracts of `gateway`. */
  openCompacts(gateway: string): CompactData[];

  /** Hear of every change of one kind; returns the function that stops listening. */
  on<E extends keyof TradingPortEvents>(event: E, handler: (payload: TradingPortEvents[E]) => void): () => void;
  /** A line for the log monitor, from `source` (a strategy's name). */
  log(msg: string, level: LogLevel, source: string): void;
  /** The port's clock: the wall clock live, the replayed time in a backtest. */
  now(): number;
}
