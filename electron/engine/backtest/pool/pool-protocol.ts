/** What a pool thread is given when it starts. */
import type { SweepSpec } from '../job/backtest-job';

export interface PoolBoot {
  spec: SweepSpec;
  /** the bars' columns (bar-columns.ts layout), shared by every thread, never copied */
  buffer: SharedArrayBuffer;
  length: number;
}
