import { describe, expect, it } from 'vitest';
import { BRIDGE_CONTRACT } from '../../../apps/registry';
import { rowEvent, streamEvent, windowMessage } from '../../../common/contract/contract-map';
import { watchlistContract } from '../../../common/contract/watchlist-contract';
import { EventCoalescer, flattenBatch } from '../../../common/event-coalescer';
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

  // A contract of its own: one row event, one stream, one window message.
  const events = { quote: rowEvent((q: { k: string }) => q.k), note: streamEvent<string>(), menu: windowMessage<string>() };
  const push = (c: EventCoalescer, event: string, payload: unknown) => c.push(event as never, payload as never);

  it('is pending with a row, a line or a window message alone', () => {
    for (const [event, payload] of [['quote', { k: 'a' }], ['note', 'n'], ['menu', 'm']] as const) {
      const c = new EventCoalescer(events);
      expect(c.pending).toBe(false);
      push(c, event, payload);
      expect([event, c.pending]).toEqual([event, true]);
    }
  });

  it('drains a list for each of the contract’s events (rows first, then lines), plus the window messages, and counts them all', () => {
    const c = new EventCoalescer(events);
    push(c, 'note', 'n1');
    push(c, 'menu', 'm1');
    push(c, 'quote', { k: 'a', v: 1 });
    push(c, 'quote', { k: 'a', v: 2 });
    push(c, 'menu', 'm2');
    const batch = c.drain();
    expect(batch).toEqual({ quote: [{ k: 'a', v: 2 }], note: ['n1'], other: [{ event: 'menu', payload: 'm1' }, { event: 'menu', payload: 'm2' }] });
    expect(Object.keys(batch)).toEqual(['quote', 'note', 'other']);
    expect(c.stats).toEqual({ received: 5, delivered: 4, flushes: 1 });
  });

  it('flattens a batch to [event, payload] pairs: rows, then lines, then window messages', () => {
    const c = new EventCoalescer(events);
    push(c, 'menu', 'm1');
    push(c, 'note', 'n1');
    push(c, 'quote', { k: 'b' });
    push(c, 'note', 'n2');
    push(c, 'quote', { k: 'a' });
    expect(flattenBatch(c.drain())).toEqual([
      ['quote', { k: 'b' }],
      ['quote', { k: 'a' }],
      ['note', 'n1'],
      ['note', 'n2'],
      ['menu', 'm1'],
    ]);
    expect(flattenBatch(c.drain())).toEqual([]);
  });

  it('keeps one watch list: every watchlist event is the same row', () => {
    const c = new EventCoalescer(watchlistContract.events);
    push(c, 'watchlist', { codes: ['600000.SSE'] });
    push(c, 'watchlist', { codes: ['600000.SSE', '000001.SZSE'] });
    expect(flattenBatch(c.drain())).toEqual([['watchlist', { codes: ['600000.SSE', '000001.SZSE'] }]]);
  });
});
