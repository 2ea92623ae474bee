/**
 * The simulated futures exchange and counter in one pure object, beside the A-share one
 * (sim-exchange.ts): the same seeded random-walk quotes (QuoteBook, in lots), the same
 * matching against the shown depth and the same order types' execution plans, with the
 * futures rules of common/markets/cn-futures for everything a futures counter decides:
 *
 * - every order needs an offset; a close takes the opposite direction's 今仓/昨仓 by the
 *   exchange's rule, and closing more than is closable is refused in Chinese;
 * - an open freezes margin and commission at its price (a market order: at the limit price),
 *   a close its commission; a fill charges the commission, holds the margin, books close PnL;
 * - 日终结算 cancels working orders, settles at each contract's last price (the SIM's
 *   settlement price), and turns today's lots into yesterday's marked from it.
 *
 * A futures account is its own SIM account (账户类型 期货), as a futures account at a futures
 * company is separate from a securities account: docs/sim.md says why. No timers, no storage:
 * the gateway steps it and persists snapshot().
 */
import { ACTIVE_STATUSES, Direction, LogLevel, OrderType, Status } from '../../../common/constants';
import type { DirectRepayRequest } from '../../../common/credit';
import { TraderError } from '../../../common/errors';
import type { AccountData, ContractData, OrderData, OrderRequest, PositionData, TickData, TradeData } from '../../../common/objects';
import { orderFromRequest, vtIdOf, vtPositionIdOf } from '../../../common/objects';
import {
  accountFigures, type FuturesAccountFigures, type FuturesAccountState, type MarkedHolding, newFuturesAccount, orderFreeze, type OrderFreeze,
  recordFill, settleDay as settleAccounts,
} from '../../../common/markets/cn-futures/account';
import { applyFill } from '../../../common/markets/cn-futures/fills';
import type { FuturesContract } from '../../../common/markets/cn-futures/futures-contract';
import { positionMargin } from '../../../common/markets/cn-futures/margin';
import { withFrozen, type WorkingOrder as FrozenBy } from '../../../common/markets/cn-futures/offset-converter';
import { checkFuturesOrder } from '../../../common/markets/cn-futures/order-checks';
import {
  averageOpenPrice, emptyHolding, type FuturesHolding, type FuturesPosition, positionCostPrice, positionPnl, todayVolume, totalVolume, yesterdayVolume,
} from '../../../common/markets/cn-futures/position';
import { firstTradingDay, nextTradingDay } from '../calendar';
import { planExecution } from '../execution-plan';
import { matchableVolume, takeLiquidity, type Fill } from '../matcher';
import { Prng } from '../prng';
import { DEPTH, QuoteBook } from '../quote-book';
import type { ScriptedQuote, SimSink } from '../sim-exchange';
import { type FuturesSnapshot, type FuturesWorkingSnapshot, FUTURES_SNAPSHOT_VERSION } from './futures-snapshot';
import { listFutures, type ListedFuture } from './futures-listing';

export interface SimFuturesConfig {
  gatewayName: string;
  accountId: string;
  initialCash: number;
  seed: number;
  now: () => number;
  /** prefix that keeps order and trade ids unique across restarts */
  session: number;
}

interface Listed extends ListedFuture {
  book: QuoteBook;
}

interface Working {
  data: OrderData;
  listed: Listed;
  isBuy: boolean;
  /** price the order rests at, in ticks */
  limit: number;
}

export class SimFuturesExchange {
  private readonly rng: Prng;
  private listed = new Map<string, Listed>();
  private state: FuturesAccountState;
  private readonly holdings = new Map<string, FuturesHolding>();
  /** yesterday's settlement price by vt_symbol */
  private settlements = new Map<string, number>();
  private readonly orders = new Map<string, OrderData>();
  private readonly working = new Map<string, Working>();
  /** working orders per vt_symbol, oldest first (time priority) */
  private readonly resting = new Map<string, Working[]>();
  private readonly subscribed = new Set<string>();
  /** positions reported non-empty since the last report: a closed one is reported once at 0 */
  private readonly reported = new Set<string>();
  private currentDay: string;
  private orderSeq = 0;
  private tradeSeq = 0;

  constructor(
    private readonly config: SimFuturesConfig,
    private readonly sink: SimSink,
    snapshot?: FuturesSnapshot,
  ) {
    const fresh = !snapshot || snapshot.account_id !== config.accountId;
    this.rng = new Prng(config.seed);
    if (!fresh && snapshot.seed === config.seed && snapshot.rng_state !== undefined) this.rng.setState(snapshot.rng_state);
    this.currentDay = fresh ? firstTradingDay(config.now()) : snapshot.day;
    this.state = fresh ? newFuturesAccount(config.initialCash) : { ...snapshot.account };
    if (!fresh) {
      for (const [vt, price] of Object.entries(snapshot.settlements)) this.settlements.set(vt, price);
      for (const h of snapshot.holdings) {
        this.holdings.set(h.vt_symbol, {
          long: { direction: Direction.LONG, ...h.long, today_frozen: 0, yesterday_frozen: 0 },
          short: { direction: Direction.SHORT, ...h.short, today_frozen: 0, yesterday_frozen: 0 },
        });
      }
    }
    this.list(fresh ? undefined : snapshot.quotes);
    if (!fresh) for (const w of snapshot.working ?? []) this.restoreWorking(w);
  }

  /** List the day's contracts; a contract with a saved quote carries on from it, the rest open a fresh day. */
  private list(quotes?: FuturesSnapshot['quotes']): void {
    const next = new Map<string, Listed>();
    for (const l of listFutures(this.config.gatewayName, this.currentDay, this.settlements, new Set(this.holdings.keys()))) {
      const book = new QuoteBook(l.contract, 1);
      const saved = quotes?.[l.contract.vt_symbol];
      if (saved) book.restore(saved);
      else book.openDay(this.rng);
      next.set(l.contract.vt_symbol, { ...l, book });
    }
    this.listed = next;
  }

  private restoreWorking(w: FuturesWorkingSnapshot): void {
    const vt = `${w.symbol}.${w.exchange}`;
    const listed = this.listed.get(vt);
    if (!listed || this.working.has(w.orderid)) return;
    const gw = this.config.gatewayName;
    const data: OrderData = {
      gateway_name: gw, symbol: w.symbol, exchange: w.exchange, vt_symbol: vt, orderid: w.orderid, vt_orderid: vtIdOf(gw, w.orderid),
      type: w.type, direction: w.direction, offset: w.offset, price: w.price, volume: w.volume, traded: w.traded, status: w.status,
      datetime: w.datetime, reference: w.reference, status_msg: w.status_msg,
    };
    const wo: Working = { data, listed, isBuy: w.direction === Direction.LONG, limit: w.limit };
    this.orders.set(w.orderid, data);
    this.working.set(w.orderid, wo);
    this.queue(wo);
  }

  get day(): string {
    return this.currentDay;
  }

  /** A futures account has no credit business. */
  get isCredit(): boolean {
    return false;
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

  ordersData(): OrderData[] {
    return [...this.orders.values()].map((o) => ({ ...o }));
  }

  workingOrderIds(): string[] {
    return [...this.working.keys()];
  }

  private lastPrice(vt: string): number {
    const l = this.listed.get(vt);
    return l ? l.book.priceOf(l.book.last) : 0;
  }

  /** A contract's holding with the lots its working close orders freeze. */
  private holdingOf(vt: string): FuturesHolding {
    const held = this.holdings.get(vt) ?? emptyHolding(this.settlements.get(vt) ?? 0);
    const listed = this.listed.get(vt);
    if (!listed) return held;
    const working: FrozenBy[] = [];
    for (const wo of this.working.values()) if (wo.data.vt_symbol === vt) working.push(wo.data);
    return withFrozen(held, listed.contract.exchange, working);
  }

  /** What each working order holds back: margin and commission of its untraded volume. */
  private freezes(): OrderFreeze[] {
    const out: OrderFreeze[] = [];
    for (const wo of this.working.values()) {
      const remaining = wo.data.volume - wo.data.traded;
      // A close's commission is what it would pay on the lots it will take; frozen lots are its own.
      const holding = this.holdings.get(wo.data.vt_symbol) ?? emptyHolding();
      out.push(orderFreeze(wo.listed.contract, holding, { direction: wo.data.direction, offset: wo.data.offset, price: wo.data.price, volume: remaining }));
    }
    return out;
  }

  private marked(): MarkedHolding[] {
    const out: MarkedHolding[] = [];
    for (const [vt, holding] of this.holdings) {
      const l = this.listed.get(vt);
      if (l) out.push({ contract: l.contract, holding, price: this.lastPrice(vt) });
    }
    return out;
  }

  /** The account as 资金 shows it, CTP's figures. */
  figures(): FuturesAccountFigures {
    return accountFigures(this.state, this.marked(), this.freezes());
  }

  accountData(): AccountData {
    const f = this.figures();
    const gw = this.config.gatewayName;
    return {
      gateway_name: gw,
      accountid: this.config.accountId,
      vt_accountid: vtIdOf(gw, this.config.accountId),
      balance: f.balance,
      frozen: Math.round((f.frozen_margin + f.frozen_commission) * 100) / 100,
      available: f.available,
      // A futures position is no asset of its own: its value is in 动态权益 through 持仓盈亏.
      market_value: 0,
      margin: f.margin,
      frozen_margin: f.frozen_margin,
      frozen_commission: f.frozen_commission,
      close_pnl: f.close_pnl,
      position_pnl: f.position_pnl,
      commission: f.commission,
      pre_balance: f.pre_balance,
    };
  }

  private positionRow(contract: FuturesContract, position: FuturesPosition, last: number): PositionData {
    const gw = this.config.gatewayName;
    return {
      gateway_name: gw,
      symbol: contract.symbol,
      exchange: contract.exchange,
      vt_symbol: contract.vt_symbol,
      vt_positionid: vtPositionIdOf(gw, contract.vt_symbol, position.direction),
      direction: position.direction,
      volume: totalVolume(position),
      yd_volume: yesterdayVolume(position),
      frozen: position.today_frozen + position.yesterday_frozen,
      yd_frozen: position.yesterday_frozen,
      price: Number(positionCostPrice(position).toFixed(4)),
      open_price: Number(averageOpenPrice(position).toFixed(4)),
      last_price: last,
      pnl: positionPnl(position, last, contract.size),
      margin: positionMargin(position, contract),
    };
  }

  /** Both directions of every contract held now (or of `only`), and once at 0 a direction just emptied. */
  positionsData(only?: string): PositionData[] {
    const out: PositionData[] = [];
    const keys = new Set([...this.holdings.keys(), ...[...this.reported].map((id) => id.slice(0, id.lastIndexOf('|')))]);
    for (const vt of keys) {
      if (only !== undefined && vt !== only) continue;
      const l = this.listed.get(vt);
      if (!l) continue;
      const holding = this.holdingOf(vt);
      for (const position of [holding.long, holding.short]) {
        const key = `${vt}|${position.direction}`;
        if (totalVolume(position) === 0 && !this.reported.has(key)) continue;
        out.push(this.positionRow(l.contract, position, this.lastPrice(vt)));
        if (totalVolume(position) > 0) this.reported.add(key);
        else this.reported.delete(key);
      }
    }
    return out;
  }

  publishPositions(): void {
    for (const p of this.positionsData()) this.sink.onPosition(p);
  }

  /** Every contract, then positions and the account (on connect and after settle-day). */
  publishAll(): void {
    for (const l of this.listed.values()) this.sink.onContract(l.contract);
    this.publishPositions();
    this.sink.onAccount(this.accountData());
  }

  subscribe(vtSymbol: string): boolean {
    const tick = this.tick(vtSymbol);
    if (!tick) return false;
    this.subscribed.add(vtSymbol);
    this.sink.onTick(tick);
    return true;
  }

  step(): void {
    for (const l of this.listed.values()) l.book.step(this.rng);
    this.matchResting();
    for (const vt of this.subscribed) {
      const tick = this.tick(vt);
      if (tick) this.sink.onTick(tick);
    }
    if (this.holdings.size || this.working.size) {
      this.publishPositions();
      this.sink.onAccount(this.accountData());
    }
  }

  /** Replace one contract's quote with a chosen one (tests, demos); resting orders meet it. */
  setQuote(vtSymbol: string, quote: ScriptedQuote): void {
    const l = this.listed.get(vtSymbol);
    if (!l) throw new Error(`unknown contract ${vtSymbol}`);
    l.book.setQuote(quote.last, quote.bids, quote.asks);
    this.matchResting();
    if (this.subscribed.has(vtSymbol)) this.sink.onTick(l.book.toTick(l.contract, this.config.now()));
    this.publishPositions();
    this.sink.onAccount(this.accountData());
  }

  private matchResting(): void {
    for (const [vt, list] of this.resting) {
      for (const wo of list) {
        if (!this.working.has(wo.data.orderid)) continue;
        const opposite = wo.isBuy ? wo.listed.book.asks : wo.listed.book.bids;
        for (const f of takeLiquidity(opposite, wo.isBuy, wo.limit, wo.data.volume - wo.data.traded, DEPTH)) this.fill(wo, f);
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
    if (req.credit) return this.reject(data, `期货账户没有信用交易（${req.credit}）`);
    const { contract, book } = listed;
    const holding = this.holdingOf(data.vt_symbol);
    const violation = checkFuturesOrder(req, contract, {
      holding,
      available: this.figures().available,
      freeze: orderFreeze(contract, holding, req),
      trading_day: this.currentDay,
    });
    if (violation) return this.reject(data, violation.message);

    const isBuy = req.direction === Direction.LONG;
    // A market order's bound is the day's limit in its direction.
    const capPrice = req.type !== OrderType.LIMIT && !(req.price > 0) ? (isBuy ? contract.limit_up : contract.limit_down) : req.price;
    const own = isBuy ? book.bids : book.asks;
    const opposite = isBuy ? book.asks : book.bids;
    const planned = planExecution(req.type, isBuy, own, opposite, book.ticksOf(capPrice));
    const wo: Working = { data, listed, isBuy, limit: book.ticksOf(capPrice) };
    data.status = Status.NOTTRADED;
    this.working.set(orderid, wo);
    this.sink.onOrder({ ...data });
    this.publishChange(wo);
    if (!planned.ok) {
      this.finish(wo, Status.CANCELLED, planned.reason);
      return data.vt_orderid;
    }
    const { plan } = planned;
    if (plan.allOrNone && matchableVolume(opposite, isBuy, plan.limit, plan.maxLevels) < req.volume) {
      this.finish(wo, Status.CANCELLED, '全额成交或撤单：对手方可成交数量不足，委托已撤销');
      return data.vt_orderid;
    }
    for (const f of takeLiquidity(opposite, isBuy, plan.limit, req.volume, plan.maxLevels)) this.fill(wo, f);
    if (!this.working.has(orderid)) return data.vt_orderid;
    if (plan.remainder === 'cancel') this.finish(wo, Status.CANCELLED, '即时成交剩余撤销：未成交部分已撤销');
    else {
      wo.limit = plan.limit;
      this.queue(wo);
    }
    return data.vt_orderid;
  }

  private queue(wo: Working): void {
    const list = this.resting.get(wo.data.vt_symbol);
    if (list) list.push(wo);
    else this.resting.set(wo.data.vt_symbol, [wo]);
  }

  /** One fill at a book level's price: the holding moves by lots, the account books its PnL and commission. */
  private fill(wo: Working, f: Fill): void {
    const { contract, book } = wo.listed;
    const data = wo.data;
    const price = book.priceOf(f.price);
    const held = this.holdings.get(data.vt_symbol) ?? emptyHolding(this.settlements.get(data.vt_symbol) ?? contract.pre_settlement);
    const effect = applyFill(held, contract, { direction: data.direction, offset: data.offset, price, volume: f.volume });
    const { long, short } = effect.holding;
    if (totalVolume(long) + totalVolume(short) > 0) this.holdings.set(data.vt_symbol, effect.holding);
    else this.holdings.delete(data.vt_symbol);
    this.state = recordFill(this.state, effect);
    book.recordTrade(f.volume, f.price);

    data.traded += f.volume;
    const done = data.traded >= data.volume;
    data.status = done ? Status.ALLTRADED : Status.PARTTRADED;
    if (done) this.working.delete(data.orderid);
    const tradeid = `${this.config.session}-${++this.tradeSeq}`;
    const trade: TradeData = {
      gateway_name: data.gateway_name, symbol: data.symbol, exchange: data.exchange, vt_symbol: data.vt_symbol,
      orderid: data.orderid, vt_orderid: data.vt_orderid, tradeid, vt_tradeid: vtIdOf(data.gateway_name, tradeid),
      direction: data.direction, offset: data.offset, price, volume: f.volume, datetime: this.config.now(),
      fee: effect.commission, commission: effect.commission, stamp_duty: 0, transfer_fee: 0,
    };
    this.sink.onOrder({ ...data });
    this.sink.onTrade(trade);
    this.publishChange(wo);
  }

  cancelOrder(orderid: string, reason = '已撤单'): void {
    const wo = this.working.get(orderid);
    if (!wo) {
      const known = this.orders.get(orderid);
      if (known) throw new TraderError('ORDER_NOT_ACTIVE', `撤单失败：委托 ${orderid} 当前状态为“${known.status}”，不可撤单`);
      throw new TraderError('UNKNOWN_ORDER', `撤单失败：模拟交易所无此委托 ${orderid}`);
    }
    this.finish(wo, Status.CANCELLED, reason);
  }

  cancelAll(reason: string): number {
    const ids = [...this.working.keys()];
    for (const id of ids) this.cancelOrder(id, reason);
    return ids.length;
  }

  /** Credit repayments belong to a securities credit account. */
  directRepay(_req: DirectRepayRequest): string {
    throw new TraderError('NOT_CREDIT_ACCOUNT', '期货账户没有直接还款、直接还券业务');
  }

  /**
   * 日终结算: cancel working orders, settle every holding at its contract's last price (the
   * SIM's settlement price): 持仓盈亏 and the day's 平仓盈亏 and 手续费 go into the new 上日结存,
   * today's lots become yesterday's marked from the settlement price, which also sets
   * tomorrow's limits. Then the next weekday opens with its main and next contracts.
   */
  settleDay(): string {
    const from = this.currentDay;
    const cancelled = this.cancelAll('日终结算，未成交委托已撤销');
    const marked = this.marked();
    const settled = settleAccounts(this.state, marked);
    this.state = settled.state;
    marked.forEach((m, i) => this.holdings.set(m.contract.vt_symbol, settled.holdings[i]!));
    const settlements = new Map<string, number>();
    for (const l of this.listed.values()) settlements.set(l.contract.vt_symbol, this.lastPrice(l.contract.vt_symbol));
    this.settlements = settlements;
    this.currentDay = nextTradingDay(from);
    this.list();
    // Contracts no longer listed (expired) leave the holdings: delivery is not simulated.
    for (const vt of [...this.holdings.keys()]) if (!this.listed.has(vt)) this.holdings.delete(vt);
    this.publishAll();
    for (const vt of this.subscribed) {
      const tick = this.tick(vt);
      if (tick) this.sink.onTick(tick);
    }
    const f = settled.figures;
    return `日终结算完成：${from} → ${this.currentDay}，撤销未成交委托 ${cancelled} 笔，动态权益 ${f.balance.toFixed(2)} 元（平仓盈亏 ${f.close_pnl.toFixed(2)}、持仓盈亏 ${f.position_pnl.toFixed(2)}、手续费 ${f.commission.toFixed(2)}），保证金 ${f.margin.toFixed(2)} 元`;
  }

  snapshot(): FuturesSnapshot {
    const quotes: NonNullable<FuturesSnapshot['quotes']> = {};
    for (const [vt, l] of this.listed) quotes[vt] = l.book.snapshot();
    const lots = (p: FuturesPosition) => ({ today: p.today.map((l) => ({ ...l })), yesterday: p.yesterday.map((l) => ({ ...l })), pre_settlement: p.pre_settlement });
    return {
      version: FUTURES_SNAPSHOT_VERSION,
      kind: 'futures',
      account_id: this.config.accountId,
      day: this.currentDay,
      seed: this.config.seed,
      rng_state: this.rng.getState(),
      account: { ...this.state },
      holdings: [...this.holdings].map(([vt_symbol, h]) => ({ vt_symbol, long: lots(h.long), short: lots(h.short) })),
      settlements: Object.fromEntries(this.settlements),
      quotes,
      working: [...this.working.values()].map((wo) => {
        const d = wo.data;
        return {
          orderid: d.orderid, symbol: d.symbol, exchange: wo.listed.contract.exchange, type: d.type, direction: d.direction as Direction.LONG | Direction.SHORT,
          offset: d.offset as FuturesWorkingSnapshot['offset'], price: d.price, volume: d.volume, traded: d.traded, status: d.status as FuturesWorkingSnapshot['status'],
          datetime: d.datetime, reference: d.reference, status_msg: d.status_msg, limit: wo.limit,
        };
      }),
    };
  }

  private reject(data: OrderData, reason: string): string {
    data.status = Status.REJECTED;
    data.status_msg = reason;
    this.sink.onOrder({ ...data });
    this.sink.onLog(`委托被拒绝 ${data.vt_symbol} ${data.direction}${data.offset} ${data.volume} 手 @ ${data.price}：${reason}`, LogLevel.WARNING);
    return data.vt_orderid;
  }

  private finish(wo: Working, status: Status, reason: string): void {
    const data = wo.data;
    if (!ACTIVE_STATUSES.has(data.status)) return;
    this.working.delete(data.orderid);
    data.status = status;
    data.status_msg = reason;
    this.sink.onOrder({ ...data });
    this.publishChange(wo);
  }

  /** After an order event: its contract's positions (frozen lots, fills) and the account (freezes, PnL). */
  private publishChange(wo: Working): void {
    const vt = wo.data.vt_symbol;
    for (const p of this.positionsData(vt)) this.sink.onPosition(p);
    this.sink.onAccount(this.accountData());
  }

  /** Today's lots of a contract's position in one direction (tests and tools). */
  todayLots(vtSymbol: string, direction: Direction.LONG | Direction.SHORT): number {
    const h = this.holdings.get(vtSymbol);
    return h ? todayVolume(direction === Direction.LONG ? h.long : h.short) : 0;
  }
}
