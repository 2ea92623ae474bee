/** 融资融券 on the engine side: 直接还款 / 直接还券, with the code resolved here. */
import { creditContract } from '../../../../common/contract/credit-contract';
import { CreditOrderType, type DirectRepayRequest } from '../../../../common/credit';
import type { MainEngine } from '../../main-engine';
import { defineFeature, type BridgeFeature } from '../feature';

export function creditFeature(main: MainEngine): BridgeFeature {
  return defineFeature(creditContract, {
    'credit/repay': async ({ gateway, type, amount, code, volume }) => {
      const req: DirectRepayRequest = { type };
      if (type === CreditOrderType.DIRECT_CASH_REPAY) req.amount = amount;
      else {
        if (code) {
          const contract = main.lookupContract(code);
          req.symbol = contract.symbol;
          req.exchange = contract.exchange;
        }
        req.volume = volume;
      }
      return { message: await main.creditRepay(gateway, req) };
    },
  });
}
