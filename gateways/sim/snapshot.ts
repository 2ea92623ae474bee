/**
 * The SIM account's persisted state and its schema. Stored JSON is parsed before use, so a
 * hand-edited or older file is refused (and the account starts fresh) instead of corrupting
 * balances. Working orders are part of it: a counter keeps them across a crash of its
 * client, so a killed process finds them live again; a clean close cancels them first.
 */
import { Direction, Exchange, Offset, OrderType, Status } from '../../common/constants';
import { CompactType, CreditOrderType } from '../../common/credit';
import { type Infer, s } from '../../common/schema';

// Every exchange the app knows: the SIM's own types are keyed by Exchange, and a 6-digit
// symbol still keeps a stored position to a stock.
const exchange = s.enumOf(Object.values(Exchange));

const level = s.object({ price: s.number({ int: true }), volume: s.number({ int: true, min: 0 }) });

export const quoteSnapshotSchema = s.object({
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
  exchange,
  volume: s.number({ int: true, min: 0 }),
  yd_volume: s.number({ int: true, min: 0 }),
  cost_cents: s.number({ int: true }),
});

const cents = s.number({ int: true, min: 0 });

/** One open debt contract, in cents (credit-book.ts's Compact). */
const compact = s.object({
  id: s.string({ min: 1 }),
  type: s.enumOf([CompactType.FIN, CompactType.SLO]),
  symbol: s.string({ min: 6, max: 6 }),
  exchange,
  openDate: s.string({ min: 10, max: 10 }),
  retEndDate: s.string({ min: 10, max: 10 }),
  rate: s.number({ min: 0, max: 1 }),
  businessVol: s.number({ int: true, min: 0 }),
  realVol: s.number({ int: true, min: 0 }),
  businessCents: cents,
  realCents: cents,
  fareCents: cents,
  realFareCents: cents,
  repaidFareCents: cents,
  repaidCents: cents,
});

/** A 信用 account's own state: compacts, 融券卖出资金 and the lendable pool. */
const credit = s.object({
  compacts: s.array(compact),
  seq: s.number({ int: true, min: 0 }),
  sloSellCents: cents,
  sloUsedCents: cents,
  /** 可融券 by vt_symbol */
  lendable: s.record(s.number({ int: true, min: 0 })),
});

/** A working order: the order as last reported, and how the exchange holds it. */
const workingOrder = s.object({
  orderid: s.string({ min: 1 }),
  symbol: s.string({ min: 6, max: 6 }),
  exchange,
  type: s.enumOf(Object.values(OrderType)),
  direction: s.enumOf([Direction.LONG, Direction.SHORT]),
  offset: s.enumOf(Object.values(Offset)),
  price: s.number({ min: 0 }),
  volume: s.number({ int: true, min: 1 }),
  traded: s.number({ int: true, min: 0 }),
  status: s.enumOf([Status.NOTTRADED, Status.PARTTRADED]),
  datetime: s.number({ int: true }),
  reference: s.string(),
  status_msg: s.string(),
  /** the credit order type (a plain order on a credit account counts as 担保品买入/卖出) */
  credit: s.optional(s.enumOf(Object.values(CreditOrderType))),
  /** whether the request itself named the credit type (OrderData.credit) */
  credit_requested: s.boolean(),
  /** the price it rests at, in ticks */
  limit: s.number({ int: true }),
  freeze_price: s.number({ min: 0 }),
  frozen_cents: cents,
  /** amount and commission of its fills so far (absent in older files: counted from 0) */
  filled_cents: s.optional(cents),
  commission_cents: s.optional(cents),
  /** the compact a 融资买入 / 融券卖出 opened with its first fill */
  compact_id: s.optional(s.string({ min: 1 })),
});

export type SimWorkingOrder = Infer<typeof workingOrder>;

/** Version 1 still: `credit` and `working` are optional, so older files load unchanged. */
export const SNAPSHOT_VERSION = 1;

export const simSnapshotSchema = s.object({
  version: s.literal(SNAPSHOT_VERSION),
  account_id: s.string(),
  /** simulated trading day, YYYY-MM-DD */
  day: s.string({ min: 10, max: 10 }),
  seed: s.number({ int: true }),
  /** absent: the walk starts afresh from the seed (the account never depends on it) */
  rng_state: s.optional(s.number({ int: true, min: 0 })),
  cash_cents: s.number({ int: true }),
  positions: s.array(position),
  /** keyed by vt_symbol; absent or missing a contract: that contract opens a fresh day */
  quotes: s.optional(s.record(quoteSnapshotSchema)),
  /** present on a 信用 account */
  credit: s.optional(credit),
  /** working orders in time priority (absent in files from before they were kept) */
  working: s.optional(s.array(workingOrder)),
});

export type SimSnapshot = Infer<typeof simSnapshotSchema>;

/** The snapshot if `value` is a valid one, else undefined. */
export function parseSnapshot(value: unknown): SimSnapshot | undefined {
  const r = simSnapshotSchema.check(value, 'sim');
  return r.ok ? r.value : undefined;
}
