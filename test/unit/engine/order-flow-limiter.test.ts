import { describe, expect, it } from 'vitest';
import { OrderFlowLimiter } from '../../../electron/engine/risk/order-flow-limiter';

describe('OrderFlowLimiter', () => {
  it('allows `limit` orders per window and frees a slot as the oldest leaves it', () => {
    const limiter = new OrderFlowLimiter(3, 1000);
    for (const t of [0, 100, 200]) {
      expect(limiter.allows(t)).toBe(true);
      limiter.record(t);
    }
    expect(limiter.allows(999)).toBe(false);
    expect(limiter.allows(1000)).toBe(true);
    limiter.record(1000);
    expect(limiter.allows(1099)).toBe(false);
    expect(limiter.allows(1100)).toBe(true);
  });

  it('refuses everything when the limit is 0', () => {
    expect(new OrderFlowLimiter(0, 1000).allows(0)).toBe(false);
  });

  it('keeps memory to the orders still in the window, however many were sent before', () => {
    // 10 orders per 10 ms, one order a millisecond for 5,000 ms: all allowed, and the queue
    // of send times is compacted instead of growing with every order ever sent.
    const limiter = new OrderFlowLimiter(10, 10);
    let refused = 0;
    for (let t = 0; t < 5_000; t++) {
      if (!limiter.allows(t)) refused++;
      limiter.record(t);
    }
    expect(refused).toBe(0);
    expect(limiter.allows(5_000)).toBe(true);
    const kept = (limiter as unknown as { times: number[] }).times.length;
    expect(kept).toBeLessThan(2 * 1024 + 10);
  });

  it('a window reconfigured shorter frees the slots of orders now outside it', () => {
    const limiter = new OrderFlowLimiter(2, 1000);
    limiter.record(0);
    limiter.record(10);
    expect(limiter.allows(500)).toBe(false);
    limiter.configure(2, 100);
    expect(limiter.allows(500)).toBe(true);
    limiter.configure(0, 100);
    expect(limiter.allows(500)).toBe(false);
  });
});
