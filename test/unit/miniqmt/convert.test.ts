/**
 * XtQuant rows → our objects, with worked examples computed by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import { Board, Direction, Exchange, OrderType, Status } from '../../../common/constants';
import { CompactType, CreditLevel, CreditOrderType } from '../../../common/credit';
import { assureRatioOf, compactTypeOf, isoDateOf, mergeCreditAssets, toCompact, toCreditDetail } from '../../../gateways/miniqmt/convert-credit';
import { fallbackContract, toContract, toTick } from '../../../gateways/miniqmt/convert-market';
import { toAccount, toOrder, toPosition, toTrade } from '../../../gateways/miniqmt/convert-trading';
import { epochMs } from '../../../gateways/miniqmt/xt-wire';

const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const ctx = { gateway: 'MINIQMT', orderid: 'abc', creditAccount: false, now: NOW };

describe('toOrder', () => {
  const row = {
    stock_code: '000001.SZ', order_id: 7, order_sysid: '88', order_time: 1_767_225_700, order_type: 24, order_volume: 500,
    price: 12.34, traded_volume: 200, order_status: 55, status_msg: '', strategy_name: 'ma', order_remark: 'abc',
  };

  it('maps a partly filled sell, with the time from seconds to ms', () => {
    expect(toOrder(row, { ...ctx, type: OrderType.LIMIT, reference: 'double-ma' })).toEqual({
      gateway_name: 'MINIQMT', symbol: '000001', exchange: Exchange.SZSE, vt_symbol: '000001.SZSE', orderid: 'abc', vt_orderid: 'MINIQMT.abc',
      type: OrderType.LIMIT, direction: Direction.SHORT, offset: '', price: 12.34, volume: 500, traded: 200, status: Status.PARTTRADED,
      datetime: 1_767_225_700_000, reference: 'double-ma', status_msg: '',
    });
  });

  it('takes the reference from strategy_name for an order placed elsewhere', () => {
    expect(toOrder(row, ctx)!.reference).toBe('ma');
  });

  it('says why an order ended or waits: the counter reason first, else the status name', () => {
    expect(toOrder({ ...row, order_status: 57, status_msg: '资金不足' }, ctx)).toMatchObject({ status: Status.REJECTED, status_msg: '资金不足' });
    expect(toOrder({ ...row, order_status: 53 }, ctx)).toMatchObject({ status: Status.CANCELLED, status_msg: '部撤', traded: 200 });
    expect(toOrder({ ...row, order_status: 51 }, ctx)).toMatchObject({ status: Status.NOTTRADED, status_msg: '已报待撤' });
    expect(toOrder({ ...row, order_status: 50 }, ctx)).toMatchObject({ status: Status.NOTTRADED, status_msg: '' });
  });

  it('trusts the volumes over a 部成 label once everything is filled', () => {
    expect(toOrder({ ...row, traded_volume: 500 }, ctx)!.status).toBe(Status.ALLTRADED);
    expect(toOrder({ ...row, traded_volume: 900 }, ctx)!.traded).toBe(500);
  });

  it('carries the credit type on a credit account only', () => {
    expect(toOrder({ ...row, order_type: 27 }, { ...ctx, creditAccount: true })).toMatchObject({ credit: CreditOrderType.FIN_BUY, direction: Direction.LONG });
    expect(toOrder({ ...row, order_type: 23 }, ctx)).not.toHaveProperty('credit');
  });

  it('skips codes of markets we do not trade', () => {
    expect(toOrder({ ...row, stock_code: '00700.HK' }, ctx)).toBeUndefined();
  });
});

describe('toTrade', () => {
  it('names the fill by market and trade number, fees 0 (XtTrade has none)', () => {
    const t = toTrade({ stock_code: '600000.SH', traded_id: '123', traded_time: 1_767_225_601, traded_price: 10.5, traded_volume: 300, order_type: 23 }, ctx)!;
    expect(t).toMatchObject({ tradeid: 'SH-123', vt_tradeid: 'MINIQMT.SH-123', vt_orderid: 'MINIQMT.abc', direction: Direction.LONG, price: 10.5, volume: 300, datetime: 1_767_225_601_000, fee: 0 });
  });

  it('refuses a fill without a trade number: it could not be told from its replay', () => {
    expect(toTrade({ stock_code: '600000.SH', traded_id: '', traded_volume: 100 }, ctx)).toBeUndefined();
  });
});

describe('toPosition and toAccount', () => {
  it('makes the counter sellable figure ours: yd_volume = can_use_volume + frozen_volume', () => {
    // 1,500 held, 800 may be sold now, 200 held by a working sell; 19,500 at 13.00; cost 12.345.
    const p = toPosition({ stock_code: '600000.SH', volume: 1500, can_use_volume: 800, frozen_volume: 200, avg_price: 12.345, market_value: 19_500 }, 'MINIQMT')!;
    expect(p).toMatchObject({ vt_positionid: 'MINIQMT.600000.SSE.多', volume: 1500, yd_volume: 1000, frozen: 200, price: 12.345, last_price: 13 });
    // 19,500 − 12.345 × 1,500 = 19,500 − 18,517.5
    expect(p.pnl).toBe(982.5);
  });

  it('falls back to open_price when avg_price is missing', () => {
    expect(toPosition({ stock_code: '600000.SH', volume: 100, open_price: 9.9, market_value: 1000 }, 'MINIQMT')!.price).toBe(9.9);
  });

  it('资金余额 = 可用 + 冻结', () => {
    expect(toAccount({ account_id: '880001', cash: 1000.5, frozen_cash: 200.25, market_value: 5000 }, 'MINIQMT', 'x')).toEqual({
      gateway_name: 'MINIQMT', accountid: '880001', vt_accountid: 'MINIQMT.880001', balance: 1200.75, frozen: 200.25, available: 1000.5, market_value: 5000,
    });
  });
});

describe('credit rows', () => {
  it('reads 维持担保比例 as a ratio or a percentage, whichever agrees with 总资产 / 总负债', () => {
    expect(assureRatioOf(2.5, 250, 100)).toBe(2.5);
    expect(assureRatioOf(250, 250, 100)).toBe(2.5);
    expect(assureRatioOf(0, 300, 100)).toBe(3);
    expect(assureRatioOf(0, 300, 0)).toBe(Infinity);
  });

  it('maps XtCreditDetail and places the account against the broker lines', () => {
    const d = toCreditDetail(
      { account_id: '990001', m_dBalance: 140_000, m_dTotalDebt: 100_000, m_dPerAssurescaleValue: 1.4, m_dFinDebt: 100_000, m_dFinEnableQuota: 0, m_dAvailable: 5000, m_dEnableBailBalance: -2000 },
      { gateway: 'MINIQMT', accountId: 'x', warningLine: 1.5, closeOutLine: 1.3 },
    );
    // 净资产 not reported: 140,000 − 100,000.
    expect(d).toMatchObject({ vt_accountid: 'MINIQMT.990001', per_assure_scale_value: 1.4, level: CreditLevel.WARNING, assure_asset: 40_000, fin_debt: 100_000, available: 5000, enable_bail_balance: -2000, warning_line: 1.5, close_out_line: 1.3 });
  });

  it('reads compact_type by QMT character codes or by position, and dates as YYYY-MM-DD', () => {
    expect(compactTypeOf(48)).toBe(CompactType.FIN);
    expect(compactTypeOf(0)).toBe(CompactType.FIN);
    expect(compactTypeOf(49)).toBe(CompactType.SLO);
    expect(compactTypeOf(1)).toBe(CompactType.SLO);
    expect(compactTypeOf(7)).toBeUndefined();
    expect(isoDateOf(20250106)).toBe('2025-01-06');
    expect(isoDateOf('')).toBe('');
  });

  it('maps a compact from a bare code and a market number', () => {
    const c = toCompact(
      { compact_id: 'C1', compact_type: 49, instrument_id: '000001', exchange_id: 1, open_date: 20260105, ret_end_date: 20260705, business_vol: 1000, real_compact_vol: 400, business_balance: 12_000, real_compact_balance: 4800, real_compact_fare: 12.5, repaid_balance: 7200 },
      { gateway: 'MINIQMT', accountId: '990001' },
    )!;
    expect(c).toMatchObject({ vt_compactid: 'MINIQMT.C1', compact_type: CompactType.SLO, vt_symbol: '000001.SZSE', open_date: '2026-01-05', ret_end_date: '2026-07-05', real_compact_vol: 400, real_compact_fare: 12.5, rate: 0, closed: false });
    expect(toCompact({ compact_id: 'C2', compact_type: 48, instrument_id: '600000.SH', real_compact_vol: 0, real_compact_balance: 0, real_compact_fare: 0 }, { gateway: 'G', accountId: 'a' })).toMatchObject({ vt_symbol: '600000.SSE', closed: true });
    expect(toCompact({ compact_id: 'C3', compact_type: 48, instrument_id: '600000', exchange_id: 99 }, { gateway: 'G', accountId: 'a' })).toBeUndefined();
  });

  it('merges subjects, lendable amounts (summed over sources) and collateral ratios per code', () => {
    const assets = mergeCreditAssets(
      {
        subjects: [{ instrument_id: '600000', exchange_id: 0, fin_status: 48, slo_status: 49, fin_ratio: 1, slo_ratio: 1.2 }],
        sloCodes: [
          { instrument_id: '600000', exchange_id: 0, enable_amount: 300, cashgroup_prop: 0 },
          { instrument_id: '600000', exchange_id: 0, enable_amount: 200, cashgroup_prop: 1 },
        ],
        assures: [{ instrument_id: '000001', exchange_id: 1, assure_status: 48, assure_ratio: 0.65 }],
      },
      'MINIQMT',
    );
    expect(assets).toEqual([
      { gateway_name: 'MINIQMT', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', vt_assetid: 'MINIQMT.600000.SSE', fin_status: true, slo_status: false, fin_ratio: 1, slo_ratio: 1.2, assure_status: false, assure_ratio: 0, enable_amount: 500 },
      { gateway_name: 'MINIQMT', symbol: '000001', exchange: Exchange.SZSE, vt_symbol: '000001.SZSE', vt_assetid: 'MINIQMT.000001.SZSE', fin_status: false, slo_status: false, fin_ratio: 0, slo_ratio: 0, assure_status: true, assure_ratio: 0.65, enable_amount: 0 },
    ]);
  });
});

describe('contracts and ticks from xtdata', () => {
  it('takes name, close, limits and tick from the instrument detail; board rules for the rest', () => {
    const c = toContract({ InstrumentName: '中芯国际', PreClose: 50, UpStopPrice: 60, DownStopPrice: 40, PriceTick: 0.01 }, '688981', Exchange.SSE, 'MINIQMT');
    expect(c).toMatchObject({ name: '中芯国际', board: Board.STAR, pre_close: 50, limit_up: 60, limit_down: 40, min_volume: 200, volume_step: 1, max_limit_volume: 100_000, is_st: false, t0: false });
  });

  it('derives limits from the close when xtdata has none (ChiNext ±20 %), and marks ST names', () => {
    const c = toContract({ InstrumentName: 'ST某某', PreClose: 10 }, '300001', Exchange.SZSE, 'MINIQMT');
    expect(c).toMatchObject({ board: Board.CHINEXT, limit_up: 12, limit_down: 8, is_st: true });
    expect(fallbackContract('600000', Exchange.SSE, 'MINIQMT')).toMatchObject({ name: '600000', limit_up: 0, limit_down: 0, pricetick: 0.01 });
  });

  it('counts tick volumes in shares: pvolume as is, hands × 100 otherwise', () => {
    const contract = toContract({ InstrumentName: '浦发银行', PreClose: 10, UpStopPrice: 11, DownStopPrice: 9 }, '600000', Exchange.SSE, 'MINIQMT');
    const tick = toTick({ time: NOW, lastPrice: 10.1, lastClose: 10, volume: 12, pvolume: 1234, amount: 12_463.4, askPrice: [10.11, 10.12], askVol: [3, 4], bidPrice: [10.1], bidVol: [7] }, contract, NOW);
    expect(tick).toMatchObject({ last_price: 10.1, volume: 1234, ask_price_1: 10.11, ask_price_2: 10.12, ask_price_3: 0, ask_volume_1: 300, ask_volume_2: 400, bid_volume_1: 700, bid_volume_5: 0, limit_up: 11, datetime: NOW });
    expect(toTick({ volume: 12 }, contract, NOW).volume).toBe(1200);
  });
});

describe('epochMs', () => {
  it('reads seconds and milliseconds; 0 means not given', () => {
    expect(epochMs(1_767_225_600, 1)).toBe(1_767_225_600_000);
    expect(epochMs(1_767_225_600_123, 1)).toBe(1_767_225_600_123);
    expect(epochMs(0, 42)).toBe(42);
    expect(epochMs(null, 42)).toBe(42);
  });
});
