/**
 * The simulated A-share exchange and counter in one pure object: quotes, matching, the cash
 * account, positions and working orders. No timers and no storage: the gateway calls step()
 * on its interval and persists snapshot(), and tests call both directly. Same seed + same
 * calls ⇒ same quotes and fills, because orders never draw from the PRNG.
 */
import { ACTIVE_STATUSES, Direction, LogLevel, Offset, OrderType, Status } from '../../common/constants';
import { CompactType, CreditOrderType, type CreditDetail, type DirectRepayRequest } from '../../common/credit';
import { TraderError } from '../../common/errors';
import type { AccountData, ContractData, OrderData, OrderRequest, PositionData, TickData, TradeData } from '../../common/objects';
import { orderFromRequest, vtIdOf } from '../../common/objects';
import type { GatewayEventSink } from '../../common/gateway-api';
import type { FeeSchedule } from '../../common/markets/cn-stock/fees';
import { defaultMarkets, type MarketRegistry, type MarketRules } from '../../common/markets';
import { AccountBook, fromCents, holdingOf, toCents } from './account-book';
import { firstTradingDay, nextTradingDay } from './calendar';
import { buildContract, LISTING, type ListedSecurity } from './contracts-data';
import type { Compact, CreditConfig } from './credit-book';
import { CreditDesk } from './credit-desk';
import { type CreditFreezes, freezesOf, pendingRepayOf, shortPosition } from './credit-figures';
import { planExecution } from './execution-plan';
import { takeLiquidity, matchableVolume, type Fill } from './matcher';
import { bookFill, checkAccountOrder, closableOf, holdForOrder, type OrderAccount, reholdBuy, releaseSell, workingCreditType } from './credit-orders';
import { Prng } from './prng';
import { DEPTH, QuoteBook } from './quote-book';
import { SNAPSHOT_VERSION, type SimSnapshot, type SimWorkingOrder } from './snapshot';

export type SimSink = Pick<
  GatewayEventSink,
  'onTick' | 'onOrder' | 'onTrade' | 'onPosition' | 'onAccount' | 'onContract' | 'onLog' | 'onCredit' | 'onCompact' | 'onCreditAsset'
>;

/** A quote set by hand: depth as [price, volume] pairs, best first. */
export interface ScriptedQuote {
  last: number;
  bids: readonly (readonly [number, number])[];
  asks: readonly (readonly [number, number])[];
}

export interface SimConfig {
  /** gateway instance name: gateway_name of every object and prefix of vt_ ids */
  gatewayName: string;
  accountId: string;
  initialCash: number;
  seed: number;
  fees: FeeSchedule;
  now: () => number;
  /** prefix that keeps order and trade ids unique across restarts */
  session: number;
  /** a credit (信用) account's terms; absent = an ordinary (普通) cash account */
  credit?: CreditConfig;
}

interface Listed {
  sec: ListedSecurity;
  contract: ContractData;
  book: QuoteBook;
}

interface WorkingOrder {
  data: OrderData;
  listed: Listed;
  isBuy: boolean;
  /** price the order rests at, in ticks */
  limit: number;
  /** price the cash freeze of the remainder is computed at */
  freezePrice: number;
  /** cash this order holds frozen, in cents (a 融资买入: the quota it holds) */
  frozenCents: number;
  /** credit order type on a credit account (plain orders there count as 担保品买入/卖出) */
  credit: CreditOrderType | undefined;
  /** the compact a 融资买入 / 融券卖出 opened with its first fill */
  compact: Compact | undefined;
  /** amount and commission of its fills so far, in cents: the minimum commission is per order */
  filledCents: number;
  commissionCents: number;
}

/** Orders the counter reports through queryOrders: a copy of each. */
function copyOrder(o: OrderData): OrderData {
  return { ...o };
}

export class SimExchange {
  private readonly rng: Prng;
  private readonly listed = new Map<string, Listed>();
  private readonly account: AccountBook;
  /** the credit desk of a 信用 account; undefined on a 普通 account */
  private readonly desk: CreditDesk | undefined;
  /** the account as the shared order rules see it (credit-orders.ts) */
  private readonly acct: OrderAccount;
  private readonly orders = new Map<string, OrderData>();
  /** working orders per vt_symbol, oldest first (time priority) */
  private readonly resting = new Map<string, WorkingOrder[]>();
  private readonly working = new Map<string, WorkingOrder>();
  private readonly subscribed = new Set<string>();
  /** the markets' rules with this account's fee schedule: checks, T+1, fees, what a buy freezes */
  private readonly markets: MarketRegistry;
  private currentDay: string;
  private orderSeq = 0;
  private tradeSeq = 0;

  constructor(
    private readonly config: SimConfig,
    private readonly sink: SimSink,
    snapshot?: SimSnapshot,
  ) {
    const fresh = !snapshot || snapshot.account_id !== config.accountId;
    this.markets = defaultMarkets({ stockFees: config.fees });
    this.rng = new Prng(config.seed);
    // A restored account keeps its PRNG state so quotes carry on where they stopped; a
    // changed 随机种子 setting reseeds the walk from the stored prices.
    if (!fresh && snapshot.seed === config.seed && snapshot.rng_state !== undefined) this.rng.setState(snapshot.rng_state);
    this.currentDay = fresh ? firstTradingDay(config.now()) : snapshot.day;
    this.account = new AccountBook(fresh ? toCents(config.initialCash) : snapshot.cash_cents, () => this.desk?.restrictedCents(this.freezes().repayCents) ?? 0);
    for (const sec of LISTING) {
      const saved = fresh ? undefined : snapshot.quotes?.[`${sec.symbol}.${sec.exchange}`];
      const contract = buildContract(config.gatewayName, sec, saved?.pre_close);
      const book = new QuoteBook(contract);
      if (saved) book.restore(saved);
      else book.openDay(this.rng);
      this.listed.set(contract.vt_symbol, { sec, contract, book });
    }
    if (!fresh) {
      for (const p of snapshot.positions) {
        if (!this.listed.has(`${p.symbol}.${p.exchange}`)) continue;
        const pos = this.account.position(p.symbol, p.exchange);
        pos.volume = p.volume;
        pos.ydVolume = Math.min(p.yd_volume, p.volume);
        pos.costCents = p.cost_cents;
      }
    }
    this.desk = config.credit
      ? new CreditDesk(config.credit, {
        gatewayName: config.gatewayName,
        accountId: config.accountId,
        account: this.account,
        sink,
        priceOf: (vt) => this.lastPrice(vt),
        contract: (vt) => this.listed.get(vt)?.contract,
        contracts: () => this.contracts(),
      }, fresh ? undefined : snapshot.credit)
      : undefined;
    this.acct = { account: this.account, desk: this.desk, freezes: () => this.freezes(), pendingRepay: (vt) => this.pendingRepay(vt) };
    if (!fresh) for (const w of snapshot.working ?? []) this.restoreWorking(w);
  }

  /**
   * Put a working order back as it was at the last commit: in the book in time priority, its
   * cash, shares or lendable quota held again (the snapshot stores balances without them).
   */
  private restoreWorking(w: SimWorkingOrder): void {
    const vt = `${w.symbol}.${w.exchange}`;
    const listed = this.listed.get(vt);
    if (!listed || this.working.has(w.orderid)) return;
    const gw = this.config.gatewayName;
    const data: OrderData = {
      gateway_name: gw, symbol: w.symbol, exchange: w.exchange, vt_symbol: vt, orderid: w.orderid, vt_orderid: vtIdOf(gw, w.orderid),
      type: w.type, direction: w.direction, offset: w.offset, price: w.price, volume: w.volume, traded: w.traded, status: w.status,
      datetime: w.datetime, reference: w.reference, status_msg: w.status_msg,
    };
    if (w.credit_requested && w.credit) data.credit = w.credit;
    const compact = w.compact_id === undefined ? undefined : this.desk?.book.compacts.find((c) => c.id === w.compact_id);
    const wo: WorkingOrder = {
      data, listed, isBuy: w.direction === Direction.LONG, limit: w.limit, freezePrice: w.freeze_price, frozenCents: w.frozen_cents,
      credit: this.desk ? w.credit : undefined, compact, filledCents: w.filled_cents ?? 0, commissionCents: w.commission_cents ?? 0,
    };
    const remaining = w.volume - w.traded;
    if (wo.isBuy) {
      if (wo.credit !== CreditOrderType.FIN_BUY) this.account.frozenCents += wo.frozenCents;
    } else if (wo.credit === CreditOrderType.SLO_SELL) {
      const lendable = this.desk!.book.lendable;
      lendable.set(vt, (lendable.get(vt) ?? 0) - remaining);
    } else {
      this.account.position(w.symbol, w.exchange).frozen += remaining;
    }
    this.orders.set(w.orderid, data);
    this.working.set(w.orderid, wo);
    const list = this.resting.get(vt);
    if (list) list.push(wo);
    else this.resting.set(vt, [wo]);
  }

  /** Every order this counter knows today (since it started): what a client reconciles against. */
  ordersData(): OrderData[] {
    return [...this.orders.values()].map(copyOrder);
  }

  /** True for a 信用 account. */
  get isCredit(): boolean {
    return this.desk !== undefined;
  }

  /** The credit account's figures now; undefined on an ordinary account. */
  creditDetail(): CreditDetail | undefined {
    return this.desk?.detail(this.freezes());
  }

  private lastPrice(vt: string): number {
    const l = this.listed.get(vt);
    return l ? l.book.priceOf(l.book.last) : 0;
  }

  get day(): string {
    return this.currentDay;
  }

  contracts(): ContractData[] {
    return [...this.listed.values()].map((l) => l.contract);
  }

  contract(vtSymbol: string): ContractData | undefined {
    return this.listed.get(vtSymbol)?.contract;
  }

  tick(vtSymbol: string): TickData | undefined {
    const l = this.listed.get(vtSymbol);
    return l ? l.book.toTick(l.contract, this.config.now()) : undefined;
  }

  order(orderid: string): OrderData | undefined {
    return this.orders.get(orderid);
  }

  workingOrderIds(): string[] {
    return [...this.working.keys()];
  }

  accountData(): AccountData {
    let marketValue = 0;
    for (const pos of this.account.positions.values()) {
      const l = this.listed.get(pos.vtSymbol);
      if (l) marketValue += l.book.priceOf(l.book.last) * pos.volume;
    }
    return this.account.accountData(this.config.gatewayName, this.config.accountId, marketValue);
  }

  positionData(vtSymbol: string): PositionData | undefined {
    const pos = this.account.positions.get(vtSymbol);
    const l = this.listed.get(vtSymbol);
    if (!pos || !l) return undefined;
    return this.account.positionData(this.config.gatewayName, pos, l.book.priceOf(l.book.last));
  }

  positionsData(): PositionData[] {
    const longs = [...this.account.positions.keys()].flatMap((vt) => this.positionData(vt) ?? []);
    if (!this.desk) return longs;
    const shorts = new Set(this.desk.book.open(CompactType.SLO).map((c) => `${c.symbol}.${c.exchange}`));
    return longs.concat([...shorts].flatMap((vt) => this.shortPositionData(vt) ?? []));
  }

  /** Push every contract, then positions and the account (on connect and after settle-day). */
  publishAll(): void {
    for (const l of this.listed.values()) this.sink.onContract(l.contract);
    this.publishPositions();
    this.sink.onAccount(this.accountData());
    if (this.desk) {
      this.desk.publishAssets();
      this.desk.book.touchAll();
      this.desk.publish(this.freezes());
    }
  }

  /** A 融券 debt as a short position (see credit-figures.ts); undefined on an ordinary account. */
  shortPositionData(vtSymbol: string): PositionData | undefined {
    const l = this.listed.get(vtSymbol);
    if (!this.desk || !l) return undefined;
    return shortPosition(this.desk.book, this.config.gatewayName, l.contract, l.book.priceOf(l.book.last), this.pendingRepay(vtSymbol), this.currentDay);
  }

  private freezes(): CreditFreezes {
    return freezesOf(this.working.values(), this.desk?.config);
  }

  private pendingRepay(vtSymbol: string): number {
    return pendingRepayOf(this.working.values(), vtSymbol);
  }

  publishPositions(): void {
    for (const p of this.positionsData()) this.sink.onPosition(p);
  }

  /** Start pushing a contract's ticks; pushes one at once. False if the contract is unknown. */
  subscribe(vtSymbol: string): boolean {
    const tick = this.tick(vtSymbol);
    if (!tick) return false;
    this.subscribed.add(vtSymbol);
    this.sink.onTick(tick);
    return true;
  }

  /**
   * One quote interval: every contract moves, resting orders meet the new quotes in time
   * priority, subscribed ticks go out, and held positions are revalued.
   */
  step(): void {
    for (const l of this.listed.values()) l.book.step(this.rng);
    this.matchResting();
    for (const vt of this.subscribed) {
      const tick = this.tick(vt);
      if (tick) this.sink.onTick(tick);
    }
    if (this.account.positions.size || this.desk?.book.compacts.length) {
      this.publishPositions();
      this.sink.onAccount(this.accountData());
    }
    // Prices moved: the credit figures (维持担保比例 above all) move with them.
    this.desk?.publish(this.freezes());
  }

  /**
   * Replace one contract's quote with a chosen one (tests, demos, scripted scenarios). Prices
   * in CNY, clamped to the day's limits; resting orders then meet it as they would a step's.
   */
  setQuote(vtSymbol: string, quote: ScriptedQuote): void {
    const l = this.listed.get(vtSymbol);
    if (!l) throw new Error(`unknown contract ${vtSymbol}`);
    l.book.setQuote(quote.last, quote.bids, quote.asks);
    this.matchResting();
    if (this.subscribed.has(vtSymbol)) this.sink.onTick(l.book.toTick(l.contract, this.config.now()));
    this.desk?.publish(this.freezes());
  }

  private matchResting(): void {
    for (const [vt, list] of this.resting) {
      for (const wo of list) {
        if (!this.working.has(wo.data.orderid)) continue;
        const opposite = wo.isBuy ? wo.listed.book.asks : wo.listed.book.bids;
        const fills = takeLiquidity(opposite, wo.isBuy, wo.limit, wo.data.volume - wo.data.traded, DEPTH);
        for (const f of fills) this.fill(wo, f);
      }
      const still = list.filter((wo) => this.working.has(wo.data.orderid));
      if (still.length) this.resting.set(vt, still);
      else this.resting.delete(vt);
    }
  }

  /** Accept or reject an order and match what it can at once. Returns its vt_orderid. */
  sendOrder(req: OrderRequest): string {
    const orderid = `${this.config.session}-${++this.orderSeq}`;
    const data = orderFromRequest(req, this.config.gatewayName, orderid, this.config.now());
    this.orders.set(orderid, data);

    const listed = this.listed.get(data.vt_symbol);
    if (!listed) return this.reject(data, `合约不存在：${data.vt_symbol}`);
    const { contract, book } = listed;
    const isBuy = req.direction === Direction.LONG;
    // A market order's own bound: its protection price if it has one, else the day's limit.
    const isMarket = req.type !== OrderType.LIMIT;
    const capPrice = !isMarket || req.price > 0 ? req.price : isBuy ? contract.limit_up : contract.limit_down;
    const freezeCents = isBuy ? this.buyFreezeCents(listed, req.volume, capPrice) : 0;
    // Direction, credit type, contract rules, credit rules, cash and T+1 (credit-orders.ts, shared with the backtest).
    const refusal = checkAccountOrder(this.acct, this.rulesOf(contract), req, contract, this.tick(contract.vt_symbol), capPrice, freezeCents);
    if (refusal) return this.reject(data, refusal);

    const own = isBuy ? book.bids : book.asks;
    const opposite = isBuy ? book.asks : book.bids;
    const planned = planExecution(req.type, isBuy, own, opposite, book.ticksOf(capPrice));
    const wo: WorkingOrder = {
      data, listed, isBuy, limit: book.ticksOf(capPrice), freezePrice: capPrice, frozenCents: 0,
      credit: workingCreditType(this.acct, req),
      compact: undefined, filledCents: 0, commissionCents: 0,
    };
    this.accept(wo, freezeCents);
    if (!planned.ok) {
      this.finish(wo, Status.CANCELLED, planned.reason);
      return data.vt_orderid;
    }
    const { plan } = planned;
    if (plan.allOrNone && matchableVolume(opposite, isBuy, plan.limit, plan.maxLevels) < req.volume) {
      this.finish(wo, Status.CANCELLED, '全额成交或撤单：对手方可成交数量不足，委托已撤销');
      return data.vt_orderid;
    }
    const fills = takeLiquidity(opposite, isBuy, plan.limit, req.volume, plan.maxLevels);
    for (const f of fills) this.fill(wo, f);
    if (!this.working.has(orderid)) return data.vt_orderid;

    if (plan.remainder === 'cancel') {
      this.finish(wo, Status.CANCELLED, '即时成交剩余撤销：未成交部分已撤销');
    } else if (plan.remainder === 'rest-at-last-fill' && fills.length === 0) {
      this.finish(wo, Status.CANCELLED, '对手方无申报，最优五档剩余转限价委托已撤销');
    } else {
      const last = fills[fills.length - 1];
      this.rest(wo, plan.remainder === 'rest-at-last-fill' && last ? last.price : plan.limit);
    }
    return data.vt_orderid;
  }

  /**
   * 直接还款 / 直接还券 on a credit account: no trade, the cash or the held shares go straight
   * to the compacts. Throws a TraderError saying why when refused.
   */
  directRepay(req: DirectRepayRequest): string {
    if (!this.desk) {
      throw new TraderError('NOT_CREDIT_ACCOUNT', `${req.type}需要信用账户：接口 ${this.config.gatewayName} 不是信用账户（在“连接”设置中选择账户类型“信用”）`);
    }
    const message = this.desk.directRepay(req, (vt) => {
      const contract = this.listed.get(vt)?.contract;
      return contract ? (closableOf(this.acct, this.rulesOf(contract), contract)?.volume ?? 0) : 0;
    });
    if (req.type === CreditOrderType.DIRECT_SECU_REPAY) {
      const vt = `${req.symbol ?? ''}.${req.exchange ?? ''}`;
      const long = this.positionData(vt);
      if (long) this.sink.onPosition(long);
      const short = this.shortPositionData(vt);
      if (short) this.sink.onPosition(short);
    }
    this.sink.onAccount(this.accountData());
    this.desk.publish(this.freezes());
    return message;
  }

  /** Cancel a working order; throws a TraderError saying why if it is unknown or already final. */
  cancelOrder(orderid: string, reason = '已撤单'): void {
    const wo = this.working.get(orderid);
    if (!wo) {
      const known = this.orders.get(orderid);
      if (known) throw new TraderError('ORDER_NOT_ACTIVE', `撤单失败：委托 ${orderid} 当前状态为“${known.status}”，不可撤单`);
      throw new TraderError('UNKNOWN_ORDER', `撤单失败：模拟交易所无此委托 ${orderid}`);
    }
    this.finish(wo, Status.CANCELLED, reason);
  }

  /** Cancel every working order; returns how many. */
  cancelAll(reason: string): number {
    const ids = [...this.working.keys()];
    for (const id of ids) this.cancelOrder(id, reason);
    return ids.length;
  }

  /**
   * 日终结算: cancel working orders, make today's shares sellable, close at the last price
   * (tomorrow's pre_close and limits), move to the next weekday and open it.
   */
  settleDay(): string {
    const from = this.currentDay;
    const cancelled = this.cancelAll('日终结算，未成交委托已撤销');
    // Interest for the calendar days until the next trading day (Friday → Monday: 3).
    this.desk?.settle(from, nextTradingDay(from));
    this.account.settle((pos) => {
      const contract = this.listed.get(pos.vtSymbol)?.contract;
      const next = this.markets.rulesFor(contract ?? pos).settleHolding(holdingOf(pos), contract);
      pos.ydVolume = next.yd_volume;
      pos.frozen = next.frozen;
    });
    for (const l of this.listed.values()) {
      l.contract = buildContract(this.config.gatewayName, l.sec, l.book.priceOf(l.book.last));
      l.book.setLimits(l.contract);
      l.book.openDay(this.rng);
    }
    this.currentDay = nextTradingDay(from);
    this.publishAll();
    // The new day opens with new quotes: subscribers must not trade on yesterday's.
    for (const vt of this.subscribed) {
      const tick = this.tick(vt);
      if (tick) this.sink.onTick(tick);
    }
    const acct = this.accountData();
    return `日终结算完成：${from} → ${this.currentDay}，撤销未成交委托 ${cancelled} 笔，持仓 ${this.account.positions.size} 只，资金余额 ${acct.balance.toFixed(2)} 元，持仓市值 ${acct.market_value.toFixed(2)} 元`;
  }

  /** The whole state: the account, the market and the working orders. */
  snapshot(): SimSnapshot {
    return { ...this.accountSnapshot(), ...this.marketSnapshot(), working: [...this.working.values()].map((wo) => this.workingSnapshot(wo)) };
  }

  /**
   * The account alone (cash, holdings, the credit desk, the day): small whatever the number
   * of working orders, so it can be saved with every order event.
   */
  accountSnapshot(): Omit<SimSnapshot, 'quotes' | 'rng_state' | 'working'> {
    return {
      version: SNAPSHOT_VERSION,
      account_id: this.config.accountId,
      day: this.currentDay,
      seed: this.config.seed,
      cash_cents: this.account.cashCents,
      positions: [...this.account.positions.values()].map((p) => ({
        symbol: p.symbol, exchange: p.exchange, volume: p.volume, yd_volume: p.ydVolume, cost_cents: p.costCents,
      })),
      ...(this.desk ? { credit: this.creditSnapshot() } : {}),
    };
  }

  /** Quotes and the random walk's state: where the market carries on from. */
  marketSnapshot(): Required<Pick<SimSnapshot, 'quotes' | 'rng_state'>> {
    const quotes: NonNullable<SimSnapshot['quotes']> = {};
    for (const [vt, l] of this.listed) quotes[vt] = l.book.snapshot();
    return { rng_state: this.rng.getState(), quotes };
  }

  /** One working order as it is saved; undefined once it has left the book. */
  workingOrderSnapshot(orderid: string): SimWorkingOrder | undefined {
    const wo = this.working.get(orderid);
    return wo ? this.workingSnapshot(wo) : undefined;
  }

  private workingSnapshot(wo: WorkingOrder): SimWorkingOrder {
    const d = wo.data;
    return {
      orderid: d.orderid, symbol: d.symbol, exchange: d.exchange, type: d.type, direction: d.direction as Direction.LONG | Direction.SHORT,
      offset: d.offset, price: d.price, volume: d.volume, traded: d.traded, status: d.status as Status.NOTTRADED | Status.PARTTRADED,
      datetime: d.datetime, reference: d.reference, status_msg: d.status_msg,
      ...(wo.credit ? { credit: wo.credit } : {}),
      credit_requested: d.credit !== undefined,
      limit: wo.limit, freeze_price: wo.freezePrice, frozen_cents: wo.frozenCents,
      filled_cents: wo.filledCents, commission_cents: wo.commissionCents,
      ...(wo.compact ? { compact_id: wo.compact.id } : {}),
    };
  }

  /** The credit desk's state; shares held by working 融券卖出 orders go back to the lendable pool. */
  private creditSnapshot(): NonNullable<SimSnapshot['credit']> {
    const state = this.desk!.book.state();
    for (const wo of this.working.values()) {
      if (wo.credit !== CreditOrderType.SLO_SELL) continue;
      state.lendable[wo.data.vt_symbol] = (state.lendable[wo.data.vt_symbol] ?? 0) + wo.data.volume - wo.data.traded;
    }
    return state;
  }

  /** Cash a buy of `volume` at `price` locks: amount plus the fees a single fill would pay. */
  private buyFreezeCents(l: Listed, volume: number, price: number): number {
    const order = { direction: Direction.LONG, offset: Offset.NONE, type: OrderType.LIMIT, price, volume };
    return toCents(this.rulesOf(l.contract).requiredFunds(order, l.contract));
  }

  private rulesOf(contract: ContractData): MarketRules {
    return this.markets.rulesFor(contract);
  }

  private reject(data: OrderData, reason: string): string {
    data.status = Status.REJECTED;
    data.status_msg = reason;
    this.sink.onOrder({ ...data });
    this.sink.onLog(`委托被拒绝 ${data.vt_symbol} ${data.direction} ${data.volume} 股 @ ${data.price}：${reason}`, LogLevel.WARNING);
    return data.vt_orderid;
  }

  private accept(wo: WorkingOrder, freezeCents: number): void {
    wo.data.status = Status.NOTTRADED;
    this.working.set(wo.data.orderid, wo);
    holdForOrder(this.acct, wo, freezeCents);
    this.sink.onOrder({ ...wo.data });
    this.publishHolding(wo);
  }

  /** The remainder keeps working at `limit`; a buy's freeze is recomputed at that price. */
  private rest(wo: WorkingOrder, limit: number): void {
    wo.limit = limit;
    const price = wo.listed.book.priceOf(limit);
    // A market order's remainder becomes a limit order; show the price it now works at.
    if (wo.data.type !== OrderType.LIMIT && wo.data.price !== price) {
      wo.data.price = price;
      this.sink.onOrder({ ...wo.data });
    }
    if (wo.isBuy && price !== wo.freezePrice) {
      wo.freezePrice = price;
      this.refreeze(wo);
      this.sink.onAccount(this.accountData());
    }
    const list = this.resting.get(wo.data.vt_symbol);
    if (list) list.push(wo);
    else this.resting.set(wo.data.vt_symbol, [wo]);
  }

  /** Set a buy's freeze to what its unfilled remainder needs; the account follows by the difference. */
  private refreeze(wo: WorkingOrder): void {
    const remaining = wo.data.volume - wo.data.traded;
    const want = remaining > 0 && this.working.has(wo.data.orderid) ? this.buyFreezeCents(wo.listed, remaining, wo.freezePrice) : 0;
    reholdBuy(this.acct, wo, want);
  }

  /**
   * One fill at a book level's price. The minimum commission is per order, as brokers charge
   * it: each fill pays the order's commission so far less what its earlier fills paid, so an
   * order filled in three parts pays the minimum once.
   */
  private fill(wo: WorkingOrder, f: Fill): void {
    const { contract, book } = wo.listed;
    const price = book.priceOf(f.price);
    const amountCents = toCents(price * f.volume);
    const before = wo.filledCents > 0 ? { amount: fromCents(wo.filledCents), commission: fromCents(wo.commissionCents) } : undefined;
    const fees = this.rulesOf(contract).fillFees(contract, { direction: wo.data.direction, offset: wo.data.offset, price, volume: f.volume, before });
    const feeCents = toCents(fees.total);
    wo.filledCents += amountCents;
    wo.commissionCents += toCents(fees.commission);
    bookFill(this.acct, wo, f.volume, amountCents, feeCents, this.currentDay);
    book.recordTrade(f.volume, f.price);

    const data = wo.data;
    data.traded += f.volume;
    const done = data.traded >= data.volume;
    data.status = done ? Status.ALLTRADED : Status.PARTTRADED;
    if (done) this.working.delete(data.orderid);
    if (wo.isBuy) this.refreeze(wo);

    const tradeid = `${this.config.session}-${++this.tradeSeq}`;
    const trade: TradeData = {
      gateway_name: data.gateway_name,
      symbol: data.symbol,
      exchange: data.exchange,
      vt_symbol: data.vt_symbol,
      orderid: data.orderid,
      vt_orderid: data.vt_orderid,
      tradeid,
      vt_tradeid: vtIdOf(data.gateway_name, tradeid),
      direction: data.direction,
      offset: data.offset,
      price,
      volume: f.volume,
      datetime: this.config.now(),
      fee: fees.total,
      commission: fees.commission,
      stamp_duty: fees.stamp_duty,
      transfer_fee: fees.transfer_fee,
    };
    this.sink.onOrder({ ...data });
    this.sink.onTrade(trade);
    this.publishHolding(wo, true);
  }

  /** End a working order: release its cash or shares and push the final state. */
  private finish(wo: WorkingOrder, status: Status, reason: string): void {
    const data = wo.data;
    if (!ACTIVE_STATUSES.has(data.status)) return;
    this.working.delete(data.orderid);
    if (wo.isBuy) this.refreeze(wo);
    else releaseSell(this.acct, wo);
    data.status = status;
    data.status_msg = reason;
    this.sink.onOrder({ ...data });
    this.publishHolding(wo);
  }

  /**
   * Push what an order event changed: the position for sells and fills (for 融券卖出 and
   * 买券还券, the short: they leave the long holding alone, which the engine knows from the
   * market rules), the account always.
   */
  private publishHolding(wo: WorkingOrder, filled = false): void {
    const short = wo.credit === CreditOrderType.SLO_SELL || wo.credit === CreditOrderType.BUY_SECU_REPAY;
    if (short) {
      const p = this.shortPositionData(wo.data.vt_symbol);
      if (p) this.sink.onPosition(p);
    } else if (!wo.isBuy || filled) {
      const p = this.positionData(wo.data.vt_symbol);
      if (p) this.sink.onPosition(p);
    }
    this.sink.onAccount(this.accountData());
    this.desk?.publish(this.freezes());
  }
}
