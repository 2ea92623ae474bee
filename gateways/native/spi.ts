/**
 * The callback table handed to a counter: one koffi-registered function per callback. Each
 * runs on the JS thread while the counter's thread waits for it, and every pointer it gets
 * dies when it returns, so it only copies (koffi.decode) and hands the copy on.
 */
import koffi, { type TypeObject } from 'koffi';
import {
  Account,
  Instrument,
  LoginInfo,
  OnConnected,
  OnDisconnected,
  OnError,
  OnItem,
  OnLogin,
  Order,
  Position,
  STRUCT_SIZES,
  Trade,
  type RawAccount,
  type RawInstrument,
  type RawLoginInfo,
  type RawOrder,
  type RawPosition,
  type RawTrade,
} from './abi';
import type { SpiValue } from './library';
import type { TextCodec } from './text-codec';

/** What the gateway does with each callback; `item` is undefined for an empty query answer. */
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

export function registerSpi(handlers: CounterHandlers, codec: TextCodec): RegisteredSpi {
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

  const value: SpiValue = {
    struct_size: STRUCT_SIZES.tsc_spi,
    reserved: 0,
    on_connected: reg(guard(() => handlers.connected()), OnConnected),
    on_disconnected: reg(
      guard((_ctx: Pointer, reason: number, msg: Pointer) => handlers.disconnected(reason, messageAt(msg, codec))),
      OnDisconnected,
    ),
    on_login: reg(
      guard((_ctx: Pointer, rid: number, code: number, msg: Pointer, info: Pointer) =>
        handlers.login(rid, code, messageAt(msg, codec), info === null ? undefined : (koffi.decode(info, LoginInfo) as RawLoginInfo)),
      ),
      OnLogin,
    ),
    on_order: item<RawOrder>(Order, (rid, v, last) => handlers.order(rid, v, last)),
    on_trade: item<RawTrade>(Trade, (rid, v, last) => handlers.trade(rid, v, last)),
    on_position: item<RawPosition>(Position, (rid, v, last) => handlers.position(rid, v, last)),
    on_account: item<RawAccount>(Account, (rid, v, last) => handlers.account(rid, v, last)),
    on_instrument: item<RawInstrument>(Instrument, (rid, v, last) => handlers.instrument(rid, v, last)),
    on_error: reg(
      guard((_ctx: Pointer, rid: number, code: number, msg: Pointer) => handlers.error(rid, code, messageAt(msg, codec))),
      OnError,
    ),
  };
  return {
    value,
    dispose() {
      for (const id of ids.splice(0)) koffi.unregister(id);
    },
  };
}
