/** The one deferred, ordered event sink both built-in gateways deliver through. */
import { describe, expect, it } from 'vitest';
import { GatewayStatus, LogLevel } from '../../../common/constants';
import { DeferredSink, onMicrotask, type Schedule } from '../../../common/deferred-sink';
import type { GatewayEventSink } from '../../../common/gateway-api';
import type { AccountData, OrderData, TradeData } from '../../../common/objects';
import { makeAccount, makeOrder, makeTrade } from '../../fixtures/objects';

/** A target that records every call as [kind, payload], and may throw on one kind. */
function recorder(throwOn?: string) {
  const calls: [string, unknown][] = [];
  const rec = (kind: string) => (payload: unknown) => {
    calls.push([kind, payload]);
    if (kind === throwOn) throw new Error(`${kind} handler failed`);
  };
  const target = {
    onTick: rec('tick'), onOrder: rec('order'), onTrade: rec('trade'), onPosition: rec('position'), onAccount: rec('account'),
    onContract: rec('contract'), onLog: (msg: string, level?: LogLevel) => rec('log')([msg, level]), onStatus: (s: GatewayStatus, m?: string) => rec('status')([s, m]),
    onCredit: rec('credit'), onCompact: rec('compact'), onCreditAsset: rec('credit-asset'),
  } as GatewayEventSink;
  return { calls, target };
}

/** A schedule run by hand: counts how often a delivery was asked for and cancelled. */
function manual() {
  const runs: (() => void)[] = [];
  let cancelled = 0;
  const schedule: Schedule = (run) => {
    runs.push(run);
    return () => cancelled++;
  };
  return { schedule, runs, cancelled: () => cancelled };
}

describe('DeferredSink', () => {
  const order = makeOrder({ orderid: '1' }) as OrderData;
  const trade = makeTrade({ tradeid: 't1' }) as TradeData;
  const account = makeAccount(100) as AccountData;

  it('holds events until the scheduled delivery, then delivers every kind in the order it came', () => {
    const { calls, target } = recorder();
    const m = manual();
    const sink = new DeferredSink(target, { schedule: m.schedule, onFault: () => undefined });
    sink.onOrder(order);
    sink.onLog('x', LogLevel.WARNING);
    sink.onTrade(trade);
    sink.onAccount(account);
    sink.onStatus(GatewayStatus.CONNECTED, 'ok');
    expect(calls).toEqual([]);
    expect(m.runs).toHaveLength(1); // one delivery for the whole burst
    m.runs[0]!();
    expect(calls.map(([k]) => k)).toEqual(['order', 'log', 'trade', 'account', 'status']);
    expect(calls[1]![1]).toEqual(['x', LogLevel.WARNING]);
    // The next event asks for a new delivery.
    sink.onOrder(order);
    expect(m.runs).toHaveLength(2);
  });

  it('flush delivers now and calls off the scheduled delivery; clear drops what is queued', () => {
    const { calls, target } = recorder();
    const m = manual();
    const sink = new DeferredSink(target, { schedule: m.schedule, onFault: () => undefined });
    sink.onOrder(order);
    sink.flush();
    expect(calls).toHaveLength(1);
    expect(m.cancelled()).toBe(1);
    sink.onTrade(trade);
    expect(sink.pending).toBe(1);
    sink.clear();
    expect(sink.pending).toBe(0);
    expect(m.cancelled()).toBe(2);
    sink.flush();
    expect(calls).toHaveLength(1);
  });

  it('a throwing handler is reported and the events behind it are still delivered', () => {
    const { calls, target } = recorder('order');
    const faults: unknown[] = [];
    const sink = new DeferredSink(target, { schedule: manual().schedule, onFault: (e) => faults.push(e) });
    sink.onOrder(order);
    sink.onTrade(trade);
    sink.flush();
    expect(calls.map(([k]) => k)).toEqual(['order', 'trade']);
    expect(faults).toEqual([new Error('order handler failed')]);
  });

  it('onMicrotask delivers after the current task, before a timer', async () => {
    const { calls, target } = recorder();
    const sink = new DeferredSink(target, { schedule: onMicrotask, onFault: () => undefined });
    const seen: string[] = [];
    setTimeout(() => seen.push(`timer after ${calls.length}`), 0);
    sink.onOrder(order);
    expect(calls).toHaveLength(0);
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['timer after 1']);
  });

  it('forwards every kind of event with its payload', () => {
    const { calls, target } = recorder();
    const sink = new DeferredSink(target, { schedule: manual().schedule, onFault: () => undefined });
    const p = (kind: string) => ({ kind });
    sink.onTick(p('tick') as never);
    sink.onOrder(p('order') as never);
    sink.onTrade(p('trade') as never);
    sink.onPosition(p('position') as never);
    sink.onAccount(p('account') as never);
    sink.onContract(p('contract') as never);
    sink.onLog('日志', LogLevel.ERROR);
    sink.onStatus(GatewayStatus.ERROR, '断线');
    sink.onCredit(p('credit') as never);
    sink.onCompact(p('compact') as never);
    sink.onCreditAsset(p('credit-asset') as never);
    sink.flush();
    expect(calls).toEqual([
      ['tick', p('tick')], ['order', p('order')], ['trade', p('trade')], ['position', p('position')], ['account', p('account')],
      ['contract', p('contract')], ['log', ['日志', LogLevel.ERROR]], ['status', [GatewayStatus.ERROR, '断线']],
      ['credit', p('credit')], ['compact', p('compact')], ['credit-asset', p('credit-asset')],
    ]);
  });
});

describe('onMicrotask', () => {
  it('runs once after the current task, and not at all once called off', async () => {
    let ran = 0;
    onMicrotask(() => ran++);
    const callOff = onMicrotask(() => (ran += 100));
    callOff();
    expect(ran).toBe(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(ran).toBe(1);
  });
});
