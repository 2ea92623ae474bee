/**
 * Counter callbacks through the relay: the counter gets the relay's C callback table, and
 * JS drains the relay's ring in batches whenever its wake pipe turns readable. Events are
 * decoded from the batch buffer and handed to the same CounterHandlers the direct path
 * uses, in the order the counter made them, every kind in one stream.
 *
 * The pipe is read by a net.Socket, i.e. by libuv's own poller: one wake-up of the event
 * loop per batch and no thread of ours waiting on it.
 */
import net from 'node:net';
import { readTick, type Layouts } from './abi-layout';
import type { ApiHandle, CounterLibrary } from './library';
import {
  EVENT,
  TSR_ACCOUNT,
  TSR_CONNECTED,
  TSR_DISCONNECTED,
  TSR_ERROR,
  TSR_HAS_ITEM,
  TSR_INSTRUMENT,
  TSR_LOG,
  TSR_LOGIN,
  TSR_MD_CONNECTED,
  TSR_MD_DISCONNECTED,
  TSR_ORDER,
  TSR_POSITION,
  TSR_TICK,
  TSR_TRADE,
  type RelayHandle,
  type RelayLibrary,
  type RelayStats,
} from './relay';
import type { CounterHandlers } from './spi';
import type { StructReader } from './struct-reader';
import type { TextCodec } from './text-codec';

/** Ring slots: ~3 MB; a burst beyond it makes the counter's thread wait, never drops. */
export const RELAY_CAPACITY = 4096;
/** Events per tsr_poll: one call and one buffer copy per this many events. */
export const RELAY_BATCH = 256;

export interface DrainStats extends RelayStats {
  /** tsr_poll calls that returned events */
  batches: number;
}

export class RelayedSpi {
  private readonly buf = Buffer.alloc(EVENT.size * RELAY_BATCH);
  private readonly socket: net.Socket;
  private batches = 0;
  private stopped = false;
  private destroyed = false;

  private constructor(
    private readonly relayLib: RelayLibrary,
    private readonly relay: RelayHandle,
    private readonly handlers: CounterHandlers,
    private readonly codec: TextCodec,
    private readonly layouts: Layouts,
  ) {
    const fd = relayLib.takeWakeFd(relay);
    this.socket = new net.Socket({ fd, readable: true, writable: false });
    // The bytes only say "look": the ring holds the events.
    this.socket.on('data', () => this.drain());
    this.socket.on('error', (error) => handlers.fault(error));
  }

  /** A relay registered as `api`'s callback table, or the negative TSC_ERR_* that refused it (cleaned up). */
  static attach(relayLib: RelayLibrary, lib: CounterLibrary, api: ApiHandle, handlers: CounterHandlers, codec: TextCodec): RelayedSpi | number {
    const relay = relayLib.create(RELAY_CAPACITY, lib.abiVersion);
    if (relay === null || relay === 0n) return -5; // TSC_ERR_NO_MEMORY
    const spi = new RelayedSpi(relayLib, relay, handlers, codec, lib.layouts);
    const rc = lib.registerSpiAt(api, relayLib.spi(relay), relay);
    if (rc < 0) {
      spi.stop();
      spi.dispose();
      return rc;
    }
    return spi;
  }

  /** Deliver everything queued now, batch by batch, until the ring is empty (and re-armed). */
  drain(): void {
    if (this.destroyed) return;
    for (;;) {
      const n = this.relayLib.poll(this.relay, this.buf, RELAY_BATCH);
      if (n > 0) this.batches++;
      for (let i = 0; i < n; i++) {
        // One bad handler must not lose the events behind it.
        try {
          this.deliver(i * EVENT.size);
        } catch (error) {
          this.handlers.fault(error);
        }
      }
      if (n < RELAY_BATCH) return;
    }
  }

  stats(): DrainStats {
    return { ...this.relayLib.stats(this.relay), batches: this.batches };
  }

  /** Before tsc_release: the counter's thread must never wait on a ring nobody drains. What is
   * already queued is still delivered. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.relayLib.stop(this.relay);
    this.drain();
  }

  /** After tsc_release (no callback can run any more): close the pipe, free the relay. */
  dispose(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.socket.destroy();
    this.relayLib.destroy(this.relay);
  }

  private deliver(off: number): void {
    const b = this.buf;
    const h = this.handlers;
    const kind = b.readInt32LE(off + EVENT.kind);
    const rid = b.readInt32LE(off + EVENT.requestId);
    const code = b.readInt32LE(off + EVENT.code);
    const hasItem = (b.readUInt32LE(off + EVENT.flags) & TSR_HAS_ITEM) !== 0;
    const at = off + EVENT.item;
    const item = <T>(read: StructReader<T>): T | undefined => (hasItem ? read(b, at) : undefined);
    const r = this.layouts.read;
    switch (kind) {
      case TSR_CONNECTED: return h.connected();
      case TSR_DISCONNECTED: return h.disconnected(code, this.message(off));
      case TSR_LOGIN: return h.login(rid, code, this.message(off), item(r.loginInfo));
      case TSR_ORDER: return h.order(rid, item(r.order), code !== 0);
      case TSR_TRADE: return h.trade(rid, item(r.trade), code !== 0);
      case TSR_POSITION: return h.position(rid, item(r.position), code !== 0);
      case TSR_ACCOUNT: return h.account(rid, item(r.account), code !== 0);
      case TSR_INSTRUMENT: return h.instrument(rid, item(r.instrument), code !== 0);
      case TSR_ERROR: return h.error(rid, code, this.message(off));
      case TSR_TICK: {
        const tick = item(readTick);
        return tick ? h.tick(tick) : undefined;
      }
      case TSR_MD_CONNECTED: return h.mdConnected();
      case TSR_MD_DISCONNECTED: return h.mdDisconnected(code, this.message(off));
      case TSR_LOG: return h.log(code, this.message(off));
      default: throw new Error(`中继事件类型未知：${kind}`);
    }
  }

  private message(off: number): string {
    const start = off + EVENT.msg;
    return this.codec.decode(this.buf.subarray(start, start + this.buf.readUInt32LE(off + EVENT.msgLen)));
  }
}
