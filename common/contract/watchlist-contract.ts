/**
 * 自选: the codes the 行情 monitor shows, in the trader's order. Kept by the engine in
 * watchlist_setting.json, so they survive a restart, and subscribed again whenever the gateway
 * each code trades on connects.
 */
import { s } from '../schema';
import { defineContract, rowEvent, type EventsOf, type RequestsOf } from './contract-map';
import { code, gatewayName } from './fields';

/**
 * One 自选 code; `gateway_name` is the gateway it was last subscribed on ('' before any), and
 * `name` the contract's name when it was last known ('' before), shown before a login.
 */
export interface WatchEntry {
  vt_symbol: string;
  symbol: string;
  exchange: string;
  name: string;
  gateway_name: string;
}

export interface WatchList {
  codes: WatchEntry[];
}

export const watchlistContract = defineContract({
  feature: '自选',
  requests: {
    /** the 自选 codes, in order */
    'watchlist/list': s.object({}),
    /** add a code at the end (a code already there stays where it is) and subscribe it when its gateway is connected */
    'watchlist/add': s.object({ code, gateway: s.optional(gatewayName) }),
    /** take a code off the list (its quotes may go on: other windows or strategies may still want them) */
    'watchlist/remove': s.object({ code }),
    /** move a code to position `to` (0 = first; past the end = last) */
    'watchlist/move': s.object({ code, to: s.number({ min: 0, max: 100_000, int: true }) }),
  },
  events: {
    /** the whole list after any change (one row: the latest is all a window needs) */
    watchlist: rowEvent((_list: WatchList) => 'all'),
  },
});

export interface WatchlistResults {
  'watchlist/list': WatchList;
  'watchlist/add': WatchList;
  'watchlist/remove': WatchList;
  'watchlist/move': WatchList;
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof watchlistContract, WatchlistResults> {}
  interface BridgeEvents extends EventsOf<typeof watchlistContract> {}
}
