import { describe, expect, it } from 'vitest';
import { BRIDGE_CONTRACT } from '../../../apps/registry';
import { EventCoalescer } from '../../../common/event-coalescer';
import type { LogData, TickData } from '../../../common/objects';
import { makeOrder } from '../../fixtures/objects';

const tick = (vt_symbol: string, last_price: number) => ({ vt_symbol, last_price }) as TickData;
const log = (msg: string) => ({ msg }) as LogData;

describe('EventCoalescer', () => {
  it('keeps only the latest state of each row between flushes', () => {
    const c = new EventCoalescer(BRIDGE_CONTRACT.events);
    c.push('tick', tick('600000.SSE', 10));
    c.push('tick', tick('000001.SZSE', 12));
    c.push('tick', tick('600000.SSE', 10.01));
    c.push('order', makeOrder({ orderid: '1', traded: 0 }));
    c.push('order', makeOrder({ orderid: '1', traded: 100 }));
    const b = c.drain();
    expect(b.tick.map((t) => [t.vt_symbol, t.last_price])).toEqual([
      ['000001.SZSE', 12],
      ['600000.SSE', 10.01],
    ]);
    expect(b.order).toHaveLength(1);
    expect(b.order[0]!.traded).toBe(100);
    expect(c.stats).toEqual({ received: 5, delivered: 3, flushes: 1 });
  });

  it('keeps every log line and command event, in order', () => {
    const c = new EventCoalescer(BRIDGE_CONTRACT.events);
    c.push('log', log('a'));
    c.push('panel-fill', { vt_symbol: '600000.SSE' });
    c.push('log', log('b'));
    const b = c.drain();
    expect(b.log.map((l) => l.msg)).toEqual(['a', 'b']);
    expect(b.other).toEqual([{ event: 'panel-fill', payload: { vt_symbol: '600000.SSE' } }]);
  });

  it('starts empty after a drain', () => {
    const c = new EventCoalescer(BRIDGE_CONTRACT.events);
    c.push('tick', tick('600000.SSE', 10));
    c.drain();
    expect(c.pending).toBe(false);
    expect(c.drain().tick).toEqual([]);
  });
});
