/** 行情与合约 on the engine side. */
import { marketContract } from '../../../../common/contract/market-contract';
import type { MainEngine } from '../../main-engine';
import { defineFeature, type BridgeFeature } from '../feature';

export function marketFeature(main: MainEngine): BridgeFeature {
  return defineFeature(marketContract, {
    'market/subscribe': ({ code, gateway }) => main.subscribe(code, gateway),
    'contract/query': ({ filter }) => main.queryContracts(filter ?? ''),
    'contract/lookup': ({ code }) => main.lookupContract(code),
    'contract/resolve': ({ code }) => main.resolveCode(code),
  });
}
