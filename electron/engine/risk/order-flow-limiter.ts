/**
 * Sliding-window order-rate limit: at most `limit` orders in any `windowMs`. A ring of the
 * last `limit` send times answers in O(1) without allocating per order.
 */
export class OrderFlowLimiter {
  private ring: Float64Array;
  private next = 0;
  private count = 0;

  constructor(
    private limit: number,
    private windowMs: number,
  ) {
    this.ring = new Float64Array(Math.max(1, limit));
  }

  configure(limit: number, windowMs: number): void {
    if (limit === this.limit && windowMs === this.windowMs) return;
    this.limit = limit;
    this.windowMs = windowMs;
    this.ring = new Float64Array(Math.max(1, limit));
    this.next = 0;
    this.count = 0;
  }

  /** Whether one more order at time `now` stays within the limit. */
  allows(now: number): boolean {
    if (this.limit <= 0) return false;
    if (this.count < this.limit) return true;
    // The oldest of the last `limit` orders must have left the window.
    return now - this.ring[this.next]! >= this.windowMs;
  }

  /** Record an order sent at `now`. */
  record(now: number): void {
    this.ring[this.next] = now;
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.limit) this.count++;
  }
}
