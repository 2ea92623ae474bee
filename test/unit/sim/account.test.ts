import { describe, expect, it } from 'vitest';
import { type Exchange, LogLevel, Status } from '../../../common/constants';
import type { SimSnapshot } from '../../../gateways/sim/snapshot';
import { buy, makeExchange, sell } from './sim-test-context';

const PF = '600000.SSE';

/** An exchange with 浦发银行 bought (1000 @ 13.20, cost 13205.13) and settled into yd_volume. */
function withSettledHolding(): ReturnType<typeof makeExchange> {
  const made = makeExchange();
  made.ex.setQuote(PF, { last: 13.2, bids: [[13.19, 100]], asks: [[13.2, 5000]] });
  made.ex.sendOrder(buy(PF, 1000, 13.2));
  made.ex.settleDay();
  return made;
}

describe('SIM account: cash to the cent', () => {
  it('buy 100 @ 13.00 costs 1300 + 5.00 commission (minimum) + 0.01 transfer', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, { last: 13, bids: [[12.99, 100]], asks: [[13, 100]] });
    const id = ex.sendOrder(buy(PF, 100, 13));
    expect(sink.tradesOf(id)[0]).toMatchObject({ commission: 5, transfer_fee: 0.01, stamp_duty: 0, fee: 5.01 });
    expect(sink.lastAccount()).toMatchObject({ balance: 998694.99, frozen: 0, available: 998694.99, market_value: 1300 });
    expect(ex.positionData(PF)).toMatchObject({ volume: 100, yd_volume: 0, price: 13.05, pnl: -5.01 });
  });

  it('sell fees: commission above the minimum, stamp duty 0.05 %, transfer 0.001 %, each rounded half up', () => {
    const { ex, sink } = withSettledHolding();
    const before = sink.lastAccount().balance; // 1,000,000 − 13200 − 5.00 − 0.13
    expect(before).toBe(986794.87);
    ex.setQuote(PF, { last: 13.37, bids: [[13.37, 5000]], asks: [[13.38, 100]] });
    // 700 @ 13.37 = 9359.00: commission 2.34 → 5.00, stamp 4.6795 → 4.68, transfer 0.09359 → 0.09
    const small = ex.sendOrder(sell(PF, 700, 13.37));
    expect(sink.tradesOf(small)[0]).toMatchObject({ commission: 5, stamp_duty: 4.68, transfer_fee: 0.09, fee: 9.77 });
    expect(sink.lastAccount().balance).toBe(996144.1); // + 9359 − 9.77
    // 300 @ 13.37 = 4011.00: commission 5.00, stamp 2.0055 → 2.01, transfer 0.04011 → 0.04
    const rest = ex.sendOrder(sell(PF, 300, 13.37));
    expect(sink.tradesOf(rest)[0]).toMatchObject({ commission: 5, stamp_duty: 2.01, transfer_fee: 0.04, fee: 7.05 });
    expect(sink.lastAccount()).toMatchObject({ balance: 1000148.05, frozen: 0, market_value: 0 });
    expect(ex.positionData(PF)).toMatchObject({ volume: 0, yd_volume: 0, frozen: 0, pnl: 0 });
  });

  it('large sell: commission by rate (0.025 %)', () => {
    const made = makeExchange({ initialCash: 10_000_000 });
    made.ex.setQuote(PF, { last: 13.2, bids: [[13.19, 100]], asks: [[13.2, 5000]] });
    made.ex.sendOrder(buy(PF, 3000, 13.2));
    made.ex.settleDay();
    made.ex.setQuote(PF, { last: 13.37, bids: [[13.37, 5000]], asks: [[13.38, 100]] });
    // 3000 @ 13.37 = 40110.00: commission 10.0275 → 10.03, stamp 20.055 → 20.06, transfer 0.4011 → 0.40
    const id = made.ex.sendOrder(sell(PF, 3000, 13.37));
    expect(made.sink.tradesOf(id)[0]).toMatchObject({ commission: 10.03, stamp_duty: 20.06, transfer_fee: 0.4, fee: 30.49 });
  });

  it('ETFs pay commission only', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote('510300.SSE', { last: 4, bids: [[3.999, 1000]], asks: [[4.001, 5000]] });
    const id = ex.sendOrder(buy('510300.SSE', 1000, 4.001));
    // 1000 × 4.001 = 4001.00, commission 5.00, no stamp duty or transfer fee on funds
    expect(sink.tradesOf(id)[0]).toMatchObject({ price: 4.001, commission: 5, stamp_duty: 0, transfer_fee: 0, fee: 5 });
    expect(sink.lastAccount().balance).toBe(995994);
  });

  it('a working sell freezes shares; cancel releases them', () => {
    const { ex, sink } = withSettledHolding();
    ex.setQuote(PF, { last: 13.2, bids: [[13.19, 100]], asks: [[13.2, 100]] });
    const id = ex.sendOrder(sell(PF, 600, 14));
    expect(sink.positions.at(-1)).toMatchObject({ volume: 1000, yd_volume: 1000, frozen: 600 });
    const over = ex.sendOrder(sell(PF, 500, 14));
    expect(sink.lastOrder(over).status_msg).toBe('可卖数量不足：可卖 400 股，委托 500 股');
    ex.cancelOrder(id.slice(4));
    expect(sink.positions.at(-1)).toMatchObject({ frozen: 0 });
  });
});

describe('SIM T+1 and days', () => {
  it('refuses a same-day sell with a Chinese reason, accepts it after 日终结算', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, { last: 13.2, bids: [[13.19, 1000]], asks: [[13.2, 1000]] });
    ex.sendOrder(buy(PF, 100, 13.2));
    const same = ex.sendOrder(sell(PF, 100, 13.19));
    expect(sink.lastOrder(same).status).toBe(Status.REJECTED);
    expect(sink.lastOrder(same).status_msg).toBe('可卖数量不足：可卖 0 股（T+1：当日买入的股份下一交易日方可卖出），委托 100 股');
    expect(sink.logs.at(-1)).toMatchObject({ level: LogLevel.WARNING });
    expect(sink.logs.at(-1)?.msg).toContain('T+1');

    const summary = ex.settleDay();
    expect(summary).toContain('2025-03-05 → 2025-03-06');
    expect(ex.positionData(PF)).toMatchObject({ volume: 100, yd_volume: 100 });
    ex.setQuote(PF, { last: 13.2, bids: [[13.19, 1000]], asks: [[13.2, 1000]] });
    const next = ex.sendOrder(sell(PF, 100, 13.19));
    expect(sink.lastOrder(next).status).toBe(Status.ALLTRADED);
  });

  it('equity ETFs are T+1 too', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote('159915.SZSE', { last: 2.3, bids: [[2.299, 5000]], asks: [[2.3, 5000]] });
    ex.sendOrder(buy('159915.SZSE', 1000, 2.3));
    const same = ex.sendOrder(sell('159915.SZSE', 1000, 2.299));
    expect(sink.lastOrder(same).status).toBe(Status.REJECTED);
  });

  it('settle-day cancels working orders, rolls pre_close and limits, skips the weekend', () => {
    const { ex, sink } = makeExchange();
    ex.setQuote(PF, { last: 14.0, bids: [[13.99, 100]], asks: [[14.0, 100]] });
    const working = ex.sendOrder(buy(PF, 100, 13.5));
    ex.settleDay(); // Wed → Thu
    expect(sink.lastOrder(working)).toMatchObject({ status: Status.CANCELLED, status_msg: '日终结算，未成交委托已撤销' });
    expect(sink.lastAccount().frozen).toBe(0);
    expect(ex.contract(PF)).toMatchObject({ pre_close: 14, limit_up: 15.4, limit_down: 12.6 });
    expect(sink.contracts.at(-1)?.vt_symbol).toBeDefined();
    ex.settleDay(); // → Fri
    ex.settleDay(); // → Mon
    expect(ex.day).toBe('2025-03-10');
  });
});

describe('SIM order rejections', () => {
  const cases: [string, ReturnType<typeof buy>, string][] = [
    ['unknown contract', buy('999999.SSE', 100, 10), '合约不存在：999999.SSE'],
    ['board lot', buy(PF, 150, 13.2), '买入数量必须为 100 股的整数倍，当前为 150 股'],
    ['STAR minimum', buy('688981.SSE', 100, 85), '科创板买入数量不得少于 200 股（超出部分以 1 股递增），当前为 100 股'],
    ['tick', buy(PF, 100, 13.205), '委托价格须为最小价位 0.01 元的整数倍，当前为 13.205'],
    ['limit up', buy(PF, 100, 14.53), '委托价格 14.53 高于涨停价 14.52'],
    ['limit down', buy(PF, 100, 11.87), '委托价格 11.87 低于跌停价 11.88'],
    ['max volume', buy('300750.SZSE', 300_100, 250), '创业板限价单每笔最多 300,000 股，当前为 300,100 股'],
    ['zero volume', buy(PF, 0, 13.2), '委托数量必须为正整数，当前为 0'],
    ['cash (1,450,000 + commission 362.50 + transfer 14.50)', buy('600519.SSE', 1000, 1450), '可用资金不足：需冻结 1450377.00 元（含预估费用），可用 1000000.00 元'],
    ['no holding', sell(PF, 100, 13.2), '可卖数量不足：可卖 0 股，委托 100 股'],
  ];
  for (const [label, req, msg] of cases) {
    it(`rejects: ${label}`, () => {
      const { ex, sink } = makeExchange();
      const id = ex.sendOrder(req);
      expect(sink.orders.filter((o) => o.vt_orderid === id)).toHaveLength(1);
      expect(sink.lastOrder(id)).toMatchObject({ status: Status.REJECTED, status_msg: msg });
      expect(sink.logs.at(-1)?.msg).toContain(msg);
      expect(sink.accounts).toEqual([]);
    });
  }
});

describe('SIM odd lots', () => {
  function withPosition(vt: string, volume: number): ReturnType<typeof makeExchange> {
    const { ex } = makeExchange();
    const snap: SimSnapshot = ex.snapshot();
    const [symbol, exchange] = vt.split('.') as [string, Exchange];
    snap.positions = [{ symbol, exchange, volume, yd_volume: volume, cost_cents: volume * 1000 }];
    return makeExchange({}, snap);
  }

  it('main board: the odd part must be sold whole, alone or with round lots', () => {
    const { ex, sink } = withPosition(PF, 150);
    ex.setQuote(PF, { last: 13.2, bids: [[13.2, 1000]], asks: [[13.21, 1000]] });
    const partOdd = ex.sendOrder(sell(PF, 30, 13.2));
    expect(sink.lastOrder(partOdd).status).toBe(Status.REJECTED);
    expect(sink.lastOrder(partOdd).status_msg).toContain('零股');
    const wrongMix = ex.sendOrder(sell(PF, 120, 13.2));
    expect(sink.lastOrder(wrongMix).status).toBe(Status.REJECTED);
    const odd = ex.sendOrder(sell(PF, 50, 13.2));
    // 50 × 13.20 = 660.00: commission 5.00, stamp 0.33, transfer 0.0066 → 0.01
    expect(sink.tradesOf(odd)[0]).toMatchObject({ volume: 50, fee: 5.34 });
    const lot = ex.sendOrder(sell(PF, 100, 13.2));
    expect(sink.lastOrder(lot).status).toBe(Status.ALLTRADED);
  });

  it('STAR: a sell under 200 must be the whole holding', () => {
    const { ex, sink } = withPosition('688981.SSE', 250);
    const part = ex.sendOrder(sell('688981.SSE', 50, 85));
    expect(sink.lastOrder(part).status_msg).toBe('科创板卖出不足 200 股时须一次性卖出全部余股（可卖 250 股），当前为 50 股');
    const whole = ex.sendOrder(sell('688981.SSE', 250, 85));
    expect(sink.lastOrder(whole).status).not.toBe(Status.REJECTED);
  });

  it('BSE buys step by 1 share above 100', () => {
    const { ex, sink } = makeExchange();
    const id = ex.sendOrder(buy('430047.BSE', 101, 12));
    expect(sink.lastOrder(id).status).not.toBe(Status.REJECTED);
  });
});
