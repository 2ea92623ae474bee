/**
 * Bars by column: one Float64Array per field, all views of one buffer. A sweep's bars are
 * loaded once into a SharedArrayBuffer that every pool thread reads in place, and travel to
 * remote workers as one binary blob (encodeBarColumns), named by its SHA-256 digest.
 *
 * Blob layout (little-endian): "TSBARS01" · u32 bar count · u32 field count · 8 spare bytes ·
 * then each field's float64 column in BAR_FIELDS order.
 */
import { createHash } from 'node:crypto';
import { TraderError } from '../../../../common/errors';

export const BAR_FIELDS = ['datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'limit_up', 'limit_down'] as const;
export type BarField = (typeof BAR_FIELDS)[number];

/** `length` bars; datetime is the bar's start (epoch ms); limit prices are 0 where there are none. */
export type BarColumns = { readonly length: number; readonly buffer: ArrayBufferLike } & { readonly [F in BarField]: Float64Array };

const MAGIC = 'TSBARS01';
const HEADER = 24;

export function barColumnsOver(buffer: ArrayBufferLike, length: number, byteOffset = 0): BarColumns {
  if (buffer.byteLength - byteOffset < length * BAR_FIELDS.length * 8) throw new TraderError('BAR_DATA', `K线数据长度不足：需要 ${length} 根`);
  const cols: Record<string, unknown> = { length, buffer };
  BAR_FIELDS.forEach((field, i) => (cols[field] = new Float64Array(buffer, byteOffset + i * length * 8, length)));
  return cols as BarColumns;
}

/** Zeroed columns for `length` bars, in shared memory unless `shared` is false. */
export function allocBarColumns(length: number, shared = true): BarColumns {
  const bytes = length * BAR_FIELDS.length * 8;
  return barColumnsOver(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), length);
}

export function encodeBarColumns(bars: BarColumns): Buffer {
  const out = Buffer.alloc(HEADER + bars.length * BAR_FIELDS.length * 8);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(bars.length, 8);
  out.writeUInt32LE(BAR_FIELDS.length, 12);
  BAR_FIELDS.forEach((field, i) => {
    const col = bars[field];
    Buffer.from(col.buffer, col.byteOffset, col.byteLength).copy(out, HEADER + i * bars.length * 8);
  });
  return out;
}

/** Decode a blob into fresh (shared) columns; a blob that is not one is an error saying why. */
export function decodeBarColumns(blob: Uint8Array, shared = true): BarColumns {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < HEADER || buf.toString('latin1', 0, 8) !== MAGIC) throw new TraderError('BAR_DATA', 'K线数据格式无法识别（不是 TSBARS01 数据块）');
  const length = buf.readUInt32LE(8);
  const fields = buf.readUInt32LE(12);
  if (fields !== BAR_FIELDS.length) throw new TraderError('BAR_DATA', `K线数据字段数为 ${fields}，应为 ${BAR_FIELDS.length}`);
  if (buf.length !== HEADER + length * fields * 8) throw new TraderError('BAR_DATA', `K线数据长度 ${buf.length} 字节与 ${length} 根K线不符`);
  const bars = allocBarColumns(length, shared);
  buf.copy(Buffer.from(bars.buffer as ArrayBuffer), 0, HEADER);
  return bars;
}

/** SHA-256 of the encoded bars: the name under which they travel and are cached. */
export function barDigest(bars: BarColumns): string {
  return createHash('sha256').update(encodeBarColumns(bars)).digest('hex');
}
