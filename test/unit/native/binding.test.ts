/** The NATIVE gateway's pure parts: backoff, text decoding, struct conversion, settings, load errors. */
import { describe, expect, it } from 'vitest';
import { Board, Direction, Exchange, Offset, OrderType, Product, Status } from '../../../common/constants';
import type { TraderError } from '../../../common/errors';
import {
  TSC_DIR_BUY,
  TSC_DIR_SELL,
  TSC_OFFSET_CLOSE_TODAY,
  TSC_OFFSET_OPEN,
  TSC_POS_SHORT,
  TSC_PRICE_FOK,
  TSC_PRODUCT_FUND,
  TSC_PRODUCT_FUTURES,
  TSC_STATUS_PARTTRADED,
} from '../../../gateways/native/abi';
import koffi from 'koffi';
import { layoutsFor, readTick, Tick, type RawAccount, type RawInstrument, type RawOrder, type RawPosition, type RawTick, type RawTrade } from '../../../gateways/native/abi-layout';
import { backoffDelay } from '../../../gateways/native/backoff';
import { toContract } from '../../../gateways/native/contract-convert';
import { offsetCode, offsetOf, priceTypeOf, statusOf, toAccount, toOrder, toPosition, toTick, toTrade } from '../../../gateways/native/convert';
import { BUILD_HINT, loadCounterLibrary } from '../../../gateways/native/library';
import { defaultLibraryPath, readNativeSettings } from '../../../gateways/native/settings';
import { createCodec, isEncodable } from '../../../gateways/native/text-codec';

/** A fixed C char array holding `text` in UTF-8, NUL-padded. */
function field(text: string | Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(typeof text === 'string' ? new TextEncoder().encode(text) : text);
  return out;
}

const utf8 = createCodec('UTF-8');

describe('backoff', () => {
  it('doubles from the first delay up to the cap, jitter within bounds', () => {
    const none = { first: 200, max: 10_000, jitter: 0 };
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, none))).toEqual([200, 400, 800, 1600, 10_000]);
    const jittered = { first: 1000, max: 10_000, jitter: 0.2 };
    expect(backoffDelay(0, jittered, () => 0)).toBe(800);
    expect(backoffDelay(0, jittered, () => 1)).toBe(1200);
    expect(backoffDelay(1000, jittered, () => 1)).toBe(10_000);
  });
});

describe('text from a counter', () => {
  it('decodes GB18030 (CTP) and UTF-8, stopping at the NUL', () => {
    // "浦发银行" in GB18030.
    const gb = Uint8Array.from([0xc6, 0xd6, 0xb7, 0xa2, 0xd2, 0xf8, 0xd0, 0xd0]);
    expect(createCodec('GB18030').decode(field(gb, 64))).toBe('浦发银行');
    expect(utf8.decode(field('浦发银行', 64))).toBe('浦发银行');
    expect(utf8.decode(field('600000', 16))).toBe('600000');
    expect(utf8.decode(Uint8Array.from([0x41, 0x42]))).toBe('AB'); // full field, no NUL
    expect(isEncodable('manual', 'GB18030')).toBe(true);
    expect(isEncodable('网格策略', 'GB18030')).toBe(false);
    expect(isEncodable('网格策略', 'UTF-8')).toBe(true);
  });
});

describe('struct conversion', () => {
  it('builds an OrderData, a TradeData with its fee breakdown, and a ContractData with board rules', () => {
    const raw: RawOrder = {
      order_id: field('17-3', 32), symbol: field('000001', 16), exchange: field('SZSE', 8), reference: field('grid', 32), status_msg: field('', 128),
      direction: TSC_DIR_SELL, price_type: TSC_PRICE_FOK, status: TSC_STATUS_PARTTRADED, price: 11.5, volume: 500, traded: 200, insert_time: 1, update_time: 2,
    };
    expect(toOrder(raw, utf8, 'NATIVE')).toMatchObject({
      vt_orderid: 'NATIVE.17-3', vt_symbol: '000001.SZSE', exchange: Exchange.SZSE, direction: Direction.SHORT, type: OrderType.FOK,
      status: Status.PARTTRADED, traded: 200, volume: 500, reference: 'grid', datetime: 2,
    });
    expect(toOrder({ ...raw, exchange: field('NYSE', 8) }, utf8, 'NATIVE')).toBeUndefined();
    const trade: RawTrade = {
      trade_id: field('9-1', 32), order_id: field('17-3', 32), symbol: field('000001', 16), exchange: field('SZSE', 8),
      direction: TSC_DIR_SELL, price: 11.5, volume: 200, trade_time: 3, commission: 5, stamp_duty: 1.15, transfer_fee: 0.02,
    };
    expect(toTrade(trade, utf8, 'NATIVE')).toMatchObject({ vt_tradeid: 'NATIVE.9-1', vt_orderid: 'NATIVE.17-3', fee: 6.17, stamp_duty: 1.15 });
    const inst: RawInstrument = {
      symbol: field('300750', 16), exchange: field('SZSE', 8), name: field('宁德时代', 64), product: 1, is_st: 0, t0: 0,
      min_volume: 0, volume_step: 0, pricetick: 0.01, pre_close: 200, limit_up: 0, limit_down: 0,
    };
    expect(toContract(inst, utf8, 'NATIVE')).toMatchObject({
      board: Board.CHINEXT, product: Product.EQUITY, min_volume: 100, volume_step: 100, max_limit_volume: 300_000, max_market_volume: 150_000,
      limit_up: 240, limit_down: 160, name: '宁德时代',
    });
    expect(toContract({ ...inst, symbol: field('510300', 16), exchange: field('SSE', 8), product: TSC_PRODUCT_FUND }, utf8, 'NATIVE')!.product).toBe(Product.ETF);
    // the v1 ABI is A-shares only: a futures exchange from such a counter is skipped, not given board rules
    expect(toContract({ ...inst, symbol: field('rb2701', 16), exchange: field('SHFE', 8) }, utf8, 'NATIVE')).toBeUndefined();
    expect(priceTypeOf(OrderType.LIMIT)).toBe(0);
    expect(statusOf(42)).toBe(Status.REJECTED);
  });
});

describe('v2 (futures) struct conversion', () => {
  const five = (a: number, step: number) => [0, 1, 2, 3, 4].map((i) => Math.round((a + i * step) * 100) / 100);

  it('carries offsets both ways; a v1 struct (no field) reads as NONE', () => {
    expect([Offset.NONE, Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY].map(offsetCode)).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4, undefined, 9].map(offsetOf)).toEqual([Offset.NONE, Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY, Offset.NONE, Offset.NONE]);
    const order: RawOrder = {
      order_id: field('1_2_3', 32), symbol: field('rb2601', 16), exchange: field('SHFE', 8), reference: field('', 32), status_msg: field('', 128),
      direction: TSC_DIR_SELL, price_type: 0, status: 1, price: 3500, volume: 2, traded: 0, insert_time: 1, update_time: 2,
      offset: TSC_OFFSET_CLOSE_TODAY, order_sys_id: field('  123', 32),
    };
    expect(toOrder(order, utf8, 'CTP')).toMatchObject({ vt_symbol: 'rb2601.SHFE', exchange: Exchange.SHFE, offset: Offset.CLOSETODAY, direction: Direction.SHORT });
    const { offset: _offset, order_sys_id: _sys, ...v1 } = order;
    expect(toOrder(v1, utf8, 'NATIVE')).toBeUndefined(); // a v1 record cannot be a future: skipped
    expect(toOrder({ ...v1, symbol: field('600000', 16), exchange: field('SSE', 8) }, utf8, 'NATIVE')!.offset).toBe(Offset.NONE);
    const trade: RawTrade = {
      trade_id: field('SHFE_9', 32), order_id: field('1_2_3', 32), symbol: field('rb2601', 16), exchange: field('SHFE', 8),
      direction: TSC_DIR_BUY, price: 3500, volume: 1, trade_time: 5, commission: 0, stamp_duty: 0, transfer_fee: 0, offset: TSC_OFFSET_OPEN,
    };
    expect(toTrade(trade, utf8, 'CTP')).toMatchObject({ offset: Offset.OPEN, fee: 0, vt_tradeid: 'CTP.SHFE_9' });
  });

  it('keeps a short position apart from a long one and takes the counter PnL and margin', () => {
    const raw: RawPosition = {
      symbol: field('IF2512', 16), exchange: field('CFFEX', 8), volume: 3, yd_volume: 1, frozen: 1, cost_price: 4000, last_price: 3990,
      direction: TSC_POS_SHORT, pnl: 9000, margin: 43_092, open_price: 4001.2,
    };
    // The counter's 持仓盈亏 includes the multiplier (300): (4000 − 3990) × 300 × 3 = 9,000 — not (last − cost) × volume.
    expect(toPosition(raw, utf8, 'CTP')).toMatchObject({
      vt_positionid: 'CTP.IF2512.CFFEX.空', direction: Direction.SHORT, volume: 3, yd_volume: 1, frozen: 1, pnl: 9000, margin: 43_092, open_price: 4001.2,
    });
    const { direction: _d, pnl: _p, margin: _m, open_price: _o, ...v1 } = raw;
    expect(toPosition(v1, utf8, 'NATIVE')).toBeUndefined(); // a v1 record cannot be a future: skipped
    const stock = { ...v1, symbol: field('600000', 16), exchange: field('SSE', 8) };
    expect(toPosition(stock, utf8, 'NATIVE')).toMatchObject({ direction: Direction.LONG, vt_positionid: 'NATIVE.600000.SSE.多', pnl: -30 });
  });

  it('builds a futures contract from what the counter states, and an account with margin figures', () => {
    const inst: RawInstrument = {
      symbol: field('rb2601', 16), exchange: field('SHFE', 8), name: field('螺纹钢2601', 64), product: TSC_PRODUCT_FUTURES, is_st: 0, t0: 0,
      min_volume: 1, volume_step: 0, pricetick: 1, pre_close: 0, limit_up: 0, limit_down: 0,
      size: 10, max_limit_volume: 500, max_market_volume: 30, min_market_volume: 1, long_margin_ratio: 0.07, short_margin_ratio: 0.08,
      expiry: field('20260115', 16), product_id: field('rb', 16),
    };
    const contract = toContract(inst, utf8, 'CTP')!;
    expect(contract).toMatchObject({
      vt_symbol: 'rb2601.SHFE', product: Product.FUTURES, size: 10, pricetick: 1, min_volume: 1, volume_step: 1, min_market_volume: 1,
      max_limit_volume: 500, max_market_volume: 30, long_margin_ratio: 0.07, short_margin_ratio: 0.08, expiry: '2026-01-15', product_id: 'rb', t0: true,
    });
    expect(contract).not.toHaveProperty('board'); // futures have no stock board
    // A stock product on a futures exchange (a v1 counter cannot describe futures) is skipped.
    expect(toContract({ ...inst, product: 1, size: undefined }, utf8, 'NATIVE')).toBeUndefined();
    const acct: RawAccount = {
      account_id: field('8001', 32), balance: 20_000_100, frozen: 0, available: 19_990_000, market_value: 0,
      margin: 10_100, frozen_margin: 0, frozen_commission: 0, close_pnl: 200, position_pnl: -100, commission: 2, pre_balance: 20_000_000,
    };
    expect(toAccount(acct, utf8, 'CTP', true)).toMatchObject({ margin: 10_100, close_pnl: 200, position_pnl: -100, commission: 2, pre_balance: 20_000_000 });
    expect(toAccount(acct, utf8, 'NATIVE', false)).not.toHaveProperty('margin'); // a cash account keeps its shape
  });

  it('turns a quote into a TickData with 5 levels and the futures figures', () => {
    const raw: RawTick = {
      symbol: field('rb2601', 16), exchange: field('SHFE', 8), trading_day: field('20251202', 16), update_time: field('21:05:01', 16),
      update_millisec: 500, datetime: 1_764_680_701_500, volume: 1200, turnover: 42_000_000, open_interest: 150_000,
      last_price: 3500, pre_close: 3480, pre_settlement: 3490, settlement: 0, pre_open_interest: 149_000,
      open_price: 3495, high_price: 3510, low_price: 3488, limit_up: 3769, limit_down: 3210,
      bid_price: five(3499, -1), ask_price: five(3500, 1), bid_volume: [5, 4, 3, 2, 1], ask_volume: [6, 7, 8, 9, 10],
    };
    expect(toTick(raw, utf8, 'CTP', '螺纹钢2601')).toMatchObject({
      vt_symbol: 'rb2601.SHFE', name: '螺纹钢2601', datetime: 1_764_680_701_500, last_price: 3500, limit_up: 3769,
      bid_price_1: 3499, bid_price_5: 3495, ask_price_5: 3504, bid_volume_1: 5, ask_volume_5: 10,
      open_interest: 150_000, pre_settlement: 3490, settlement: 0, trading_day: '20251202',
    });
    const stock = toTick({ ...raw, symbol: field('600000', 16), exchange: field('SSE', 8), pre_settlement: 0, open_interest: 0 }, utf8, 'NATIVE', '浦发银行')!;
    expect(stock).not.toHaveProperty('open_interest');
  });
});

describe('settings and loading', () => {
  it('defaults to the built simulator and checks the form', () => {
    const s = readNativeSettings({ 动态库路径: '', 交易服务器: 'tcp://127.0.0.1:17001', 用户名: 'sim001', 密码: 'x', 编码: 'GB18030' });
    expect(s).toMatchObject({ libraryPath: defaultLibraryPath(), buildHint: BUILD_HINT, encoding: 'GB18030', options: {} });
    expect(() => readNativeSettings({ 交易服务器: 'tcp://x', 用户名: '' })).toThrow(/用户名不能为空/);
    expect(() => readNativeSettings({ 交易服务器: '', 用户名: 'a' })).toThrow(/交易服务器不能为空/);
  });

  it('says "动态库未构建" when the default library was never built', () => {
    let err: TraderError | undefined;
    try {
      loadCounterLibrary('/nonexistent/libtstrader_simcounter.so', BUILD_HINT);
    } catch (e) {
      err = e as TraderError;
    }
    expect(err?.code).toBe('NATIVE_LIBRARY');
    expect(err?.message).toMatch(/动态库未构建/);
    expect(err?.message).toMatch(/build-native/);
  });
});

describe('struct reader', () => {
  it('reads every struct exactly as koffi.decode does, from any bytes', () => {
    const buf = Buffer.alloc(4096);
    let x = 0x2545f491;
    for (let i = 0; i < buf.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; // xorshift: reproducible bytes, NaNs and huge int64s included
      buf[i] = x & 0xff;
    }
    // Text compared by its bytes: the reader gives views (Buffer), koffi copies (Uint8Array).
    const bytes = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v instanceof Uint8Array ? Array.from(v) : v]));
    for (const abi of [1, 2] as const) {
      const l = layoutsFor(abi);
      for (const name of ['instrument', 'loginInfo', 'order', 'trade', 'position', 'account'] as const) {
        for (const at of [0, 24, 1000]) expect(bytes(l.read[name](buf, at))).toEqual(bytes(koffi.decode(buf, at, l[name]) as object));
      }
    }
    expect(bytes(readTick(buf, 8))).toEqual(bytes(koffi.decode(buf, 8, Tick) as object));
    // Text is a view into the batch (valid during the handler, like a C pointer in a callback).
    const order = layoutsFor(2).read.order(buf, 0);
    buf.fill(0x41, 0, 32);
    expect(utf8.decode(order.order_id)).toBe('A'.repeat(32));
  });
});
