/**
 * Writes orders, trades and log lines from the bus to the journal, together with the gateway
 * state staged meanwhile (GatewayStorage), one SQLite transaction per burst: everything that
 * happened in one turn of the event loop is committed on the next check phase (setImmediate),
 * so a fill storm costs one commit, not one per row.
 *
 * The burst is also the write-ahead boundary: listeners registered with onCommitted (the
 * OutboundGate, which holds every event bound for clients and strategies) run only after the
 * transaction holding the burst's rows and state has committed. A crash can therefore lose
 * only what nobody outside the engine has seen, and a gateway's state always matches the
 * journalled events it produced.
 *
 * A failed commit is reported once and retried with the next burst; the events are released
 * anyway, since a trader who cannot see fills is worse off than one whose journal is behind.
 */
import { LogLevel } from '../../common/constants';
import type { LogData, OrderData, TradeData } from '../../common/objects';
import type { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';
import type { Journal } from './store';

type Row = { kind: 'order'; order: OrderData } | { kind: 'trade'; trade: TradeData } | { kind: 'log'; log: LogData };

/** One key of a gateway's state, read when the burst commits (JSON text, or undefined to delete). */
interface Staged {
  gateway: string;
  key: string;
  read: () => string | undefined;
}

/** Rows kept for retry while the database refuses writes; beyond this the oldest are dropped. */
const MAX_RETAINED_ROWS = 100_000;

export class JournalRecorder {
  private queue: Row[] = [];
  private readonly staged = new Map<string, Staged>();
  private scheduled = false;
  private stopped = false;
  /** Report a broken journal once, not on every burst (the report is itself a log row). */
  private failing = false;
  private readonly committedListeners = new Set<() => void>();
  private waiters: (() => void)[] = [];
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly journal: Journal,
    bus: EventBus<EngineEvents>,
    private readonly onError: (message: string, error: unknown) => void,
  ) {
    this.unsubscribe = [
      bus.on('order', (order) => this.push({ kind: 'order', order: { ...order } })),
      bus.on('trade', (trade) => this.push({ kind: 'trade', trade })),
      bus.on('log', (log) => {
        if (log.level !== LogLevel.DEBUG) this.push({ kind: 'log', log });
      }),
    ];
  }

  /**
   * Have `read()` written as `key` of `gateway`'s state in the transaction of the current
   * burst. Staging the same key again in one burst replaces the reader: state that changes a
   * thousand times in a burst is written once, as it stands at the commit.
   */
  stage(gateway: string, key: string, read: () => string | undefined): void {
    if (this.stopped) return;
    this.staged.set(`${gateway}\u0000${key}`, { gateway, key, read });
    this.schedule();
  }

  /** End the current burst soon: something is waiting for its commit. */
  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Run `listener` after each burst's commit, before the burst's waiters resume. */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /** Resolves once everything recorded, staged or held so far has been committed (and released). */
  committed(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Whether a burst is waiting to be committed. */
  get pending(): boolean {
    return this.scheduled;
  }

  private push(row: Row): void {
    if (this.stopped) return;
    this.queue.push(row);
    this.schedule();
  }

  /** Commit the burst, then release what waited for it; called on each burst and on shutdown. */
  flush(): void {
    this.scheduled = false;
    const rows = this.queue;
    this.queue = [];
    const staged = [...this.staged.values()];
    this.staged.clear();
    if (rows.length || staged.length) this.commit(rows, staged);
    for (const listener of this.committedListeners) listener();
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private commit(rows: Row[], staged: Staged[]): void {
    // State is read before the transaction: a reader that throws loses its own key only.
    const state: { gateway: string; key: string; json: string | undefined }[] = [];
    for (const s of staged) {
      try {
        state.push({ gateway: s.gateway, key: s.key, json: s.read() });
      } catch (error) {
        this.onError(`读取接口 ${s.gateway} 的状态“${s.key}”失败，本次未保存`, error);
      }
    }
    const refused: OrderData[] = [];
    try {
      this.journal.batch(() => {
        for (const row of rows) {
          if (row.kind === 'order') {
            if (!this.journal.saveOrder(row.order)) refused.push(row.order);
          } else if (row.kind === 'trade') this.journal.saveTrade(row.trade);
          else this.journal.saveLog(row.log);
        }
        for (const s of state) this.journal.saveGatewayState(s.gateway, s.key, s.json);
      });
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.onError('写入数据库失败，将随下一批重试', error);
      this.failing = true;
      this.retain(rows, staged);
      return;
    }
    for (const o of refused) {
      this.onError(`委托编号 ${o.vt_orderid} 与数据库中另一交易日的委托相同，未覆盖原记录`, new Error(o.vt_orderid));
    }
  }

  /** Keep a failed burst for the next one (saves are idempotent: upserts and insert-or-ignore). */
  private retain(rows: Row[], staged: Staged[]): void {
    // The newest MAX_RETAINED_ROWS (all of them when there are fewer).
    this.queue = rows.concat(this.queue).slice(-MAX_RETAINED_ROWS);
    for (const s of staged) {
      const id = `${s.gateway}\u0000${s.key}`;
      if (!this.staged.has(id)) this.staged.set(id, s);
    }
  }

  /** Commit what is left and stop recording (engine shutdown). */
  stop(): void {
    for (const off of this.unsubscribe) off();
    this.flush();
    this.stopped = true;
  }
}
