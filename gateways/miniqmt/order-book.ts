/**
 * Which local order a counter row belongs to, and whether it says anything new.
 *
 * Our orderid is minted here and travels to the counter in order_remark (at most 24 ASCII
 * characters), so every push and every query row maps back to it, across reconnects and
 * restarts alike. It starts with a run tag (the start time and two random characters), so
 * ids never repeat between runs: a counter that restarted at 1 would hand a fill of
 * yesterday's "1" to today's. Rows of orders placed elsewhere (the MiniQMT window, another
 * program) get `xt<order_id>`.
 *
 * Counters replay: after a reconnect the query returns orders already seen, and pushes may
 * arrive out of order. A row that would move an order backwards (a finished order back to
 * working, fewer shares traded) or that changes nothing is dropped here.
 */
import { ACTIVE_STATUSES, type Exchange, type OrderType } from '../../common/constants';
import type { OrderData } from '../../common/objects';

/** Remarks of ours: run tag (10 base-36 characters), a dash, the sequence. */
const OUR_REMARK = /^[0-9a-z]{10}-\d{1,12}$/;

/** What we remember about one order. */
export interface KnownOrder {
  orderid: string;
  exchange: Exchange;
  /** the price type we sent (the counter reports its own numbering) */
  type?: OrderType;
  reference?: string;
  /** xtquant's order_id, once the counter has one */
  xtOrderId?: number;
  /** the counter's contract number, once reported */
  sysid?: string;
  /** the order as last emitted */
  last?: OrderData;
  /** the last status was our own verdict (e.g. "never reached the counter"), not the counter's */
  localVerdict?: boolean;
  /** a cancel asked for before the counter gave the order an id */
  cancelWanted?: boolean;
}

export function makeRunTag(now: number, random: () => number = Math.random): string {
  const time = now.toString(36).padStart(8, '0').slice(-8);
  const noise = Math.floor(random() * 36 * 36).toString(36).padStart(2, '0');
  return `${time}${noise}`;
}

export function isOurRemark(remark: string): boolean {
  return OUR_REMARK.test(remark);
}

export class OrderBook {
  private seq = 0;
  private readonly byId = new Map<string, KnownOrder>();
  private readonly byXtId = new Map<number, string>();
  private readonly bySeq = new Map<number, string>();

  constructor(readonly runTag: string) {
    if (!/^[0-9a-z]{10}$/.test(runTag)) throw new Error(`run tag must be 10 base-36 characters: ${runTag}`);
  }

  /** A new orderid; unique within the run by the sequence, across runs by the tag. */
  mint(): string {
    return `${this.runTag}-${++this.seq}`;
  }

  /** Remember an order we are sending. */
  add(known: KnownOrder): void {
    this.byId.set(known.orderid, known);
  }

  get(orderid: string): KnownOrder | undefined {
    return this.byId.get(orderid);
  }

  /** Our orders the counter has not acknowledged yet. */
  unacknowledged(): KnownOrder[] {
    return [...this.byId.values()].filter((k) => k.xtOrderId === undefined && k.last !== undefined && ACTIVE_STATUSES.has(k.last.status));
  }

  /** The async request's seq, so on_order_stock_async_response can name the order. */
  noteSeq(seq: number, orderid: string): void {
    this.bySeq.set(seq, orderid);
  }

  orderidOfSeq(seq: number): string | undefined {
    return this.bySeq.get(seq);
  }

  /** The counter's order_id for one of ours (from on_order_stock_async_response). */
  link(orderid: string, xtOrderId: number): void {
    const known = this.byId.get(orderid);
    if (!known || !(xtOrderId > 0)) return;
    known.xtOrderId = xtOrderId;
    this.byXtId.set(xtOrderId, orderid);
  }

  /**
   * The local orderid of a counter row (XtOrder, XtTrade, XtOrderError, XtOrderResponse):
   * our remark first, then a known order_id, else the foreign form. Learns the order_id.
   */
  orderidOf(row: { order_id?: number; order_remark?: string; order_sysid?: string }, exchange?: Exchange): string {
    const remark = typeof row.order_remark === 'string' ? row.order_remark.trim() : '';
    const xtId = typeof row.order_id === 'number' && row.order_id > 0 ? row.order_id : undefined;
    let orderid: string | undefined;
    if (isOurRemark(remark)) orderid = remark;
    else if (xtId !== undefined) orderid = this.byXtId.get(xtId) ?? `xt${xtId}`;
    else orderid = remark || 'xt?';
    let known = this.byId.get(orderid);
    if (!known && exchange) {
      known = { orderid, exchange };
      this.byId.set(orderid, known);
    }
    if (known && xtId !== undefined && known.xtOrderId === undefined) {
      known.xtOrderId = xtId;
      this.byXtId.set(xtId, orderid);
    }
    const sysid = typeof row.order_sysid === 'string' ? row.order_sysid.trim() : '';
    if (known && sysid) known.sysid = sysid;
    return orderid;
  }

  /**
   * Record `order` as the counter's latest word on it; returns it if it is news, undefined
   * if it is stale or changes nothing. `local` marks our own verdicts, which the counter's
   * next row always overrides.
   */
  accept(order: OrderData, local = false): OrderData | undefined {
    const known = this.byId.get(order.orderid) ?? { orderid: order.orderid, exchange: order.exchange };
    this.byId.set(order.orderid, known);
    const last = known.last;
    if (last && !(known.localVerdict && !local)) {
      if (!ACTIVE_STATUSES.has(last.status) && ACTIVE_STATUSES.has(order.status)) return undefined;
      if (order.traded < last.traded) return undefined;
      if (last.status === order.status && last.traded === order.traded && last.status_msg === order.status_msg && last.price === order.price) return undefined;
    }
    known.last = order;
    known.localVerdict = local;
    return order;
  }
}
