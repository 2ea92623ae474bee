/**
 * The bridge contract over the headless host's WebSocket (docs/bridge.md). Reconnects with
 * backoff when the host goes away, and tells the app so it can reload its snapshot.
 */
import type { BridgeClient, BridgeEvents, EventName, RequestArgs, RequestName, RequestResults } from '../../../common/bridge-contract';
import type { ErrorInfo } from '../../../common/errors';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error & Partial<ErrorInfo>) => void };

export interface ConnectionListener {
  (state: 'open' | 'closed'): void;
}

export class WebSocketBridgeClient implements BridgeClient {
  private ws: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly connectionListeners = new Set<ConnectionListener>();
  private queue: string[] = [];
  private retryMs = 250;
  private closed = false;

  constructor(private readonly url: string) {
    this.open();
  }

  static fromLocation(loc: { host: string; search: string }): WebSocketBridgeClient {
    const token = new URLSearchParams(loc.search).get('token') ?? '';
    // batch=50: the host coalesces rows for 50 ms, the same cadence the UI redraws at.
    return new WebSocketBridgeClient(`ws://${loc.host}/ws?token=${encodeURIComponent(token)}&batch=50`);
  }

  /**
   * Hear each open and close of the connection. A listener that comes after the socket has
   * opened (the app registers in an effect, after its first render, which can take longer
   * than the handshake) is told 'open' at once: otherwise it would wait for a reconnect that
   * never comes, and the app would never load its snapshot.
   */
  onConnection(listener: ConnectionListener): () => void {
    this.connectionListeners.add(listener);
    if (this.ws?.readyState === WebSocket.OPEN) {
      queueMicrotask(() => {
        if (this.connectionListeners.has(listener)) listener('open');
      });
    }
    return () => this.connectionListeners.delete(listener);
  }

  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResults[K]> {
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method: name, params: args });
    return new Promise<RequestResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
      else this.queue.push(frame);
    });
  }

  subscribe<E extends EventName>(event: E, cb: (payload: BridgeEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb as (payload: never) => void);
    return () => set.delete(cb as (payload: never) => void);
  }

  /** Close for good: no reconnect (a page that goes away, a test that ends). */
  close(): void {
    this.closed = true;
    this.ws?.close();
  }

  private open(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 250;
      for (const frame of this.queue.splice(0)) ws.send(frame);
      for (const l of this.connectionListeners) l('open');
    };
    ws.onmessage = (msg) => this.onFrame(String(msg.data));
    ws.onclose = () => {
      for (const [, p] of this.pending) p.reject(Object.assign(new Error('与主机的连接已断开'), { code: 'DISCONNECTED', message: '与主机的连接已断开' }));
      this.pending.clear();
      for (const l of this.connectionListeners) l('closed');
      if (this.closed) return;
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
  }

  private emit(event: EventName, data: unknown): void {
    for (const cb of this.listeners.get(event) ?? []) (cb as (p: unknown) => void)(data);
  }

  private onFrame(text: string): void {
    const frame = JSON.parse(text) as { id?: number | null; result?: unknown; error?: ErrorInfo; event?: EventName; data?: unknown; batch?: [EventName, unknown][] };
    if (frame.batch) {
      for (const [event, data] of frame.batch) this.emit(event, data);
      return;
    }
    if (frame.event) {
      this.emit(frame.event, frame.data);
      return;
    }
    if (typeof frame.id !== 'number') return;
    const p = this.pending.get(frame.id);
    if (!p) return;
    this.pending.delete(frame.id);
    if (frame.error) p.reject(Object.assign(new Error(frame.error.message), frame.error));
    else p.resolve(frame.result);
  }
}
