/** orderFromRequest: the one place a gateway turns a request into the OrderData it reports. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../common/constants';
import { CreditOrderType } from '../../../common/credit';
import { orderRequestOf } from '../../../common/contract/order-contract';
import { orderFromRequest, type OrderRequest } from '../../../common/objects';

const req: OrderRequest = { symbol: '600000', exchange: Exchange.SSE, direction: Direction.SHORT, type: OrderType.LIMIT, volume: 300, price: 10.5, offset: Offset.NONE, reference: 'ma' };

describe('orderFromRequest', () => {
  it("carries every field of the request under the gateway's id, submitting and untraded", () => {
    expect(orderFromRequest(req, 'SIM_2', '7-1', 1_700_000_000_000)).toEqual({
      gateway_name: 'SIM_2', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid: '7-1', vt_orderid: 'SIM_2.7-1',
      type: OrderType.LIMIT, direction: Direction.SHORT, offset: Offset.NONE, price: 10.5, volume: 300, traded: 0,
      status: Status.SUBMITTING, datetime: 1_700_000_000_000, reference: 'ma', status_msg: '',
    });
  });

  it('keeps the offset and the credit type the request carried, and adds no credit field to a cash order', () => {
    expect(orderFromRequest({ ...req, offset: Offset.CLOSETODAY }, 'G', '1', 0).offset).toBe(Offset.CLOSETODAY);
    expect(orderFromRequest({ ...req, credit: CreditOrderType.SLO_SELL }, 'G', '1', 0).credit).toBe(CreditOrderType.SLO_SELL);
    expect('credit' in orderFromRequest(req, 'G', '1', 0)).toBe(false);
  });
});

describe('orderRequestOf (the wire’s order args to the domain’s request)', () => {
  const contract = { symbol: '600000', exchange: Exchange.SSE };
  const args = { direction: Direction.LONG as const, type: OrderType.LIMIT, volume: 200, price: 9.87 };

  it('takes symbol and exchange from the resolved contract; no offset is NONE; the reference defaults to manual', () => {
    expect(orderRequestOf(args, contract)).toEqual({ symbol: '600000', exchange: Exchange.SSE, direction: Direction.LONG, type: OrderType.LIMIT, volume: 200, price: 9.87, offset: Offset.NONE, reference: 'manual' });
    expect(orderRequestOf(args, contract, 'ma_cross').reference).toBe('ma_cross');
  });

  it('keeps the offset and the reference the args carry, and the credit type only when there is one', () => {
    const r = orderRequestOf({ ...args, offset: Offset.CLOSE, reference: '手动平仓', credit: CreditOrderType.FIN_BUY }, contract, 'ma_cross');
    expect(r).toMatchObject({ offset: Offset.CLOSE, reference: '手动平仓', credit: CreditOrderType.FIN_BUY });
    expect('credit' in orderRequestOf(args, contract)).toBe(false);
  });
});
