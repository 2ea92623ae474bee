/**
 * The worker's copy of its own orders as jqtrade's UserOrder objects. An order exists here
 * the moment order() returns (status "new"), before the engine has seen it; the engine's
 * answers (ack, reject, order updates, fills) then bring it up to date. get_orders reads
 * only this mirror, so it never waits on the engine.
 *
 * jqtrade's get_orders is the day's orders: at a new trading day the host calls newDay(),
 * which forgets the orders that are done. Without it the mirror grows for the whole run and a
 * strategy that scans get_orders() every minute costs the square of the run's length.
 */
import { Direction, Status } from '../../../../common/constants';
import type { CreditOrderType } from '../../../../common/credit';
import type { OrderUpdate, TradeUpdate } from '../protocol';
import type { OrderStyle, UserOrder, UserOrderStatus, UserTrade } from '../strategy-types';

interface Entry {
  order: UserOrder;
  vt_symbol: string;
  /** a cancel was asked for and the order is not final yet */
  cancelling: boolean;
  final: boolean;
  /** volume of the fills seen, for avg_cost */
  tradedVolume: number;
}

/** jqtrade's status for an engine status. */
export function userStatusOf(status: Status, traded: number, cancelling: boolean): UserOrderStatus {
  switch (status) {
    case Status.SUBMITTING:
      return cancelling ? 'canceling' : 'new';
    case Status.NOTTRADED:
      return cancelling ? 'canceling' : 'open';
    case Status.PARTTRADED:
      return cancelling ? 'canceling' : 'filling';
    case Status.ALLTRADED:
      return 'filled';
    case Status.CANCELLED:
      return traded > 0 ? 'partly_canceled' : 'canceled';
    case Status.REJECTED:
      return 'rejected';
  }
}

export interface OrderFilter {
  order_id?: string | null;
  vt_symbol?: string | null;
  status?: UserOrderStatus | null;
}

export class OrderMirror {
  private readonly entries = new Map<string, Entry>();

  create(oid: string, code: string, vtSymbol: string, volume: number, isBuy: boolean, style: OrderStyle, price: number, now: number, credit?: CreditOrderType): UserOrder {
    const order: UserOrder = {
      order_id: oid,
      code,
      status: 'new',
      side: 'long',
      style,
      price,
      amount: volume,
      filled_amount: 0,
      canceled_amount: 0,
      avg_cost: 0,
      deal_balance: 0,
      action: isBuy ? 'open' : 'close',
      commission: 0,
      err_msg: '',
      create_time: new Date(now),
      entrust_time: null,
      vt_orderid: '',
    };
    // Only credit orders carry the field, so a cash strategy's orders look exactly as before.
    if (credit !== undefined) order.credit = credit;
    this.entries.set(oid, { order, vt_symbol: vtSymbol, cancelling: false, final: false, tradedVolume: 0 });
    return order;
  }

  get(oid: string): UserOrder | undefined {
    return this.entries.get(oid)?.order;
  }

  isFinal(oid: string): boolean {
    return this.entries.get(oid)?.final ?? true;
  }

  /** Mark a cancel as asked; false if the order is unknown or already final. */
  markCancelling(oid: string): boolean {
    const e = this.entries.get(oid);
    if (!e || e.final) return false;
    e.cancelling = true;
    if (e.order.status !== 'new' || e.order.vt_orderid) e.order.status = 'canceling';
    return true;
  }

  onAck(oid: string, vtOrderId: string): void {
    const e = this.entries.get(oid);
    if (e) e.order.vt_orderid = vtOrderId;
  }

  /** The engine refused the order before it reached the gateway. */
  onReject(oid: string, msg: string): UserOrder | undefined {
    const e = this.entries.get(oid);
    if (!e) return undefined;
    e.final = true;
    e.order.status = 'rejected';
    e.order.err_msg = msg;
    e.order.canceled_amount = 0;
    return e.order;
  }

  /** Apply an engine order update; returns the order if its status changed. */
  onOrder(oid: string, data: OrderUpdate, now: number): UserOrder | undefined {
    const e = this.entries.get(oid);
    if (!e) return undefined;
    const o = e.order;
    const before = o.status;
    const beforeFilled = o.filled_amount;
    if (!o.vt_orderid) o.vt_orderid = data.vt_orderid;
    if (o.entrust_time === null && data.status !== Status.SUBMITTING) o.entrust_time = new Date(now);
    // A market order's remainder rests at a price the exchange chose: show it.
    o.price = data.price || o.price;
    o.filled_amount = Math.max(o.filled_amount, data.traded);
    e.final = data.status === Status.ALLTRADED || data.status === Status.CANCELLED || data.status === Status.REJECTED;
    o.status = userStatusOf(data.status, data.traded, e.cancelling);
    if (data.status === Status.CANCELLED) o.canceled_amount = data.volume - data.traded;
    if (data.status_msg && (data.status === Status.REJECTED || data.status === Status.CANCELLED)) o.err_msg = data.status_msg;
    return o.status !== before || o.filled_amount !== beforeFilled ? o : undefined;
  }

  /** Apply a fill to the order's averages and fees; returns the strategy's view of it. */
  onTrade(oid: string, t: TradeUpdate): UserTrade | undefined {
    const e = this.entries.get(oid);
    if (!e) return undefined;
    const o = e.order;
    o.deal_balance += t.price * t.volume;
    o.commission += t.fee;
    e.tradedVolume += t.volume;
    o.avg_cost = o.deal_balance / e.tradedVolume;
    return {
      trade_id: t.vt_tradeid,
      order_id: oid,
      code: o.code,
      action: t.direction === Direction.LONG ? 'open' : 'close',
      price: t.price,
      amount: t.volume,
      commission: t.fee,
      time: new Date(t.datetime),
    };
  }

  /**
   * A new trading day: forget every order that is final (filled, cancelled, rejected), so
   * get_orders answers with the day's orders. Orders still working are kept — their last
   * report may come later. Returns the ids forgotten, for the host's own id maps.
   */
  newDay(): string[] {
    const gone: string[] = [];
    for (const [oid, e] of this.entries) {
      if (!e.final) continue;
      this.entries.delete(oid);
      gone.push(oid);
    }
    return gone;
  }

  /** How many orders the mirror holds (the day's, plus any still working from before). */
  get size(): number {
    return this.entries.size;
  }

  /** get_orders: every filter given must match ("and"); none given = all, oldest first. */
  query(filter: OrderFilter): UserOrder[] {
    if (filter.order_id) {
      const e = this.entries.get(filter.order_id);
      return e && matches(e, filter) ? [e.order] : [];
    }
    const out: UserOrder[] = [];
    for (const e of this.entries.values()) if (matches(e, filter)) out.push(e.order);
    return out;
  }

  /** Orders not yet final (for "cancel unfinished orders"). */
  unfinished(): UserOrder[] {
    const out: UserOrder[] = [];
    for (const e of this.entries.values()) if (!e.final) out.push(e.order);
    return out;
  }
}

function matches(e: Entry, f: OrderFilter): boolean {
  if (f.vt_symbol && e.vt_symbol !== f.vt_symbol) return false;
  if (f.status && e.order.status !== f.status) return false;
  return true;
}
