/**
 * The events that travel on the engine's bus: the bridge's pushed events plus the 1 s timer.
 */
import type { BridgeEvents } from '../../common/bridge-contract';

export interface EngineEvents extends BridgeEvents {
  /** vn.py's timer event: fires every second with the current time (ms) */
  timer: number;
}
