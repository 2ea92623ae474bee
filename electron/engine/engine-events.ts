/**
 * The events that travel on the engine's bus: the bridge's events that are engine state
 * (everything but the window messages, which the bridge relays between windows and the
 * engine never sees) plus vn.py's 1 s timer.
 */
import type { BridgeEvents, WindowMessageName } from '../../common/bridge-contract';

export type EngineEvents = Omit<BridgeEvents, WindowMessageName> & {
  /** vn.py's timer event: fires every second with the current time (ms) */
  timer: number;
};
