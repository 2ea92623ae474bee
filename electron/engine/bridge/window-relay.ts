/**
 * Messages from one window to the others (fill the trading panel). They cross the bridge
 * like events but are no business of the engine: this relay, owned by the bridge, carries
 * them, and the engine's bus never sees them.
 */
import type { BridgeEvents, WindowMessageName } from '../../../common/bridge-contract';

export type WindowMessageListener = <E extends WindowMessageName>(event: E, payload: BridgeEvents[E]) => void;

export class WindowRelay {
  private listeners: WindowMessageListener[] = [];

  /** Deliver a message to every listener (each window's transport). */
  send<E extends WindowMessageName>(event: E, payload: BridgeEvents[E]): void {
    for (const l of this.listeners) l(event, payload);
  }

  /** Returns the function that stops listening. */
  listen(listener: WindowMessageListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
