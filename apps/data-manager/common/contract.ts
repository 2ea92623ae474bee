/**
 * 数据管理's slice of the bridge contract: the bar store's overview, imports (Tushare daily or
 * 1-minute bars, or a CSV in vn.py DataManager's layout) with their progress, CSV export and
 * delete. The Tushare token is the one 两融数据 uses (one keychain entry).
 */
import { rowEvent, defineContract, type EventsOf, type RequestsOf } from '../../../common/contract/contract-map';
import { code } from '../../../common/contract/fields';
import { s } from '../../../common/schema';
import { Adjustment, Interval, INTERVALS } from '../../../common/bars';
import type { BarOverviewInfo, HistoryImportProgress, HistoryImportResult } from '../../../common/history';

/** YYYYMMDD or YYYY-MM-DD; the engine checks the date itself. */
const tradeDate = s.string({ min: 8, max: 10 });
/** chosen by the window so it can follow its own import's progress events */
const importId = s.optional(s.string({ min: 1, max: 64 }));
const interval = s.enumOf(INTERVALS);
const adjustment = s.optional(s.enumOf([Adjustment.NONE, Adjustment.FORWARD, Adjustment.BACKWARD] as const));
/** CSV text per request: the WebSocket carries 1 MiB a frame, so windows send big files in pieces. */
export const BAR_CSV_MAX_CHARS = 8 * 1024 * 1024;

export const dataManagerContract = defineContract({
  feature: '数据管理',
  requests: {
    /** every code and interval stored: count, first and last bar */
    'data-manager/overview': s.object({}),
    /** whether a Tushare token is saved (never the token itself) */
    'data-manager/token': s.object({}),
    /** save the Tushare token in the keychain; "" deletes it */
    'data-manager/set-token': s.object({ token: s.string({ max: 256 }) }),
    /** import bars; progress comes as 'bar-import-progress' */
    'data-manager/import': s.union(
      s.object({ source: s.literal('tushare'), ts_code: code, interval: s.enumOf([Interval.DAILY, Interval.MINUTE] as const), start_date: tradeDate, end_date: tradeDate, importId }),
      s.object({ source: s.literal('csv'), text: s.string({ min: 1, max: BAR_CSV_MAX_CHARS }), interval, vt_symbol: s.optional(code), importId }),
    ),
    /** stop a running import after its current window or page */
    'data-manager/cancel': s.object({ importId: s.string({ min: 1, max: 64 }) }),
    /** a code's bars of one interval as CSV text in vn.py DataManager's layout */
    'data-manager/export': s.object({ vt_symbol: code, interval, adjustment, start: s.optional(s.number()), end: s.optional(s.number()) }),
    /** delete a code's bars of one interval */
    'data-manager/delete': s.object({ vt_symbol: code, interval }),
  },
  events: {
    /** an import's progress, cumulative, so the latest per import is all a window needs */
    'bar-import-progress': rowEvent((p: HistoryImportProgress) => p.importId),
  },
});

export interface BarTokenStatus {
  stored: boolean;
  /** false when there is no keychain and the token lasts only for this session */
  persistent: boolean;
}

export interface DataManagerResults {
  'data-manager/overview': BarOverviewInfo[];
  'data-manager/token': BarTokenStatus;
  'data-manager/set-token': BarTokenStatus;
  'data-manager/import': HistoryImportResult;
  'data-manager/cancel': { cancelled: boolean };
  'data-manager/export': { csv: string; rows: number; filename: string };
  'data-manager/delete': { deleted: number };
}

declare module '../../../common/contract/contract-map' {
  interface RequestMap extends RequestsOf<typeof dataManagerContract, DataManagerResults> {}
  interface BridgeEvents extends EventsOf<typeof dataManagerContract> {}
}
