/**
 * The structs of native/include/tstrader_counter.h, mirrored for koffi, per ABI version.
 * Version 2 only appends, so each v1 struct is the first fields of its v2 form: the field
 * lists below are written once (v1 part, then the v2 tail) and both layouts are built from
 * them. A v1 library's structs must be read with the v1 layout — koffi.decode reads the whole
 * struct, and a v2-sized read would run past what the library handed over.
 *
 * `checkLayout` compares every size with the header's at load, so a header change that forgot
 * this file fails loudly instead of reading garbage.
 */
import koffi, { type TypeObject } from 'koffi';
import type { AbiVersion } from './abi';
import { structReader, type StructReader } from './struct-reader';

/**
 * Text fields arrive as raw bytes ('Typed' arrays) and are decoded by the binding, because
 * the library, not koffi, decides the encoding.
 */
const text = (n: number) => koffi.array('uint8', n, 'Typed');
const doubles = (n: number) => koffi.array('double', n, 'Array');
const int64s = (n: number) => koffi.array('int64', n, 'Array');

type Fields = Record<string, string | TypeObject>;

const INSTRUMENT_V1: Fields = {
  symbol: text(16), exchange: text(8), name: text(64),
  product: 'int32', is_st: 'int32', t0: 'int32', min_volume: 'int32', volume_step: 'int32', reserved: 'int32',
  pricetick: 'double', pre_close: 'double', limit_up: 'double', limit_down: 'double',
};
const INSTRUMENT_V2: Fields = {
  size: 'int32', max_limit_volume: 'int32', max_market_volume: 'int32', min_market_volume: 'int32',
  long_margin_ratio: 'double', short_margin_ratio: 'double', expiry: text(16), product_id: text(16),
};
const LOGIN_V1: Fields = { user_id: text(32), account_id: text(32), trading_day: text(16), session_id: 'int64' };
const LOGIN_V2: Fields = { order_ref_prefix: text(32) };
const ORDER_V1: Fields = {
  order_id: text(32), symbol: text(16), exchange: text(8), reference: text(32), status_msg: text(128),
  direction: 'int32', price_type: 'int32', status: 'int32', reserved: 'int32',
  price: 'double', volume: 'int64', traded: 'int64', insert_time: 'int64', update_time: 'int64',
};
const ORDER_V2: Fields = { offset: 'int32', reserved2: 'int32', order_sys_id: text(32) };
const TRADE_V1: Fields = {
  trade_id: text(32), order_id: text(32), symbol: text(16), exchange: text(8),
  direction: 'int32', reserved: 'int32', price: 'double', volume: 'int64', trade_time: 'int64',
  commission: 'double', stamp_duty: 'double', transfer_fee: 'double',
};
const TRADE_V2: Fields = { offset: 'int32', reserved2: 'int32' };
const POSITION_V1: Fields = {
  symbol: text(16), exchange: text(8), volume: 'int64', yd_volume: 'int64', frozen: 'int64',
  cost_price: 'double', last_price: 'double',
};
const POSITION_V2: Fields = { direction: 'int32', reserved: 'int32', pnl: 'double', margin: 'double', open_price: 'double' };
const ACCOUNT_V1: Fields = { account_id: text(32), balance: 'double', frozen: 'double', available: 'double', market_value: 'double' };
const ACCOUNT_V2: Fields = {
  margin: 'double', frozen_margin: 'double', frozen_commission: 'double', close_pnl: 'double',
  position_pnl: 'double', commission: 'double', pre_balance: 'double',
};

/** Outgoing: plain char arrays, filled from ASCII strings (codes, ids, refs). v1 reads the first 112 bytes. */
export const OrderReq = koffi.struct({
  symbol: koffi.array('char', 16), exchange: koffi.array('char', 8), order_ref: koffi.array('char', 32),
  reference: koffi.array('char', 32), direction: 'int32', price_type: 'int32', price: 'double', volume: 'int64',
  offset: 'int32', reserved: 'int32',
});

/** tsc_tick's fields, with text as bytes (read) or as char arrays filled from strings (written). */
function tickFields(str: (n: number) => TypeObject): Fields {
  return {
    symbol: str(16), exchange: str(8), trading_day: str(16), update_time: str(16),
    update_millisec: 'int32', reserved: 'int32', datetime: 'int64', volume: 'int64',
    turnover: 'double', open_interest: 'double', last_price: 'double', pre_close: 'double',
    pre_settlement: 'double', settlement: 'double', pre_open_interest: 'double',
    open_price: 'double', high_price: 'double', low_price: 'double', limit_up: 'double', limit_down: 'double',
    bid_price: doubles(5), ask_price: doubles(5), bid_volume: int64s(5), ask_volume: int64s(5),
  };
}
/** v2: tsc_tick as callbacks hand it over. */
export const Tick = koffi.struct(tickFields(text));
/** The same layout written from strings: what the test hook feeds a counter. */
export const TickIn = koffi.struct(tickFields((n) => koffi.array('char', n)));

// Callback prototypes. Struct pointers are declared void*: koffi hands them over as BigInt
// addresses, valid only during the callback, and the binding decodes (copies) them at once.
export const OnConnected = koffi.proto('void tsc_on_connected(void *ctx)');
export const OnDisconnected = koffi.proto('void tsc_on_disconnected(void *ctx, int32_t reason, const void *message)');
export const OnLogin = koffi.proto('void tsc_on_login(void *ctx, int32_t request_id, int32_t error_code, const void *message, const void *info)');
export const OnItem = koffi.proto('void tsc_on_item(void *ctx, int32_t request_id, const void *item, int32_t is_last)');
export const OnError = koffi.proto('void tsc_on_error(void *ctx, int32_t request_id, int32_t error_code, const void *message)');
export const OnTick = koffi.proto('void tsc_on_tick(void *ctx, const void *tick)');
export const OnMdConnected = koffi.proto('void tsc_on_md_connected(void *ctx)');
export const OnMdDisconnected = koffi.proto('void tsc_on_md_disconnected(void *ctx, int32_t reason, const void *message)');
export const OnLog = koffi.proto('void tsc_on_log(void *ctx, int32_t level, const void *message)');

/** The v2 callback table; a v1 library is told struct_size 80 and reads only the v1 members. */
export const Spi = koffi.struct({
  struct_size: 'uint32', reserved: 'uint32',
  on_connected: koffi.pointer(OnConnected),
  on_disconnected: koffi.pointer(OnDisconnected),
  on_login: koffi.pointer(OnLogin),
  on_order: koffi.pointer(OnItem),
  on_trade: koffi.pointer(OnItem),
  on_position: koffi.pointer(OnItem),
  on_account: koffi.pointer(OnItem),
  on_instrument: koffi.pointer(OnItem),
  on_error: koffi.pointer(OnError),
  on_tick: koffi.pointer(OnTick),
  on_md_connected: koffi.pointer(OnMdConnected),
  on_md_disconnected: koffi.pointer(OnMdDisconnected),
  on_log: koffi.pointer(OnLog),
});

/** The structs a library of one ABI version hands to callbacks, and the callback table size it is told. */
export interface Layouts {
  readonly abi: AbiVersion;
  readonly instrument: TypeObject;
  readonly loginInfo: TypeObject;
  readonly order: TypeObject;
  readonly trade: TypeObject;
  readonly position: TypeObject;
  readonly account: TypeObject;
  readonly spiSize: number;
  /** the same structs read from a Buffer (the relay's batches) without koffi.decode */
  readonly read: {
    readonly instrument: StructReader<RawInstrument>;
    readonly loginInfo: StructReader<RawLoginInfo>;
    readonly order: StructReader<RawOrder>;
    readonly trade: StructReader<RawTrade>;
    readonly position: StructReader<RawPosition>;
    readonly account: StructReader<RawAccount>;
  };
}

function layouts(abi: AbiVersion, spiSize: number, fields: Record<Exclude<keyof Layouts, 'abi' | 'spiSize' | 'read'>, Fields>): Layouts {
  const t = {
    instrument: koffi.struct(fields.instrument),
    loginInfo: koffi.struct(fields.loginInfo),
    order: koffi.struct(fields.order),
    trade: koffi.struct(fields.trade),
    position: koffi.struct(fields.position),
    account: koffi.struct(fields.account),
  };
  return {
    abi,
    spiSize,
    ...t,
    read: {
      instrument: structReader<RawInstrument>(t.instrument),
      loginInfo: structReader<RawLoginInfo>(t.loginInfo),
      order: structReader<RawOrder>(t.order),
      trade: structReader<RawTrade>(t.trade),
      position: structReader<RawPosition>(t.position),
      account: structReader<RawAccount>(t.account),
    },
  };
}

const V1 = layouts(1, 80, {
  instrument: INSTRUMENT_V1, loginInfo: LOGIN_V1, order: ORDER_V1, trade: TRADE_V1, position: POSITION_V1, account: ACCOUNT_V1,
});
const V2 = layouts(2, 112, {
  instrument: { ...INSTRUMENT_V1, ...INSTRUMENT_V2 },
  loginInfo: { ...LOGIN_V1, ...LOGIN_V2 },
  order: { ...ORDER_V1, ...ORDER_V2 },
  trade: { ...TRADE_V1, ...TRADE_V2 },
  position: { ...POSITION_V1, ...POSITION_V2 },
  account: { ...ACCOUNT_V1, ...ACCOUNT_V2 },
});

/** tsc_tick read from a Buffer. */
export const readTick: StructReader<RawTick> = structReader<RawTick>(Tick);

export function layoutsFor(abi: AbiVersion): Layouts {
  return abi === 1 ? V1 : V2;
}

/** Sizes from the header (asserted there with _Static_assert too): v1 (TSC_V1_SIZEOF_*) and v2. */
const HEADER_SIZES: Record<AbiVersion, Record<Exclude<keyof Layouts, 'abi' | 'spiSize' | 'read'>, number>> = {
  1: { instrument: 144, loginInfo: 88, order: 272, trade: 144, position: 64, account: 64 },
  2: { instrument: 208, loginInfo: 120, order: 312, trade: 152, position: 96, account: 120 },
};

/** Throws if a mirrored struct's size differs from the header's. */
export function checkLayout(): void {
  const mismatch = (name: string, got: number, want: number): void => {
    if (got !== want) throw new Error(`结构体 ${name} 大小不符：绑定为 ${got} 字节，头文件为 ${want} 字节`);
  };
  for (const abi of [1, 2] as const) {
    const layouts = layoutsFor(abi);
    for (const [name, size] of Object.entries(HEADER_SIZES[abi])) {
      mismatch(`${name} (v${abi})`, koffi.sizeof(layouts[name as keyof (typeof HEADER_SIZES)[1]]), size);
    }
  }
  mismatch('tsc_order_req', koffi.sizeof(OrderReq), 120);
  mismatch('tsc_tick', koffi.sizeof(Tick), 336);
  mismatch('tsc_tick (in)', koffi.sizeof(TickIn), 336);
  mismatch('tsc_spi', koffi.sizeof(Spi), V2.spiSize);
}

/**
 * Raw shapes as koffi decodes them (text still bytes; int64 as number, or BigInt past 2^53).
 * The v2 members are optional: absent when the library speaks v1.
 */
export interface RawInstrument {
  symbol: Uint8Array; exchange: Uint8Array; name: Uint8Array;
  product: number; is_st: number; t0: number; min_volume: number; volume_step: number;
  pricetick: number; pre_close: number; limit_up: number; limit_down: number;
  size?: number; max_limit_volume?: number; max_market_volume?: number; min_market_volume?: number;
  long_margin_ratio?: number; short_margin_ratio?: number; expiry?: Uint8Array; product_id?: Uint8Array;
}
export interface RawLoginInfo {
  user_id: Uint8Array; account_id: Uint8Array; trading_day: Uint8Array; session_id: number | bigint;
  order_ref_prefix?: Uint8Array;
}
export interface RawOrder {
  order_id: Uint8Array; symbol: Uint8Array; exchange: Uint8Array; reference: Uint8Array; status_msg: Uint8Array;
  direction: number; price_type: number; status: number;
  price: number; volume: number; traded: number; insert_time: number; update_time: number;
  offset?: number; order_sys_id?: Uint8Array;
}
export interface RawTrade {
  trade_id: Uint8Array; order_id: Uint8Array; symbol: Uint8Array; exchange: Uint8Array;
  direction: number; price: number; volume: number; trade_time: number;
  commission: number; stamp_duty: number; transfer_fee: number;
  offset?: number;
}
export interface RawPosition {
  symbol: Uint8Array; exchange: Uint8Array; volume: number; yd_volume: number; frozen: number;
  cost_price: number; last_price: number;
  direction?: number; pnl?: number; margin?: number; open_price?: number;
}
export interface RawAccount {
  account_id: Uint8Array; balance: number; frozen: number; available: number; market_value: number;
  margin?: number; frozen_margin?: number; frozen_commission?: number; close_pnl?: number;
  position_pnl?: number; commission?: number; pre_balance?: number;
}
export interface RawTick {
  symbol: Uint8Array; exchange: Uint8Array; trading_day: Uint8Array; update_time: Uint8Array;
  update_millisec: number; datetime: number; volume: number; turnover: number; open_interest: number;
  last_price: number; pre_close: number; pre_settlement: number; settlement: number; pre_open_interest: number;
  open_price: number; high_price: number; low_price: number; limit_up: number; limit_down: number;
  bid_price: number[]; ask_price: number[]; bid_volume: number[]; ask_volume: number[];
}

/** What tsc_insert_order takes, as koffi encodes it. */
export interface OrderReqValue {
  symbol: string; exchange: string; order_ref: string; reference: string;
  direction: number; price_type: number; price: number; volume: number; offset: number;
}

/** A tick to encode (the test hook that feeds a counter a market snapshot). */
export interface TickValue {
  symbol: string; exchange: string; trading_day: string; update_time: string;
  last_price: number; pre_settlement: number; settlement?: number; limit_up?: number; limit_down?: number;
  open_interest?: number; volume?: number;
  bid_price: number[]; ask_price: number[]; bid_volume: number[]; ask_volume: number[];
}
