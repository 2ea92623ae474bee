/**
 * One live API object of a counter library with its callback table. Callbacks go through
 * the relay (native/relay) when it is built, else straight to koffi-registered functions.
 *
 * Owns the order of teardown, which matters: the relay is stopped first (a counter thread
 * waiting for ring room must not block the join), then tsc_release (it joins the counter's
 * thread, and may wait for a callback, hence on a koffi worker thread), and only then are the
 * relay freed or the koffi callbacks unregistered, so no callback can reach freed memory.
 */
import { TraderError } from '../../common/errors';
import { REQUEST_ERRORS } from './abi';
import type { ApiHandle, CounterLibrary } from './library';
import { loadRelay } from './relay';
import { defaultRelayPath } from './settings';
import { RelayedSpi, type DrainStats } from './relay-spi';
import { registerSpi, type CounterHandlers, type RegisteredSpi } from './spi';
import type { TextCodec } from './text-codec';

export class CounterSession {
  readonly api: ApiHandle;
  private readonly relayed: RelayedSpi | undefined;
  private readonly direct: RegisteredSpi | undefined;
  private released: Promise<void> | undefined;

  /** `requireRelay`: refuse to run with callbacks that would hold the counter's threads on JS. */
  constructor(
    readonly lib: CounterLibrary,
    codec: TextCodec,
    handlers: CounterHandlers,
    requireRelay = false,
  ) {
    const relayLib = loadRelay();
    if (!relayLib && requireRelay) {
      throw new TraderError(
        'NATIVE_LIBRARY',
        `回调中继库不可用（${defaultRelayPath()}${process.env.TSTRADER_NATIVE_RELAY === '0' ? '，已被 TSTRADER_NATIVE_RELAY=0 关闭' : ''}）：该柜台的回调线程不能等待 JS 事件循环。请运行 npm run build:native`,
      );
    }
    const api = lib.create();
    if (api === null || api === 0n) throw new TraderError('NATIVE_LIBRARY', `动态库 ${lib.path} 无法创建柜台接口对象（tsc_create 返回空）`);
    this.api = api;
    let rc: number;
    if (relayLib) {
      const attached = RelayedSpi.attach(relayLib, lib, api, handlers, codec);
      if (typeof attached === 'number') rc = attached;
      else {
        this.relayed = attached;
        rc = 0;
      }
    } else {
      this.direct = registerSpi(handlers, codec, lib.layouts);
      rc = lib.registerSpi(api, this.direct.value);
    }
    if (rc < 0) {
      void this.release();
      throw new TraderError('NATIVE_LIBRARY', `注册回调失败：${describeRequestError(rc)}`);
    }
  }

  /** Whether callbacks go through the relay. */
  get usesRelay(): boolean {
    return this.relayed !== undefined;
  }

  /** The relay's counters (benchmark); undefined on the direct path. */
  relayStats(): DrainStats | undefined {
    return this.relayed?.stats();
  }

  /** A request's result: its id, or a TraderError naming `what` failed and why. */
  check(what: string, rc: number): number {
    if (rc < 0) throw new TraderError('NATIVE_REQUEST', `${what}失败：${describeRequestError(rc)}`);
    return rc;
  }

  /** Idempotent: every caller waits for the same teardown. */
  release(): Promise<void> {
    this.relayed?.stop();
    this.released ??= this.lib.release(this.api).finally(() => {
      this.relayed?.dispose();
      this.direct?.dispose();
    });
    return this.released;
  }
}

export function describeRequestError(rc: number): string {
  return REQUEST_ERRORS[rc] ?? `错误码 ${rc}`;
}
