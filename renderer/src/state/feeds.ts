/** The app's row feeds, one per domain the monitors show. */
import { ACTIVE_STATUSES } from '../../../common/constants';
import type { CompactData, CreditAssetData, CreditDetail } from '../../../common/credit';
import type { AccountData, ContractData, LogData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import { RowFeed } from './row-feed';

/** A log line with the running number that keys its grid row. */
export type LogRow = LogData & { seq: number };

/**
 * What the window keeps of the feeds that grow all day (#11 item 19). The 日志 grid shows the
 * newest LOG_KEEP lines, so the feed keeps no more; 委托 and 成交 keep the newest
 * ORDERS_KEEP / TRADES_KEEP (a busy day's manual trading is far below; a strategy's thousands
 * are in its own window and in database.db). Working orders are never dropped: 可撤 and 全撤
 * need them.
 */
export const LOG_KEEP = 5000;
export const ORDERS_KEEP = 10_000;
export const TRADES_KEEP = 10_000;

export const feeds = {
  ticks: new RowFeed<TickData>((t) => t.vt_symbol),
  orders: new RowFeed<OrderData>((o) => o.vt_orderid, { max: ORDERS_KEEP, evictable: (o) => !ACTIVE_STATUSES.has(o.status) }),
  trades: new RowFeed<TradeData>((t) => t.vt_tradeid, { max: TRADES_KEEP }),
  positions: new RowFeed<PositionData>((p) => p.vt_positionid),
  accounts: new RowFeed<AccountData>((a) => a.vt_accountid),
  contracts: new RowFeed<ContractData>((c) => c.vt_symbol),
  logs: new RowFeed<LogRow>((l) => String(l.seq), { max: LOG_KEEP }),
  credits: new RowFeed<CreditDetail>((c) => c.vt_accountid),
  compacts: new RowFeed<CompactData>((c) => c.vt_compactid),
  creditAssets: new RowFeed<CreditAssetData>((a) => a.vt_assetid),
};

export type Feeds = typeof feeds;

let logSeq = 0;
/** Number log lines as they arrive; the log monitor keeps the last few thousand. */
export function toLogRows(logs: readonly LogData[]): LogRow[] {
  return logs.map((l) => ({ ...l, seq: ++logSeq }));
}
