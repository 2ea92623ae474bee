/**
 * The counter ABI of native/include/tstrader_counter.h, mirrored for koffi. Field order,
 * sizes and constants must match the header exactly; `checkLayout` compares the sizes at
 * load, so a header change that forgot this file fails loudly instead of reading garbage.
 */
import koffi from 'koffi';

/** The ABI this binding speaks (TSC_ABI_VERSION). */
export const ABI_VERSION = 1;

export const TSC_DIR_BUY = 1;
export const TSC_DIR_SELL = 2;

export const TSC_PRICE_LIMIT = 0;
export const TSC_PRICE_BEST_COUNTERPARTY = 1;
export const TSC_PRICE_BEST5_TO_LIMIT = 2;
export const TSC_PRICE_BEST_OWN = 3;
export const TSC_PRICE_IOC = 4;
export const TSC_PRICE_BEST5_IOC = 5;
export const TSC_PRICE_FOK = 6;

export const TSC_STATUS_SUBMITTING = 0;
export const TSC_STATUS_NOTTRADED = 1;
export const TSC_STATUS_PARTTRADED = 2;
export const TSC_STATUS_ALLTRADED = 3;
export const TSC_STATUS_CANCELLED = 4;
export const TSC_STATUS_REJECTED = 5;

export const TSC_PRODUCT_EQUITY = 1;
export const TSC_PRODUCT_FUND = 2;
export const TSC_PRODUCT_BOND = 3;

export const TSC_REASON_REQUESTED = 0;
export const TSC_REASON_NETWORK = 1;
export const TSC_REASON_SERVER = 2;

export const TSC_OK = 0;
export const TSC_E_LOGIN_FAILED = 1001;
export const TSC_E_BAD_FRONT = 3001;

/** Negative request results: nothing was queued. Messages are for the trader. */
export const REQUEST_ERRORS: Readonly<Record<number, string>> = {
  [-1]: '请求参数无效',
  [-2]: '未连接到交易前置',
  [-3]: '尚未登录',
  [-4]: '柜台流控：在途请求过多',
  [-5]: '柜台内存不足',
  [-6]: '柜台接口正在关闭',
};

/** Sizes from the header (asserted there with _Static_assert too). */
export const STRUCT_SIZES = {
  tsc_instrument: 144,
  tsc_login_info: 88,
  tsc_order_req: 112,
  tsc_order: 272,
  tsc_trade: 144,
  tsc_position: 64,
  tsc_account: 64,
  tsc_spi: 80,
} as const;

/**
 * Text fields arrive as raw bytes ('Typed' arrays) and are decoded by the binding, because
 * the library, not koffi, decides the encoding (GB18030 for CTP).
 */
const text = (n: number) => koffi.array('uint8', n, 'Typed');

export const Instrument = koffi.struct({
  symbol: text(16), exchange: text(8), name: text(64),
  product: 'int32', is_st: 'int32', t0: 'int32', min_volume: 'int32', volume_step: 'int32', reserved: 'int32',
  pricetick: 'double', pre_close: 'double', limit_up: 'double', limit_down: 'double',
});

export const LoginInfo = koffi.struct({
  user_id: text(32), account_id: text(32), trading_day: text(16), session_id: 'int64',
});

/** Outgoing: plain char arrays, filled from ASCII strings (codes, ids, refs). */
export const OrderReq = koffi.struct({
  symbol: koffi.array('char', 16), exchange: koffi.array('char', 8), order_ref: koffi.array('char', 32),
  reference: koffi.array('char', 32), direction: 'int32', price_type: 'int32', price: 'double', volume: 'int64',
});

export const Order = koffi.struct({
  order_id: text(32), symbol: text(16), exchange: text(8), reference: text(32), status_msg: text(128),
  direction: 'int32', price_type: 'int32', status: 'int32', reserved: 'int32',
  price: 'double', volume: 'int64', traded: 'int64', insert_time: 'int64', update_time: 'int64',
});

export const Trade = koffi.struct({
  trade_id: text(32), order_id: text(32), symbol: text(16), exchange: text(8),
  direction: 'int32', reserved: 'int32', price: 'double', volume: 'int64', trade_time: 'int64',
  commission: 'double', stamp_duty: 'double', transfer_fee: 'double',
});

export const Position = koffi.struct({
  symbol: text(16), exchange: text(8), volume: 'int64', yd_volume: 'int64', frozen: 'int64',
  cost_price: 'double', last_price: 'double',
});

export const Account = koffi.struct({
  account_id: text(32), balance: 'double', frozen: 'double', available: 'double', market_value: 'double',
});

// Callback prototypes. Struct pointers are declared void*: koffi hands them over as BigInt
// addresses, valid only during the callback, and the binding decodes (copies) them at once.
export const OnConnected = koffi.proto('void tsc_on_connected(void *ctx)');
export const OnDisconnected = koffi.proto('void tsc_on_disconnected(void *ctx, int32_t reason, const void *message)');
export const OnLogin = koffi.proto('void tsc_on_login(void *ctx, int32_t request_id, int32_t error_code, const void *message, const void *info)');
export const OnItem = koffi.proto('void tsc_on_item(void *ctx, int32_t request_id, const void *item, int32_t is_last)');
export const OnError = koffi.proto('void tsc_on_error(void *ctx, int32_t request_id, int32_t error_code, const void *message)');

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
});

/** Throws if a mirrored struct's size differs from the header's. */
export function checkLayout(): void {
  const actual: Record<keyof typeof STRUCT_SIZES, number> = {
    tsc_instrument: koffi.sizeof(Instrument),
    tsc_login_info: koffi.sizeof(LoginInfo),
    tsc_order_req: koffi.sizeof(OrderReq),
    tsc_order: koffi.sizeof(Order),
    tsc_trade: koffi.sizeof(Trade),
    tsc_position: koffi.sizeof(Position),
    tsc_account: koffi.sizeof(Account),
    tsc_spi: koffi.sizeof(Spi),
  };
  for (const [name, size] of Object.entries(STRUCT_SIZES)) {
    const got = actual[name as keyof typeof STRUCT_SIZES];
    if (got !== size) throw new Error(`结构体 ${name} 大小不符：绑定为 ${got} 字节，头文件为 ${size} 字节`);
  }
}

/** Raw shapes as koffi decodes them (text still bytes; int64 as number, safe below 2^53). */
export interface RawInstrument {
  symbol: Uint8Array; exchange: Uint8Array; name: Uint8Array;
  product: number; is_st: number; t0: number; min_volume: number; volume_step: number;
  pricetick: number; pre_close: number; limit_up: number; limit_down: number;
}
export interface RawLoginInfo { user_id: Uint8Array; account_id: Uint8Array; trading_day: Uint8Array; session_id: number | bigint }
export interface RawOrder {
  order_id: Uint8Array; symbol: Uint8Array; exchange: Uint8Array; reference: Uint8Array; status_msg: Uint8Array;
  direction: number; price_type: number; status: number;
  price: number; volume: number; traded: number; insert_time: number; update_time: number;
}
export interface RawTrade {
  trade_id: Uint8Array; order_id: Uint8Array; symbol: Uint8Array; exchange: Uint8Array;
  direction: number; price: number; volume: number; trade_time: number;
  commission: number; stamp_duty: number; transfer_fee: number;
}
export interface RawPosition {
  symbol: Uint8Array; exchange: Uint8Array; volume: number; yd_volume: number; frozen: number;
  cost_price: number; last_price: number;
}
export interface RawAccount { account_id: Uint8Array; balance: number; frozen: number; available: number; market_value: number }

/** What tsc_insert_order takes, as koffi encodes it. */
export interface OrderReqValue {
  symbol: string; exchange: string; order_ref: string; reference: string;
  direction: number; price_type: number; price: number; volume: number;
}
