/**
 * Counter callbacks hold the counter's thread until they return, so they only copy and
 * queue; the engine hears of it a moment later, in one batch per event-loop turn (a burst of
 * fills costs one wake-up, not one each). Order is preserved: one queue for every kind.
 */
import type { GatewayEventSink } from '../../common/gateway-api';
import type { AccountData, ContractData, OrderData, PositionData, TickData, TradeData } from '../../common/objects';

type Entry =
  | { kind: 'order'; value: OrderData }
  | { kind: 'trade'; value: TradeData }
  | { kind: 'position'; value: PositionData }
  | { kind: 'account'; value: AccountData }
  | { kind: 'contract'; value: ContractData }
  | { kind: 'tick'; value: TickData };

export class EventQueue {
  private entries: Entry[] = [];
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly target: GatewayEventSink,
    private readonly onFault: (error: unknown) => void,
  ) {}

  order(value: OrderData): void {
    this.push({ kind: 'order', value });
  }
  trade(value: TradeData): void {
    this.push({ kind: 'trade', value });
  }
  position(value: PositionData): void {
    this.push({ kind: 'position', value });
  }
  account(value: AccountData): void {
    this.push({ kind: 'account', value });
  }
  contract(value: ContractData): void {
    this.push({ kind: 'contract', value });
  }
  tick(value: TickData): void {
    this.push({ kind: 'tick', value });
  }

  private push(entry: Entry): void {
    this.entries.push(entry);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Deliver everything queued now (also before a state change the engine must see in order). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.entries;
    this.entries = [];
    const t = this.target;
    for (const e of batch) {
      // One bad handler must not drop the events queued behind it.
      try {
        switch (e.kind) {
          case 'order': t.onOrder(e.value); break;
          case 'trade': t.onTrade(e.value); break;
          case 'position': t.onPosition(e.value); break;
          case 'account': t.onAccount(e.value); break;
          case 'contract': t.onContract(e.value); break;
          case 'tick': t.onTick(e.value); break;
        }
      } catch (error) {
        this.onFault(error);
      }
    }
  }

  /** Drop what is queued (closing: the engine is told the gateway is gone instead). */
  clear(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.entries = [];
  }
}
