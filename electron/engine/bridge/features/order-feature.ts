/** 委托 on the engine side: wire arguments become a domain OrderRequest here, once. */
import { orderRequestOf, type OrderArgs } from '../../../../common/bridge-contract';
import { orderContract } from '../../../../common/contract/order-contract';
import { toErrorInfo } from '../../../../common/errors';
import type { OrderRequest } from '../../../../common/objects';
import type { MainEngine } from '../../main-engine';
import { defineFeature, type BridgeFeature } from '../feature';

/** Resolve the code and build the request; a code that resolves to nothing is logged like any refusal. */
function toDomain(main: MainEngine, args: OrderArgs): { req: OrderRequest; gateway: string } {
  try {
    const contract = main.lookupContract(args.code);
    return { req: orderRequestOf(args, contract), gateway: args.gateway ?? contract.gateway_name };
  } catch (error) {
    main.logRejected(`${args.code} ${args.direction} ${args.volume}`, error);
    throw error;
  }
}

export function orderFeature(main: MainEngine): BridgeFeature {
  return defineFeature(orderContract, {
    'order/check': (args) => {
      try {
        const { req, gateway } = toDomain(main, args);
        main.checkOrder(req, gateway);
        return { ok: true as const };
      } catch (error) {
        return { ok: false as const, error: toErrorInfo(error) };
      }
    },
    'order/send': (args) => {
      const { req, gateway } = toDomain(main, args);
      return { vt_orderid: main.sendOrder(req, gateway) };
    },
    'order/cancel': ({ vt_orderid }) => {
      main.cancelOrder(vt_orderid);
      return { ok: true as const };
    },
    'order/cancel-all': ({ gateway }) => ({ count: main.cancelAll(gateway) }),
  });
}
