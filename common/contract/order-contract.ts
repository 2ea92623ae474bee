/**
 * 委托: check, send and cancel orders; the order, trade, position and account events. The
 * wire form of an order (OrderArgs: any code form, the trader's words) becomes the domain
 * OrderRequest once, at the boundary, with orderRequestOf.
 */
import { Direction, Offset, OrderType } from '../constants';
import { CreditOrderType } from '../credit';
import type { ErrorInfo } from '../errors';
import type { AccountData, ContractData, OrderData, OrderRequest, PositionData, TradeData } from '../objects';
import { s, type Infer } from '../schema';
import { defineContract, rowEvent, type EventsOf, type RequestsOf } from './contract-map';
import { code, gatewayName } from './fields';

const orderArgs = s.object({
  /** any code form: 600000, 600000.SH, SH600000, ... */
  code,
  direction: s.enumOf([Direction.LONG, Direction.SHORT] as const),
  type: s.enumOf(Object.values(OrderType)),
  volume: s.number(),
  price: s.number({ min: 0 }),
  /** 开/平/平今/平昨 where the market has them; absent = none (A-shares) */
  offset: s.optional(s.enumOf(Object.values(Offset))),
  /** defaults to the gateway the contract came from */
  gateway: s.optional(gatewayName),
  reference: s.optional(s.string({ max: 64 })),
  /** a credit order type (融资买入 …) on a credit account */
  credit: s.optional(s.enumOf([
    CreditOrderType.COLLATERAL_BUY, CreditOrderType.COLLATERAL_SELL, CreditOrderType.FIN_BUY, CreditOrderType.SLO_SELL,
    CreditOrderType.BUY_SECU_REPAY, CreditOrderType.SELL_CASH_REPAY,
  ] as const)),
});

/** An order as a client sends it. */
export type OrderArgs = Infer<typeof orderArgs>;

export const orderContract = defineContract({
  feature: '委托',
  requests: {
    /** run the pre-trade checks without sending */
    'order/check': orderArgs,
    'order/send': orderArgs,
    'order/cancel': s.object({ vt_orderid: s.string({ min: 1, max: 128 }) }),
    'order/cancel-all': s.object({ gateway: s.optional(gatewayName) }),
  },
  events: {
    /** an order, each time its status or filled volume changes */
    order: rowEvent((o: OrderData) => o.vt_orderid),
    /** a fill, once */
    trade: rowEvent((t: TradeData) => t.vt_tradeid),
    position: rowEvent((p: PositionData) => p.vt_positionid),
    account: rowEvent((a: AccountData) => a.vt_accountid),
  },
});

export interface OrderResults {
  'order/check': { ok: true } | { ok: false; error: ErrorInfo };
  'order/send': { vt_orderid: string };
  'order/cancel': { ok: true };
  'order/cancel-all': { count: number };
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof orderContract, OrderResults> {}
  interface BridgeEvents extends EventsOf<typeof orderContract> {}
}

/**
 * The one translation from the wire to the domain: an order on `contract` (already resolved
 * from `args.code`). The engine, the strategy runner and the trading panel all build their
 * OrderRequest here.
 */
export function orderRequestOf(args: Omit<OrderArgs, 'code' | 'gateway'>, contract: Pick<ContractData, 'symbol' | 'exchange'>, reference = 'manual'): OrderRequest {
  const req: OrderRequest = {
    symbol: contract.symbol,
    exchange: contract.exchange,
    direction: args.direction,
    type: args.type,
    volume: args.volume,
    price: args.price,
    offset: args.offset ?? Offset.NONE,
    reference: args.reference ?? reference,
  };
  if (args.credit) req.credit = args.credit;
  return req;
}
