/**
 * Loads a counter library through koffi and binds its exports to typed functions. Every way
 * this can fail (file missing, not loadable, ABI version, missing symbol) becomes one
 * TraderError with a Chinese message naming the file, so the trader sees why at connect and
 * the app carries on. Loaded libraries are cached by path: koffi cannot unload safely while
 * a counter thread might still run, and binding the same file twice gains nothing.
 *
 * ABI versions 1 and 2 load: the functions version 2 added are bound only for a v2 library,
 * and `layouts` says how to read its structs.
 */
import fs from 'node:fs';
import koffi, { type LibraryHandle, type TypeObject } from 'koffi';
import { TraderError } from '../../common/errors';
import { ABI_VERSION, isSupportedAbi, MIN_ABI_VERSION, type AbiVersion } from './abi';
import { checkLayout, layoutsFor, OrderReq, Spi, TickIn, type Layouts, type OrderReqValue, type TickValue } from './abi-layout';

/** Pointer to a tsc_api, as koffi returns it. */
export type ApiHandle = bigint;

/** The callback table as koffi encodes it: registered callback addresses. */
export interface SpiValue {
  struct_size: number;
  reserved: number;
  on_connected: bigint;
  on_disconnected: bigint;
  on_login: bigint;
  on_order: bigint;
  on_trade: bigint;
  on_position: bigint;
  on_account: bigint;
  on_instrument: bigint;
  on_error: bigint;
  on_tick: bigint;
  on_md_connected: bigint;
  on_md_disconnected: bigint;
  on_log: bigint;
}

/** The simulator's test hooks; absent from vendor adapters. */
export interface CounterTestHooks {
  dropConnection(api: ApiHandle, refuseReconnects: number): number;
  setPrice(api: ApiHandle, symbol: string, exchange: string, price: number): number;
  settleDay(api: ApiHandle): number;
  burst(api: ApiHandle, count: number): number;
}

/** v2 functions: absent when the library speaks v1. */
export interface CounterV2Functions {
  setOption(api: ApiHandle, key: string, value: string): number;
  subscribe(api: ApiHandle, symbol: string, exchange: string): number;
  unsubscribe(api: ApiHandle, symbol: string, exchange: string): number;
}

export interface CounterLibrary {
  readonly path: string;
  readonly abiVersion: AbiVersion;
  /** how this library's structs are laid out (its ABI version's) */
  readonly layouts: Layouts;
  /** as declared by tsc_encoding(), upper-cased */
  readonly encoding: string;
  create(): ApiHandle | null;
  /** Runs tsc_release on a koffi worker thread: it may wait for a callback that needs the event loop. */
  release(api: ApiHandle): Promise<void>;
  registerSpi(api: ApiHandle, spi: SpiValue): number;
  /** tsc_register_spi with a table that already lives in C (the relay's) and its ctx. */
  registerSpiAt(api: ApiHandle, table: bigint, ctx: bigint): number;
  connect(api: ApiHandle, front: string): number;
  login(api: ApiHandle, user: string, password: string): number;
  queryInstruments(api: ApiHandle): number;
  queryAccount(api: ApiHandle): number;
  queryPositions(api: ApiHandle): number;
  queryOrders(api: ApiHandle): number;
  queryTrades(api: ApiHandle): number;
  insertOrder(api: ApiHandle, req: OrderReqValue): number;
  cancelOrder(api: ApiHandle, orderId: string): number;
  /** abi_version calls only: what one koffi call costs (benchmark) */
  readonly probe: () => number;
  readonly v2: CounterV2Functions | undefined;
  readonly test: CounterTestHooks | undefined;
  /**
   * Test builds only (tsc_test_feed_tick): hand the counter a market snapshot to match against.
   * The CTP adapter's test build routes it to LocalCTP's RegisterFensUserInfo.
   */
  readonly feedTick: ((api: ApiHandle, tick: TickValue) => number) | undefined;
}

type Fn = ReturnType<LibraryHandle['func']>;

const cache = new Map<string, CounterLibrary>();

function loadError(message: string): TraderError {
  return new TraderError('NATIVE_LIBRARY', message);
}

/** What to say when the library this repository builds is missing: how to build it. */
export const BUILD_HINT = '请先运行 node scripts/build-native.mjs（需要 C 编译器 gcc/clang 和 make）';

/**
 * Load and check a counter library; throws TraderError('NATIVE_LIBRARY') with the reason.
 * `buildHint`: the library is one this repository builds, and this says how (shown when missing).
 */
export function loadCounterLibrary(file: string, buildHint?: string): CounterLibrary {
  const cached = cache.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    throw loadError(buildHint ? `动态库未构建：${file} 不存在。${buildHint}` : `动态库不存在：${file}`);
  }
  checkLayout();
  let lib: LibraryHandle;
  try {
    lib = koffi.load(file);
  } catch (error) {
    throw loadError(`无法加载动态库 ${file}：${error instanceof Error ? error.message : String(error)}`);
  }
  const bind = (name: string, result: string, args: (string | TypeObject)[]): Fn => {
    try {
      return lib.func(name, result, args);
    } catch {
      throw loadError(`动态库 ${file} 缺少导出函数 ${name}，不是 TS Trader 柜台接口（tstrader_counter.h）`);
    }
  };
  const optional = (name: string, result: string, args: (string | TypeObject)[]): Fn | undefined => {
    try {
      return lib.func(name, result, args);
    } catch {
      return undefined;
    }
  };

  // The version first: a library of another ABI may lack or redefine everything else.
  const abiVersion = Number(bind('tsc_abi_version', 'int32', [])());
  if (!isSupportedAbi(abiVersion)) {
    throw loadError(`动态库 ${file} 的接口版本为 ${abiVersion}，本程序支持版本 ${MIN_ABI_VERSION}–${ABI_VERSION}，请使用匹配的柜台库`);
  }
  const encodingFn = bind('tsc_encoding', 'const char *', []);
  const encoding = String(encodingFn() ?? '').toUpperCase();
  if (encoding !== 'UTF-8' && encoding !== 'GB18030') {
    throw loadError(`动态库 ${file} 声明的编码“${encoding}”不受支持（应为 UTF-8 或 GB18030）`);
  }
  const create = bind('tsc_create', 'void *', []);
  const release = bind('tsc_release', 'void', ['void *']);
  const registerSpi = bind('tsc_register_spi', 'int32', ['void *', koffi.pointer(Spi), 'void *']);
  const registerSpiAt = bind('tsc_register_spi', 'int32', ['void *', 'void *', 'void *']);
  const connect = bind('tsc_connect', 'int32', ['void *', 'const char *']);
  const login = bind('tsc_login', 'int32', ['void *', 'const char *', 'const char *']);
  const queries = ['instruments', 'account', 'positions', 'orders', 'trades'].map((q) => bind(`tsc_query_${q}`, 'int32', ['void *']));
  const insertOrder = bind('tsc_insert_order', 'int32', ['void *', koffi.pointer(OrderReq)]);
  const cancelOrder = bind('tsc_cancel_order', 'int32', ['void *', 'const char *']);
  const probe = bind('tsc_abi_version', 'int32', []);
  const drop = optional('tsc_test_drop_connection', 'int32', ['void *', 'int32']);
  const setPrice = optional('tsc_test_set_price', 'int32', ['void *', 'const char *', 'const char *', 'double']);
  const settle = optional('tsc_test_settle_day', 'int32', ['void *']);
  const burst = optional('tsc_test_burst', 'int32', ['void *', 'int32']);
  const [qInstruments, qAccount, qPositions, qOrders, qTrades] = queries as [Fn, Fn, Fn, Fn, Fn];
  let v2: CounterV2Functions | undefined;
  if (abiVersion >= 2) {
    const setOption = bind('tsc_set_option', 'int32', ['void *', 'const char *', 'const char *']);
    const subscribe = bind('tsc_subscribe', 'int32', ['void *', 'const char *', 'const char *']);
    const unsubscribe = bind('tsc_unsubscribe', 'int32', ['void *', 'const char *', 'const char *']);
    v2 = {
      setOption: (api, key, value) => setOption(api, key, value) as number,
      subscribe: (api, symbol, exchange) => subscribe(api, symbol, exchange) as number,
      unsubscribe: (api, symbol, exchange) => unsubscribe(api, symbol, exchange) as number,
    };
  }
  const feed = abiVersion >= 2 ? optional('tsc_test_feed_tick', 'int32', ['void *', koffi.pointer(TickIn)]) : undefined;

  const counter: CounterLibrary = {
    path: file,
    abiVersion,
    layouts: layoutsFor(abiVersion),
    encoding,
    create: () => (create() as ApiHandle | null) ?? null,
    release: (api) =>
      new Promise<void>((resolve, reject) => {
        release.async(api, (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
      }),
    registerSpi: (api, spi) => registerSpi(api, spi, null) as number,
    registerSpiAt: (api, table, ctx) => registerSpiAt(api, table, ctx) as number,
    connect: (api, front) => connect(api, front) as number,
    login: (api, user, password) => login(api, user, password) as number,
    queryInstruments: (api) => qInstruments(api) as number,
    queryAccount: (api) => qAccount(api) as number,
    queryPositions: (api) => qPositions(api) as number,
    queryOrders: (api) => qOrders(api) as number,
    queryTrades: (api) => qTrades(api) as number,
    insertOrder: (api, req) => insertOrder(api, req) as number,
    cancelOrder: (api, orderId) => cancelOrder(api, orderId) as number,
    probe: () => probe() as number,
    v2,
    feedTick: feed ? (api, tick) => feed(api, tickValue(tick)) as number : undefined,
    test:
      drop && setPrice && settle && burst
        ? {
            dropConnection: (api, n) => drop(api, n) as number,
            setPrice: (api, symbol, exchange, price) => setPrice(api, symbol, exchange, price) as number,
            settleDay: (api) => settle(api) as number,
            burst: (api, n) => burst(api, n) as number,
          }
        : undefined,
  };
  cache.set(file, counter);
  return counter;
}

/** Every member of tsc_tick, the unstated ones 0. */
function tickValue(t: TickValue): Record<string, unknown> {
  const five = (v: number[]) => [0, 1, 2, 3, 4].map((i) => v[i] ?? 0);
  return {
    symbol: t.symbol, exchange: t.exchange, trading_day: t.trading_day, update_time: t.update_time,
    update_millisec: 0, reserved: 0, datetime: 0, volume: t.volume ?? 0, turnover: 0,
    open_interest: t.open_interest ?? 0, last_price: t.last_price, pre_close: 0,
    pre_settlement: t.pre_settlement, settlement: t.settlement ?? 0, pre_open_interest: 0,
    open_price: 0, high_price: 0, low_price: 0, limit_up: t.limit_up ?? 0, limit_down: t.limit_down ?? 0,
    bid_price: five(t.bid_price), ask_price: five(t.ask_price), bid_volume: five(t.bid_volume), ask_volume: five(t.ask_volume),
  };
}
