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
});
