/** 自选 on the engine side: the bridge's requests over the engine's one Watchlist. */
import { watchlistContract } from '../../../../common/contract/watchlist-contract';
import type { Watchlist } from '../../watchlist';
import { defineFeature, type BridgeFeature } from '../feature';

export function watchlistFeature(watchlist: Watchlist): BridgeFeature {
  return defineFeature(watchlistContract, {
    'watchlist/list': () => ({ codes: watchlist.list() }),
    'watchlist/add': ({ code, gateway }) => ({ codes: watchlist.add(code, gateway) }),
    'watchlist/remove': ({ code }) => ({ codes: watchlist.remove(code) }),
    'watchlist/move': ({ code, to }) => ({ codes: watchlist.move(code, to) }),
  });
}
