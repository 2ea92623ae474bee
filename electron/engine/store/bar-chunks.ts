/**
 * How the bar store packs bars: one row per code, interval and span of time (a chunk), the
 * bars in it as eight float64 columns one after another (SERIES_COLUMNS order) in a BLOB.
 *
 * Why not vn.py's one row per bar: reading a row through better-sqlite3 costs 3–5 µs here,
 * so a million bars took 3–5 s however the statement was written (raw rows, iterate into
 * typed arrays); a few thousand chunks of a few hundred bars read in about a tenth of that.
 * Chunk spans keep a chunk at most ~1,440 bars: a day of 1m bars, 5 days of 5m, 15 of 15m,
 * 60 of 1h, 4 years of daily bars and 10 of weekly.
 */
import { Interval, SERIES_COLUMNS, type BarSeries } from '../../../common/bars';

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
export const COLUMN_COUNT = SERIES_COLUMNS.length;

export const CHUNK_SPAN_MS: Readonly<Record<Interval, number>> = {
  [Interval.MINUTE]: DAY_MS,
  [Interval.MINUTE_5]: 5 * DAY_MS,
  [Interval.MINUTE_15]: 15 * DAY_MS,
  [Interval.HOUR]: 60 * DAY_MS,
  [Interval.DAILY]: 1461 * DAY_MS,
  [Interval.WEEKLY]: 3652 * DAY_MS,
};

/** The chunk a bar belongs to: the start of its span, aligned to China-time midnights. */
export function bucketOf(interval: Interval, datetime: number): number {
  const span = CHUNK_SPAN_MS[interval];
  return Math.floor((datetime + CST_OFFSET_MS) / span) * span - CST_OFFSET_MS;
}

/** Columns of `count` bars: a view when the buffer is 8-byte aligned, else a copy. */
export function unpack(buf: Buffer, count: number): Float64Array {
  if (buf.byteLength !== count * COLUMN_COUNT * 8) throw new Error(`bar chunk of ${buf.byteLength} bytes does not hold ${count} bars`);
  if (buf.byteOffset % 8 === 0) return new Float64Array(buf.buffer, buf.byteOffset, count * COLUMN_COUNT);
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** Pack rows [from, to) of a series. */
export function packSeries(s: BarSeries, from: number, to: number): Buffer {
  const n = to - from;
  const out = new Float64Array(n * COLUMN_COUNT);
  SERIES_COLUMNS.forEach((c, k) => out.set(s[c].subarray(from, to), k * n));
  return Buffer.from(out.buffer);
}

/**
 * Merge an existing chunk (cols, n bars) with rows [from, to) of a series, both in time
 * order; a new bar replaces a stored one at the same time. Returns the packed columns and
 * the count, and how many of the new bars were not there before.
 */
export function mergeChunk(old: Float64Array | null, n: number, s: BarSeries, from: number, to: number): { data: Buffer; count: number; added: number } {
  if (!old || n === 0) return { data: packSeries(s, from, to), count: to - from, added: to - from };
  // Indices into old (>= 0) or into the series (encoded as −1 − i), in time order.
  const order: number[] = [];
  let i = 0;
  let j = from;
  let added = 0;
  while (i < n || j < to) {
    const a = i < n ? old[i]! : Infinity;
    const b = j < to ? s.datetime[j]! : Infinity;
    if (b < a) {
      order.push(-1 - j++);
      added++;
    } else if (a < b) order.push(i++);
    else {
      order.push(-1 - j++);
      i++;
    }
  }
  const count = order.length;
  const out = new Float64Array(count * COLUMN_COUNT);
  SERIES_COLUMNS.forEach((c, k) => {
    const col = s[c];
    for (let r = 0; r < count; r++) {
      const x = order[r]!;
      out[k * count + r] = x >= 0 ? old[k * n + x]! : col[-1 - x]!;
    }
  });
  return { data: Buffer.from(out.buffer), count, added };
}
