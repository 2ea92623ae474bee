/**
 * The SIM account's persisted state and its schema. Stored JSON is parsed before use, so a
 * hand-edited or older file is refused (and the account starts fresh) instead of corrupting
 * balances. Working orders are not persisted: they are cancelled when the gateway closes.
 */
import { Exchange } from '../../common/constants';
import { type Infer, s } from '../../common/schema';

const level = s.object({ price: s.number({ int: true }), volume: s.number({ int: true, min: 0 }) });

const quote = s.object({
  pre_close: s.number({ min: 0 }),
  last: s.number({ min: 0 }),
  open: s.number({ min: 0 }),
  high: s.number({ min: 0 }),
  low: s.number({ min: 0 }),
  volume: s.number({ min: 0 }),
  turnover: s.number({ min: 0 }),
  bids: s.array(level),
  asks: s.array(level),
});

const position = s.object({
  symbol: s.string({ min: 6, max: 6 }),
  exchange: s.enumOf([Exchange.SSE, Exchange.SZSE, Exchange.BSE]),
  volume: s.number({ int: true, min: 0 }),
  yd_volume: s.number({ int: true, min: 0 }),
  cost_cents: s.number({ int: true }),
});

export const SNAPSHOT_VERSION = 1;

export const simSnapshotSchema = s.object({
  version: s.literal(SNAPSHOT_VERSION),
  account_id: s.string(),
  /** simulated trading day, YYYY-MM-DD */
  day: s.string({ min: 10, max: 10 }),
  seed: s.number({ int: true }),
  rng_state: s.number({ int: true, min: 0 }),
  cash_cents: s.number({ int: true }),
  positions: s.array(position),
  /** keyed by vt_symbol */
  quotes: s.record(quote),
});

export type SimSnapshot = Infer<typeof simSnapshotSchema>;

/** The snapshot if `value` is a valid one, else undefined. */
export function parseSnapshot(value: unknown): SimSnapshot | undefined {
  const r = simSnapshotSchema.check(value, 'sim');
  return r.ok ? r.value : undefined;
}
