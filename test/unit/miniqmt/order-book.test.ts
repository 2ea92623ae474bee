/**
 * Local order ids carried in order_remark, and the dropping of replayed or stale rows.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../common/constants';
import type { OrderData } from '../../../common/objects';
import { isOurRemark, makeRunTag, OrderBook } from '../../../gateways/miniqmt/order-book';

function order(orderid: string, status: Status, traded = 0, status_msg = ''): OrderData {
  return {
    gateway_name: 'MINIQMT', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid, vt_orderid: `MINIQMT.${orderid}`,
    type: OrderType.LIMIT, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 300, traded, status, datetime: 0, reference: 'manual', status_msg,
  };
}

describe('order ids', () => {
  it('start with a run tag (time + noise) and fit order_remark’s 24 characters', () => {
    const tag = makeRunTag(Date.UTC(2026, 0, 1), () => 0.5);
    // 2026-01-01 in ms, base 36, is 8 characters; 0.5 × 1296 = 648 = "i0" in base 36.
    expect(tag).toBe(`${Date.UTC(2026, 0, 1).toString(36)}i0`);
    const book = new OrderBook(tag);
    const ids = Array.from({ length: 1000 }, () => book.mint());
    expect(new Set(ids).size).toBe(1000);
    expect(ids[0]).toBe(`${tag}-1`);
    expect(ids.every((id) => id.length <= 24 && isOurRemark(id))).toBe(true);
  });

  it('differ between runs even in the same millisecond, and never restart at a bare 1', () => {
    const t = Date.UTC(2026, 0, 1);
    const a = new OrderBook(makeRunTag(t, () => 0.1)).mint();
    const b = new OrderBook(makeRunTag(t, () => 0.9)).mint();
    expect(a).not.toBe(b);
    expect(a).not.toBe('1');
  });

  it('tells our remarks from other programs’', () => {
    expect(isOurRemark('mjz1x2k0ab-12')).toBe(true);
    expect(isOurRemark('remark')).toBe(false);
    expect(isOurRemark('strategy-1')).toBe(false);
  });
});

describe('mapping counter rows to orders', () => {
  it('our remark first, then a known order_id, else xt<order_id>; learns order_id and sysid', () => {
    const book = new OrderBook('aaaaaaaaaa');
    const id = book.mint();
    book.add({ orderid: id, exchange: Exchange.SSE });
    expect(book.orderidOf({ order_id: 501, order_remark: id, order_sysid: 'S9' })).toBe(id);
    expect(book.get(id)).toMatchObject({ xtOrderId: 501, sysid: 'S9' });
    expect(book.orderidOf({ order_id: 501 })).toBe(id); // XtCancelError carries no remark
    expect(book.orderidOf({ order_id: 777, order_remark: 'from the MiniQMT window' }, Exchange.SZSE)).toBe('xt777');
    expect(book.get('xt777')).toMatchObject({ exchange: Exchange.SZSE, xtOrderId: 777 });
  });

  it('links the async response by seq when the remark is missing', () => {
    const book = new OrderBook('aaaaaaaaaa');
    const id = book.mint();
    book.add({ orderid: id, exchange: Exchange.SSE });
    book.noteSeq(3, id);
    book.link(book.orderidOfSeq(3)!, 900);
    expect(book.orderidOf({ order_id: 900 })).toBe(id);
  });

  it('lists ours the counter has not acknowledged', () => {
    const book = new OrderBook('aaaaaaaaaa');
    const a = book.mint();
    const b = book.mint();
    book.add({ orderid: a, exchange: Exchange.SSE });
    book.add({ orderid: b, exchange: Exchange.SSE });
    book.accept(order(a, Status.SUBMITTING), true);
    book.accept(order(b, Status.SUBMITTING), true);
    book.orderidOf({ order_id: 1, order_remark: b });
    expect(book.unacknowledged().map((k) => k.orderid)).toEqual([a]);
  });
});

describe('accepting rows', () => {
  it('drops a replay that changes nothing', () => {
    const book = new OrderBook('aaaaaaaaaa');
    expect(book.accept(order('x', Status.NOTTRADED))).toBeDefined();
    expect(book.accept(order('x', Status.NOTTRADED))).toBeUndefined();
    expect(book.accept(order('x', Status.PARTTRADED, 100))).toBeDefined();
  });

  it('never moves an order backwards: finished back to working, or fewer shares traded', () => {
    const book = new OrderBook('aaaaaaaaaa');
    book.accept(order('x', Status.PARTTRADED, 200));
    expect(book.accept(order('x', Status.PARTTRADED, 100))).toBeUndefined();
    book.accept(order('x', Status.ALLTRADED, 300));
    expect(book.accept(order('x', Status.NOTTRADED, 0))).toBeUndefined();
    expect(book.get('x')!.last!.status).toBe(Status.ALLTRADED);
  });

  it('lets the counter overrule our own verdict', () => {
    const book = new OrderBook('aaaaaaaaaa');
    book.accept(order('x', Status.SUBMITTING), true);
    book.accept(order('x', Status.REJECTED, 0, '连接中断，委托未送达柜台'), true);
    // It did reach the counter after all:
    expect(book.accept(order('x', Status.NOTTRADED))).toMatchObject({ status: Status.NOTTRADED });
    // …and from then on the counter's finished states stick.
    book.accept(order('x', Status.CANCELLED));
    expect(book.accept(order('x', Status.NOTTRADED))).toBeUndefined();
  });
});
