/**
 * The callback table handed to a counter: one koffi-registered function per callback. Each
 * runs on the JS thread while the counter's thread waits for it, and every pointer it gets
 * dies when it returns, so it only copies (koffi.decode) and hands the copy on.
 */
import koffi, { type TypeObject } from 'koffi';
import {
  OnConnected,
  OnDisconnected,
  OnError,
  OnItem,
  OnLog,
  OnLogin,
  OnMdConnected,
  OnMdDisconnected,
  OnTick,
  Tick,
  type Layouts,
  type RawAccount,
  type RawInstrument,
  type RawLoginInfo,
  type RawOrder,
  type RawPosition,
  type RawTick,
  type RawTrade,
} from './abi-layout';
import type { SpiValue } from './library';
import type { TextCodec } from './text-codec';

/**
 * What the gateway does with each callback; `item` is undefined for an empty query answer.
 * An item (its text fields especially) is valid only during the call, as the C ABI's pointers
 * are: convert what you keep before returning.
 */
export interface CounterHandlers {
  connected(): void;
  disconnected(reason: number, message: string): void;
  login(requestId: number, code: number, message: string, info: RawLoginInfo | undefined): void;
  order(requestId: number, item: RawOrder | undefined, last: boolean): void;
  trade(requestId: number, item: RawTrade | undefined, last: boolean): void;
  position(requestId: number, item: RawPosition | undefined, last: boolean): void;
  account(requestId: number, item: RawAccount | undefined, last: boolean): void;
  instrument(requestId: number, item: RawInstrument | undefined, last: boolean): void;
  error(requestId: number, code: number, message: string): void;
  /** v2: a quote of a subscribed instrument */
  tick(item: RawTick): void;
  /** v2: the market-data link is up (and logged in) */
  mdConnected(): void;
  /** v2: the market-data link fell */
  mdDisconnected(reason: number, message: string): void;
  /** v2: a line for the trader's log (TSC_LOG_* level) */
  log(level: number, message: string): void;
  /** a handler threw: the counter never hears of it (koffi returns 0 to C) */
  fault(error: unknown): void;
}

export interface RegisteredSpi {
  value: SpiValue;
  /** Unregister every callback; only after the counter is released. */
  dispose(): void;
}

type Pointer = bigint | null;

/** Bytes of a C string up to its NUL, decoded; "" for NULL. */
export function messageAt(ptr: Pointer, codec: TextCodec): string {
  if (ptr === null || ptr === 0n) return '';
  return codec.decode(koffi.decode(ptr, 'uint8_t', -1) as Uint8Array);
}

/** The table for a library whose structs are laid out as `layouts` says (its ABI version). */
export function registerSpi(handlers: CounterHandlers, codec: TextCodec, layouts: Layouts): RegisteredSpi {
  const ids: bigint[] = [];
  const guard = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      handlers.fault(error);
    }
  };
  const reg = (fn: (...args: never[]) => void, type: TypeObject): bigint => {
    const id = koffi.register(fn, koffi.pointer(type));
    ids.push(id);
    return id;
  };
  const item = <T>(type: TypeObject, deliver: (rid: number, v: T | undefined, last: boolean) => void) =>
    reg(
      guard((_ctx: Pointer, rid: number, ptr: Pointer, last: number) => {
        deliver(rid, ptr === null ? undefined : (koffi.decode(ptr, type) as T), last !== 0);
      }),
      OnItem,
    );
  const message = (fn: (code: number, msg: string) => void) => (_ctx: Pointer, code: number, msg: Pointer) => fn(code, messageAt(msg, codec));

  const value: SpiValue = {
    // A v1 library is shown the v1 table; it reads no further.
    struct_size: layouts.spiSize,
    reserved: 0,
    on_connected: reg(guard(() => handlers.connected()), OnConnected),
    on_disconnected: reg(guard(message((reason, msg) => handlers.disconnected(reason, msg))), OnDisconnected),
    on_login: reg(
      guard((_ctx: Pointer, rid: number, code: number, msg: Pointer, info: Pointer) =>
        handlers.login(rid, code, messageAt(msg, codec), info === null ? undefined : (koffi.decode(info, layouts.loginInfo) as RawLoginInfo)),
      ),
      OnLogin,
    ),
    on_order: item<RawOrder>(layouts.order, (rid, v, last) => handlers.order(rid, v, last)),
    on_trade: item<RawTrade>(layouts.trade, (rid, v, last) => handlers.trade(rid, v, last)),
    on_position: item<RawPosition>(layouts.position, (rid, v, last) => handlers.position(rid, v, last)),
    on_account: item<RawAccount>(layouts.account, (rid, v, last) => handlers.account(rid, v, last)),
    on_instrument: item<RawInstrument>(layouts.instrument, (rid, v, last) => handlers.instrument(rid, v, last)),
    on_error: reg(
      guard((_ctx: Pointer, rid: number, code: number, msg: Pointer) => handlers.error(rid, code, messageAt(msg, codec))),
      OnError,
    ),
    on_tick: reg(
      guard((_ctx: Pointer, ptr: Pointer) => {
        if (ptr !== null) handlers.tick(koffi.decode(ptr, Tick) as RawTick);
      }),
      OnTick,
    ),
    on_md_connected: reg(guard(() => handlers.mdConnected()), OnMdConnected),
    on_md_disconnected: reg(guard(message((reason, msg) => handlers.mdDisconnected(reason, msg))), OnMdDisconnected),
    on_log: reg(guard(message((level, msg) => handlers.log(level, msg))), OnLog),
  };
  return {
    value,
    dispose() {
      for (const id of ids.splice(0)) koffi.unregister(id);
    },
  };
}
