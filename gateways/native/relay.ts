/**
 * The callback relay (native/relay/tstrader_relay.h) bound through koffi. The relay is the
 * counter's callback table: its callbacks copy each event into a ring and return, so the
 * counter's thread never waits for the JS event loop (a koffi callback from another thread
 * blocks that thread until JS has run it). JS is woken through a pipe at most once per batch
 * and drains the ring with one plain call per batch.
 *
 * Optional: when the relay library is missing (not built, not packaged) or of another
 * version, loadRelay returns undefined and the binding registers its koffi callbacks directly.
 */
import fs from 'node:fs';
import koffi from 'koffi';
import { defaultRelayPath } from './settings';

/** Pointer to a tsr_relay. */
export type RelayHandle = bigint;

/** The relay's version this binding speaks (TSR_VERSION). */
export const RELAY_VERSION = 2;

/** tsr_event, as tstrader_relay.h lays it out (checked against tsr_event_size at load). */
export const EVENT = {
  size: 824,
  kind: 0,
  requestId: 4,
  code: 8,
  flags: 12,
  msgLen: 16,
  item: 24,
  msg: 360,
} as const;

export const TSR_CONNECTED = 1;
export const TSR_DISCONNECTED = 2;
export const TSR_LOGIN = 3;
export const TSR_ORDER = 4;
export const TSR_TRADE = 5;
export const TSR_POSITION = 6;
export const TSR_ACCOUNT = 7;
export const TSR_INSTRUMENT = 8;
export const TSR_ERROR = 9;
export const TSR_TICK = 10;
export const TSR_MD_CONNECTED = 11;
export const TSR_MD_DISCONNECTED = 12;
export const TSR_LOG = 13;
export const TSR_HAS_ITEM = 1;

export interface RelayStats {
  events: number;
  wakes: number;
  /** times a counter thread waited for room (ring full: back-pressure) */
  waits: number;
}

export interface RelayLibrary {
  readonly path: string;
  /** a relay for a counter of ABI version `counterAbi` (its items are copied at that version's sizes) */
  create(capacity: number, counterAbi: number): RelayHandle | null;
  /** address of the relay's tsc_spi table */
  spi(relay: RelayHandle): bigint;
  /** the wake pipe's read end; the caller owns it from then on */
  takeWakeFd(relay: RelayHandle): number;
  /** copies up to `max` events into `out`; fewer than max: ring empty and relay armed */
  poll(relay: RelayHandle, out: Buffer, max: number): number;
  stop(relay: RelayHandle): void;
  destroy(relay: RelayHandle): void;
  stats(relay: RelayHandle): RelayStats;
}

const cache = new Map<string, RelayLibrary | undefined>();

/** The relay library at `file` (default: beside the simulator), or undefined when unusable. */
export function loadRelay(file: string = defaultRelayPath()): RelayLibrary | undefined {
  // Read at each session, not cached: a comparison can switch paths within one process.
  if (process.env.TSTRADER_NATIVE_RELAY === '0') return undefined;
  if (cache.has(file)) return cache.get(file);
  let relay: RelayLibrary | undefined;
  if (fs.existsSync(file)) {
    try {
      relay = bindRelay(file);
    } catch {
      relay = undefined; // unloadable or foreign: the direct path still works
    }
  }
  cache.set(file, relay);
  return relay;
}

function bindRelay(file: string): RelayLibrary | undefined {
  const lib = koffi.load(file);
  const version = Number(lib.func('tsr_version', 'int32', [])());
  const eventSize = Number(lib.func('tsr_event_size', 'uint32', [])());
  if (version !== RELAY_VERSION || eventSize !== EVENT.size) return undefined;
  const create = lib.func('tsr_create', 'void *', ['uint32', 'int32']);
  const spi = lib.func('tsr_spi', 'void *', ['void *']);
  const takeWakeFd = lib.func('tsr_take_wake_fd', 'int32', ['void *']);
  const poll = lib.func('tsr_poll', 'int32', ['void *', 'void *', 'int32']);
  const stop = lib.func('tsr_stop', 'void', ['void *']);
  const destroy = lib.func('tsr_destroy', 'void', ['void *']);
  const stats = lib.func('tsr_stats', 'void', ['void *', koffi.out(koffi.pointer('uint64')), koffi.out(koffi.pointer('uint64')), koffi.out(koffi.pointer('uint64'))]);
  return {
    path: file,
    create: (capacity, counterAbi) => (create(capacity, counterAbi) as RelayHandle | null) ?? null,
    spi: (r) => spi(r) as bigint,
    takeWakeFd: (r) => takeWakeFd(r) as number,
    poll: (r, out, max) => poll(r, out, max) as number,
    stop: (r) => void stop(r),
    destroy: (r) => void destroy(r),
    stats: (r) => {
      const events: [number] = [0];
      const wakes: [number] = [0];
      const waits: [number] = [0];
      stats(r, events, wakes, waits);
      return { events: Number(events[0]), wakes: Number(wakes[0]), waits: Number(waits[0]) };
    },
  };
}
