/**
 * The preload (bundled to dist/electron/preload.cjs, run sandboxed): exposes the bridge
 * contract's transport as window.tstrader = { request, subscribe } and nothing else —
 * no ipcRenderer, no Node (docs/architecture.md, "Security"). The main process validates every request
 * against the contract's schemas; this side only shapes calls and replies.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_CONTRACT } from '../apps/registry';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type BridgeReply } from './shell/ipc-channels';

type Listener = (payload: unknown) => void;

const known = new Set<string>(BRIDGE_CONTRACT.eventNames);
const listeners = new Map<string, Set<Listener>>();

// One IPC listener for all subscriptions, so subscribers never touch ipcRenderer or its event.
// Main sends coalesced batches: [[eventName, payload], …].
ipcRenderer.on(EVENT_CHANNEL, (_event, batch: unknown) => {
  if (!Array.isArray(batch)) return;
  for (const item of batch) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') continue;
    const [name, payload] = item as [string, unknown];
    for (const cb of [...(listeners.get(name) ?? [])]) {
      try {
        cb(payload);
      } catch (error) {
        // One failing subscriber must not starve the others of the event.
        console.error(`tstrader: subscriber of "${name}" threw`, error);
      }
    }
  }
});

/**
 * Rejects with a plain { code, message } object: contextBridge copies an Error's message
 * only, so a TraderError's code would be lost on the way to the page.
 */
function request(name: unknown, args: unknown): Promise<unknown> {
  return (ipcRenderer.invoke(REQUEST_CHANNEL, name, args) as Promise<BridgeReply>).then((reply) =>
    reply.ok ? reply.result : Promise.reject({ name: 'TraderError', code: reply.error.code, message: reply.error.message }),
  );
}

function subscribe(event: unknown, cb: unknown): () => void {
  if (typeof event !== 'string' || !known.has(event)) throw new TypeError(`未知的事件：${String(event)}`);
  if (typeof cb !== 'function') throw new TypeError('subscribe 需要一个回调函数');
  const listener = cb as Listener;
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

contextBridge.exposeInMainWorld('tstrader', { request, subscribe });
