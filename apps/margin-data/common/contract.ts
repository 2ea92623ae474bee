/**
 * 两融数据's slice of the bridge contract: the Tushare token, imports (Tushare or CSV) with
 * their progress, and queries of the stored 融资融券明细.
 */
import { rowEvent, defineContract, type EventsOf, type RequestsOf } from '../../../common/contract/contract-map';
import { code } from '../../../common/contract/fields';
import { s } from '../../../common/schema';
import type { MarginCodeInfo, MarginImportProgress, MarginImportResult, MarginQueryResult, MarginTokenStatus } from './margin-data';

/** YYYYMMDD or YYYY-MM-DD; the engine checks the date itself. */
const tradeDate = s.string({ min: 8, max: 10 });
/** chosen by the window so it can follow its own import's progress events */
const importId = s.optional(s.string({ min: 1, max: 64 }));
/** CSV text per request: Electron IPC has no frame limit, the WebSocket 1 MiB, so windows send big files in chunks. */
export const MARGIN_CSV_MAX_CHARS = 8 * 1024 * 1024;

export const marginDataContract = defineContract({
  feature: '两融数据',
  requests: {
    /** whether a Tushare token is saved (never the token itself) */
    'margin-data/token': s.object({}),
    /** save the Tushare token in the keychain; "" deletes it */
    'margin-data/set-token': s.object({ token: s.string({ max: 256 }) }),
    /** import margin_detail from Tushare (a code or, without ts_code, every code) or from CSV text; progress comes as 'margin-data-progress' */
    'margin-data/import': s.union(
      s.object({ source: s.literal('tushare'), ts_code: s.optional(code), start_date: tradeDate, end_date: tradeDate, importId }),
      s.object({ source: s.literal('csv'), text: s.string({ min: 1, max: MARGIN_CSV_MAX_CHARS }), importId }),
    ),
    /** stop a running import after its current page */
    'margin-data/cancel': s.object({ importId: s.string({ min: 1, max: 64 }) }),
    /** a code's stored rows, oldest first, with the identities each breaks */
    'margin-data/query': s.object({ ts_code: code, start_date: s.optional(tradeDate), end_date: s.optional(tradeDate) }),
    /** the codes stored, with their row counts and date spans */
    'margin-data/codes': s.object({}),
  },
  events: {
    /**
     * an import's progress; cumulative (rows so far, pages done, finished), so the latest per
     * import loses nothing a window needs, and a fast import cannot flood a slow window
     */
    'margin-data-progress': rowEvent((p: MarginImportProgress) => p.importId),
  },
});

export interface MarginDataResults {
  'margin-data/token': MarginTokenStatus;
  'margin-data/set-token': MarginTokenStatus;
  'margin-data/import': MarginImportResult;
  'margin-data/cancel': { cancelled: boolean };
  'margin-data/query': MarginQueryResult;
  'margin-data/codes': MarginCodeInfo[];
}

declare module '../../../common/contract/contract-map' {
  interface RequestMap extends RequestsOf<typeof marginDataContract, MarginDataResults> {}
  interface BridgeEvents extends EventsOf<typeof marginDataContract> {}
}
