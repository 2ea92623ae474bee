/** The NATIVE gateway's pure parts: backoff, text decoding, struct conversion, settings, load errors. */
import { describe, expect, it } from 'vitest';
import { Board, Direction, Exchange, OrderType, Product, Status } from '../../../common/constants';
import type { TraderError } from '../../../common/errors';
import { TSC_DIR_SELL, TSC_PRICE_FOK, TSC_PRODUCT_FUND, TSC_STATUS_PARTTRADED, type RawInstrument, type RawOrder, type RawTrade } from '../../../gateways/native/abi';
import { backoffDelay } from '../../../gateways/native/backoff';
import { priceTypeOf, statusOf, toContract, toOrder, toTrade } from '../../../gateways/native/convert';
import { loadCounterLibrary } from '../../../gateways/native/library';
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

describe('settings and loading', () => {
  it('defaults to the built simulator and checks the form', () => {
    const s = readNativeSettings({ 动态库路径: '', 交易服务器: 'tcp://127.0.0.1:17001', 用户名: 'sim001', 密码: 'x', 编码: 'GB18030' });
    expect(s).toMatchObject({ libraryPath: defaultLibraryPath(), builtIn: true, encoding: 'GB18030' });
    expect(() => readNativeSettings({ 交易服务器: 'tcp://x', 用户名: '' })).toThrow(/用户名不能为空/);
    expect(() => readNativeSettings({ 交易服务器: '', 用户名: 'a' })).toThrow(/交易服务器不能为空/);
  });

  it('says "动态库未构建" when the default library was never built', () => {
    let err: TraderError | undefined;
    try {
      loadCounterLibrary('/nonexistent/libtstrader_simcounter.so', true);
    } catch (e) {
      err = e as TraderError;
    }
    expect(err?.code).toBe('NATIVE_LIBRARY');
    expect(err?.message).toMatch(/动态库未构建/);
    expect(err?.message).toMatch(/build-native/);
  });
});
