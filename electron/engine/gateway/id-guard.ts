/**
 * Order and trade ids as the engine records them. A counter's ids are meant to be unique
 * per trading day, and a fill it reports again after a reconnect carries the id it had: the
 * engine drops such a replay. But a counter that lost its own state may start its numbering
 * again, and then a *different* order or a *genuinely new* fill arrives under an id already
 * in the journal. Dropping that fill or overwriting that order's row would lose a trade, so
 * the guard compares content: a known id with the same content is the same order or a
 * replay; with other content it is a collision, recorded under `<id>#2` (#3 …) and reported.
 */
import { OrderType } from '../../../common/constants';
import type { OrderData, TradeData } from '../../../common/objects';

/** Orders and fills already known, today's (OMS) or any day's (journal). */
export interface KnownIds {
  findOrder(vtOrderId: string): OrderData | undefined;
  findTrade(vtTradeId: string): TradeData | undefined;
}

/** The parts of an order that never change over its life, whichever counter reports it. */
export function sameOrder(a: OrderData, b: OrderData): boolean {
  return (
    a.vt_symbol === b.vt_symbol && a.direction === b.direction && a.offset === b.offset && a.type === b.type &&
    a.volume === b.volume && (a.type !== OrderType.LIMIT || a.price === b.price)
  );
}

/** A replayed fill: same order, side, price and volume (its time may be re-stamped by the reporting side). */
export function sameTrade(a: TradeData, b: TradeData): boolean {
  return a.vt_orderid === b.vt_orderid && a.direction === b.direction && a.price === b.price && a.volume === b.volume;
}

const aliasOf = (id: string, n: number): string => (n === 1 ? id : `${id}#${n}`);

export class IdGuard {
  /** raw vt_orderids checked in this session, and the ones recorded under another id */
  private readonly seen = new Set<string>();
  private readonly alias = new Map<string, string>();

  constructor(
    private readonly known: KnownIds,
    private readonly report: (message: string) => void,
  ) {}

  /** Forget this session's decisions: after a reconnect the counter may number afresh. */
  reset(): void {
    this.seen.clear();
    this.alias.clear();
  }

  /** The order as the engine records it: as reported, or under its collision id. */
  order(order: OrderData): OrderData {
    const raw = order.vt_orderid;
    const alias = this.alias.get(raw);
    if (alias !== undefined) return { ...order, vt_orderid: alias };
    if (this.seen.has(raw)) return order;
    for (let n = 1; ; n++) {
      const id = aliasOf(raw, n);
      const existing = this.known.findOrder(id);
      if (existing && !sameOrder(existing, order)) continue;
      this.seen.add(raw);
      if (n === 1) return order;
      this.alias.set(raw, id);
      if (!existing) this.report(`委托编号 ${raw} 已属于另一笔委托（${describeOrder(this.known.findOrder(raw))}），柜台可能重新开始了编号：新委托记为 ${id}`);
      return { ...order, vt_orderid: id };
    }
  }

  /** The fill as the engine records it, or undefined for a replay of one already recorded. */
  trade(trade: TradeData): TradeData | undefined {
    const alias = this.alias.get(trade.vt_orderid);
    const reported = alias === undefined ? trade : { ...trade, vt_orderid: alias };
    for (let n = 1; ; n++) {
      const id = aliasOf(trade.vt_tradeid, n);
      const existing = this.known.findTrade(id);
      if (existing === undefined) {
        if (n === 1) return reported;
        this.report(`成交编号 ${trade.vt_tradeid} 已属于另一笔成交，这笔新成交（${trade.vt_symbol} ${trade.direction} ${trade.volume} 股 @ ${trade.price}）记为 ${id}`);
        return { ...reported, vt_tradeid: id };
      }
      if (sameTrade(existing, reported)) return undefined;
    }
  }
}

function describeOrder(o: OrderData | undefined): string {
  return o ? `${o.vt_symbol} ${o.direction} ${o.volume} 股，${o.status}` : '未知';
}
