/** 行情与合约: subscribe to quotes, look contracts up; the tick and contract events. */
import type { ContractData, TickData } from '../objects';
import { s } from '../schema';
import { defineContract, rowEvent, type EventsOf, type RequestsOf } from './contract-map';
import { code, gatewayName } from './fields';

export const marketContract = defineContract({
  feature: '行情与合约',
  requests: {
    /** resolve a code and subscribe to its quotes */
    'market/subscribe': s.object({ code, gateway: s.optional(gatewayName) }),
    /** contracts whose code, exchange or name contains the filter (empty = all) */
    'contract/query': s.object({ filter: s.optional(s.string({ max: 64 })) }),
    /** one contract by any code form */
    'contract/lookup': s.object({ code }),
    /** any code form normalised, whether or not a connected gateway lists it */
    'contract/resolve': s.object({ code }),
  },
  events: {
    /** a quote with 5 levels */
    tick: rowEvent((t: TickData) => t.vt_symbol),
    /** a contract, on connect */
    contract: rowEvent((c: ContractData) => c.vt_symbol),
  },
});

export interface MarketResults {
  'market/subscribe': ContractData;
  'contract/query': ContractData[];
  'contract/lookup': ContractData;
  'contract/resolve': ResolvedCode;
}

/** A code in its normalised form; `contract` when a connected gateway lists it. */
export interface ResolvedCode {
  symbol: string;
  exchange: string;
  vt_symbol: string;
  listed: boolean;
  contract?: ContractData;
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof marketContract, MarketResults> {}
  interface BridgeEvents extends EventsOf<typeof marketContract> {}
}
