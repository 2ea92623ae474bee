/**
 * Electron's transport for the bridge contract: a thin adapter around the one dispatcher
 * (docs/architecture.md, "The bridge"). Requests are answered only for windows the main process created and
 * only while they show our own app:// page (Electron Fiddle refuses IPC from windows it did
 * not create); events go to those same windows. Written against the few fields of Electron's
 * objects it reads, so the tests drive it with plain objects.
 */
import type { BridgeEvents, EventName } from '../../common/bridge-contract';
import { toErrorInfo } from '../../common/errors';
import { BRIDGE_CONTRACT } from '../../apps/registry';
import { EventCoalescer, flattenBatch } from '../../common/event-coalescer';
import type { Dispatcher } from '../engine/bridge/dispatcher';
import { EVENT_CHANNEL, type BridgeReply } from './ipc-channels';
import { isAppUrl } from './security';

/** What the adapter reads from Electron's IpcMainInvokeEvent. */
export interface IpcRequestEvent {
  sender: { id: number };
  /** null once the frame has navigated away or been destroyed */
  senderFrame: { url: string; parent: unknown } | null;
}

/** What the adapter needs of a webContents to push events to it. */
export interface EventTarget {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** The webContents the main process created, by id: the only ones whose IPC is answered. */
export class TrustedContents<T extends EventTarget = EventTarget> {
  private readonly byId = new Map<number, T>();

  add(target: T): void {
    this.byId.set(target.id, target);
  }

  /** By id, because a destroyed webContents can no longer be asked for its id. */
  remove(id: number): void {
    this.byId.delete(id);
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** Live targets only. */
  list(): T[] {
    return [...this.byId.values()].filter((t) => !t.isDestroyed());
  }
}

export type SenderCheck = (event: IpcRequestEvent) => boolean;

/** Trusted = a window we created, asking from its top frame, which shows an app:// page. */
export function createSenderCheck(trusted: Pick<TrustedContents, 'has'>): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return trusted.has(event.sender.id) && frame !== null && frame.parent === null && isAppUrl(frame.url);
  };
}

export const FORBIDDEN_SENDER: BridgeReply = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: '已拒绝：请求不是来自本程序的窗口' },
};

export interface IpcAdapterOptions {
  dispatcher: Pick<Dispatcher, 'dispatch'>;
  isTrustedSender: SenderCheck;
  /** told about each refused request, for the log (the URL helps the maintainer) */
  onRefused?: (event: IpcRequestEvent, name: unknown) => void;
}

export interface IpcAdapter {
  /** the ipcMain.handle(REQUEST_CHANNEL, …) handler; never rejects */
  handleRequest(event: IpcRequestEvent, name: unknown, args: unknown): Promise<BridgeReply>;
}

export function createIpcAdapter(opts: IpcAdapterOptions): IpcAdapter {
  return {
    async handleRequest(event, name, args) {
      if (!opts.isTrustedSender(event)) {
        opts.onRefused?.(event, name);
        return FORBIDDEN_SENDER;
      }
      try {
        return { ok: true, result: await opts.dispatcher.dispatch(name, args) };
      } catch (error) {
        // A TraderError keeps its code and Chinese message; anything else becomes INTERNAL.
        return { ok: false, error: toErrorInfo(error) };
      }
    },
  };
}

/** Push one bridge event to one window, as a batch of one. */
export function sendEvent<E extends EventName>(target: EventTarget, event: E, payload: BridgeEvents[E]): void {
  if (!target.isDestroyed()) target.send(EVENT_CHANNEL, [[event, payload]]);
}

/** How long events gather before they cross to the windows: the UI's own redraw cadence. */
export const EVENT_BATCH_MS = 50;

/**
 * Forward engine events to every trusted window; returns the unsubscribe function. Rows
 * are coalesced by key for `batchMs` and sent as one [event, payload][] message, so a burst
 * of fills costs the renderer one IPC message and one redraw, not thousands.
 */
export function forwardEvents(dispatcher: Pick<Dispatcher, 'onEvent'> & Partial<Pick<Dispatcher, 'contract'>>, trusted: Pick<TrustedContents, 'list'>, batchMs = EVENT_BATCH_MS): () => void {
  const coalescer = new EventCoalescer((dispatcher.contract ?? BRIDGE_CONTRACT).events);
  const flush = () => {
    if (!coalescer.pending) return;
    const batch = flattenBatch(coalescer.drain());
    for (const target of trusted.list()) if (!target.isDestroyed()) target.send(EVENT_CHANNEL, batch);
  };
  const timer = setInterval(flush, batchMs);
  const off = dispatcher.onEvent((event, payload) => coalescer.push(event, payload));
  return () => {
    off();
    clearInterval(timer);
  };
}
