/**
 * Deterministic synthetic 1-minute A-share bars (a seeded random walk on the tick grid, 240
 * bars a weekday over 09:30–11:30 and 13:00–15:00 Beijing time, with the day's price limits)
 * for tests and benchmarks, where no market data may be downloaded. Same seed, same bars.
 */
import { limitPrices, roundToTick } from '../../../../common/markets/price';
import { allocBarColumns, type BarColumns } from './bar-columns';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticBarOptions {
  count: number;
  seed: number;
  /** first trading day, YYYY-MM-DD (weekends are skipped) */
  startDate?: string;
  startPrice?: number;
  tick?: number;
  /** daily limit ratio, e.g. 0.1 */
  limitRatio?: number;
}

const MINUTE = 60_000;
const CST = 8 * 3600_000;

/** Minute offsets (from 00:00 Beijing) of the 240 continuous-trading minutes of a day. */
const SESSION_MINUTES: number[] = [];
for (let m = 9 * 60 + 30; m < 11 * 60 + 30; m++) SESSION_MINUTES.push(m);
for (let m = 13 * 60; m < 15 * 60; m++) SESSION_MINUTES.push(m);

export function syntheticMinuteBars(opts: SyntheticBarOptions): BarColumns {
  const { count, seed } = opts;
  const tick = opts.tick ?? 0.01;
  const ratio = opts.limitRatio ?? 0.1;
  const rand = seededRandom(seed);
  const bars = allocBarColumns(count);
  let dayStart = Date.parse(`${opts.startDate ?? '2024-01-02'}T00:00:00Z`) - CST;
  let price = opts.startPrice ?? 10;
  let preClose = price;
  let limits = limitPrices(preClose, ratio, tick);
  let minute = 0;
  for (let i = 0; i < count; i++) {
    if (minute === 0) {
      while ([0, 6].includes(new Date(dayStart + CST).getUTCDay())) dayStart += 86_400_000;
      limits = limitPrices(preClose, ratio, tick);
    }
    const clamp = (p: number): number => Math.min(limits.up, Math.max(limits.down, roundToTick(p, tick)));
    const open = clamp(price + (rand() - 0.5) * 2 * tick);
    const close = clamp(open + (rand() - 0.5) * 0.004 * open);
    const high = clamp(Math.max(open, close) + rand() * 0.001 * open);
    const low = clamp(Math.min(open, close) - rand() * 0.001 * open);
    bars.datetime[i] = dayStart + SESSION_MINUTES[minute]! * MINUTE;
    bars.open[i] = open;
    bars.high[i] = high;
    bars.low[i] = low;
    bars.close[i] = close;
    bars.volume[i] = 100 * Math.floor(100 + rand() * 5_000);
    bars.turnover[i] = bars.volume[i]! * close;
    bars.limit_up[i] = limits.up;
    bars.limit_down[i] = limits.down;
    price = close;
    if (++minute === SESSION_MINUTES.length) {
      minute = 0;
      preClose = close;
      dayStart += 86_400_000;
    }
  }
  return bars;
}
