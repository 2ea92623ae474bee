/** The app's row feeds, one per domain the monitors show. */
import type { CompactData, CreditAssetData, CreditDetail } from '../../../common/credit';
import type { AccountData, ContractData, LogData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import { RowFeed } from './row-feed';

/** A log line with the running number that keys its grid row. */
export type LogRow = LogData & { seq: number };

export const feeds = {
  ticks: new RowFeed<TickData>((t) => t.vt_symbol),
  orders: new RowFeed<OrderData>((o) => o.vt_orderid),
  trades: new RowFeed<TradeData>((t) => t.vt_tradeid),
  positions: new RowFeed<PositionData>((p) => p.vt_positionid),
  accounts: new RowFeed<AccountData>((a) => a.vt_accountid),
  contracts: new RowFeed<ContractData>((c) => c.vt_symbol),
  logs: new RowFeed<LogRow>((l) => String(l.seq)),
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
