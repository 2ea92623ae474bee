/**
 * A futures account (账户类型 期货) on the SIM exchange through the real engine: open → over-close
 * refused by the engine's pre-trade check (the futures rules through the market seam) → partial
 * 平今 → 日终结算 → 平仓 of yesterday's lots → margin freed. Figures worked out here by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Direction, Offset, Status } from '../../common/constants';
import { roundCents } from '../../common/markets/price';
import type { ContractData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import type { SimFuturesExchange } from '../../gateways/sim/futures/sim-futures-exchange';
import type { SimGateway } from '../../gateways/sim/sim-gateway';
import { rejection, startEngine, tempVntraderDir, waitFor } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

function simFutures(e: Engine): SimFuturesExchange {
  const instances = e.main['instances'];
  return (instances.get('SIM')!.get() as SimGateway).simFutures!;
}

describe('a futures account on the SIM exchange through the engine', () => {
  it('opens, is refused an over-close, closes today’s, settles, closes yesterday’s — margin and PnL exact', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, oms } = engine;
    const info = (await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 账户类型: '期货', 资金账号: 'fut001', '行情间隔(ms)': 60000, 随机种子: 7 } })) as { status: string };
    expect(info.status).toBe('已连接');
    expect(await waitFor(() => oms.getAccount('SIM'), 2000, 'account')).toMatchObject({ balance: 1_000_000, margin: 0, pre_balance: 1_000_000 });

    // rb's nearer listed month (size 10, tick 1, 8 % margin, 1‱ fees)
    const rb = [...oms.contracts.values()].filter((c) => c.product_id === 'rb').sort((a, b) => a.expiry!.localeCompare(b.expiry!))[0] as ContractData;
    expect(rb).toMatchObject({ size: 10, pricetick: 1, long_margin_ratio: 0.08 });
    const ex = simFutures(engine);
    const p = rb.pre_settlement!;
    ex.setQuote(rb.vt_symbol, { last: p, bids: [[p - 1, 50]], asks: [[p, 50]] });
    const send = (direction: Direction, offset: Offset, volume: number, price: number) =>
      dispatcher.dispatch('order/send', { code: rb.vt_symbol, direction, offset, type: '限价', volume, price }) as Promise<{ vt_orderid: string }>;

    const open = await send(Direction.LONG, Offset.OPEN, 3, p);
    await waitFor(() => oms.orders.get(open.vt_orderid)?.status === Status.ALLTRADED, 2000, 'open fill');
    const long = await waitFor(() => oms.getPosition('SIM', rb.vt_symbol, Direction.LONG), 2000, 'long position');
    expect(long).toMatchObject({ volume: 3, yd_volume: 0, price: p });
    const openFee = roundCents(p * 3 * 10 * 0.0001);
    expect(oms.getAccount('SIM')).toMatchObject({ margin: roundCents(p * 3 * 10 * 0.08), commission: openFee });

    // The engine refuses before the exchange sees it: SHFE's plain 平仓 closes yesterday's lots only.
    const wrong = await rejection(send(Direction.SHORT, Offset.CLOSE, 1, p));
    expect(wrong).toMatchObject({ code: 'OVER_CLOSE', message: '多头昨仓不足：上期所的平仓只平昨仓，可平昨仓 0 手，委托平仓 1 手；今仓 3 手请用平今' });
    expect((await rejection(send(Direction.SHORT, Offset.CLOSETODAY, 4, p))).code).toBe('OVER_CLOSE');

    // 平今 1 at p + 10: close PnL 10 × 10 = 100.
    ex.setQuote(rb.vt_symbol, { last: p + 10, bids: [[p + 10, 50]], asks: [[p + 11, 50]] });
    const closeToday = await send(Direction.SHORT, Offset.CLOSETODAY, 1, p + 10);
    await waitFor(() => oms.orders.get(closeToday.vt_orderid)?.status === Status.ALLTRADED, 2000, '平今 fill');
    await waitFor(() => oms.getPosition('SIM', rb.vt_symbol)?.volume === 2, 2000, 'long 2');
    const closeFee = roundCents((p + 10) * 10 * 0.0001);
    expect(oms.getAccount('SIM')).toMatchObject({ close_pnl: 100, position_pnl: 200, commission: roundCents(openFee + closeFee), margin: roundCents(p * 2 * 10 * 0.08) });

    // 日终结算 at p + 10: today's 2 lots become yesterday's, marked from the settlement price.
    const settled = (await dispatcher.dispatch('gateway/action', { gateway: 'SIM', action: 'settle-day' })) as { message: string };
    expect(settled.message).toContain(`动态权益 ${roundCents(1_000_000 + 100 + 200 - openFee - closeFee).toFixed(2)} 元`);
    await waitFor(() => oms.getPosition('SIM', rb.vt_symbol)?.yd_volume === 2, 2000, 'yesterday’s lots after settle');
    expect(oms.contracts.get(rb.vt_symbol)?.pre_settlement).toBe(p + 10);

    // 平仓 1 of yesterday's at p + 20: close PnL against the settlement price, (p + 20 − (p + 10)) × 10 = 100.
    ex.setQuote(rb.vt_symbol, { last: p + 20, bids: [[p + 20, 50]], asks: [[p + 21, 50]] });
    const closeYd = await send(Direction.SHORT, Offset.CLOSE, 1, p + 20);
    await waitFor(() => oms.orders.get(closeYd.vt_orderid)?.status === Status.ALLTRADED, 2000, '平仓 fill');
    await waitFor(() => oms.getPosition('SIM', rb.vt_symbol)?.volume === 1, 2000, 'long 1');
    expect(oms.getPosition('SIM', rb.vt_symbol)).toMatchObject({ volume: 1, yd_volume: 1 });
    // the margin left is one lot's at the settlement price: the closed lot's is freed
    expect(oms.getAccount('SIM')).toMatchObject({ close_pnl: 100, margin: roundCents((p + 10) * 10 * 0.08) });
  });
});
