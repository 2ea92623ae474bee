/**
 * The SIM futures counter (账户类型 期货) on worked examples computed here by hand: what it
 * lists, margin frozen on order and charged on fill, offsets enforced with Chinese refusals,
 * close PnL, the daily settlement turning today's lots into yesterday's, and its snapshot.
 */
import { describe, expect, it } from 'vitest';
import { Direction, type Exchange, Offset, OrderType, Status } from '../../../common/constants';
import type { OrderRequest } from '../../../common/objects';
import { SimFuturesExchange, type SimFuturesConfig } from '../../../gateways/sim/futures/sim-futures-exchange';
import { parseFuturesSnapshot, type FuturesSnapshot } from '../../../gateways/sim/futures/futures-snapshot';
import { RecordingSink, WEDNESDAY_10AM } from './sim-test-context';

const RB = 'rb2505.SHFE'; // 2025-03-05: rb's main month is May (active 1/5/10, two months ahead)
const IF = 'IF2503.CFFEX'; // March's contract until its third Friday, 2025-03-21

function make(over: Partial<SimFuturesConfig> = {}, snapshot?: FuturesSnapshot) {
  const sink = new RecordingSink();
  const config: SimFuturesConfig = { gatewayName: 'SIM', accountId: 'fut001', initialCash: 1_000_000, seed: 42, now: () => WEDNESDAY_10AM, session: 1, ...over };
  return { ex: new SimFuturesExchange(config, sink, snapshot), sink };
}

function req(vt: string, direction: Direction, offset: Offset, volume: number, price: number, type = OrderType.LIMIT): OrderRequest {
  const [symbol, exchange] = vt.split('.') as [string, Exchange];
  return { symbol, exchange, direction, offset, type, volume, price, reference: 'test' };
}

describe('SIM futures: the listing', () => {
  it('lists every product of the brief in its main and next month, with the table’s terms', () => {
    const { ex } = make();
    const symbols = ex.contracts().map((c) => c.vt_symbol);
    for (const vt of ['IF2503.CFFEX', 'IF2504.CFFEX', 'IH2503.CFFEX', 'IC2503.CFFEX', 'IM2503.CFFEX', 'rb2505.SHFE', 'rb2510.SHFE', 'cu2505.SHFE',
      'au2506.SHFE', 'ag2506.SHFE', 'sc2505.INE', 'i2505.DCE', 'm2505.DCE', 'MA505.CZCE', 'SR505.CZCE', 'si2505.GFEX']) {
      expect(symbols).toContain(vt);
    }
    expect(symbols).toHaveLength(28); // 14 products × main and next
    // IF: 300 per point, tick 0.2, 12 % margin; limits ±10 % of the settlement price 3900
    expect(ex.contract(IF)).toMatchObject({ size: 300, pricetick: 0.2, long_margin_ratio: 0.12, pre_settlement: 3900, limit_up: 4290, limit_down: 3510, t0: true });
    expect(ex.contract(RB)).toMatchObject({ size: 10, pricetick: 1, long_margin_ratio: 0.08, pre_settlement: 3200, limit_up: 3392, limit_down: 3008 });
  });

  it('quotes move in lots on the tick grid, by the seeded walk (same seed, same quotes)', () => {
    const a = make().ex;
    const b = make().ex;
    for (let i = 0; i < 20; i++) {
      a.step();
      b.step();
    }
    const ta = a.tick(IF)!;
    expect(ta).toEqual(b.tick(IF));
    expect(Math.abs(ta.last_price / 0.2 - Math.round(ta.last_price / 0.2))).toBeLessThan(1e-9);
    expect(ta.ask_volume_1).toBeLessThanOrEqual(60); // lots, not 100-share round lots
  });
});

describe('SIM futures: open, partial close, settle, close yesterday (rb on SHFE)', () => {
  it('follows the worked example to the cent', () => {
    const { ex, sink } = make();
    ex.setQuote(RB, { last: 3200, bids: [[3199, 10]], asks: [[3200, 10]] });

    // Buy open 3 @ 3200: commission 3200 × 3 × 10 × 1‱ = 9.60, margin 3200 × 3 × 10 × 8 % = 7680.
    const open = ex.sendOrder(req(RB, Direction.LONG, Offset.OPEN, 3, 3200));
    expect(sink.lastOrder(open)).toMatchObject({ status: Status.ALLTRADED, traded: 3, offset: Offset.OPEN });
    expect(sink.tradesOf(open)[0]).toMatchObject({ price: 3200, volume: 3, offset: Offset.OPEN, commission: 9.6, fee: 9.6 });
    expect(sink.lastAccount()).toMatchObject({ balance: 999990.4, margin: 7680, available: 992310.4, commission: 9.6, close_pnl: 0, position_pnl: 0 });
    expect(sink.positions.at(-1)).toMatchObject({ vt_positionid: `SIM.${RB}.多`, direction: Direction.LONG, volume: 3, yd_volume: 0, price: 3200, margin: 7680 });

    // A plain 平仓 on SHFE closes yesterday's lots only: refused, pointing to 平今.
    const wrong = ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSE, 1, 3200));
    expect(sink.lastOrder(wrong)).toMatchObject({
      status: Status.REJECTED, status_msg: '多头昨仓不足：上期所的平仓只平昨仓，可平昨仓 0 手，委托平仓 1 手；今仓 3 手请用平今',
    });
    // Closing more than is held, by 平今:
    const over = ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSETODAY, 4, 3200));
    expect(sink.lastOrder(over).status_msg).toBe('多头今仓不足：上期所平今只平今仓，可平今仓 3 手，委托平今 4 手');

    // 平今 1 @ 3210: close PnL (3210 − 3200) × 10 = 100; commission 3210 × 10 × 1‱ = 3.21.
    ex.setQuote(RB, { last: 3210, bids: [[3210, 10]], asks: [[3211, 10]] });
    const close = ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSETODAY, 1, 3210));
    expect(sink.tradesOf(close)[0]).toMatchObject({ price: 3210, volume: 1, offset: Offset.CLOSETODAY, commission: 3.21 });
    // long 2 @ 3200 marked at 3210: 持仓盈亏 200; balance 1,000,000 + 100 + 200 − 9.60 − 3.21 = 1,000,287.19;
    // margin 3200 × 2 × 10 × 8 % = 5120; available = balance − margin − the floating profit (not usable) = 994,967.19
    expect(sink.lastAccount()).toMatchObject({ close_pnl: 100, position_pnl: 200, commission: 12.81, balance: 1000287.19, margin: 5120, available: 994967.19 });
    expect(sink.positions.at(-1)).toMatchObject({ volume: 2, yd_volume: 0, pnl: 200 });

    // 日终结算 at the last price 3210: the balance becomes 上日结存; today's 2 lots become yesterday's, marked from 3210.
    const summary = ex.settleDay();
    expect(summary).toContain('2025-03-05 → 2025-03-06');
    expect(summary).toContain('动态权益 1000287.19 元');
    expect(ex.contract(RB)).toMatchObject({ pre_settlement: 3210, limit_up: 3402, limit_down: 3018 }); // ±6 % rounded inwards to the tick: 3402.6 → 3402, 3017.4 → 3018
    ex.setQuote(RB, { last: 3220, bids: [[3220, 10]], asks: [[3221, 10]] });
    expect(sink.positions.at(-1)).toMatchObject({ volume: 2, yd_volume: 2, price: 3210, pnl: 200, margin: 5136 }); // (3220 − 3210) × 2 × 10; 3210 × 2 × 10 × 8 %
    expect(sink.lastAccount()).toMatchObject({ pre_balance: 1000287.19, close_pnl: 0, commission: 0, position_pnl: 200, balance: 1000487.19 });

    // Now 平今 finds nothing; 平仓 takes yesterday's: (3220 − 3210) × 10 = 100 close PnL, 3.22 commission.
    const today = ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSETODAY, 1, 3220));
    expect(sink.lastOrder(today).status_msg).toBe('多头今仓不足：上期所平今只平今仓，可平今仓 0 手，委托平今 1 手');
    const yd = ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSE, 1, 3220));
    expect(sink.tradesOf(yd)[0]).toMatchObject({ volume: 1, offset: Offset.CLOSE, commission: 3.22 });
    expect(sink.lastAccount()).toMatchObject({ close_pnl: 100, commission: 3.22, position_pnl: 100, margin: 2568 });
    expect(sink.positions.at(-1)).toMatchObject({ volume: 1, yd_volume: 1 });
  });
});

describe('SIM futures: margin frozen on order, freed on cancel', () => {
  it('a resting open freezes margin and commission at its price; a cancel releases them', () => {
    const { ex, sink } = make();
    ex.setQuote(RB, { last: 3200, bids: [[3199, 10]], asks: [[3200, 10]] });
    // 2 lots @ 3100 below the ask: margin 3100 × 2 × 10 × 8 % = 4960, commission 3100 × 2 × 10 × 1‱ = 6.20
    const id = ex.sendOrder(req(RB, Direction.LONG, Offset.OPEN, 2, 3100));
    expect(sink.lastOrder(id).status).toBe(Status.NOTTRADED);
    expect(sink.lastAccount()).toMatchObject({ frozen_margin: 4960, frozen_commission: 6.2, frozen: 4966.2, available: 995033.8, balance: 1_000_000 });
    ex.cancelOrder(id.split('.')[1]!);
    expect(sink.lastAccount()).toMatchObject({ frozen_margin: 0, frozen_commission: 0, available: 1_000_000 });
  });

  it('a working close freezes its lots: a second close finds them taken', () => {
    const { ex, sink } = make();
    ex.setQuote(RB, { last: 3200, bids: [[3199, 10]], asks: [[3200, 10]] });
    ex.sendOrder(req(RB, Direction.LONG, Offset.OPEN, 2, 3200));
    ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSETODAY, 2, 3300)); // rests above the bid
    expect(sink.positions.at(-1)).toMatchObject({ volume: 2, frozen: 2, yd_frozen: 0 });
    const again = ex.sendOrder(req(RB, Direction.SHORT, Offset.CLOSETODAY, 1, 3300));
    expect(sink.lastOrder(again).status_msg).toBe('多头今仓不足：上期所平今只平今仓，可平今仓 0 手，委托平今 1 手，另有 2 手已被未成交的平仓委托冻结');
  });

  it('refuses an open the account cannot margin, in Chinese', () => {
    const { ex, sink } = make();
    // IF 8 lots @ 3900: margin 3900 × 8 × 300 × 12 % = 1,123,200; commission 3900 × 8 × 300 × 0.23‱ = 215.28
    const id = ex.sendOrder(req(IF, Direction.LONG, Offset.OPEN, 8, 3900));
    expect(sink.lastOrder(id)).toMatchObject({ status: Status.REJECTED, status_msg: '可用资金不足：开仓需保证金 1123200.00 元、手续费 215.28 元，可用 1000000.00 元' });
    const none = ex.sendOrder(req(IF, Direction.LONG, Offset.NONE, 1, 3900));
    expect(sink.lastOrder(none).status_msg).toBe('期货委托须指明开平：开仓、平仓、平今或平昨');
  });
});

describe('SIM futures: short side and CFFEX', () => {
  it('sell open makes a short; a buy-close takes today’s first on CFFEX; a short gains as the price falls', () => {
    const { ex, sink } = make();
    ex.setQuote(IF, { last: 3900, bids: [[3900, 5]], asks: [[3900.2, 5]] });
    ex.sendOrder(req(IF, Direction.SHORT, Offset.OPEN, 1, 3900));
    // commission 3900 × 300 × 0.23‱ = 26.91; margin 3900 × 300 × 12 % = 140,400
    expect(sink.positions.at(-1)).toMatchObject({ vt_positionid: `SIM.${IF}.空`, direction: Direction.SHORT, volume: 1, margin: 140400 });
    ex.setQuote(IF, { last: 3880, bids: [[3879.8, 5]], asks: [[3880, 5]] });
    expect(sink.positions.at(-1)).toMatchObject({ pnl: 6000 }); // (3900 − 3880) × 300
    const close = ex.sendOrder(req(IF, Direction.LONG, Offset.CLOSE, 1, 3880));
    // close-today rate on CFFEX: 3880 × 300 × 2.3‱ = 267.72
    expect(sink.tradesOf(close)[0]).toMatchObject({ commission: 267.72 });
    expect(sink.lastAccount()).toMatchObject({ close_pnl: 6000, commission: 294.63, margin: 0, balance: 1005705.37 });
    // the emptied short is reported once at 0
    expect(sink.positions.at(-1)).toMatchObject({ direction: Direction.SHORT, volume: 0 });
  });
});

describe('SIM futures: snapshot', () => {
  it('round-trips the account, the lots and the working orders', () => {
    const { ex } = make();
    ex.setQuote(RB, { last: 3200, bids: [[3199, 10]], asks: [[3200, 10]] });
    ex.sendOrder(req(RB, Direction.LONG, Offset.OPEN, 3, 3200));
    ex.settleDay();
    ex.sendOrder(req(RB, Direction.LONG, Offset.OPEN, 1, 3000)); // rests
    const saved = parseFuturesSnapshot(JSON.parse(JSON.stringify(ex.snapshot())));
    expect(saved).toBeDefined();
    const { ex: again } = make({ session: 2 }, saved);
    expect(again.day).toBe(ex.day);
    expect(again.positionsData()).toEqual(ex.positionsData());
    expect(again.accountData()).toEqual(ex.accountData());
    expect(again.workingOrderIds()).toEqual(ex.workingOrderIds());
    expect(parseFuturesSnapshot({ ...ex.snapshot(), kind: 'stock' })).toBeUndefined();
  });
});
