/**
 * The order management system: the one source of truth for state, keyed as vn.py keys it
 * (vt_symbol, vt_orderid, vt_tradeid, vt_positionid, vt_accountid). It listens on the bus;
 * nothing else in the app keeps state the OMS does not also hold.
 */
import { ACTIVE_STATUSES, Direction } from '../../common/constants';
import type { CompactData, CreditAssetData, CreditDetail, CreditOrderType } from '../../common/credit';
import { defaultMarkets, type Holding, type MarketRegistry, type MarketRules } from '../../common/markets';
import { roundCents } from '../../common/markets/price';
import type { AccountData, ContractData, OrderData, PositionData, TickData, TradeData } from '../../common/objects';
import { vtPositionIdOf } from '../../common/objects';
import type { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';

export class OrderManagementSystem {
  readonly ticks = new Map<string, TickData>();
  readonly orders = new Map<string, OrderData>();
  readonly trades = new Map<string, TradeData>();
  readonly positions = new Map<string, PositionData>();
  readonly accounts = new Map<string, AccountData>();
  readonly contracts = new Map<string, ContractData>();
  readonly activeOrders = new Map<string, OrderData>();
  /** credit accounts by vt_accountid, debt contracts by vt_compactid, margin terms by vt_assetid */
  readonly credits = new Map<string, CreditDetail>();
  readonly compacts = new Map<string, CompactData>();
  readonly creditAssets = new Map<string, CreditAssetData>();
  /** Positions whose pnl moved with a tick; re-emitted on the timer, not on every tick. */
  private readonly pnlDirty = new Set<string>();
  /**
   * Working orders restored from the journal that their counter has not reported on since:
   * they may be long gone at the counter, so they do not count against the active-order limit
   * until it confirms them (reconciliation at connect, or any update for them).
   */
  private readonly unconfirmed = new Set<string>();
  /** Exact cost totals behind position.price, so repeated fills do not accumulate rounding. */
  private readonly costs = new Map<string, number>();
  private emittingOwn = false;
  /**
   * Credit type of the orders this engine sent, until they end: a fill can arrive before its
   * order's first event (or the counter's order events may not echo it), and a 融券卖出 fill
   * read as a plain sell would cut the long holding.
   */
  private readonly sentCredit = new Map<string, CreditOrderType>();

  constructor(
    private readonly bus: EventBus<EngineEvents>,
    /** which market's rules move a position on a fill (cn-stock: one long holding, T+1) */
    private readonly markets: MarketRegistry = defaultMarkets(),
  ) {
    bus.on('tick', (t) => this.onTick(t));
    bus.on('order', (o) => this.onOrder(o));
    bus.on('trade', (t) => this.onTrade(t));
    bus.on('position', (p) => this.onPosition(p));
    bus.on('account', (a) => this.accounts.set(a.vt_accountid, a));
    bus.on('contract', (c) => this.contracts.set(c.vt_symbol, c));
    bus.on('credit', (c) => this.credits.set(c.vt_accountid, c));
    bus.on('compact', (c) => this.compacts.set(c.vt_compactid, c));
    bus.on('credit-asset', (a) => this.creditAssets.set(a.vt_assetid, a));
    bus.on('timer', () => this.flushPnl());
  }

  /** Whether a fill is already known: the gateway sink drops replays before they reach the bus. */
  hasTrade(vtTradeId: string): boolean {
    return this.trades.has(vtTradeId);
  }

  /**
   * Put journalled orders and trades back after a restart, before any gateway reconnects.
   * Positions are not derived from them: the counter re-reports positions on connect.
   */
  restore(orders: readonly OrderData[], trades: readonly TradeData[]): void {
    for (const o of orders) {
      this.onOrder(o);
      if (ACTIVE_STATUSES.has(o.status)) this.unconfirmed.add(o.vt_orderid);
    }
    for (const t of trades) this.trades.set(t.vt_tradeid, t);
  }

  /** The engine has sent this order (called with the id its gateway returned, before any of its events). */
  noteSent(vtOrderId: string, credit: CreditOrderType | undefined): void {
    if (credit) this.sentCredit.set(vtOrderId, credit);
  }

  /** The counter knows this restored working order as it stands. */
  confirm(vtOrderId: string): void {
    this.unconfirmed.delete(vtOrderId);
  }

  /** A working order restored from the journal that no counter has spoken for yet. */
  isUnconfirmed(vtOrderId: string): boolean {
    return this.unconfirmed.has(vtOrderId);
  }

  /** Working orders that count against risk.active_order_limit: all but the unconfirmed restored ones. */
  get countedActiveOrders(): number {
    return this.activeOrders.size - this.unconfirmed.size;
  }

  getAccount(gatewayName: string): AccountData | undefined {
    for (const a of this.accounts.values()) if (a.gateway_name === gatewayName) return a;
    return undefined;
  }

  getCredit(gatewayName: string): CreditDetail | undefined {
    for (const c of this.credits.values()) if (c.gateway_name === gatewayName) return c;
    return undefined;
  }

  getCreditAsset(gatewayName: string, vtSymbol: string): CreditAssetData | undefined {
    return this.creditAssets.get(`${gatewayName}.${vtSymbol}`);
  }

  /** A holding of one direction (default LONG, the A-share holding) on one account. */
  getPosition(gatewayName: string, vtSymbol: string, direction: Direction = Direction.LONG): PositionData | undefined {
    return this.positions.get(vtPositionIdOf(gatewayName, vtSymbol, direction));
  }

  /** Working orders, optionally of one gateway or one symbol. */
  listActiveOrders(filter: { gateway?: string; vtSymbol?: string } = {}): OrderData[] {
    const out: OrderData[] = [];
    for (const o of this.activeOrders.values()) {
      if (filter.gateway && o.gateway_name !== filter.gateway) continue;
      if (filter.vtSymbol && o.vt_symbol !== filter.vtSymbol) continue;
      out.push(o);
    }
    return out;
  }

  private onTick(tick: TickData): void {
    this.ticks.set(tick.vt_symbol, tick);
    for (const pos of this.positions.values()) {
      if (pos.vt_symbol !== tick.vt_symbol || pos.last_price === tick.last_price) continue;
      pos.last_price = tick.last_price;
      pos.pnl = this.pnlOf(pos);
      this.pnlDirty.add(pos.vt_positionid);
    }
  }

  private onOrder(order: OrderData): void {
    this.unconfirmed.delete(order.vt_orderid);
    this.orders.set(order.vt_orderid, order);
    if (ACTIVE_STATUSES.has(order.status)) this.activeOrders.set(order.vt_orderid, order);
    else {
      this.activeOrders.delete(order.vt_orderid);
      this.sentCredit.delete(order.vt_orderid);
    }
  }

  private onPosition(position: PositionData): void {
    // Our own re-emission of a trade-derived position: the exact cost is already known.
    if (this.emittingOwn) return;
    this.positions.set(position.vt_positionid, position);
    this.costs.set(position.vt_positionid, this.costOf(position));
    this.pnlDirty.delete(position.vt_positionid);
  }

  /**
   * Apply a fill to the position at once, so positions move as trades happen even with a
   * counter that reports positions only when polled. The counter's next position report
   * replaces this figure. Which position moves, and how, is the contract's market's rule
   * (A-shares: the long holding; 融券卖出 and 买券还券 move none, the counter reports the
   * 融券 debt itself).
   */
  private onTrade(trade: TradeData): void {
    if (this.trades.has(trade.vt_tradeid)) return;
    this.trades.set(trade.vt_tradeid, trade);
    const contract = this.contracts.get(trade.vt_symbol);
    const rules = this.rulesOf(trade);
    // A market without rules here yet (futures, until cn-futures is registered): the
    // counter's own position reports are the figures, untouched by fills.
    if (!rules) return;
    const target = rules.positionOfFill(trade, this.orders.get(trade.vt_orderid)?.credit ?? this.sentCredit.get(trade.vt_orderid));
    if (!target) return;

    const id = vtPositionIdOf(trade.gateway_name, trade.vt_symbol, target.direction);
    const pos = this.positions.get(id) ?? this.emptyPosition(trade, id, target.direction);
    const next = rules.applyFill(this.holdingOf(pos), { opens: target.opens, offset: trade.offset, price: trade.price, volume: trade.volume, fee: trade.fee }, contract);
    this.costs.set(id, next.cost);
    // A counter's margin (futures) belongs to the lots it reported: a close releases its share
    // at once, so a flat position never shows margin while the next report is on its way.
    // An open's margin is the counter's to say (its rate, its price); the next report brings it.
    if (pos.margin !== undefined && !target.opens) pos.margin = pos.volume > 0 ? roundCents((pos.margin * next.volume) / pos.volume) : 0;
    pos.volume = next.volume;
    pos.yd_volume = next.yd_volume;
    pos.frozen = next.frozen;
    pos.price = rules.holdingPrice(next, contract);
    pos.last_price = this.ticks.get(trade.vt_symbol)?.last_price ?? (pos.last_price || trade.price);
    pos.pnl = rules.holdingPnl(next, pos.direction, pos.last_price, contract);
    this.positions.set(id, pos);
    this.emitOwn(pos);
  }

  /** The rules of the market a contract (or, before its contract arrives, its exchange) belongs to; undefined for a market not registered. */
  private rulesOf(target: { vt_symbol: string; exchange: TradeData['exchange'] }): MarketRules | undefined {
    return this.markets.find(this.contracts.get(target.vt_symbol) ?? target);
  }

  /** A position with the exact cost behind its rounded average price. */
  private holdingOf(pos: PositionData): Holding {
    return { volume: pos.volume, yd_volume: pos.yd_volume, frozen: pos.frozen, cost: this.costs.get(pos.vt_positionid) ?? this.costOf(pos) };
  }

  /** The cost behind a reported average price, by the market's rule (futures: the multiplier too). */
  private costOf(pos: PositionData): number {
    const rules = this.rulesOf(pos);
    return rules ? rules.holdingCost(pos.price, pos.volume, this.contracts.get(pos.vt_symbol)) : pos.price * pos.volume;
  }

  private emitOwn(pos: PositionData): void {
    this.emittingOwn = true;
    try {
      this.bus.emit('position', { ...pos });
    } finally {
      this.emittingOwn = false;
    }
  }

  private emptyPosition(trade: TradeData, id: string, direction: Direction): PositionData {
    return {
      gateway_name: trade.gateway_name,
      symbol: trade.symbol,
      exchange: trade.exchange,
      vt_symbol: trade.vt_symbol,
      vt_positionid: id,
      direction,
      volume: 0,
      yd_volume: 0,
      frozen: 0,
      price: 0,
      last_price: trade.price,
      pnl: 0,
    };
  }

  /** The holding's PnL at its last price; a market without rules here keeps the counter's figure. */
  private pnlOf(pos: PositionData): number {
    const rules = this.rulesOf(pos);
    return rules ? rules.holdingPnl(this.holdingOf(pos), pos.direction, pos.last_price, this.contracts.get(pos.vt_symbol)) : pos.pnl;
  }

  private flushPnl(): void {
    if (this.pnlDirty.size === 0) return;
    const ids = [...this.pnlDirty];
    this.pnlDirty.clear();
    for (const id of ids) {
      const pos = this.positions.get(id);
      if (pos) this.emitOwn(pos);
    }
  }
}
