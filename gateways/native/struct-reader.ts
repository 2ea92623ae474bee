/**
 * Reading a koffi struct out of a Buffer without koffi.decode. The relay hands JS batches of
 * events in one Buffer; koffi.decode costs microseconds per struct (it builds a typed array per
 * text field through the addon), which at ~10⁵ events a second was most of a callback's cost,
 * and grew with ABI v2's longer structs. A reader is made once per struct from koffi's own
 * description of it (member names, offsets, kinds), so it cannot drift from the layout, and
 * reads with Buffer's methods: numbers in place, text as a view into the batch buffer — valid
 * while the handler runs, as the C ABI's pointers are during a callback (the buffer is reused
 * by the next batch; copying every text field instead left the process's native memory
 * fragmented by small allocations).
 */
import type { TypeObject } from 'koffi';

/** Reads one struct at byte `at` of `buf`. */
export type StructReader<T> = (buf: Buffer, at: number) => T;

type Read = (buf: Buffer, at: number) => unknown;

const TWO_32 = 4294967296;

/** int64 as a number when exact (below 2^53), as a BigInt otherwise — as koffi.decode gives it. */
function int64(buf: Buffer, at: number): number | bigint {
  const v = buf.readInt32LE(at + 4) * TWO_32 + buf.readUInt32LE(at);
  return Number.isSafeInteger(v) ? v : buf.readBigInt64LE(at);
}

function scalar(type: TypeObject): Read | undefined {
  switch (type.primitive) {
    case 'Int8': return (b, at) => b.readInt8(at);
    case 'UInt8': return (b, at) => b.readUInt8(at);
    case 'Int16': return (b, at) => b.readInt16LE(at);
    case 'UInt16': return (b, at) => b.readUInt16LE(at);
    case 'Int32': return (b, at) => b.readInt32LE(at);
    case 'UInt32': return (b, at) => b.readUInt32LE(at);
    case 'Int64': return int64;
    case 'Float32': return (b, at) => b.readFloatLE(at);
    case 'Float64': return (b, at) => b.readDoubleLE(at);
    default: return undefined;
  }
}

function reader(type: TypeObject, where: string): Read {
  const one = scalar(type);
  if (one) return one;
  if (type.primitive === 'Array' && type.ref && type.length !== undefined) {
    const n = type.length;
    if (type.hint === 'Typed' && type.ref.primitive === 'UInt8') return (b, at) => new Uint8Array(b.buffer, b.byteOffset + at, n);
    const item = scalar(type.ref);
    const step = type.ref.size;
    if (item) {
      return (b, at) => {
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = item(b, at + i * step);
        return out;
      };
    }
  }
  throw new Error(`struct-reader: ${where} (${type.name}) is not a kind it reads`);
}

/** A reader for `type`, a koffi struct of scalars and arrays of them. */
export function structReader<T>(type: TypeObject): StructReader<T> {
  const members = type.members;
  if (!members) throw new Error(`struct-reader: ${type.name} is not a struct`);
  const names: string[] = [];
  const offsets: number[] = [];
  const reads: Read[] = [];
  for (const m of Object.values(members)) {
    names.push(m.name);
    offsets.push(m.offset);
    reads.push(reader(m.type, `${type.name}.${m.name}`));
  }
  const count = names.length;
  // Every object starts as a copy of one with all the members: the same shape each time, so
  // the stores below replace values rather than grow a dictionary.
  const shape: Record<string, unknown> = Object.fromEntries(names.map((n) => [n, 0]));
  return (buf, at) => {
    const out = { ...shape };
    for (let i = 0; i < count; i++) out[names[i]!] = reads[i]!(buf, at + offsets[i]!);
    return out as T;
  };
}
