/**
 * Ticks cross to the workers as 33 float64s plus the vt_symbol, copied straight into the
 * ring: JSON would cost several µs a tick both ways, this costs well under one. The name
 * and gateway are not sent: a strategy knows its gateway, and names do not change.
 */
import type { Exchange } from '../../../../common/constants';
import type { TickData } from '../../../../common/objects';
import { KIND_TICK, type SharedRing } from './shared-ring';

const FIELDS = [
  'datetime', 'volume', 'turnover', 'last_price', 'last_volume', 'limit_up', 'limit_down', 'open_price', 'high_price',
  'low_price', 'pre_close',
  'bid_price_1', 'bid_price_2', 'bid_price_3', 'bid_price_4', 'bid_price_5',
  'ask_price_1', 'ask_price_2', 'ask_price_3', 'ask_price_4', 'ask_price_5',
  'bid_volume_1', 'bid_volume_2', 'bid_volume_3', 'bid_volume_4', 'bid_volume_5',
  'ask_volume_1', 'ask_volume_2', 'ask_volume_3', 'ask_volume_4', 'ask_volume_5',
] as const;
const N = FIELDS.length;
const SYMBOL_AT = N * 8;

/** Write a tick; false when the ring is full (the caller drops it and counts the drop). */
export function writeTick(ring: SharedRing, t: TickData): boolean {
  const vt = t.vt_symbol;
  const payload = SYMBOL_AT + vt.length;
  const at = ring.reserve(payload);
  if (at < 0) return false;
  const base = (at + 8) >> 3;
  const f = ring.f64;
  // Unrolled by hand: a loop over FIELDS with t[name] is a megamorphic lookup per field.
  f[base] = t.datetime; f[base + 1] = t.volume; f[base + 2] = t.turnover; f[base + 3] = t.last_price;
  f[base + 4] = t.last_volume; f[base + 5] = t.limit_up; f[base + 6] = t.limit_down; f[base + 7] = t.open_price;
  f[base + 8] = t.high_price; f[base + 9] = t.low_price; f[base + 10] = t.pre_close;
  f[base + 11] = t.bid_price_1; f[base + 12] = t.bid_price_2; f[base + 13] = t.bid_price_3; f[base + 14] = t.bid_price_4; f[base + 15] = t.bid_price_5;
  f[base + 16] = t.ask_price_1; f[base + 17] = t.ask_price_2; f[base + 18] = t.ask_price_3; f[base + 19] = t.ask_price_4; f[base + 20] = t.ask_price_5;
  f[base + 21] = t.bid_volume_1; f[base + 22] = t.bid_volume_2; f[base + 23] = t.bid_volume_3; f[base + 24] = t.bid_volume_4; f[base + 25] = t.bid_volume_5;
  f[base + 26] = t.ask_volume_1; f[base + 27] = t.ask_volume_2; f[base + 28] = t.ask_volume_3; f[base + 29] = t.ask_volume_4; f[base + 30] = t.ask_volume_5;
  ring.bytes.write(vt, at + 8 + SYMBOL_AT, vt.length, 'latin1');
  ring.commit(at, KIND_TICK, payload);
  return true;
}

/** A tick as a strategy receives it: vn.py's fields plus `code` in the strategy's code style. */
export interface StrategyTick extends Omit<TickData, 'gateway_name' | 'name'> {
  code: string;
}

/** Read a tick written by writeTick; `codeOf` maps vt_symbol to the strategy's code form. */
export function readTick(ring: SharedRing, payloadOffset: number, payload: number, codeOf: (vt: string) => string): StrategyTick {
  const f = ring.f64;
  const b = payloadOffset >> 3;
  const vt = ring.bytes.toString('latin1', payloadOffset + SYMBOL_AT, payloadOffset + payload);
  const dot = vt.indexOf('.');
  // One literal with every field: a fixed shape, built once, no spreading.
  return {
    code: codeOf(vt),
    symbol: vt.slice(0, dot),
    exchange: vt.slice(dot + 1) as Exchange,
    vt_symbol: vt,
    datetime: f[b]!, volume: f[b + 1]!, turnover: f[b + 2]!, last_price: f[b + 3]!, last_volume: f[b + 4]!,
    limit_up: f[b + 5]!, limit_down: f[b + 6]!, open_price: f[b + 7]!, high_price: f[b + 8]!, low_price: f[b + 9]!,
    pre_close: f[b + 10]!,
    bid_price_1: f[b + 11]!, bid_price_2: f[b + 12]!, bid_price_3: f[b + 13]!, bid_price_4: f[b + 14]!, bid_price_5: f[b + 15]!,
    ask_price_1: f[b + 16]!, ask_price_2: f[b + 17]!, ask_price_3: f[b + 18]!, ask_price_4: f[b + 19]!, ask_price_5: f[b + 20]!,
    bid_volume_1: f[b + 21]!, bid_volume_2: f[b + 22]!, bid_volume_3: f[b + 23]!, bid_volume_4: f[b + 24]!, bid_volume_5: f[b + 25]!,
    ask_volume_1: f[b + 26]!, ask_volume_2: f[b + 27]!, ask_volume_3: f[b + 28]!, ask_volume_4: f[b + 29]!, ask_volume_5: f[b + 30]!,
  };
}

export const TICK_FIELD_COUNT = N;
