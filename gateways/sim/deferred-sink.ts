/**
 * Events from the exchange are queued and delivered on a microtask, so sendOrder's caller
 * has the vt_orderid in hand before the first update for it arrives, as with a real
 * counter's callbacks. Order is preserved: one queue for every kind of event.
 */
import type { GatewayEventSink } from '../../common/gateway-api';

export class DeferredSink implements GatewayEventSink {
  private queue: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly target: GatewayEventSink) {}

  private push(deliver: () => void): void {
    this.queue.push(deliver);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Deliver everything queued now (also used before close resolves). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const deliver of batch) {
      // A throwing handler must not drop the events behind it or, on a microtask, crash
      // the process; the engine's own handlers are expected not to throw at all.
      try {
        deliver();
      } catch (err) {
        console.error('SIM gateway: event handler failed', err);
      }
    }
  }

  onTick: GatewayEventSink['onTick'] = (v) => this.push(() => this.target.onTick(v));
  onOrder: GatewayEventSink['onOrder'] = (v) => this.push(() => this.target.onOrder(v));
  onTrade: GatewayEventSink['onTrade'] = (v) => this.push(() => this.target.onTrade(v));
  onPosition: GatewayEventSink['onPosition'] = (v) => this.push(() => this.target.onPosition(v));
  onAccount: GatewayEventSink['onAccount'] = (v) => this.push(() => this.target.onAccount(v));
  onContract: GatewayEventSink['onContract'] = (v) => this.push(() => this.target.onContract(v));
  onLog: GatewayEventSink['onLog'] = (msg, level) => this.push(() => this.target.onLog(msg, level));
  onStatus: GatewayEventSink['onStatus'] = (status, message) => this.push(() => this.target.onStatus(status, message));
  onCredit: GatewayEventSink['onCredit'] = (v) => this.push(() => this.target.onCredit(v));
  onCompact: GatewayEventSink['onCompact'] = (v) => this.push(() => this.target.onCompact(v));
  onCreditAsset: GatewayEventSink['onCreditAsset'] = (v) => this.push(() => this.target.onCreditAsset(v));
}
