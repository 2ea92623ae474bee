/**
 * The A-share rulebook behind the MarketRules seam (common/markets/cn-stock/cn-stock-rules.ts),
 * on worked examples computed here by hand: what the OMS, the panel, the SIM and a backtest get
 * when they ask the registry about a stock.
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Market, Offset, OrderType, Product } from '../../../../../common/constants';
import { CreditOrderType } from '../../../../../common/credit';
import { CN_STOCK_RULES as rules, createCnStockRules } from '../../../../../common/markets/cn-stock/cn-stock-rules';
import type { Holding } from '../../../../../common/markets/market-rules';
import type { OrderRequest, PositionData } from '../../../../../common/objects';
import { makeContract } from '../../../../fixtures/contracts';
import { makeAccount, makePosition } from '../../../../fixtures/objects';

const stock = makeContract('600000', Exchange.SSE, 10); // limits 9.00–11.00
const szse = makeContract('000001', Exchange.SZSE, 10);
const etf = makeContract('510300', Exchange.SSE, 4, { t0: true });

function req(over: Partial<OrderRequest>): OrderRequest {
  return { symbol: '600000', exchange: Exchange.SSE, direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 10, offset: Offset.NONE, reference: 't', ...over };
}

function view(available: number | undefined, long?: Partial<PositionData>) {
  return {
    account: available === undefined ? undefined : makeAccount(available),
    position: (d: Direction) => (d === Direction.LONG && long ? makePosition({ direction: d, ...long }) : undefined),
  };
}

const holding = (volume: number, yd_volume: number, frozen: number, cost: number): Holding => ({ volume, yd_volume, frozen, cost });

describe('what a stock trades in', () => {
  it('names the market and its three exchanges', () => {
    expect(rules.id).toBe(Market.CN_STOCK);
    expect(rules.displayName).toBe('A股');
    // A rulebook made inside the test too: CN_STOCK_RULES is made once, when the module loads,
    // which a mutation tool switching mutants per test cannot see.
    expect(createCnStockRules().displayName).toBe('A股');
    expect(rules.exchanges).toEqual([Exchange.SSE, Exchange.SZSE, Exchange.BSE]);
  });

  it('counts shares in 股 and bonds in 张', () => {
    expect(rules.volumeUnit(stock)).toBe('股');
    expect(rules.volumeUnit(etf)).toBe('股');
    expect(rules.volumeUnit({ ...stock, product: Product.BOND })).toBe('张');
  });

  it('offers the limit order first, then the exchange’s own market types; no offsets', () => {
    expect(rules.orderTypes(stock)).toEqual([OrderType.LIMIT, OrderType.BEST_COUNTERPARTY, OrderType.BEST5_TO_LIMIT, OrderType.BEST_OWN, OrderType.BEST5_IOC]);
    expect(rules.orderTypes(szse)).toEqual([OrderType.LIMIT, OrderType.BEST_COUNTERPARTY, OrderType.BEST_OWN, OrderType.IOC, OrderType.BEST5_IOC, OrderType.FOK]);
    expect(rules.offsets(stock)).toEqual([Offset.NONE]);
  });
});

describe('checkContract', () => {
  it('refuses an open/close flag, naming it', () => {
    expect(rules.checkContract(req({ offset: Offset.OPEN }), stock)).toEqual({ code: 'OFFSET', message: 'A股委托不使用开平标志，当前为“开”' });
    expect(rules.checkContract(req({ offset: Offset.CLOSE }), stock)?.code).toBe('OFFSET');
    expect(rules.checkContract(req({}), stock)).toBeNull();
  });

  it('judges a sell’s odd lot against what may be closed, and a buy never by it', () => {
    // holding 1,050 closable: the odd 50 may go alone; 30 may not
    expect(rules.checkContract(req({ direction: Direction.SHORT, volume: 50 }), stock, 1050)).toBeNull();
    expect(rules.checkContract(req({ direction: Direction.SHORT, volume: 30 }), stock, 1050)?.code).toBe('ODD_LOT');
    // a buy of 50 is a broken lot whatever is held
    expect(rules.checkContract(req({ volume: 50 }), stock, 1050)?.code).toBe('LOT_SIZE');
  });
  it('runs every contract rule, first failure first', () => {
    // volume before order type before lot before size before price before protection price
    expect(rules.checkContract(req({ volume: 0, type: OrderType.IOC }), stock)?.code).toBe('VOLUME_INVALID');
    expect(rules.checkContract(req({ volume: 50, type: OrderType.IOC }), stock)?.code).toBe('ORDER_TYPE');
    expect(rules.checkContract(req({ volume: 50, price: 10.005 }), stock)?.code).toBe('LOT_SIZE');
    expect(rules.checkContract(req({ volume: 1_000_100, price: 10.005 }), stock)?.code).toBe('MAX_ORDER_VOLUME');
    expect(rules.checkContract(req({ price: 10.005 }), stock)?.code).toBe('PRICE_TICK');
    expect(rules.checkContract(req({ type: OrderType.BEST5_IOC, price: 0 }), stock)?.code).toBe('PROTECTION_PRICE');
    expect(rules.checkContract(req({ type: OrderType.BEST5_IOC, price: 10.5 }), stock)).toBeNull();
  });
});

describe('checkOrder', () => {
  it('refuses an offset before anything else', () => {
    expect(rules.checkOrder(req({ offset: Offset.OPEN, volume: 0 }), stock, view(1e6))?.code).toBe('OFFSET');
  });

  it('judges a sell against the LONG holding, and a buy against the cash', () => {
    const sell = req({ direction: Direction.SHORT, volume: 300 });
    expect(rules.checkOrder(sell, stock, view(0, { volume: 300, yd_volume: 300 }))).toBeNull();
    expect(rules.checkOrder(sell, stock, view(0, { volume: 300, yd_volume: 200 }))?.code).toBe('POSITION');
    // 100 × 10 = 1000 + commission 5.00 + transfer fee 0.01
    expect(rules.checkOrder(req({}), stock, view(1005.01))).toBeNull();
    expect(rules.checkOrder(req({}), stock, view(1005))?.code).toBe('CASH');
  });

  it('hands the credit state to the credit rules', () => {
    const finBuy = req({ credit: CreditOrderType.FIN_BUY });
    expect(rules.checkOrder(finBuy, stock, view(1e6))?.code).toBe('NOT_CREDIT_ACCOUNT');
  });
});

describe('closable', () => {
  const positions = (p?: Partial<PositionData>) => (d: Direction) => (d === Direction.LONG && p ? makePosition(p) : undefined);

  it('is nothing to close for a buy or a 融券卖出', () => {
    expect(rules.closable({ direction: Direction.LONG, offset: Offset.NONE }, stock, positions({ volume: 500, yd_volume: 500 }))).toBeUndefined();
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.NONE, credit: CreditOrderType.SLO_SELL }, stock, positions({ volume: 500, yd_volume: 500 }))).toBeUndefined();
  });

  it('is the T+1 sellable for a sell or 担保品卖出, with today’s buys named as locked', () => {
    const p = positions({ volume: 500, yd_volume: 300, frozen: 100 });
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.NONE }, stock, p)).toEqual({ volume: 200, lockedToday: 200 });
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.NONE, credit: CreditOrderType.COLLATERAL_SELL }, stock, p)).toEqual({ volume: 200, lockedToday: 200 });
    // T+0: the whole holding, nothing locked
    expect(rules.closable({ direction: Direction.SHORT, offset: Offset.NONE }, etf, p)).toEqual({ volume: 400, lockedToday: 0 });
  });
});

describe('requiredFunds', () => {
  it('is the amount plus the estimated buy fees for a buy, nothing for a sell', () => {
    // 1000 × 10 = 10000 + commission max(2.50, 5) + transfer fee 0.10
    expect(rules.requiredFunds({ direction: Direction.LONG, offset: Offset.NONE, type: OrderType.LIMIT, price: 10, volume: 1000 }, stock)).toBe(10005.1);
    expect(rules.requiredFunds({ direction: Direction.SHORT, offset: Offset.NONE, type: OrderType.LIMIT, price: 10, volume: 1000 }, stock)).toBe(0);
  });

  it('uses the schedule the rulebook was made with', () => {
    const cheap = createCnStockRules({ commissionRate: 0.0003, minCommission: 0.1, stampDutyRate: 0.0005, transferFeeRate: 0.00001 });
    // commission 10000 × 0.03 % = 3.00 (not the default 5.00 minimum)
    expect(cheap.requiredFunds({ direction: Direction.LONG, offset: Offset.NONE, type: OrderType.LIMIT, price: 10, volume: 1000 }, stock)).toBe(10003.1);
    expect(cheap.checkOrder(req({ volume: 1000 }), stock, view(10003.1))).toBeNull();
    expect(rules.checkOrder(req({ volume: 1000 }), stock, view(10003.1))?.code).toBe('CASH');
    expect(cheap.fillFees(stock, { direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 1000 }).commission).toBe(3);
  });
});

describe('fillFees', () => {
  it('charges a sell stamp duty and transfer fee on the amount rounded to the cent', () => {
    // 1000 × 12.345 = 12345: commission 3.09 → 5.00; stamp duty 6.1725 → 6.17; transfer fee 0.12
    expect(rules.fillFees(stock, { direction: Direction.SHORT, offset: Offset.NONE, price: 12.345, volume: 1000 })).toEqual({ commission: 5, stamp_duty: 6.17, transfer_fee: 0.12, total: 11.29 });
  });

  it('charges the minimum commission once per order, over the order’s earlier fills', () => {
    // earlier 1000 paid 5.00; now 300000 more: 301000 × 0.025 % = 75.25, less 5.00 = 70.25
    expect(rules.fillFees(stock, { direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 30_000, before: { amount: 1000, commission: 5 } })).toEqual({
      commission: 70.25,
      stamp_duty: 0,
      transfer_fee: 3,
      total: 73.25,
    });
  });
});

describe('which holding a fill moves', () => {
  it('a buy adds to the long holding, a sell draws on it', () => {
    expect(rules.positionOfFill({ direction: Direction.LONG, offset: Offset.NONE }, undefined)).toEqual({ direction: Direction.LONG, opens: true });
    expect(rules.positionOfFill({ direction: Direction.SHORT, offset: Offset.NONE }, undefined)).toEqual({ direction: Direction.LONG, opens: false });
    expect(rules.positionOfFill({ direction: Direction.LONG, offset: Offset.NONE }, CreditOrderType.FIN_BUY)).toEqual({ direction: Direction.LONG, opens: true });
    expect(rules.positionOfFill({ direction: Direction.SHORT, offset: Offset.NONE }, CreditOrderType.SELL_CASH_REPAY)).toEqual({ direction: Direction.LONG, opens: false });
  });

  it('融券卖出 and 买券还券 trade borrowed shares and move no holding', () => {
    expect(rules.positionOfFill({ direction: Direction.SHORT, offset: Offset.NONE }, CreditOrderType.SLO_SELL)).toBeUndefined();
    expect(rules.positionOfFill({ direction: Direction.LONG, offset: Offset.NONE }, CreditOrderType.BUY_SECU_REPAY)).toBeUndefined();
  });
});

describe('applyFill', () => {
  it('a buy adds the shares and their amount plus the fee to the cost', () => {
    const after = rules.applyFill(holding(100, 100, 0, 1005), { opens: true, offset: Offset.NONE, price: 11, volume: 200, fee: 5.02 }, stock);
    expect(after).toEqual({ volume: 300, yd_volume: 100, frozen: 0, cost: 1005 + 2200 + 5.02 });
  });

  it('a sell keeps the average cost per share and takes the sold shares from yesterday’s and the frozen', () => {
    // 400 held at 4000 cost: selling 100 leaves 300 at 3000
    expect(rules.applyFill(holding(400, 300, 150, 4000), { opens: false, offset: Offset.NONE, price: 12, volume: 100, fee: 6 }, stock)).toEqual({
      volume: 300,
      yd_volume: 200,
      frozen: 50,
      cost: 3000,
    });
  });

  it('a sell never takes a holding, yesterday’s part or the frozen below zero', () => {
    expect(rules.applyFill(holding(200, 50, 20, 2000), { opens: false, offset: Offset.NONE, price: 12, volume: 300, fee: 6 }, stock)).toEqual({
      volume: 0,
      yd_volume: 0,
      frozen: 0,
      cost: 0,
    });
    // a sell reported against nothing held leaves a zero cost, not NaN
    expect(rules.applyFill(holding(0, 0, 0, 0), { opens: false, offset: Offset.NONE, price: 12, volume: 100, fee: 6 }, stock)).toEqual(holding(0, 0, 0, 0));
  });
});

describe('holding figures', () => {
  it('the cost of a reported holding is price × volume', () => {
    expect(rules.holdingCost(10.5, 300, stock)).toBe(3150);
  });

  it('the average price is the cost per share to 3 decimals, 0 with nothing held', () => {
    // 3005.01 / 300 = 10.01670
    expect(rules.holdingPrice(holding(300, 300, 0, 3005.01), stock)).toBe(10.017);
    // 1000.5 / 300 = 3.335 exactly: rounded half up
    expect(rules.holdingPrice(holding(300, 300, 0, 1000.5), stock)).toBe(3.335);
    expect(rules.holdingPrice(holding(0, 0, 0, 12), stock)).toBe(0);
  });

  it('P&L: a long gains when the price rises, a 融券 debt when it falls, to the cent', () => {
    // 300 at 10.017 cost 3005.01; at 10.5 worth 3150
    expect(rules.holdingPnl(holding(300, 300, 0, 3005.01), Direction.LONG, 10.5, stock)).toBe(144.99);
    expect(rules.holdingPnl(holding(300, 300, 0, 3005.01), Direction.SHORT, 10.5, stock)).toBe(-144.99);
    // 1/3 of a cent rounds away
    expect(rules.holdingPnl(holding(3, 3, 0, 30), Direction.LONG, 10.001, stock)).toBe(0);
  });

  it('the daily settlement makes today’s shares sellable and unfreezes, keeping the cost', () => {
    expect(rules.settleHolding(holding(500, 200, 100, 5010), stock)).toEqual({ volume: 500, yd_volume: 500, frozen: 0, cost: 5010 });
  });
});
