/**
 * A few shared words per worker that the engine reads without asking the worker (which may
 * be stuck in an endless loop): how many messages it has processed, which callback it is
 * in and since when (the watchdog), the driven clock's time, the memory it uses (heap and
 * off-heap, sampled by the worker itself), and the stop flag that makes it stop after the
 * current callback.
 */
const I32_WORDS = 8;
/** messages from the engine the worker has finished with */
const ACK = 0;
/** index into CALLBACK_NAMES, 0 = idle */
const BUSY_WHAT = 1;
/** 1 = stop after the current callback */
const STOP = 2;
/** µs the worker busy-polls after a message; the engine lowers it when threads outnumber cores */
const SPIN_US = 3;
const F64_AT = I32_WORDS * 4;
/** Date.now() when the current callback began, 0 when idle */
const BUSY_SINCE = 0;
/** the driven clock's time (epoch ms) */
const DRIVEN_NOW = 1;
/** bytes the worker's isolate uses: V8 heap plus external memory (Buffers, ArrayBuffers) */
const MEMORY = 2;
const F64_WORDS = 3;

export function createControlBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(F64_AT + F64_WORDS * 8);
}

export class ControlBlock {
  readonly i32: Int32Array;
  private readonly f64: Float64Array;

  constructor(readonly sab: SharedArrayBuffer) {
    this.i32 = new Int32Array(sab, 0, I32_WORDS);
    this.f64 = new Float64Array(sab, F64_AT, F64_WORDS);
  }

  get ack(): number {
    return Atomics.load(this.i32, ACK);
  }

  addAck(n: number): void {
    Atomics.add(this.i32, ACK, n);
    Atomics.notify(this.i32, ACK);
  }

  /** Engine side: sleep until ack moves past `seen` or `ms` pass. */
  waitAck(seen: number, ms: number): void {
    Atomics.wait(this.i32, ACK, seen, ms);
  }

  enter(what: number): void {
    this.f64[BUSY_SINCE] = Date.now();
    this.i32[BUSY_WHAT] = what;
  }

  leave(): void {
    this.f64[BUSY_SINCE] = 0;
    this.i32[BUSY_WHAT] = 0;
  }

  get busySince(): number {
    return this.f64[BUSY_SINCE]!;
  }

  get busyWhat(): number {
    return this.i32[BUSY_WHAT]!;
  }

  requestStop(): void {
    Atomics.store(this.i32, STOP, 1);
  }

  get stopRequested(): boolean {
    return Atomics.load(this.i32, STOP) === 1;
  }

  setDrivenNow(ms: number): void {
    this.f64[DRIVEN_NOW] = ms;
  }

  get spinUs(): number {
    return Atomics.load(this.i32, SPIN_US);
  }

  set spinUs(us: number) {
    Atomics.store(this.i32, SPIN_US, us);
  }

  get drivenNow(): number {
    return this.f64[DRIVEN_NOW]!;
  }

  /** Worker side: the memory its isolate uses now, in bytes. */
  reportMemory(bytes: number): void {
    this.f64[MEMORY] = bytes;
  }

  /** The worker's last memory sample, in bytes (0 before the first). */
  get memory(): number {
    return this.f64[MEMORY]!;
  }
}
