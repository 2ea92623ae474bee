/**
 * The backtest broker with a credit (信用) account: 融资买入, 卖券还款, 融券卖出 and 买券还券 on
 * crafted bars, booked by the SIM credit account's own code. Every figure is worked out by
 * hand from the default terms (融资 6.5 %, 融券 8.5 % a year over 360 days, interest rounded
 * half up to the cent per compact) and fee schedule (commission 0.025 %, at least 5 CNY per
 * order; stamp duty 0.05 % on sells; transfer fee 0.001 %).
 */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType } from '../../../common/constants';
import { CreditOrderType, DEFAULT_CREDIT_TERMS } from '../../../common/credit';
import { DEFAULT_FEES } from '../../../common/markets/cn-stock/fees';
import type { OrderRequest, TickData, TradeData } from '../../../common/objects';
import { BACKTEST_GATEWAY, BacktestBroker } from '../../../electron/engine/backtest/broker/backtest-broker';
import { stockContract } from '../../../electron/engine/backtest/broker/stock-bars';
import type { MatchBar } from '../../../electron/engine/backtest/matching/bar-order';

const GW = BACKTEST_GATEWAY;
const contract = (preClose: number) => stockContract('600000.SSE', preClose);

function req(direction: Direction.LONG | Direction.SHORT, price: number, volume: number, credit?: CreditOrderType): OrderRequest {
  return { symbol: '600000', exchange: Exchange.SSE, direction, offset: Offset.NONE, type: OrderType.LIMIT, volume, price, reference: 'test', ...(credit ? { credit } : {}) };
}

function tick(last: number): TickData {
  return {
    gateway_name: GW, symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', name: '600000', datetime: 0, volume: 1000, turnover: 0,
    last_price: last, last_volume: 0, limit_up: 11, limit_down: 9, open_price: last, high_price: last, low_price: last, pre_close: 10,
    bid_price_1: last, bid_price_2: 0, bid_price_3: 0, bid_price_4: 0, bid_price_5: 0, ask_price_1: last, ask_price_2: 0, ask_price_3: 0, ask_price_4: 0, ask_price_5: 0,
    bid_volume_1: 0, bid_volume_2: 0, bid_volume_3: 0, bid_volume_4: 0, bid_volume_5: 0, ask_volume_1: 0, ask_volume_2: 0, ask_volume_3: 0, ask_volume_4: 0, ask_volume_5: 0,
  };
}

function bar(o: number, h: number, l: number, c: number): MatchBar {
  return { datetime: 0, open: o, high: h, low: l, close: c, volume: 1_000_000, limit_up: 11, limit_down: 9 };
}

/** A credit broker on its first day (2024-01-02, a Tuesday), the quote at 10.00. */
function creditBroker(): { broker: BacktestBroker; trades: TradeData[]; k: { bar: number } } {
  const broker = new BacktestBroker(contract(10), { capital: 100_000, fees: DEFAULT_FEES, volumeRatio: 1, slippageTicks: 0, credit: DEFAULT_CREDIT_TERMS });
  const trades: TradeData[] = [];
  broker.on('trade', (t) => trades.push(t));
  broker.setCursor(-1, Date.UTC(2024, 0, 2, 1, 30));
  broker.startDay(contract(10), '2024-01-02', 10);
  broker.setQuote(tick(10));
  return { broker, trades, k: { bar: 0 } };
}

/** Match one bar as the replay does: the cursor on it, then the quote made of its close. */
function step(broker: BacktestBroker, k: { bar: number }, b: MatchBar): void {
  broker.setCursor(k.bar, 0);
  broker.markToMarket(b.close);
  broker.matchBar(b, k.bar);
  broker.setQuote(tick(b.close));
  k.bar++;
}

describe('backtest broker, credit account', () => {
  it('a cash account refuses credit orders and says how to get a credit one', () => {
    const broker = new BacktestBroker(contract(10), { capital: 100_000, fees: DEFAULT_FEES, volumeRatio: 1, slippageTicks: 0 });
    expect(() => broker.sendOrder(req(Direction.LONG, 10, 1000, CreditOrderType.FIN_BUY), GW)).toThrow(/融资买入需要信用账户.*账户类型“信用”/);
    expect(broker.credit(GW)).toBeUndefined();
  });

  it('融资买入 borrows the amount and its fees; interest accrues per calendar day; 卖券还款 repays interest first', () => {
    const { broker, trades, k } = creditBroker();
    const before = broker.credit(GW)!;
    expect(before.fin_enable_quota).toBe(1_000_000);
    broker.sendOrder(req(Direction.LONG, 10, 1000, CreditOrderType.FIN_BUY), GW);
    step(broker, k, bar(10, 10.1, 9.9, 10));
    // 10,000.00 + commission 5.00 (2.50 is under the minimum) + transfer fee 0.10 = 10,005.10 borrowed
    expect(trades.map((t) => [t.volume, t.price, t.fee])).toEqual([[1000, 10, 5.1]]);
    let d = broker.credit(GW)!;
    expect(d.fin_deal_avl).toBeCloseTo(10_005.1, 9);
    expect(d.fin_enable_quota).toBeCloseTo(1_000_000 - 10_005.1, 6);
    expect(broker.account(GW)!.balance).toBe(100_000); // the cash did not move
    expect(broker.positions(GW).find((p) => p.direction === Direction.LONG)!.volume).toBe(1000);
    // financed shares leave by 卖券还款 only; and not today (T+1)
    broker.startDay(contract(10), '2024-01-03', 10);
    // 日终结算 of 01-02: 1 calendar day on 10,005.10 at 6.5 % / 360 = 1.8065… → 1.81
    expect(broker.interestOf('2024-01-02')).toBeCloseTo(1.81, 9);
    expect(broker.credit(GW)!.fin_fee).toBeCloseTo(1.81, 9);
    expect(() => broker.sendOrder(req(Direction.SHORT, 10.2, 1000), GW)).toThrow(/担保品卖出可卖 0 股.*卖券还款/);
    broker.sendOrder(req(Direction.SHORT, 10.2, 1000, CreditOrderType.SELL_CASH_REPAY), GW);
    step(broker, k, bar(10.2, 10.3, 10.1, 10.2));
    // 10,200.00 − (commission 5.00 + stamp duty 5.10 + transfer 0.10) = 10,189.80; 1.81 + 10,005.10 repaid, 182.89 left
    expect(trades[1]!.fee).toBeCloseTo(10.2, 9);
    d = broker.credit(GW)!;
    expect(d.fin_debt).toBe(0);
    expect(broker.account(GW)!.balance).toBeCloseTo(100_182.89, 6);
    expect(broker.openCompacts(GW)).toEqual([]);
  });

  it('interest over a weekend counts three calendar days', () => {
    const { broker, k } = creditBroker();
    broker.startDay(contract(10), '2024-01-05', 10); // a Friday
    broker.sendOrder(req(Direction.LONG, 10, 1000, CreditOrderType.FIN_BUY), GW);
    step(broker, k, bar(10, 10.1, 9.9, 10));
    broker.startDay(contract(10), '2024-01-08', 10);
    // 10,005.10 × 3 × 0.065 / 360 = 5.4194… → 5.42
    expect(broker.interestOf('2024-01-05')).toBeCloseTo(5.42, 9);
  });

  it('融券卖出 puts the proceeds aside for 买券还券; the debt is a short position; 买券还券 returns the shares', () => {
    const { broker, trades, k } = creditBroker();
    // below the latest price is refused (融券卖出's price floor)
    expect(() => broker.sendOrder(req(Direction.SHORT, 9.99, 500, CreditOrderType.SLO_SELL), GW)).toThrow(/融券卖出/);
    broker.sendOrder(req(Direction.SHORT, 10, 500, CreditOrderType.SLO_SELL), GW);
    step(broker, k, bar(10, 10.1, 9.9, 10));
    // 5,000.00 − (commission 5.00 + stamp duty 2.50 + transfer 0.05) = 4,992.45 of 融券卖出资金
    expect(trades[0]!.fee).toBeCloseTo(7.55, 9);
    let d = broker.credit(GW)!;
    expect(d.surplus_slo_sell_balance).toBeCloseTo(4_992.45, 6);
    expect(d.slo_market_value).toBeCloseTo(5_000, 6);
    const account = broker.account(GW)!;
    expect(account.balance).toBeCloseTo(104_992.45, 6);
    expect(account.available).toBeCloseTo(100_000, 6); // the proceeds are not free cash
    const short = broker.positions(GW).find((p) => p.direction === Direction.SHORT)!;
    expect([short.volume, short.price]).toEqual([500, 10]);

    broker.startDay(contract(10), '2024-01-03', 10);
    // 5,000.00 × 1 × 0.085 / 360 = 1.1805… → 1.18
    expect(broker.interestOf('2024-01-02')).toBeCloseTo(1.18, 9);
    broker.sendOrder(req(Direction.LONG, 9.8, 500, CreditOrderType.BUY_SECU_REPAY), GW);
    step(broker, k, bar(9.8, 9.9, 9.7, 9.8));
    // 4,900.00 + commission 5.00 + transfer 0.05 = 4,905.05 paid from the proceeds, interest 1.18 too
    d = broker.credit(GW)!;
    expect(d.slo_debt).toBe(0);
    expect(broker.openCompacts(GW)).toEqual([]);
    expect(broker.positions(GW).some((p) => p.direction === Direction.SHORT)).toBe(false);
    // 104,992.45 − 4,905.05 − 1.18 = 100,086.22, all free again once nothing is owed
    expect(broker.account(GW)!.balance).toBeCloseTo(100_086.22, 6);
    expect(broker.account(GW)!.available).toBeCloseTo(100_086.22, 6);
  });

  it('融资买入 beyond the quota is refused with the figures', () => {
    const broker = new BacktestBroker(contract(10), {
      capital: 100_000, fees: DEFAULT_FEES, volumeRatio: 1, slippageTicks: 0, credit: { ...DEFAULT_CREDIT_TERMS, finQuota: 5_000 },
    });
    broker.setCursor(-1, 0);
    broker.startDay(contract(10), '2024-01-02', 10);
    broker.setQuote(tick(10));
    expect(() => broker.sendOrder(req(Direction.LONG, 10, 1000, CreditOrderType.FIN_BUY), GW)).toThrow(/融资可用额度不足/);
  });
});
