/**
 * Isolation: a strategy that throws in every callback is logged (name, stack, its own line)
 * and goes on until its error limit, an endless loop is killed after the callback limit
 * and marked 出错 with its working order cancelled, a memory hog is stopped by its worker's
 * heap limit — and meanwhile a well-behaved strategy keeps trading and the engine keeps
 * taking manual orders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { orderRequestOf } from '../../common/bridge-contract';
import { Direction, LogLevel, OrderType, Status } from '../../common/constants';
import { StrategyStatus } from '../../apps/strategy-manager/engine';
import { waitFor } from './harness';
import { linesOf, startStrategyRig, type StrategyRig } from './strategy-helpers';

let rig: StrategyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const GOOD = `
  function process_initialize() { subscribe('600036.XSHG'); }
  function on_tick(context: unknown, tick: { code: string; ask_price_1: number }) {
    order(tick.code, 100, LimitOrderStyle(tick.ask_price_1));
  }
`;

const THROWER = `
  let ticks = 0;
  function process_initialize() { subscribe('600036.SH'); }
  function on_tick() {
    ticks++;
    log.info('tick ' + ticks);
    throw new Error('boom ' + ticks); // line 7
  }
`;

const LOOPER = `
  let ticks = 0;
  function process_initialize() { subscribe('600036.SS'); }
  function on_tick(context: unknown, tick: { code: string; limit_down: number }) {
    ticks++;
    if (ticks === 1) order(tick.code, 100, LimitOrderStyle(tick.limit_down));
    if (ticks === 3) for (;;) { /* endless */ }
  }
`;

const HOG = `
  const hoard: number[][] = [];
  function process_initialize() { subscribe('600036'); }
  function on_tick() { for (let i = 0; i < 200; i++) hoard.push(new Array(100000).fill(i)); }
`;

describe('a bad strategy stops only itself', () => {
  it('throwing, looping and memory-hungry strategies are contained while another keeps trading', async () => {
    rig = await startStrategyRig();
    const s = rig.strategies;
    s.add({ name: 'good', file: rig.file('good.ts', GOOD) });
    s.add({ name: 'thrower', file: rig.file('thrower.ts', THROWER), max_errors: 3 });
    s.add({ name: 'looper', file: rig.file('looper.ts', LOOPER), callback_timeout_ms: 300 });
    s.add({ name: 'hog', file: rig.file('hog.ts', HOG), memory_mb: 32 });
    for (const name of ['good', 'thrower', 'looper', 'hog']) await s.start(name);

    // The thrower went on after each exception until the limit, each one logged with its stack.
    await waitFor(() => s.status('thrower').status === StrategyStatus.ERROR, 5000, 'thrower stopped');
    expect(s.status('thrower')).toMatchObject({ errors: 3, message: expect.stringMatching(/3 次.*上限/) });
    const thrown = rig.logs.filter((l) => l.gateway_name === 'thrower' && l.level === LogLevel.ERROR && l.msg.includes('boom'));
    expect(thrown).toHaveLength(3);
    expect(thrown[0]!.msg).toMatch(/on_tick 出错/);
    expect(thrown[0]!.msg).toMatch(/thrower\.ts:7:/);
    expect(linesOf(rig, 'thrower').filter((l) => /^tick \d$/.test(l))).toEqual(['tick 1', 'tick 2', 'tick 3']);

    // The endless loop was killed after its 300 ms limit and its working order cancelled.
    await waitFor(() => s.status('looper').status === StrategyStatus.ERROR, 5000, 'looper killed');
    expect(s.status('looper').message).toMatch(/on_tick 运行超过 300 ms/);
    const looperOrder = s.orders('looper')[0]!;
    await waitFor(() => rig!.engine.oms.orders.get(looperOrder.vt_orderid)?.status === Status.CANCELLED, 3000, 'looper order cancelled');

    await waitFor(() => s.status('hog').status === StrategyStatus.ERROR, 15000, 'hog stopped');
    expect(s.status('hog').message).toMatch(/内存/);

    // The good strategy trades on, and the engine still takes orders.
    const before = s.trades('good').length;
    await waitFor(() => s.trades('good').length >= before + 3, 5000, 'good keeps trading');
    expect(s.status('good').status).toBe(StrategyStatus.RUNNING);
    expect(s.status('good').errors).toBe(0);
    const tick = rig.engine.oms.ticks.get('600036.SSE')!;
    const manual = rig.engine.main.sendOrder(orderRequestOf({ direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: tick.ask_price_1 }, rig.engine.main.lookupContract('600036')));
    await waitFor(() => rig!.engine.oms.orders.get(manual)?.status === Status.ALLTRADED, 3000, 'manual fill');

    // A failed strategy can be started again.
    s.update('looper', { callback_timeout_ms: 5000, file: rig.file('looper2.ts', GOOD) });
    expect((await s.start('looper')).status).toBe(StrategyStatus.RUNNING);
  }, 40_000);
});
