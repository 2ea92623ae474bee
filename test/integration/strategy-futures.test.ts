/**
 * JoinQuant's futures form of order() in a strategy worker against the real engine and SIM's
 * futures account: side 'short' opens and closes a short, close_today sends 平今, the
 * portfolio's long_positions / short_positions follow, side 'short' on nothing-but-futures is
 * the engine's to refuse elsewhere; and the example strategies/futures-double-ma.ts trades IF.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Direction, Offset, Status } from '../../common/constants';
import type { ContractData } from '../../common/objects';
import { waitFor } from './harness';
import { linesOf, startStrategyRig, type StrategyRig } from './strategy-helpers';

let rig: StrategyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The nearer listed contract of a product on the SIM futures account. */
function nearest(r: StrategyRig, product: string): ContractData {
  return [...r.engine.oms.contracts.values()].filter((c) => c.product_id === product).sort((a, b) => a.expiry!.localeCompare(b.expiry!))[0]!;
}

const line = (r: StrategyRig, name: string, prefix: string, ms = 10_000): Promise<string> =>
  waitFor(() => linesOf(r, name).find((l) => l.startsWith(prefix)), ms, prefix);

describe('order(security, amount, style, side, close_today) on a futures account', () => {
  it('opens and closes a short with side "short", closes today’s rb with close_today, and the portfolio shows both sides', async () => {
    rig = await startStrategyRig({}, { 账户类型: '期货', 资金账号: 'fut-strategy', '行情间隔(ms)': 50 });
    await waitFor(() => rig!.engine.oms.contracts.size > 0, 3000, 'contracts');
    const ifCode = nearest(rig, 'IF').vt_symbol;
    const rbCode = nearest(rig, 'rb').vt_symbol;
    const file = rig.file('sides.ts', `
      const ticks: Record<string, { ask_price_1: number; bid_price_1: number }> = {};
      let step = 0;
      function process_initialize() { set_options({ code_style: 'vnpy' }); subscribe(['${ifCode}', '${rbCode}']); }
      function on_tick(context: StrategyContext, t: Tick) {
        ticks[t.vt_symbol] = t;
        if (step === 0 && ticks['${ifCode}'] && ticks['${rbCode}']) {
          step = 1;
          // well through the book, so they fill at once
          log.info('short-open ' + order('${ifCode}', 1, LimitOrderStyle(ticks['${ifCode}'].bid_price_1 - 20), 'short'));
          log.info('long-open ' + order('${rbCode}', 2, LimitOrderStyle(ticks['${rbCode}'].ask_price_1 + 20)));
        }
      }
      function on_order(context: StrategyContext, o: Order) {
        if (o.status !== 'filled') return;
        const p = context.portfolio;
        if (step === 1 && o.code === '${ifCode}') {
          step = 2;
          sync_balance();
          log.info('after-open short=' + p.short_positions['${ifCode}'].amount + ' side=' + p.short_positions['${ifCode}'].side + ' long=' + p.long_positions['${ifCode}'].amount);
          log.info('short-close ' + order('${ifCode}', -1, LimitOrderStyle(ticks['${ifCode}'].ask_price_1 + 20), 'short'));
        } else if (step === 2 && o.code === '${ifCode}') {
          step = 3;
          sync_balance();
          log.info('after-close short=' + p.short_positions['${ifCode}'].amount + ' held=' + ('${ifCode}' in p.short_positions));
          log.info('rb-close-today ' + order('${rbCode}', -1, LimitOrderStyle(ticks['${rbCode}'].bid_price_1 - 20), 'long', true));
        }
      }
    `);
    rig.strategies.add({ name: 'sides', file });
    await rig.strategies.start('sides');
    const oms = rig.engine.oms;

    expect(await line(rig, 'sides', 'after-open ')).toBe('after-open short=1 side=short long=0');
    expect(await line(rig, 'sides', 'after-close ')).toBe('after-close short=0 held=false');
    await line(rig, 'sides', 'rb-close-today ');
    // What reached the engine: direction and offset of each order, by the strategy's reference.
    const mine = await waitFor(() => {
      const list = [...oms.orders.values()].filter((o) => o.reference === 'sides');
      return list.length === 4 && list.every((o) => o.status === Status.ALLTRADED) ? list : undefined;
    }, 10_000, 'four filled orders');
    const shape = mine.map((o) => `${o.symbol} ${o.direction}${o.offset} ${o.volume}`).sort();
    expect(shape).toEqual([
      `${ifCode.split('.')[0]} ${Direction.SHORT}${Offset.OPEN} 1`,
      `${ifCode.split('.')[0]} ${Direction.LONG}${Offset.CLOSE} 1`,
      `${rbCode.split('.')[0]} ${Direction.LONG}${Offset.OPEN} 2`,
      `${rbCode.split('.')[0]} ${Direction.SHORT}${Offset.CLOSETODAY} 1`,
    ].sort());
    expect(oms.getPosition('SIM', rbCode, Direction.LONG)).toMatchObject({ volume: 1, yd_volume: 0 });
  });
});

describe('strategies/futures-double-ma.ts', () => {
  it('trades IF on the SIM futures account: a cross opens a position', async () => {
    let now = Date.parse('2025-03-05T10:00:00+08:00');
    rig = await startStrategyRig({ now: () => now }, { 账户类型: '期货', 资金账号: 'fut-ma', '行情间隔(ms)': 50 });
    await waitFor(() => rig!.engine.oms.contracts.size > 0, 3000, 'contracts');
    const ifCode = nearest(rig, 'IF').vt_symbol;
    rig.strategies.add({
      name: 'if-ma', file: path.resolve(__dirname, '../../strategies/futures-double-ma.ts'), clock: { kind: 'driven' },
      params: { code: ifCode, fast: 2, slow: 3, lots: 1 },
    });
    await rig.strategies.start('if-ma');
    expect(await line(rig, 'if-ma', '期货双均线：')).toBe(`期货双均线：${ifCode} 快线 2 慢线 3，每次 1 手`);
    await waitFor(() => rig!.engine.oms.ticks.get(ifCode), 3000, 'IF ticks');
    // One strategy minute after another, each once a few quotes have printed, until a cross trades.
    const traded = () => linesOf(rig!, 'if-ma').find((l) => l.startsWith('成交 '));
    for (let minute = 1; minute <= 120 && !traded(); minute++) {
      const seen = rig.engine.oms.ticks.get(ifCode)!.datetime;
      await waitFor(() => rig!.engine.oms.ticks.get(ifCode)!.datetime !== seen, 3000, 'a new quote');
      now += 60_000;
      rig.strategies.setTime(now);
    }
    expect(traded()).toMatch(/^成交 1 手 @ [\d.]+/);
    // the first cross opens one lot, long or short; nothing was held before it to close
    const held = () => (rig!.engine.oms.getPosition('SIM', ifCode, Direction.LONG)?.volume ?? 0) + (rig!.engine.oms.getPosition('SIM', ifCode, Direction.SHORT)?.volume ?? 0);
    await waitFor(() => held() >= 1, 3000, 'a lot held');
    const opened = [...rig.engine.oms.orders.values()].filter((o) => o.reference === 'if-ma');
    expect(opened[0]).toMatchObject({ offset: Offset.OPEN, volume: 1 });
  });
});
