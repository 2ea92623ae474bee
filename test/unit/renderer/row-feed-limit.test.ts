/**
 * #11 item 19: the window's feeds that grow all day stay within their limit — the oldest rows
 * go, working orders never, and the grids hear which rows went.
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../../../common/constants';
import type { OrderData } from '../../../common/objects';
import { feeds, LOG_KEEP, ORDERS_KEEP, TRADES_KEEP } from '../../../renderer/src/state/feeds';
import { RowFeed } from '../../../renderer/src/state/row-feed';

interface Row { id: string; done: boolean }

function watched(feed: RowFeed<Row>) {
  const seen = { batches: [] as string[][], removed: [] as string[][] };
  feed.listen({ onReset: () => undefined, onBatch: (rows) => seen.batches.push(rows.map((r) => r.id)), onRemove: (rows) => seen.removed.push(rows.map((r) => r.id)) });
  return seen;
}

describe('RowFeed with a limit', () => {
  it('drops the oldest rows past the limit and tells its listeners', () => {
    const feed = new RowFeed<Row>((r) => r.id, { max: 3 });
    const seen = watched(feed);
    feed.apply(['a', 'b', 'c'].map((id) => ({ id, done: true })));
    feed.apply([{ id: 'd', done: true }, { id: 'e', done: true }]);
    expect([...feed.rows.keys()]).toEqual(['c', 'd', 'e']);
    expect(seen.removed).toEqual([['a', 'b']]);
    expect(seen.batches).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });

  it('keeps rows that may not go, whatever their age, and an update keeps a row in its place', () => {
    const feed = new RowFeed<Row>((r) => r.id, { max: 2, evictable: (r) => r.done });
    const seen = watched(feed);
    feed.apply([{ id: 'working', done: false }, { id: 'x', done: true }]);
    feed.apply([{ id: 'working', done: false }, { id: 'y', done: true }]);
    expect([...feed.rows.keys()]).toEqual(['working', 'y']);
    expect(seen.removed).toEqual([['x']]);
    // Only rows that may not go: more than the limit is kept rather than losing one.
    feed.apply([{ id: 'w2', done: false }, { id: 'w3', done: false }]);
    expect([...feed.rows.keys()]).toEqual(['working', 'w2', 'w3']);
  });

  it('does not pass on a row of the same batch that the limit dropped at once', () => {
    const feed = new RowFeed<Row>((r) => r.id, { max: 2 });
    const seen = watched(feed);
    feed.apply(['a', 'b', 'c', 'd'].map((id) => ({ id, done: true })));
    expect(seen.batches).toEqual([['c', 'd']]);
    expect(seen.removed).toEqual([['a', 'b']]);
  });

  it('applies the limit to a snapshot too', () => {
    const feed = new RowFeed<Row>((r) => r.id, { max: 2 });
    feed.reset(['a', 'b', 'c'].map((id) => ({ id, done: true })));
    expect([...feed.rows.keys()]).toEqual(['b', 'c']);
  });
});

describe("the window's feeds", () => {
  it('bound 日志, 成交 and finished 委托, never working orders', () => {
    const order = (i: number, status: Status) => ({ vt_orderid: `O.${i}`, status }) as OrderData;
    feeds.orders.reset([order(0, Status.NOTTRADED), ...Array.from({ length: ORDERS_KEEP + 5 }, (_, i) => order(i + 1, Status.ALLTRADED))]);
    expect(feeds.orders.rows.size).toBe(ORDERS_KEEP);
    expect(feeds.orders.rows.has('O.0')).toBe(true);
    expect(feeds.orders.rows.has('O.1')).toBe(false);
    feeds.logs.reset(Array.from({ length: LOG_KEEP + 1 }, (_, i) => ({ seq: i, msg: '', level: 'INFO', datetime: 0, gateway_name: '' }) as never));
    expect(feeds.logs.rows.size).toBe(LOG_KEEP);
    feeds.trades.reset(Array.from({ length: TRADES_KEEP + 1 }, (_, i) => ({ vt_tradeid: `T.${i}` }) as never));
    expect(feeds.trades.rows.size).toBe(TRADES_KEEP);
  });
});
