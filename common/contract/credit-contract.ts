/** 融资融券: direct repayments on a credit account; the credit figures, compacts and margin terms. */
import { CreditOrderType, type CompactData, type CreditAssetData, type CreditDetail } from '../credit';
import { s } from '../schema';
import { defineContract, rowEvent, type EventsOf, type RequestsOf } from './contract-map';
import { code, gatewayName } from './fields';

export const creditContract = defineContract({
  feature: '融资融券',
  requests: {
    /** 直接还款 (amount) or 直接还券 (code + volume) on a credit account */
    'credit/repay': s.object({
      gateway: gatewayName,
      type: s.enumOf([CreditOrderType.DIRECT_CASH_REPAY, CreditOrderType.DIRECT_SECU_REPAY] as const),
      amount: s.optional(s.number({ min: 0 })),
      code: s.optional(code),
      volume: s.optional(s.number({ min: 0, int: true })),
    }),
  },
  events: {
    /** a credit account's figures */
    credit: rowEvent((c: CreditDetail) => c.vt_accountid),
    /** a debt contract (负债合约) */
    compact: rowEvent((c: CompactData) => c.vt_compactid),
    /** a code's margin terms (标的, 担保品, 可融券) */
    'credit-asset': rowEvent((a: CreditAssetData) => a.vt_assetid),
  },
});

export interface CreditResults {
  'credit/repay': { message: string };
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof creditContract, CreditResults> {}
  interface BridgeEvents extends EventsOf<typeof creditContract> {}
}
