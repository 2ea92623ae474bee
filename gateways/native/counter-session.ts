/**
 * One live API object of a counter library with its callback table. Owns the order of
 * teardown, which matters: tsc_release first (it joins the counter's thread, and may wait
 * for a callback, hence on a koffi worker thread), and only then koffi.unregister, so no
 * callback can ever reach a freed trampoline.
 */
import { TraderError } from '../../common/errors';
import { REQUEST_ERRORS } from './abi';
import type { ApiHandle, CounterLibrary } from './library';
import { registerSpi, type CounterHandlers, type RegisteredSpi } from './spi';
import type { TextCodec } from './text-codec';

export class CounterSession {
  readonly api: ApiHandle;
  private readonly spi: RegisteredSpi;
  private released: Promise<void> | undefined;

  constructor(
    readonly lib: CounterLibrary,
    codec: TextCodec,
    handlers: CounterHandlers,
  ) {
    const api = lib.create();
    if (api === null || api === 0n) throw new TraderError('NATIVE_LIBRARY', `动态库 ${lib.path} 无法创建柜台接口对象（tsc_create 返回空）`);
    this.api = api;
    this.spi = registerSpi(handlers, codec);
    const rc = lib.registerSpi(api, this.spi.value);
    if (rc < 0) {
      void this.release();
      throw new TraderError('NATIVE_LIBRARY', `注册回调失败：${describeRequestError(rc)}`);
    }
  }

  /** A request's result: its id, or a TraderError naming `what` failed and why. */
  check(what: string, rc: number): number {
    if (rc < 0) throw new TraderError('NATIVE_REQUEST', `${what}失败：${describeRequestError(rc)}`);
    return rc;
  }

  /** Idempotent: every caller waits for the same teardown. */
  release(): Promise<void> {
    this.released ??= this.lib
      .release(this.api)
      .finally(() => this.spi.dispose());
    return this.released;
  }
}

export function describeRequestError(rc: number): string {
  return REQUEST_ERRORS[rc] ?? `错误码 ${rc}`;
}
