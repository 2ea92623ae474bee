/**
 * Write-ahead publish: the bus is synchronous and the OMS applies every event at once, but
 * what leaves the engine (bridge clients over WebSocket and IPC, strategy workers) hears of
 * an event only after the journal transaction holding it has committed. The gate holds each
 * event until the end of its burst (JournalRecorder.onCommitted) and then releases the
 * burst's events in their original order.
 *
 * Ticks (and the engine's own timer) pass at once: market data is not journalled, and the
 * tick → strategy → order path is measured in microseconds. A tick may therefore overtake
 * an order update of the same burst, as it may between a real counter's trade and market
 * data channels.
 */
import { EventBus, type AnyHandler, type Handler, type HandlerErrorReporter } from './event-bus';

/** Subscribing to events, as the bus and the gate both offer it. */
export interface EventSource<M> {
  /** Register a handler for one event type; returns a function that removes it. */
  on<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void;
  /** Register a handler for every event type; returns a function that removes it. */
  onAny(handler: AnyHandler<M>): () => void;
}

/** What the gate needs of the journal recorder. */
export interface BurstCommitter {
  schedule(): void;
  /** whether a burst is waiting to be committed */
  readonly pending: boolean;
  onCommitted(listener: () => void): () => void;
}

const IMMEDIATE: ReadonlySet<PropertyKey> = new Set<PropertyKey>(['tick', 'timer']);

/** The events as they leave the engine, and a way to read state between two bursts. */
export interface PublishedEvents<M> extends EventSource<M> {
  /**
   * Run `read` where the engine's state is exactly what has been released: now if nothing is
   * held, else right after the next release, before anything else happens. A snapshot taken
   * this way and sent at once has only committed state in it, and every event a client gets
   * after it is newer.
   */
  atBoundary<T>(read: () => T): Promise<T>;
  /**
   * Call `send` once what the engine has recorded so far has committed, before the events of
   * that burst go out; now when nothing waits for a commit. A request's response goes out this
   * way, so a client holds the order id it asked for before the first event about that order.
   */
  afterCommit(send: () => void): void;
}

export class OutboundGate<M extends object> implements PublishedEvents<M> {
  private readonly out: EventBus<M>;
  private held: [keyof M, M[keyof M]][] = [];
  private readers: (() => void)[] = [];
  private replies: (() => void)[] = [];
  private open = false;
  private readonly detach: (() => void)[];

  constructor(bus: EventBus<M>, private readonly committer: BurstCommitter, reportError?: HandlerErrorReporter) {
    this.out = new EventBus<M>(reportError);
    this.detach = [
      bus.onAny((type, payload) => this.accept(type, payload)),
      committer.onCommitted(() => this.release()),
    ];
  }

  on<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void {
    return this.out.on(type, handler);
  }

  onAny(handler: AnyHandler<M>): () => void {
    return this.out.onAny(handler);
  }

  atBoundary<T>(read: () => T): Promise<T> {
    if (this.held.length === 0) return Promise.resolve(read());
    return new Promise<T>((resolve, reject) =>
      this.readers.push(() => {
        try {
          resolve(read());
        } catch (error) {
          reject(error);
        }
      }),
    );
  }

  afterCommit(send: () => void): void {
    if (this.open || (this.held.length === 0 && !this.committer.pending)) send();
    else this.replies.push(send);
  }

  /** Events waiting for their commit. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Release what is held and pass everything through from now on (the journal is closing). */
  openUp(): void {
    this.release();
    this.open = true;
    for (const off of this.detach.splice(1)) off();
  }

  private accept<K extends keyof M>(type: K, payload: M[K]): void {
    if (this.open || IMMEDIATE.has(type)) {
      this.out.emit(type, payload);
      return;
    }
    this.held.push([type, payload]);
    this.committer.schedule();
  }

  private release(): void {
    // Swapped first: a listener that makes the engine emit starts the next burst's list.
    const batch = this.held;
    this.held = [];
    // Responses first: the events of this burst are what those requests caused.
    const replies = this.replies;
    this.replies = [];
    for (const send of replies) {
      try {
        send();
      } catch {
        // A transport that cannot send a response must not hold back the burst's events.
      }
    }
    for (const [type, payload] of batch) this.out.emit(type, payload);
    const readers = this.readers;
    this.readers = [];
    for (const read of readers) read();
  }
}
