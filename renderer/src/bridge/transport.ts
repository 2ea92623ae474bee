/**
 * Picks the transport: Electron's preload when present, the host's WebSocket otherwise.
 * Nothing else in the renderer knows which one it has.
 */
import type { BridgeClient } from '../../../common/bridge-contract';
import { IpcBridgeClient } from './ipc-client';
import { WebSocketBridgeClient } from './ws-client';

export interface AppClient extends BridgeClient {
  /** called with 'open' after a reconnect (WebSocket only), so state can be reloaded */
  onConnection?(listener: (state: 'open' | 'closed') => void): () => void;
}

export function createClient(): AppClient {
  if (window.tstrader) return new IpcBridgeClient(window.tstrader);
  return WebSocketBridgeClient.fromLocation(window.location);
}
