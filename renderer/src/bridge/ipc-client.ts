/**
 * The bridge contract over Electron IPC. The preload exposes only a transport,
 * `window.tstrader = { request, subscribe }`; this gives it the contract's types.
 */
import type { BridgeClient, BridgeEvents, EventName, RequestArgs, RequestName, RequestResults } from '../../../common/bridge-contract';

/** What electron/preload.ts exposes, and nothing more. */
export interface PreloadTransport {
  request(name: string, args: unknown): Promise<unknown>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    tstrader?: PreloadTransport;
  }
}

export class IpcBridgeClient implements BridgeClient {
  constructor(private readonly transport: PreloadTransport) {}

  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResults[K]> {
    return this.transport.request(name, args) as Promise<RequestResults[K]>;
  }

  subscribe<E extends EventName>(event: E, cb: (payload: BridgeEvents[E]) => void): () => void {
    return this.transport.subscribe(event, cb as (payload: unknown) => void);
  }
}
