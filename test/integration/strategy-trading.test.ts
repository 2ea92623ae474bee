/**
 * Strategies in workers against the real engine and SIM: order ids come back at once and
 * are the ids later fills carry; get_orders filters in the worker; run_daily on a driven
 * clock (lunch break, every_minute, run_daily refused outside process_initialize);
 * cancel-on-stop; settings persisted in strategies.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Status } from '../../common/constants';
import { StrategyEngine, StrategyStatus } from '../../apps/strategy-manager/engine';
import { waitFor } from './harness';
import { linesOf, startStrategyRig, type StrategyRig } from './strategy-helpers';

let rig: StrategyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const cst = (day: string, hms: string): number => Date.parse(`${day}T${hms}+08:00`);

describe('strategy orders', () => {
  it('returns ids at once, matches them to fills, and filters get_orders', async () => {
    rig = await startStrategyRig();
    const file = rig.file('ids.ts', `
      const ids: string[] = [];
      function process_initialize() { subscribe('600000.XSHG'); }
      function on_tick(context: unknown, tick: { code: string; ask_price_1: number; limit_down: number }) {
        if (ids.length) return;
        // At the limit-up price it fills at once whatever the book did since this tick (at 卖1 the
        // quote could move first, and then it rested and filled after the second order was open).
        ids.push(order(tick.code, 100, LimitOrderStyle(tick.limit_up)));
        ids.push(order('SH600000', 100, LimitOrderStyle(tick.limit_down)));
        log.info('ids ' + ids.join(' ') + ' ' + get_orders(ids[0])[0].status + ' ' + get_orders().length);
      }
      function on_trade(context: unknown, t: { order_id: string; amount: number }) { log.info('trade ' + t.order_id + ' ' + t.amount); }
      function on_order(context: unknown, o: { order_id: string; status: string }) {
        if (o.order_id !== ids[1] || o.status !== 'open') return;
        const pick = (list: { order_id: string }[]) => list.map((x) => ids.indexOf(x.order_id)).join(',');
        log.info('filters ' + [
          pick(get_orders()), pick(get_orders({ status: 'open' })), pick(get_orders({ status: 'filled' })),
          pick(get_orders(null, '600000.SS')), pick(get_orders(null, '000001.XSHE')),
          pick(get_orders(ids[0], null, 'open')), pick(get_orders(ids[1], '600000', 'open')),
        ].join('|'));
      }
    `);
    rig.strategies.add({ name: 'ids', file });
    await rig.strategies.start('ids');
    const first = await waitFor(() => linesOf(rig!, 'ids').find((l) => l.startsWith('ids ')), 5000, 'ids line');
    const [, filledId, restingId, statusAtOnce, count] = first.split(' ');
    // Returned at once: before the engine answered, the order exists with status "new".
    expect(statusAtOnce).toBe('new');
    expect(count).toBe('2');
    const tradeLine = await waitFor(() => linesOf(rig!, 'ids').find((l) => l.startsWith('trade ')), 5000, 'trade line');
    expect(tradeLine).toBe(`trade ${filledId} 100`);
    expect(await waitFor(() => linesOf(rig!, 'ids').find((l) => l.startsWith('filters ')), 5000, 'filters')).toBe('filters 0,1|1|0|0,1|||1');

    // The engine's view names the same ids, and the OMS trade belongs to the first one.
    const orders = rig.strategies.orders('ids');
    expect(orders.map((o) => o.order_id).sort()).toEqual([filledId, restingId].sort());
    const filled = orders.find((o) => o.order_id === filledId)!;
    expect(filled.status).toBe(Status.ALLTRADED);
    expect(filled.reference).toBe('ids');
    expect(rig.strategies.trades('ids').map((t) => t.vt_orderid)).toEqual([filled.vt_orderid]);

    // cancel_on_stop (default true) cancels the resting one.
    const resting = orders.find((o) => o.order_id === restingId)!;
    expect(rig.engine.oms.activeOrders.has(resting.vt_orderid)).toBe(true);
    const info = await rig.strategies.stop('ids');
    expect(info.status).toBe(StrategyStatus.STOPPED);
    await waitFor(() => rig!.engine.oms.orders.get(resting.vt_orderid)?.status === Status.CANCELLED, 3000, 'cancel on stop');
  });

  it('leaves working orders alone on stop when cancel_on_stop is false; a bad order is rejected, not thrown', async () => {
    rig = await startStrategyRig();
    const file = rig.file('keep.js', `
      let done = false;
      function process_initialize() { subscribe('000001.XSHE'); }
      function on_tick(context, tick) {
        if (done) return; done = true;
        order(tick.code, 100, LimitOrderStyle(tick.limit_down));
        const bad = order(tick.code, 150, LimitOrderStyle(tick.limit_down));
        log.info('bad ' + bad);
      }
      function on_order(context, o) { if (o.status === 'rejected') log.info('rejected ' + o.order_id + ' ' + o.err_msg); }
    `);
    rig.strategies.add({ name: 'keep', file, cancel_on_stop: false });
    await rig.strategies.start('keep');
    const badId = (await waitFor(() => linesOf(rig!, 'keep').find((l) => l.startsWith('bad ')), 5000, 'bad')).slice(4);
    const rejected = await waitFor(() => linesOf(rig!, 'keep').find((l) => l.startsWith('rejected ')), 5000, 'rejected');
    expect(rejected).toContain(badId);
    expect(rejected).toMatch(/100/);
    const working = await waitFor(() => rig!.strategies.orders('keep').find((o) => o.status === Status.NOTTRADED), 3000, 'working');
    await rig.strategies.stop('keep');
    // A cancel sent at stop would reach SIM before a probe order sent and cancelled after it:
    // once the probe's cancellation is back, the kept order's would have been too.
    const main = rig.engine.main;
    const { symbol, exchange, direction, type, price, offset } = working;
    const probe = main.sendOrder({ symbol, exchange, direction, type, price, offset, volume: 100, reference: 'probe' });
    await waitFor(() => rig!.engine.oms.orders.get(probe)?.status === Status.NOTTRADED, 3000, 'probe working');
    main.cancelOrder(probe);
    await waitFor(() => rig!.engine.oms.orders.get(probe)?.status === Status.CANCELLED, 3000, 'probe cancelled');
    expect(rig.engine.oms.orders.get(working.vt_orderid)!.status).toBe(Status.NOTTRADED);
  });
});

describe('run_daily in a worker on a driven clock', () => {
  it('fires every_minute around the lunch break, before_trading_start on an intraday start, and refuses run_daily later', async () => {
    let simNow = cst('2025-01-06', '11:28:30');
    rig = await startStrategyRig({ now: () => simNow });
    const file = rig.file('clock.ts', `
      const hm = (d: Date) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(11, 16);
      function process_initialize() {
        run_daily((c: { strategy_dt: Date }) => log.info('minute ' + hm(c.strategy_dt)), 'every_minute');
        run_daily((c: { strategy_dt: Date }) => log.info('close ' + hm(c.strategy_dt)), 'close');
        run_daily(() => {
          try { run_daily(() => 0, '10:00:00'); } catch (e) { log.info('refused ' + (e as Error).message); }
        }, '13:00:30');
      }
      function before_trading_start(c: { current_dt: Date }) { log.info('before ' + hm(c.current_dt)); }
      function after_trading_end() { log.info('after'); }
    `);
    rig.strategies.add({ name: 'clock', file, clock: { kind: 'driven' } });
    await rig.strategies.start('clock');
    await waitFor(() => linesOf(rig!, 'clock').includes('before 11:28'), 3000, 'before_trading_start');
    simNow = cst('2025-01-06', '13:01:30');
    rig.strategies.setTime(simNow);
    await waitFor(() => linesOf(rig!, 'clock').some((l) => l.startsWith('refused')), 3000, 'refused');
    expect(linesOf(rig, 'clock').filter((l) => l.startsWith('minute'))).toEqual(['minute 11:29', 'minute 13:00', 'minute 13:01']); // 11:28:00 was before the start
    expect(linesOf(rig, 'clock').find((l) => l.startsWith('refused'))).toMatch(/只能在 process_initialize 中调用/);
    rig.strategies.setTime(cst('2025-01-06', '15:45:00'));
    await waitFor(() => linesOf(rig!, 'clock').includes('after'), 3000, 'after_trading_end');
    const minutes = linesOf(rig, 'clock').filter((l) => l.startsWith('minute'));
    expect(minutes).toHaveLength(3 + 118); // 13:02 … 14:59, and nothing at 15:00
    expect(minutes.at(-1)).toBe('minute 14:59');
    expect(linesOf(rig, 'clock')).toContain('close 15:00');
  });
});

describe('get_orders over days', () => {
  it('is the day\'s orders: a task running into the next day forgets the orders done yesterday, keeps one still working', async () => {
    let simNow = cst('2025-01-06', '10:00:00');
    rig = await startStrategyRig({ now: () => simNow });
    const file = rig.file('days.ts', `
      let sent = false;
      function process_initialize() { subscribe('600000.XSHG'); }
      function on_tick(context: unknown, tick: { code: string; limit_up: number; limit_down: number }) {
        if (sent) return;
        sent = true;
        order(tick.code, 100, LimitOrderStyle(tick.limit_up));   // fills at once
        order(tick.code, 100, LimitOrderStyle(tick.limit_down)); // rests
      }
      function on_order(context: unknown, o: { status: string }) { log.info('order ' + o.status + ' ' + get_orders().length); }
      function before_trading_start() {
        log.info('before ' + get_orders().map((o: { status: string }) => o.status).join(','));
      }
    `);
    rig.strategies.add({ name: 'days', file, clock: { kind: 'driven' } });
    await rig.strategies.start('days');
    await waitFor(() => linesOf(rig!, 'days').some((l) => l.startsWith('order filled')), 5000, 'a fill');
    await waitFor(() => linesOf(rig!, 'days').some((l) => l.startsWith('order open')), 5000, 'a resting order');
    expect(linesOf(rig, 'days').filter((l) => l.startsWith('before'))).toEqual(['before ']); // the intraday start's preparation ran first
    simNow = cst('2025-01-07', '09:00:30');
    rig.strategies.setTime(simNow);
    const next = await waitFor(() => linesOf(rig!, 'days').filter((l) => l.startsWith('before')).at(1), 5000, 'the next day');
    expect(next).toBe('before open');
  });
});

describe('a strategy that cannot start', () => {
  it('reports a syntax error with its line, and an exception in process_initialize, as 出错', async () => {
    rig = await startStrategyRig();
    rig.strategies.add({ name: 'syntax', file: rig.file('syntax.ts', 'function on_tick() {\n  const x = ;\n}\n') });
    await expect(rig.strategies.start('syntax')).rejects.toThrow(/第 2 行/);
    expect(rig.strategies.status('syntax').status).toBe(StrategyStatus.ERROR);

    rig.strategies.add({ name: 'init', file: rig.file('init.js', 'function process_initialize() { run_daily(() => 0, "25:00:00"); }') });
    await expect(rig.strategies.start('init')).rejects.toThrow(/启动失败/);
    expect(rig.strategies.status('init')).toMatchObject({ status: StrategyStatus.ERROR, message: expect.stringMatching(/初始化失败.*超出范围/) });
    expect(rig.strategies.status('init').threadId).toBe(null);
  });
});

describe('strategies.json', () => {
  it('persists settings, and a corrupt file is moved aside and reported', async () => {
    rig = await startStrategyRig();
    const file = rig.file('p.js', 'function on_tick() {}');
    rig.strategies.add({ name: '双均线', file, params: { fast: 5 }, max_errors: 3, cancel_on_stop: false });
    expect(() => rig!.strategies.add({ name: '双均线', file })).toThrow(/已存在/);
    const again = new StrategyEngine({ port: rig.engine.trading, dir: rig.dir });
    expect(again.list().map((i) => [i.settings.name, i.settings.params, i.settings.max_errors, i.settings.cancel_on_stop, i.status])).toEqual([
      ['双均线', { fast: 5 }, 3, false, StrategyStatus.STOPPED],
    ]);
    await again.close();

    fs.writeFileSync(path.join(rig.dir, 'strategies.json'), '{ not json');
    const third = new StrategyEngine({ port: rig.engine.trading, dir: rig.dir });
    expect(third.list()).toEqual([]);
    expect(fs.readdirSync(rig.dir).some((f) => f.startsWith('strategies.json.corrupt-'))).toBe(true);
    expect(rig.logs.some((l) => l.msg.includes('策略列表文件无法解析'))).toBe(true);
    await third.close();
  });
});
