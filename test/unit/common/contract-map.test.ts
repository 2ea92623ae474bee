/**
 * Joining the bridge contract's parts: every name once, with the feature that declared it;
 * window messages kept apart from the engine's events; a request name recognised only as an
 * own property. Joined inside each test, so mutation testing sees it.
 */
import { describe, expect, it } from 'vitest';
import { combineContracts, defineContract, DuplicateContractError, isRequestOf, rowEvent, streamEvent, windowMessage } from '../../../common/contract/contract-map';
import { s } from '../../../common/schema';

const orders = defineContract({
  feature: '委托',
  requests: { 'order/send': s.object({}), 'order/cancel': s.object({}) },
  events: { order: rowEvent((o: { id: string }) => o.id), log: streamEvent<string>() },
});
const windows = defineContract({
  feature: '窗口',
  requests: { 'window/open': s.object({}) },
  events: { 'panel-fill': windowMessage<unknown>(), tick: rowEvent((t: { s: string }) => t.s), menu: windowMessage<unknown>() },
});

describe('combineContracts', () => {
  it('keeps each request and event with the feature that declared it', () => {
    const c = combineContracts([orders, windows]);
    expect(Object.keys(c.requests)).toEqual(['order/send', 'order/cancel', 'window/open']);
    expect([...c.owners]).toEqual([
      ['order/send', '委托'],
      ['order/cancel', '委托'],
      ['window/open', '窗口'],
      ['order', '委托'],
      ['log', '委托'],
      ['panel-fill', '窗口'],
      ['tick', '窗口'],
      ['menu', '窗口'],
    ]);
  });

  it('lists the events in declaration order, window messages apart from the engine’s events', () => {
    const c = combineContracts([orders, windows]);
    expect(c.eventNames).toEqual(['order', 'log', 'panel-fill', 'tick', 'menu']);
    expect(c.engineEventNames).toEqual(['order', 'log', 'tick']);
    expect(c.windowMessageNames).toEqual(['panel-fill', 'menu']);
  });

  it('throws a DuplicateContractError that names the kind, the name and both features', () => {
    const again = defineContract({ feature: '策略', requests: {}, events: { tick: streamEvent<number>() } });
    let thrown: unknown;
    try {
      combineContracts([orders, windows, again]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DuplicateContractError);
    expect(thrown).toMatchObject({ name: 'DuplicateContractError', kind: 'event', duplicate: 'tick', features: ['窗口', '策略'], message: '桥接协议中的事件“tick”重复：由“窗口”和“策略”同时声明' });
  });
});

describe('isRequestOf', () => {
  it('is a declared request name, not an inherited property, not another type', () => {
    const c = combineContracts([orders]);
    expect(isRequestOf(c, 'order/send')).toBe(true);
    expect(isRequestOf(c, 'order/nope')).toBe(false);
    expect(isRequestOf(c, 'toString')).toBe(false);
    expect(isRequestOf(c, '__proto__')).toBe(false);
    expect(isRequestOf(c, 42)).toBe(false);
    expect(isRequestOf(c, ['order/send'])).toBe(false);
  });
});
