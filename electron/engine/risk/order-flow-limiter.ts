/**
 * Sliding-window order-rate limit: at most `limit` orders in any `windowMs`. It keeps only
 * the send times still inside the window (a queue with a moving head), so memory follows
 * the actual order rate, not the configured limit (which may be huge to mean "no limit").
 */
export class OrderFlowLimiter {
  private times: number[] = [];
  private head = 0;

  constructor(
    private limit: number,
    private windowMs: number,
  ) {}

  configure(limit: number, windowMs: number): void {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Whether one more order at time `now` stays within the limit. */
  allows(now: number): boolean {
    if (this.limit <= 0) return false;
    this.evict(now);
    return this.times.length - this.head < this.limit;
  }

  /** Record an order sent at `now`. */
  record(now: number): void {
    this.times.push(now);
  }

  private evict(now: number): void {
    const times = this.times;
    let head = this.head;
    while (head < times.length && now - times[head]! >= this.windowMs) head++;
    // Compact now and then so the array does not grow without bound.
    if (head > 1024 && head * 2 > times.length) {
      this.times = times.slice(head);
      head = 0;
    }
    this.head = head;
  }
}
