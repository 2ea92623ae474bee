/**
 * A gateway's events, held and delivered later in one batch, in the order they came (one
 * queue for every kind). Gateways use it for two reasons that come to the same thing:
 * the SIM exchange so that sendOrder's caller has the vt_orderid in hand before the first
 * update for it arrives (as with a real counter's callbacks); the native binding because a
 * counter's callback holds the counter's thread until it returns, so it only copies and
 * queues, and a burst of fills costs the engine one wake-up, not one each.
 *
 * When a batch is delivered is the gateway's choice (`schedule`): a microtask, the next
 * event-loop turn, … A throwing handler is reported to `onFault` and does not drop the
 * events queued behind it.
 */
import type { GatewayEventSink } from './gateway-api';

/** Arrange for `run` to be called soon; returns a function that calls it off. */
export type Schedule = (run: () => void) => () => void;

/** Deliver at the end of the current task (before any timer or I/O callback). */
export const onMicrotask: Schedule = (run) => {
  let live = true;
  queueMicrotask(() => {
    if (live) run();
  });
  return () => {
    live = false;
  };
};

export interface DeferredSinkOptions {
  schedule: Schedule;
  /** a handler threw while a batch was delivered */
  onFault(error: unknown): void;
}

export class DeferredSink implements GatewayEventSink {
  private queue: (() => void)[] = [];
  private cancel: (() => void) | undefined;

  constructor(
    private readonly target: GatewayEventSink,
    private readonly opts: DeferredSinkOptions,
  ) {}

  private push(deliver: () => void): void {
    this.queue.push(deliver);
    this.cancel ??= this.opts.schedule(() => this.flush());
  }

  /** Deliver everything queued now (before a state change the engine must see in order, or before close resolves). */
  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    const batch = this.queue;
    this.queue = [];
    for (const deliver of batch) {
      try {
        deliver();
      } catch (error) {
        this.opts.onFault(error);
      }
    }
  }

  /** Drop what is queued (closing: the engine is told the gateway is gone instead). */
  clear(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.queue = [];
  }

  /** Events waiting for the next delivery. */
  get pending(): number {
    return this.queue.length;
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
