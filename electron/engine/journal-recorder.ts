/**
 * Writes orders, trades and log lines from the bus to the journal. Rows are queued and
 * committed together on the next turn of the event loop: one SQLite transaction per burst
 * instead of one per row, so a fill storm does not stall the engine. A trade's duplicate
 * check does not depend on this queue: the OMS has already dropped replays.
 */
import { LogLevel } from '../../common/constants';
import type { LogData, OrderData, TradeData } from '../../common/objects';
import type { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';
import type { Journal } from './store';

type Row = { kind: 'order'; order: OrderData } | { kind: 'trade'; trade: TradeData } | { kind: 'log'; log: LogData };

export class JournalRecorder {
  private queue: Row[] = [];
  private scheduled = false;
  /** Report a broken journal once, not on every burst (the report is itself a log row). */
  private failing = false;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly journal: Journal,
    bus: EventBus<EngineEvents>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.unsubscribe = [
      bus.on('order', (order) => this.push({ kind: 'order', order: { ...order } })),
      bus.on('trade', (trade) => this.push({ kind: 'trade', trade })),
      bus.on('log', (log) => {
        if (log.level !== LogLevel.DEBUG) this.push({ kind: 'log', log });
      }),
    ];
  }

  private push(row: Row): void {
    this.queue.push(row);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commit everything queued; called on each burst and on shutdown. */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const rows = this.queue;
    this.queue = [];
    try {
      this.journal.batch(() => {
        for (const row of rows) {
          if (row.kind === 'order') this.journal.saveOrder(row.order);
          else if (row.kind === 'trade') this.journal.saveTrade(row.trade);
          else this.journal.saveLog(row.log);
        }
      });
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.onError(error);
      this.failing = true;
    }
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    this.flush();
  }
}
