/**
 * The backtest broker: a simulated A-share market behind the same TradingPort the live
 * strategy runner trades through. Orders are checked when placed by the live engine's own
 * rules (CnStockBook: lots, ticks, price limits, cash with fees, T+1) and matched against the
 * following bars by the A-share bar matcher (涨跌停, volume cap, per-order minimum
 * commission, stamp duty, transfer fee, slippage). Everything happens synchronously on the
 * thread that drives it: the driver (the strategy host) tells it which bar is current, asks it
 * to match a bar, and the broker reports orders, fills, positions and the account as the
 * port's events, in the order a live gateway would.
 *
 * One contract per backtest: an order for any other code is refused with the reason.
 *
 * The account is a cash account (CnStockBook) or, with `credit` terms, a credit account
 * (CreditStockBook: the SIM's 信用 account with its 融资融券 rules); the backtest's code is then
 * taken to be a 融资 and 融券 标的.
 */
import { Direction, GatewayStatus, LogLevel, Offset, OrderType, Status } from '../../../../common/constants';
import type { CompactData, CreditDetail, CreditTerms, DirectRepayRequest } from '../../../../common/credit';
import { TraderError } from '../../../../common/errors';
import { defaultMarkets, type MarketRegistry, type MarketRules, type MarketTarget } from '../../../../common/markets';
import type { FeeSchedule } from '../../../../common/markets/cn-stock/fees';
import type { AccountData, ContractData, OrderData, OrderRequest, PositionData, TickData, TradeData } from '../../../../common/objects';
import { parseCode } from '../../../../common/symbol';
import type { TradingPort, TradingPortEvents } from '../../trading/trading-port';
import { CnStockBook } from '../matching/cn-stock-book';
import { CreditStockBook } from '../matching/credit-stock-book';
import { matchCnStockBar, type CnStockMatchSettings } from '../matching/cn-stock-bar-matcher';
import { applyFill, newBarOrder, type BarFill, type BarOrder, type MatchBar } from '../matching/bar-order';

export const BACKTEST_GATEWAY = 'BACKTEST';

export interface BrokerSettings extends CnStockMatchSettings {
  capital: number;
  fees: FeeSchedule;
  /** a credit (信用) account's terms; absent = a cash (普通) account */
  credit?: CreditTerms;
}

/** A fill as the backtest's results keep it. */
export interface BrokerFill {
  vt_tradeid: string;
  vt_orderid: string;
  datetime: number;
  direction: Direction.LONG | Direction.SHORT;
  price: number;
  volume: number;
  amount: number;
  fee: number;
  slippage: number;
}

type Listeners = { [E in keyof TradingPortEvents]: ((payload: TradingPortEvents[E]) => void)[] };

export class BacktestBroker implements TradingPort {
  private readonly markets: MarketRegistry;
  private readonly book: CnStockBook | CreditStockBook;
  /** the same book when the account is a credit account */
  private readonly creditBook: CreditStockBook | undefined;
  private readonly listeners: Listeners = { tick: [], order: [], trade: [], position: [], account: [], credit: [], compact: [], log: [] };
  private readonly allOrders = new Map<string, OrderData>();
  private resting: BarOrder[] = [];
  private readonly fillList: BrokerFill[] = [];
  private orderSeq = 0;
  private tradeSeq = 0;
  private clock = 0;
  private barIndex = -1;
  private last: TickData | undefined;
  /** average cost per share, fees included, as the live position shows it */
  private cost = 0;

  constructor(
    private contractOfDay: ContractData,
    private readonly settings: BrokerSettings,
  ) {
    this.markets = defaultMarkets({ stockFees: settings.fees });
    if (settings.credit) {
      this.contractOfDay = asCreditTarget(contractOfDay);
      this.creditBook = new CreditStockBook(settings.capital, settings.fees, settings.credit, {
        contract: () => this.contractOfDay,
        tick: () => this.last,
        price: () => this.markPrice || this.contractOfDay.pre_close,
        sink: {
          onCredit: (d) => this.emit('credit', d),
          onCompact: (c) => this.emit('compact', c),
          onCreditAsset: () => {},
          onLog: (msg, level) => this.log(msg, level ?? LogLevel.INFO, BACKTEST_GATEWAY),
        },
      });
      this.book = this.creditBook;
    } else {
      this.book = new CnStockBook(settings.capital, settings.fees);
    }
  }

  // ---- what the driver calls ------------------------------------------------------------

  /** The bar whose callbacks run now: orders placed from here on can fill from the next bar. */
  setCursor(barIndex: number, now: number): void {
    this.barIndex = barIndex;
    this.clock = now;
  }

  /**
   * A new trading day `day` with its contract (today's pre-close and limits) and first price:
   * yesterday's orders expire, T+1 settles; a credit account's 日终结算 charges the interest.
   */
  startDay(contract: ContractData, day = '', openPrice = 0): void {
    this.contractOfDay = this.creditBook ? asCreditTarget(contract) : contract;
    for (const o of this.resting) this.finish(o.id, Status.CANCELLED, '当日有效委托收盘未成交，已失效');
    this.resting = [];
    if (this.creditBook) this.creditBook.newDay(day, openPrice);
    else if (this.book instanceof CnStockBook) this.book.newDay();
    this.emitPosition();
  }

  /** Interest a credit account was charged at the settlement of `day`, CNY (0 on a cash account). */
  interestOf(day: string): number {
    return this.creditBook?.interestOf(day) ?? 0;
  }

  /** True for a credit (信用) account. */
  get isCredit(): boolean {
    return this.creditBook !== undefined;
  }

  /** The latest quote, made from a completed bar (bid = ask = close). */
  setQuote(tick: TickData): void {
    this.last = tick;
  }

  /** Match the resting orders against bar `k`; fills and cancels are reported as events. */
  matchBar(bar: MatchBar, k: number): void {
    if (!this.resting.length) return;
    const contract = this.contractOfDay;
    const result = matchCnStockBar(bar, k, this.resting, contract, this.settings);
    for (const fill of result.fills) {
      const i = this.resting.findIndex((o) => o.id === fill.orderId);
      const order = applyFill(this.resting[i]!, fill);
      this.resting[i] = order;
      this.book.fill(fill.orderId, fill);
      this.recordFill(fill);
      const data = this.allOrders.get(fill.orderId)!;
      const done = order.traded >= order.volume;
      this.update(data, { traded: order.traded, status: done ? Status.ALLTRADED : Status.PARTTRADED });
      if (done) this.resting.splice(i, 1);
    }
    for (const c of result.cancelled) this.finish(c.orderId, Status.CANCELLED, c.reason);
  }

  /** Mark the holding to `price` (the bar's close) for the account's market value. */
  markToMarket(price: number): void {
    this.markPrice = price;
  }
  private markPrice = 0;

  get fills(): readonly BrokerFill[] {
    return this.fillList;
  }

  get orderCount(): number {
    return this.orderSeq;
  }

  // ---- TradingPort ---------------------------------------------------------------------

  lookupContract(code: string): ContractData {
    let vt: string;
    try {
      vt = parseCode(code).vt_symbol;
    } catch (error) {
      throw new TraderError('UNKNOWN_CONTRACT', error instanceof Error ? error.message : String(error));
    }
    const c = this.contract(vt);
    if (!c) throw new TraderError('UNKNOWN_CONTRACT', `回测只有 ${this.contractOfDay.vt_symbol} 的K线，不能交易 ${code}`);
    return c;
  }

  contract(vtSymbol: string): ContractData | undefined {
    return vtSymbol === this.contractOfDay.vt_symbol ? this.contractOfDay : undefined;
  }

  rulesFor(target: MarketTarget): MarketRules {
    return this.markets.rulesFor(target);
  }

  subscribe(vtSymbol: string): void {
    if (!this.contract(vtSymbol)) throw new TraderError('UNKNOWN_CONTRACT', `回测只有 ${this.contractOfDay.vt_symbol} 的K线，无法订阅 ${vtSymbol}`);
  }

  lastTick(vtSymbol: string): TickData | undefined {
    return vtSymbol === this.contractOfDay.vt_symbol ? this.last : undefined;
  }

  gatewayStatus(gateway: string): GatewayStatus | undefined {
    return gateway === BACKTEST_GATEWAY ? GatewayStatus.CONNECTED : undefined;
  }

  gatewayNames(): string[] {
    return [BACKTEST_GATEWAY];
  }

  sendOrder(req: OrderRequest, _gateway: string): string {
    if (req.credit !== undefined && !this.creditBook) {
      throw new TraderError('NOT_CREDIT_ACCOUNT', `${req.credit}需要信用账户：回测的账户类型为“普通”，请选择账户类型“信用”`);
    }
    const contract = this.lookupContract(`${req.symbol}.${req.exchange}`);
    const orderid = String(++this.orderSeq);
    const vt = `${BACKTEST_GATEWAY}.${orderid}`;
    const violation = this.book.place(vt, req, contract);
    if (violation) throw new TraderError(violation.code, violation.message);
    const data: OrderData = {
      gateway_name: BACKTEST_GATEWAY, symbol: req.symbol, exchange: req.exchange, vt_symbol: contract.vt_symbol,
      orderid, vt_orderid: vt, type: req.type, direction: req.direction, offset: req.offset ?? Offset.NONE,
      price: req.price, volume: req.volume, traded: 0, status: Status.NOTTRADED, datetime: this.clock,
      reference: req.reference, status_msg: '',
    };
    this.allOrders.set(vt, data);
    this.resting.push(newBarOrder({ id: vt, direction: req.direction as Direction.LONG | Direction.SHORT, type: req.type, price: req.type === OrderType.LIMIT ? req.price : req.price, volume: req.volume, placedBar: this.barIndex }));
    this.emit('order', { ...data });
    this.emitPosition();
    return vt;
  }

  cancelOrder(vtOrderId: string): void {
    const data = this.allOrders.get(vtOrderId);
    if (!data) throw new TraderError('UNKNOWN_ORDER', `未找到委托 ${vtOrderId}`);
    const i = this.resting.findIndex((o) => o.id === vtOrderId);
    if (i < 0) throw new TraderError('NOT_ACTIVE', `委托 ${vtOrderId} 已${data.status}，不能撤单`);
    this.resting.splice(i, 1);
    this.finish(vtOrderId, Status.CANCELLED, '');
  }

  creditRepay(_gateway: string, req: DirectRepayRequest): Promise<string> {
    try {
      return Promise.resolve(this.directRepay(req));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** 直接还款 / 直接还券 at once (the backtest runs on one thread); throws a TraderError saying why when refused. */
  directRepay(req: DirectRepayRequest): string {
    if (!this.creditBook) throw new TraderError('NOT_CREDIT_ACCOUNT', `${req.type}需要信用账户：回测的账户类型为“普通”`);
    const message = this.creditBook.directRepay(req);
    this.emitPosition();
    return message;
  }

  order(vtOrderId: string): OrderData | undefined {
    return this.allOrders.get(vtOrderId);
  }

  orders(): Iterable<OrderData> {
    return this.allOrders.values();
  }

  activeOrders(): Iterable<OrderData> {
    return this.resting.map((o) => this.allOrders.get(o.id)!);
  }

  trades(): Iterable<TradeData> {
    return this.fillList.map((f) => this.tradeData(f));
  }

  account(gateway: string): AccountData | undefined {
    if (gateway !== BACKTEST_GATEWAY) return undefined;
    const pos = this.book.position(this.contractOfDay.vt_symbol);
    if (this.creditBook) return this.creditBook.accountData(Math.round(pos.volume * this.markPrice * this.contractOfDay.size * 100) / 100);
    const frozen = Math.round((this.book.cash - this.book.available) * 100) / 100;
    return {
      gateway_name: BACKTEST_GATEWAY, accountid: BACKTEST_GATEWAY, vt_accountid: `${BACKTEST_GATEWAY}.${BACKTEST_GATEWAY}`,
      balance: this.book.cash, frozen, available: this.book.available, market_value: Math.round(pos.volume * this.markPrice * this.contractOfDay.size * 100) / 100,
    };
  }

  positions(gateway: string): PositionData[] {
    if (gateway !== BACKTEST_GATEWAY) return [];
    const p = this.positionData();
    const out = p.volume > 0 || p.frozen > 0 ? [p] : [];
    if (this.creditBook?.hasShort()) out.push(this.creditBook.shortPosition());
    return out;
  }

  credit(gateway: string): CreditDetail | undefined {
    return gateway === BACKTEST_GATEWAY ? this.creditBook?.detail() : undefined;
  }

  openCompacts(gateway: string): CompactData[] {
    return gateway === BACKTEST_GATEWAY ? (this.creditBook?.openCompacts() ?? []) : [];
  }

  on<E extends keyof TradingPortEvents>(event: E, handler: (payload: TradingPortEvents[E]) => void): () => void {
    const list = this.listeners[event] as ((p: TradingPortEvents[E]) => void)[];
    list.push(handler);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  log(msg: string, level: LogLevel, source: string): void {
    this.emit('log', { datetime: this.clock, level, msg, gateway_name: source });
  }

  now(): number {
    return this.clock;
  }

  // ---- inside ------------------------------------------------------------------------

  private emit<E extends keyof TradingPortEvents>(event: E, payload: TradingPortEvents[E]): void {
    for (const h of this.listeners[event] as ((p: TradingPortEvents[E]) => void)[]) h(payload);
  }

  private positionData(): PositionData {
    const c = this.contractOfDay;
    if (this.creditBook) {
      // the credit account's own holding: a 融资买入 adds to it, 买券还券 and 融券卖出 leave it alone
      const held = this.creditBook.account.positions.get(c.vt_symbol);
      if (held) return this.creditBook.account.positionData(BACKTEST_GATEWAY, held, this.markPrice);
    }
    const p = this.book.position(c.vt_symbol);
    return {
      gateway_name: BACKTEST_GATEWAY, symbol: c.symbol, exchange: c.exchange, vt_symbol: c.vt_symbol,
      vt_positionid: `${BACKTEST_GATEWAY}.${c.vt_symbol}.${Direction.LONG}`, direction: Direction.LONG,
      volume: p.volume, yd_volume: p.yd_volume, frozen: p.frozen, price: p.volume > 0 ? this.cost : 0,
      last_price: this.markPrice, pnl: p.volume > 0 ? (this.markPrice - this.cost) * p.volume : 0,
    };
  }

  private emitPosition(): void {
    this.emit('position', this.positionData());
    if (this.creditBook?.hasShort()) this.emit('position', this.creditBook.shortPosition());
    if (this.listeners.account.length) this.emit('account', this.account(BACKTEST_GATEWAY)!);
    this.creditBook?.publish();
  }

  private recordFill(fill: BarFill): void {
    const held = this.book.position(this.contractOfDay.vt_symbol).volume;
    // Average cost with fees, as a live position: a buy adds its amount and costs; a sell keeps the average.
    if (fill.direction === Direction.LONG) {
      const before = held - fill.volume;
      this.cost = held > 0 ? (this.cost * before + fill.amount + fill.fee + fill.slippage) / held : 0;
    } else if (held === 0) this.cost = 0;
    const f: BrokerFill = {
      vt_tradeid: `${BACKTEST_GATEWAY}.${++this.tradeSeq}`, vt_orderid: fill.orderId, datetime: this.clock,
      direction: fill.direction, price: fill.price, volume: fill.volume, amount: fill.amount, fee: fill.fee, slippage: fill.slippage,
    };
    this.fillList.push(f);
    this.fillParts.set(f.vt_tradeid, fill);
    this.emit('trade', this.tradeData(f));
    this.emitPosition();
  }
  private readonly fillParts = new Map<string, BarFill>();

  private tradeData(f: BrokerFill): TradeData {
    const c = this.contractOfDay;
    const parts = this.fillParts.get(f.vt_tradeid)!;
    return {
      gateway_name: BACKTEST_GATEWAY, symbol: c.symbol, exchange: c.exchange, vt_symbol: c.vt_symbol,
      orderid: f.vt_orderid.slice(BACKTEST_GATEWAY.length + 1), vt_orderid: f.vt_orderid,
      tradeid: f.vt_tradeid.slice(BACKTEST_GATEWAY.length + 1), vt_tradeid: f.vt_tradeid,
      direction: f.direction, offset: Offset.NONE, price: f.price, volume: f.volume, datetime: f.datetime,
      fee: f.fee, commission: parts.commission, stamp_duty: parts.stamp_duty, transfer_fee: parts.transfer_fee,
    };
  }

  private update(data: OrderData, change: Partial<Pick<OrderData, 'traded' | 'status' | 'status_msg'>>): void {
    Object.assign(data, change);
    this.emit('order', { ...data });
  }

  private finish(vt: string, status: Status, reason: string): void {
    const data = this.allOrders.get(vt);
    if (!data) return;
    this.book.release(vt);
    this.resting = this.resting.filter((o) => o.id !== vt);
    this.update(data, { status, status_msg: reason });
    this.emitPosition();
  }
}

/** In a credit backtest the code is taken to be a 融资 and 融券 标的 (the bar store knows no lists). */
function asCreditTarget(c: ContractData): ContractData {
  return c.fin_eligible && c.slo_eligible ? c : { ...c, fin_eligible: true, slo_eligible: true };
}
