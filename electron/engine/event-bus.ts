/**
 * The engine's typed event bus, after vn.py's EventEngine but synchronous: emit() runs every
 * handler before it returns, so the OMS has applied an event before anyone else reads it.
 * A throwing handler is reported and the remaining handlers still run.
 */

export type Handler<P> = (payload: P) => void;
export type AnyHandler<M> = <K extends keyof M>(type: K, payload: M[K]) => void;
export type HandlerErrorReporter = (type: string, error: unknown) => void;

export class EventBus<M extends object> {
  private readonly handlers = new Map<keyof M, Handler<never>[]>();
  private general: AnyHandler<M>[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Set while a handler failure is being reported, so a failing reporter cannot recurse. */
  private reporting = false;

  constructor(private readonly reportError: HandlerErrorReporter = defaultReporter) {}

  /** Register a handler for one event type; returns a function that removes it. */
  on<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void {
    const list = this.handlers.get(type) ?? [];
    // Copy on write: a handler that unsubscribes during dispatch does not disturb the loop.
    this.handlers.set(type, [...list, handler as Handler<never>]);
    return () => {
      const current = this.handlers.get(type) ?? [];
      this.handlers.set(type, current.filter((h) => h !== handler));
    };
  }

  /** Register a handler for every event type (vn.py's general handler). */
  onAny(handler: AnyHandler<M>): () => void {
    this.general = [...this.general, handler];
    return () => {
      this.general = this.general.filter((h) => h !== handler);
    };
  }

  /** Dispatch synchronously to the type's handlers, then to the general handlers. */
  emit<K extends keyof M>(type: K, payload: M[K]): void {
    const list = this.handlers.get(type) as Handler<M[K]>[] | undefined;
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        try {
          list[i]!(payload);
        } catch (error) {
          this.report(type, error);
        }
      }
    }
    const general = this.general;
    for (let i = 0; i < general.length; i++) {
      try {
        general[i]!(type, payload);
      } catch (error) {
        this.report(type, error);
      }
    }
  }

  /**
   * Emit `timerType` every intervalMs (vn.py's 1 s timer event). The timer is unref'd: a
   * running engine is kept alive by its gateways and servers, not by its own heartbeat.
   */
  startTimer<K extends keyof M>(timerType: K, makePayload: () => M[K], intervalMs = 1000): void {
    this.stopTimer();
    this.timer = setInterval(() => this.emit(timerType, makePayload()), intervalMs);
    this.timer.unref?.();
  }

  stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private report(type: keyof M, error: unknown): void {
    if (this.reporting) {
      console.error(`[event-bus] handler for ${String(type)} failed while reporting another failure:`, error);
      return;
    }
    this.reporting = true;
    try {
      this.reportError(String(type), error);
    } catch (nested) {
      console.error('[event-bus] the error reporter itself failed:', nested);
    } finally {
      this.reporting = false;
    }
  }
}

function defaultReporter(type: string, error: unknown): void {
  console.error(`[event-bus] handler for "${type}" threw:`, error);
}
