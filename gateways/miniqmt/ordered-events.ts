/**
 * The gateway's events leave in the order they were produced, a moment later: sendOrder
 * returns its id before the engine hears of the order, and a burst of sidecar lines costs
 * the engine one wake-up. `flush` delivers at once (before connect resolves, so contracts and
 * state are in the OMS when the engine marks the gateway connected).
 */
import type { GatewayEventSink } from '../../common/gateway-api';

type Delivery = (sink: GatewayEventSink) => void;

export class OrderedEvents {
  private queue: Delivery[] = [];
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly sink: GatewayEventSink,
    private readonly onFault: (error: unknown) => void,
  ) {}

  push(delivery: Delivery): void {
    this.queue.push(delivery);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.queue;
    this.queue = [];
    for (const deliver of batch) {
      try {
        deliver(this.sink);
      } catch (error) {
        // One bad handler must not drop the rest of the batch.
        this.onFault(error);
      }
    }
  }
}
