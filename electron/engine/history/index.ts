/** History: the bar store's service (imports, export, overview, 复权 reads) and tick → bar recording. */
export { createHistory, type History, type HistoryParts } from './create-history';
export { HistoryService, type HistoryServiceOptions } from './history-service';
export { BarRecorder, type BarRecorderOptions } from './bar-recorder';
export { barsFromCsv, seriesToCsv, parseCstDateTime, cstText, VNPY_CSV_COLUMNS } from './bar-csv';
export { dailyBars, minuteBars, adjFactors } from './tushare-bars';
export { runTushareImport, taskIdOf, RATE_LIMIT_BACKOFF_MS, TUSHARE_ROW_LIMITS, DAILY_WINDOW_DAYS, MINUTE_WINDOW_DAYS } from './tushare-import';
export { createSharedHistory, type SharedHistory } from './shared-history';
