/**
 * A SIM futures account's persisted state and its schema: the account's day figures, the
 * holdings by lots (so 今仓/昨仓 and open prices survive a restart), yesterday's settlement
 * prices, the quotes and the working orders. Parsed before use, like the stock account's
 * snapshot: a file that does not fit is refused and the account starts fresh.
 */
import { Direction, Exchange, Offset, OrderType, Status } from '../../../common/constants';
import { type Infer, s } from '../../../common/schema';
import { quoteSnapshotSchema } from '../snapshot';

const money = s.number();
const lot = s.object({ price: s.number({ min: 0 }), volume: s.number({ int: true, min: 1 }) });
const position = s.object({ today: s.array(lot), yesterday: s.array(lot), pre_settlement: s.number({ min: 0 }) });

const holding = s.object({ vt_symbol: s.string({ min: 1, max: 32 }), long: position, short: position });

/** FuturesAccountState (common/markets/cn-futures/account.ts). */
const account = s.object({ pre_balance: money, deposit: money, withdraw: money, close_pnl: money, close_pnl_by_trade: money, commission: money });

const workingOrder = s.object({
  orderid: s.string({ min: 1 }),
  symbol: s.string({ min: 1, max: 32 }),
  exchange: s.enumOf([Exchange.CFFEX, Exchange.SHFE, Exchange.DCE, Exchange.CZCE, Exchange.INE, Exchange.GFEX]),
  type: s.enumOf(Object.values(OrderType)),
  direction: s.enumOf([Direction.LONG, Direction.SHORT]),
  offset: s.enumOf([Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY]),
  price: s.number({ min: 0 }),
  volume: s.number({ int: true, min: 1 }),
  traded: s.number({ int: true, min: 0 }),
  status: s.enumOf([Status.NOTTRADED, Status.PARTTRADED]),
  datetime: s.number({ int: true }),
  reference: s.string(),
  status_msg: s.string(),
  /** the price it rests at, in ticks */
  limit: s.number({ int: true }),
});

export type FuturesWorkingSnapshot = Infer<typeof workingOrder>;

export const FUTURES_SNAPSHOT_VERSION = 1;

export const futuresSnapshotSchema = s.object({
  version: s.literal(FUTURES_SNAPSHOT_VERSION),
  kind: s.literal('futures'),
  account_id: s.string(),
  /** simulated trading day, YYYY-MM-DD */
  day: s.string({ min: 10, max: 10 }),
  seed: s.number({ int: true }),
  rng_state: s.optional(s.number({ int: true, min: 0 })),
  account,
  holdings: s.array(holding),
  /** yesterday's settlement price by vt_symbol: the base of today's limits and of 昨仓's margin */
  settlements: s.record(s.number({ min: 0 })),
  quotes: s.optional(s.record(quoteSnapshotSchema)),
  /** working orders in time priority */
  working: s.optional(s.array(workingOrder)),
});

export type FuturesSnapshot = Infer<typeof futuresSnapshotSchema>;

/** The snapshot if `value` is a valid one, else undefined. */
export function parseFuturesSnapshot(value: unknown): FuturesSnapshot | undefined {
  const r = futuresSnapshotSchema.check(value, 'sim-futures');
  return r.ok ? r.value : undefined;
}
