import { describe, expect, it } from 'vitest';
import { OrderType, Status } from '../../../common/constants';
import { buy, makeExchange, sell } from './sim-test-context';

const PF = '600000.SSE'; // pre_close 13.20, limits 11.88–14.52
const PA = '000001.SZSE'; // pre_close 11.50, limits 10.35–12.65

/** A quiet book for 浦发银行 around 13.20. */
function pfBook(): { last: number; bids: [number, number][]; asks: [number, number][] } {
  return {
    last: 13.2,
    bids: [[13.19, 400], [13.18, 500], [13.17, 600], [13.16, 700], [13.15, 800]],
    asks: [[13.2, 300], [13.21, 500], [13.22, 1000], [13.23, 1000], [13.24, 1000]],
  };
}

function paBook(): { last: number; bids: [number, number][]; asks: [number, number][] } {
  return {
    last: 11.5,
    bids: [[11.49, 300], [11.48, 200], [11.47, 100], [11.46, 100], [11.45, 100]],
    asks: [[11.5, 300], [11.51, 200], [11.52, 100], [11.53, 100], [11.54, 100]],
  };
}

describe('SIM limit order matching', () => {
  it('fills a marketable buy across levels at each level price, rests the remainder, fills it on later quotes', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, pfBook());
    const id = ex.sendOrder(buy(PF, 1000, 13.21));
    expect(id).toBe('SIM.1-1');
    // The minimum commission is per order (issue #11 item 17): the first fill pays it, later
    // fills pay only what the order's total commission grows past what was already paid.
    // 300 @ 13.20: amount 3960.00, commission 5.00 (min; 0.99 by rate), transfer 0.0396 → 0.04
    // 500 @ 13.21: amount 6605.00, order so far 10565.00 → 2.64 by rate, still the 5.00 paid: 0; transfer 0.07
    const trades = sink.tradesOf(id);
    expect(trades.map((t) => [t.price, t.volume, t.commission, t.transfer_fee, t.stamp_duty, t.fee])).toEqual([
      [13.2, 300, 5, 0.04, 0, 5.04],
      [13.21, 500, 0, 0.07, 0, 0.07],
    ]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.PARTTRADED, traded: 800 });
    // balance 1,000,000 − 3965.04 − 6605.07; the 200 left freeze 2642.00 + 5.00 + 0.03 (the estimate keeps a minimum)
    expect(sink.lastAccount()).toMatchObject({ balance: 989429.89, frozen: 2647.03, available: 986782.86 });
    // The displayed volume was consumed: a second buy at 13.21 finds nothing left there.
    const second = ex.sendOrder(buy(PF, 100, 13.21));
    expect(sink.tradesOf(second)).toEqual([]);
    ex.cancelOrder(second.slice(4));

    // A later quote with 100 at 13.21 fills 100 of the resting 200 (amount 1321, fees 0.01: the order's 13.2 by rate is under the minimum paid).
    ex.setQuote(PF, { last: 13.21, bids: [[13.2, 100]], asks: [[13.21, 100], [13.22, 100]] });
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.PARTTRADED, traded: 900 });
    expect(sink.lastAccount()).toMatchObject({ balance: 988108.88, frozen: 1326.01 });
    // A quote through the limit fills the rest at the book's better price 13.18 (1318 + 0.01).
    ex.setQuote(PF, { last: 13.18, bids: [[13.17, 100]], asks: [[13.18, 500]] });
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.ALLTRADED, traded: 1000 });
    expect(sink.tradesOf(id).at(-1)).toMatchObject({ price: 13.18, volume: 100, fee: 0.01 });
    expect(sink.tradesOf(id).reduce((sum, t) => sum + t.commission, 0)).toBe(5);
    expect(sink.lastAccount()).toMatchObject({ balance: 986790.87, frozen: 0, available: 986790.87 });
    // cost 3965.04 + 6605.07 + 1321.01 + 1318.01 = 13209.13 → 13.209 a share
    const pos = ex.positionData(PF)!;
    expect(pos).toMatchObject({ volume: 1000, yd_volume: 0, frozen: 0, price: 13.209, last_price: 13.18 });
    expect(pos.pnl).toBe(-29.13);
  });

  it('fills resting orders from random quotes as steps go by', () => {
    const { ex, sink } = makeExchange();
    const t = ex.tick(PF)!;
    const id = ex.sendOrder(buy(PF, 100, t.bid_price_1));
    expect(sink.lastOrder(id).status).toBe(Status.NOTTRADED);
    for (let i = 0; i < 500 && sink.lastOrder(id).status !== Status.ALLTRADED; i++) ex.step();
    expect(sink.lastOrder(id).status).toBe(Status.ALLTRADED);
    expect(sink.tradesOf(id)[0]!.price).toBeLessThanOrEqual(t.bid_price_1);
  });

  it('cancel releases the whole freeze to the cent', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, pfBook());
    const id = ex.sendOrder(buy(PF, 1000, 13.0));
    // 13000.00 + commission 5.00 (3.25 by rate) + transfer 0.13
    expect(sink.lastAccount()).toMatchObject({ balance: 1_000_000, frozen: 13005.13, available: 986994.87 });
    ex.cancelOrder(id.slice(4));
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.CANCELLED, traded: 0 });
    expect(sink.lastAccount()).toMatchObject({ balance: 1_000_000, frozen: 0, available: 1_000_000 });
    // A second cancel is refused with the reason, and changes nothing.
    const events = sink.orders.length;
    expect(() => ex.cancelOrder(id.slice(4))).toThrow(/当前状态为“已撤销”，不可撤单/);
    expect(() => ex.cancelOrder('9-99')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
    expect(sink.orders.length).toBe(events);
    expect(sink.lastAccount()).toMatchObject({ frozen: 0, available: 1_000_000 });
  });

  it('cancel after a partial fill releases exactly the remainder', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, pfBook());
    const id = ex.sendOrder(buy(PF, 1000, 13.21));
    ex.cancelOrder(id.slice(4));
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.CANCELLED, traded: 800 });
    expect(sink.lastAccount()).toMatchObject({ balance: 989429.89, frozen: 0, available: 989429.89 });
  });
});

describe('SIM market order types', () => {
  it('BEST_COUNTERPARTY (SZSE): trades at the opposite best only, rest waits there with the freeze re-priced', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PA, paBook());
    const id = ex.sendOrder(buy(PA, 500, 0, OrderType.BEST_COUNTERPARTY));
    expect(sink.tradesOf(id).map((t) => [t.price, t.volume])).toEqual([[11.5, 300]]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.PARTTRADED, price: 11.5, traded: 300 });
    // 200 × 11.50 = 2300.00 + 5.00 + 0.023 → 0.02
    expect(sink.lastAccount().frozen).toBe(2305.02);
  });

  it('BEST_COUNTERPARTY (SSE) with a protection price below ask1 rests at the protection price', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, pfBook());
    const id = ex.sendOrder(buy(PF, 500, 13.19, OrderType.BEST_COUNTERPARTY));
    expect(sink.tradesOf(id)).toEqual([]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.NOTTRADED, price: 13.19 });
  });

  it('BEST5_IOC: walks five levels, cancels the rest', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PA, paBook());
    const id = ex.sendOrder(buy(PA, 1000, 0, OrderType.BEST5_IOC));
    expect(sink.tradesOf(id).map((t) => t.volume)).toEqual([300, 200, 100, 100, 100]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.CANCELLED, traded: 800 });
    expect(sink.lastOrder(id).status_msg).toContain('剩余撤销');
    expect(sink.lastAccount().frozen).toBe(0);
  });

  it('BEST5_IOC (SSE) stops at the protection price', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, pfBook());
    const id = ex.sendOrder(buy(PF, 1000, 13.21, OrderType.BEST5_IOC));
    expect(sink.tradesOf(id).map((t) => [t.price, t.volume])).toEqual([[13.2, 300], [13.21, 500]]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.CANCELLED, traded: 800 });
  });

  it('IOC (SZSE): fills what it can, the rest is cancelled', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PA, paBook());
    const id = ex.sendOrder(buy(PA, 900, 0, OrderType.IOC));
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.CANCELLED, traded: 800 });
  });

  it('FOK: all or nothing', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PA, paBook());
    const none = ex.sendOrder(buy(PA, 900, 0, OrderType.FOK));
    expect(sink.tradesOf(none)).toEqual([]);
    expect(sink.lastOrder(none)).toMatchObject({ status: Status.CANCELLED, traded: 0 });
    expect(sink.lastOrder(none).status_msg).toContain('全额成交或撤单');
    expect(sink.lastAccount()).toMatchObject({ frozen: 0, balance: 1_000_000 });
    const all = ex.sendOrder(buy(PA, 800, 0, OrderType.FOK));
    expect(sink.lastOrder(all)).toMatchObject({ status: Status.ALLTRADED, traded: 800 });
    expect(sink.tradesOf(all).length).toBe(5);
  });

  it('BEST_OWN: rests at the own side best price without trading', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PA, paBook());
    const id = ex.sendOrder(buy(PA, 300, 0, OrderType.BEST_OWN));
    expect(sink.tradesOf(id)).toEqual([]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.NOTTRADED, price: 11.49 });
    // 300 × 11.49 = 3447.00 + 5.00 + 0.03447 → 0.03
    expect(sink.lastAccount().frozen).toBe(3452.03);
  });

  it('BEST5_TO_LIMIT (SSE): walks the book, the rest becomes a limit at the last fill price', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, { last: 13.2, bids: [[13.19, 100]], asks: [[13.2, 300], [13.21, 200]] });
    const id = ex.sendOrder(buy(PF, 600, 13.25, OrderType.BEST5_TO_LIMIT));
    expect(sink.tradesOf(id).map((t) => [t.price, t.volume])).toEqual([[13.2, 300], [13.21, 200]]);
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.PARTTRADED, price: 13.21, traded: 500 });
    // the 100 left freeze at 13.21: 1321.00 + 5.00 + 0.01
    expect(sink.lastAccount().frozen).toBe(1326.01);
  });

  it('SSE market orders need a protection price; SSE refuses SZSE-only types', () => {
    const { ex, sink } = makeExchange();
    const noPrice = ex.sendOrder(buy(PF, 100, 0, OrderType.BEST5_IOC));
    expect(sink.lastOrder(noPrice).status).toBe(Status.REJECTED);
    expect(sink.lastOrder(noPrice).status_msg).toBe('上交所市价委托须填写保护限价（买入为最高成交价，卖出为最低成交价）');
    const ioc = ex.sendOrder(buy(PF, 100, 13.2, OrderType.IOC));
    expect(sink.lastOrder(ioc)).toMatchObject({ status: Status.REJECTED, status_msg: 'SSE不支持“即时成交剩余撤销”市价委托' });
    const fok = ex.sendOrder(buy(PF, 100, 13.2, OrderType.FOK));
    expect(sink.lastOrder(fok).status).toBe(Status.REJECTED);
  });

  it('market sell BEST_COUNTERPARTY fills at bid1 and pays stamp duty', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PA, paBook());
    ex.sendOrder(buy(PA, 300, 11.5));
    ex.settleDay();
    ex.setQuote(PA, paBook());
    const id = ex.sendOrder(sell(PA, 300, 0, OrderType.BEST_COUNTERPARTY));
    // 300 × 11.49 = 3447.00: commission 5.00, stamp 1.7235 → 1.72, transfer 0.03
    expect(sink.tradesOf(id).map((t) => [t.price, t.volume, t.commission, t.stamp_duty, t.transfer_fee, t.fee])).toEqual([[11.49, 300, 5, 1.72, 0.03, 6.75]]);
  });
});
