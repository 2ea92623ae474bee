/** 两融数据: Tushare margin_detail and CSV imports, identity checks, the service the bridge calls. */
export { MarginDataService, TUSHARE_TOKEN_ACCOUNT, type MarginDataServiceOptions, type TushareImportArgs } from './margin-data-service';
export { TushareClient, DEFAULT_TUSHARE_URL, tushareBaseUrl, type TushareClientOptions, type TushareTable } from '../../../electron/engine/tushare/tushare-client';
export { DEFAULT_TOLERANCES, balanceSumFlag, checkRows, financingFlowFlag } from './identities';
export { DEFAULT_ROW_LIMIT, halve, splitRange } from './paging';
export { marginRowsFromCsv, parseCsv, fieldOfHeader } from './margin-csv';
export { createMarginData, type MarginDataParts } from './create-margin-data';
export { MarginStore, MARGIN_DB_FILE } from './margin-store';
