/**
 * The foundation's end-to-end path through the real engine and the real SIM exchange:
 * connect → subscribe → buy → fill → position, account and fees exact → same-day sell
 * refused (T+1) → settle day → sell accepted and fees exact again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Direction, Status } from '../../common/constants';
import type { TradeData } from '../../common/objects';
import { roundCents } from '../../common/markets/price';
import type { Engine } from '../../electron/engine/create-engine';
import { startEngine, tempVntraderDir, waitFor, rejection } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** Fees by hand: commission 0.025 % min 5; transfer 0.001 %; stamp 0.05 % on sells. */
function expectedFees(amount: number, sell: boolean) {
  const commission = roundCents(Math.max(amount * 0.00025, 5));
  const transfer_fee = roundCents(amount * 0.00001);
  const stamp_duty = sell ? roundCents(amount * 0.0005) : 0;
  return { commission, transfer_fee, stamp_duty, total: roundCents(commission + transfer_fee + stamp_duty) };
}

describe('trading on the SIM exchange through the engine', () => {
  it('buys, is refused a same-day sell, settles, sells — money exact to the cent', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, oms, bus } = engine;
    const trades: TradeData[] = [];
    bus.on('trade', (t) => trades.push(t));

    const info = (await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000, 随机种子: 7 } })) as { status: string };
    expect(info.status).toBe('已连接');
    const account0 = await waitFor(() => oms.getAccount('SIM'), 2000, 'account');
    expect(account0.balance).toBe(1_000_000);

    await dispatcher.dispatch('market/subscribe', { code: '600000.SH' });
    const tick = await waitFor(() => oms.ticks.get('600000.SSE'), 2000, 'tick');
    expect(tick.ask_volume_1).toBeGreaterThanOrEqual(100);
    const buyPrice = tick.ask_price_1;

    const { vt_orderid } = (await dispatcher.dispatch('order/send', { code: 'SH600000', direction: '多', type: '限价', volume: 100, price: buyPrice })) as { vt_orderid: string };
    expect(vt_orderid).toMatch(/^SIM\./);
    await waitFor(() => oms.orders.get(vt_orderid)?.status === Status.ALLTRADED, 2000, 'buy fill');

    const buy = trades.find((t) => t.vt_orderid === vt_orderid)!;
    const buyAmount = roundCents(buyPrice * 100);
    const buyFees = expectedFees(buyAmount, false);
    expect(buy).toMatchObject({ price: buyPrice, volume: 100, direction: Direction.LONG, commission: buyFees.commission, transfer_fee: buyFees.transfer_fee, stamp_duty: 0, fee: buyFees.total });

    const pos = await waitFor(() => oms.getPosition('SIM', '600000.SSE'), 2000, 'position');
    expect(pos).toMatchObject({ volume: 100, yd_volume: 0, frozen: 0 });
    expect(pos.price).toBeCloseTo((buyAmount + buyFees.total) / 100, 3);
    const account1 = oms.getAccount('SIM')!;
    expect(account1.balance).toBe(roundCents(1_000_000 - buyAmount - buyFees.total));
    expect(account1.frozen).toBe(0);
    expect(account1.available).toBe(account1.balance);

    // T+1: today's buy cannot be sold today, and the engine says so before the exchange sees it.
    const err = await rejection(dispatcher.dispatch('order/send', { code: '600000', direction: '空', type: '限价', volume: 100, price: tick.bid_price_1 }));
    expect(err.code).toBe('POSITION');
    expect(err.message).toMatch(/T\+1/);

    const settled = (await dispatcher.dispatch('gateway/action', { gateway: 'SIM', action: 'settle-day' })) as { message: string };
    expect(settled.message).toMatch(/结算/);
    await waitFor(() => oms.getPosition('SIM', '600000.SSE')?.yd_volume === 100, 2000, 'yd_volume after settle');

    // The new day's quote arrives with the settlement.
    const tick2 = oms.ticks.get('600000.SSE')!;
    expect(tick2.datetime).toBeGreaterThanOrEqual(tick.datetime);
    expect(tick2.pre_close).toBe(tick.last_price);
    const sellPrice = tick2.bid_price_1;
    expect(tick2.bid_volume_1).toBeGreaterThanOrEqual(100);
    const sell = (await dispatcher.dispatch('order/send', { code: '600000.XSHG', direction: '空', type: '限价', volume: 100, price: sellPrice })) as { vt_orderid: string };
    await waitFor(() => oms.orders.get(sell.vt_orderid)?.status === Status.ALLTRADED, 2000, 'sell fill');

    const sellTrade = trades.find((t) => t.vt_orderid === sell.vt_orderid)!;
    const sellAmount = roundCents(sellPrice * 100);
    const sellFees = expectedFees(sellAmount, true);
    expect(sellTrade).toMatchObject({ price: sellPrice, commission: sellFees.commission, stamp_duty: sellFees.stamp_duty, transfer_fee: sellFees.transfer_fee, fee: sellFees.total });
    await waitFor(() => oms.getPosition('SIM', '600000.SSE')?.volume === 0, 2000, 'flat position');
    expect(oms.getAccount('SIM')!.balance).toBe(roundCents(1_000_000 - buyAmount - buyFees.total + sellAmount - sellFees.total));
  });

  it('refuses bad orders with the rule named, and sends nothing', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, oms } = engine;
    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    await dispatcher.dispatch('market/subscribe', { code: '600000' });
    const tick = await waitFor(() => oms.ticks.get('600000.SSE'), 2000, 'tick');
    const base = { code: '600000', direction: '多', type: '限价', volume: 100, price: tick.ask_price_1 };

    const cases: [Record<string, unknown>, string][] = [
      [{ volume: 150 }, 'LOT_SIZE'],
      [{ volume: 0 }, 'VOLUME_INVALID'],
      [{ volume: 100.5 }, 'VOLUME_INVALID'],
      [{ price: tick.limit_up + 0.01 }, 'PRICE_LIMIT'],
      [{ price: tick.ask_price_1 + 0.005 }, 'PRICE_TICK'],
      [{ volume: 1_000_100 }, 'MAX_ORDER_VOLUME'],
      [{ volume: 200_000 }, 'CASH'],
      [{ type: '全额成交或撤单' }, 'ORDER_TYPE'],
      [{ code: '999999.SH' }, 'UNKNOWN_CONTRACT'],
      [{ code: 'hello' }, 'BAD_CODE'],
      [{ direction: 'BUY' }, 'BAD_ARGS'],
      [{ gateway: 'XTP' }, 'UNKNOWN_GATEWAY'],
    ];
    for (const [over, code] of cases) {
      const err = await rejection(dispatcher.dispatch('order/send', { ...base, ...over }));
      expect(err.code, JSON.stringify(over)).toBe(code);
      expect(err.message, JSON.stringify(over)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(oms.orders.size).toBe(0);
  });

  it('cancels a resting order and releases the frozen cash exactly', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, oms } = engine;
    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    await dispatcher.dispatch('market/subscribe', { code: '000001.SZ' });
    const tick = await waitFor(() => oms.ticks.get('000001.SZSE'), 2000, 'tick');
    const { vt_orderid } = (await dispatcher.dispatch('order/send', { code: '000001', direction: '多', type: '限价', volume: 1000, price: tick.limit_down })) as { vt_orderid: string };
    await waitFor(() => oms.orders.get(vt_orderid)?.status === Status.NOTTRADED, 2000, 'resting');
    const amount = roundCents(tick.limit_down * 1000);
    await waitFor(() => oms.getAccount('SIM')!.frozen === roundCents(amount + expectedFees(amount, false).total), 2000, 'frozen cash');
    await dispatcher.dispatch('order/cancel', { vt_orderid });
    await waitFor(() => oms.orders.get(vt_orderid)?.status === Status.CANCELLED, 2000, 'cancelled');
    await waitFor(() => oms.getAccount('SIM')!.frozen === 0, 2000, 'freeze released');
    expect(oms.getAccount('SIM')!.balance).toBe(1_000_000);
    const again = await rejection(dispatcher.dispatch('order/cancel', { vt_orderid }));
    expect(again.code).toBe('ORDER_NOT_ACTIVE');
  });

  it('estimates the cash a buy needs with the gateway’s configured fees, not the engine’s defaults', async () => {
    engine = await startEngine(tempVntraderDir());
    const { dispatcher, oms } = engine;
    // 1,400 CNY of cash; buying 100 @ 13.00 costs 1,300.00 plus fees: 5.01 at the default
    // 5 CNY minimum (fits), 150.01 at this account's 150 CNY minimum (does not).
    await dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000, 初始资金: 1400, 最低佣金: 150 } });
    await dispatcher.dispatch('market/subscribe', { code: '600000' });
    const tick = await waitFor(() => oms.ticks.get('600000.SSE'), 2000, 'tick');
    expect(tick.limit_down).toBeLessThan(13);
    expect(tick.limit_up).toBeGreaterThan(13);
    const sent = oms.orders.size;
    const err = await rejection(dispatcher.dispatch('order/send', { code: '600000', direction: '多', type: '限价', volume: 100, price: 13 }));
    expect(err.code).toBe('CASH');
    expect(err.message).toContain('1450.01');
    expect(oms.orders.size).toBe(sent);
  });
});
