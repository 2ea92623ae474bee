/**
 * A single-producer single-consumer ring of messages in a SharedArrayBuffer. Measured here,
 * structured-clone postMessage costs 75–85 µs a round trip; a ring plus a busy-polling
 * reader costs a few µs, and no garbage per message. Records are 8-byte aligned so a tick's
 * numbers can be copied as a Float64Array slice:
 *
 *   [u32 payload length][u8 kind][3 pad][payload …]   kind: TICK (binary) or JSON (utf-8)
 *
 * The writer never makes write == read, so equal positions always mean "empty". A record
 * that would not fit before the end leaves a WRAP marker and starts again at 0.
 */

const HEADER_BYTES = 64;
const WRITE = 0;
const READ = 1;
/** bumped per message; the reader sleeps on it with Atomics.wait / waitAsync */
export const SEQ = 2;
const WRAP = 0xffffffff;
const RECORD_HEADER = 8;

export const KIND_TICK = 1;
export const KIND_JSON = 2;

const align8 = (n: number): number => (n + 7) & ~7;

export function createRingBuffer(capacityBytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + align8(capacityBytes));
}

export class SharedRing {
  readonly header: Int32Array;
  readonly bytes: Buffer;
  readonly f64: Float64Array;
  private readonly u32: Uint32Array;
  private readonly cap: number;

  constructor(readonly sab: SharedArrayBuffer) {
    this.header = new Int32Array(sab, 0, HEADER_BYTES / 4);
    this.cap = sab.byteLength - HEADER_BYTES;
    this.bytes = Buffer.from(sab, HEADER_BYTES, this.cap);
    this.f64 = new Float64Array(sab, HEADER_BYTES, this.cap / 8);
    this.u32 = new Uint32Array(sab, HEADER_BYTES, this.cap / 4);
  }

  /** Offset where a record of `payload` bytes can be written, or -1 when the ring is full. */
  reserve(payload: number): number {
    const need = align8(RECORD_HEADER + payload);
    const w = Atomics.load(this.header, WRITE);
    const r = Atomics.load(this.header, READ);
    if (w >= r) {
      const tail = this.cap - w;
      if (tail > need || (tail === need && r > 0)) return w;
      if (r > need) {
        this.u32[w >> 2] = WRAP;
        return 0;
      }
      return -1;
    }
    return r - w > need ? w : -1;
  }

  /** Publish the record at `offset` (from reserve) with its real payload length. */
  commit(offset: number, kind: number, payload: number): void {
    this.u32[offset >> 2] = payload;
    this.bytes[offset + 4] = kind;
    Atomics.store(this.header, WRITE, (offset + align8(RECORD_HEADER + payload)) % this.cap);
    Atomics.add(this.header, SEQ, 1);
    Atomics.notify(this.header, SEQ);
  }

  /** Write a JSON message; false when full. */
  writeJson(message: unknown): boolean {
    const text = JSON.stringify(message);
    const max = text.length * 3;
    const at = this.reserve(max);
    if (at < 0) return false;
    const n = this.bytes.write(text, at + RECORD_HEADER, max, 'utf8');
    this.commit(at, KIND_JSON, n);
    return true;
  }

  isEmpty(): boolean {
    return Atomics.load(this.header, WRITE) === Atomics.load(this.header, READ);
  }

  /**
   * Offset of the next record's payload, or -1 if none. `kindOut[0]` gets its kind and
   * `kindOut[1]` its length; call release() when done with it.
   */
  peek(out: Int32Array): number {
    let r = Atomics.load(this.header, READ);
    const w = Atomics.load(this.header, WRITE);
    if (r === w) return -1;
    if (this.u32[r >> 2] === WRAP) {
      r = 0;
      Atomics.store(this.header, READ, 0);
      if (r === w) return -1;
    }
    out[0] = this.bytes[r + 4]!;
    out[1] = this.u32[r >> 2]!;
    return r + RECORD_HEADER;
  }

  release(payloadOffset: number, payload: number): void {
    const start = payloadOffset - RECORD_HEADER;
    Atomics.store(this.header, READ, (start + align8(RECORD_HEADER + payload)) % this.cap);
  }

  readJson<T>(payloadOffset: number, payload: number): T {
    return JSON.parse(this.bytes.toString('utf8', payloadOffset, payloadOffset + payload)) as T;
  }

  get seq(): number {
    return Atomics.load(this.header, SEQ);
  }
}
