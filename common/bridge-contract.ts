/**
 * The bridge contract between a UI (or any client) and the engine: every request with its
 * argument schema and result type, and every pushed event. Electron IPC and the host's
 * WebSocket both carry exactly this; docs/bridge.md describes the wire form.
 *
 * It is one typed map (RequestMap, BridgeEvents in contract/contract-map.ts) built from one
 * part per feature: the core features in common/contract/, each app's in
 * apps/<name>/common/contract.ts. Importing this module brings in the core parts; the full
 * run-time contract with the apps is apps/registry.ts's BRIDGE_CONTRACT.
 */
import { appContract } from './contract/app-contract';
import { creditContract } from './contract/credit-contract';
import { gatewayContract } from './contract/gateway-contract';
import { marketContract } from './contract/market-contract';
import { orderContract } from './contract/order-contract';
import { watchlistContract } from './contract/watchlist-contract';
import { windowContract } from './contract/window-contract';

export type {
  BridgeClient,
  BridgeEvents,
  EventName,
  RequestArgs,
  RequestMap,
  RequestName,
  RequestResults,
  WindowMessageName,
  WindowMessages,
} from './contract/contract-map';
export type { AppInfo, Snapshot } from './contract/app-contract';
export { orderRequestOf, type OrderArgs } from './contract/order-contract';
export type { PanelFill } from './contract/window-contract';
export type { ResolvedCode } from './contract/market-contract';
export type { WatchEntry, WatchList } from './contract/watchlist-contract';
export type { GatewayInfo } from './gateway-api';

/** The core features, in the order their events are listed (state rows first, then the log, then window messages). */
export const CORE_CONTRACT_PARTS = [marketContract, watchlistContract, orderContract, gatewayContract, creditContract, appContract, windowContract] as const;

/** The core features' request schemas by name, typed (the dispatcher checks against the combined contract). */
export const requestSchemas = {
  ...marketContract.requests,
  ...watchlistContract.requests,
  ...orderContract.requests,
  ...gatewayContract.requests,
  ...creditContract.requests,
  ...appContract.requests,
  ...windowContract.requests,
};
