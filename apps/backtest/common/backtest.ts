/** What the 回测 window and its engine part exchange besides the report itself. */
import type { BacktestReport } from '../../../common/backtest/report';
import type { NumericStatisticKey } from '../../../common/backtest/statistics';

export interface BacktestProgressEvent {
  runId: string;
  /** 'run': bars replayed; 'optimize': parameter sets finished */
  phase: 'run' | 'optimize';
  done: number;
  total: number;
  finished: boolean;
}

export type BacktestRunResult = BacktestReport;

export interface BacktestExportResult {
  /** where the file was written */
  path: string;
}

export interface OptimizeRow {
  params: Record<string, number | string | boolean>;
  /** the target statistic's value; null when this set failed */
  value: number | null;
  total_return: number | null;
  sharpe_ratio: number | null;
  max_ddpercent: number | null;
  total_trade_count: number | null;
  error: string;
}

export interface OptimizeResult {
  target: NumericStatisticKey;
  rows: OptimizeRow[];
  /** parameter sets evaluated */
  evaluated: number;
  elapsed_ms: number;
}
