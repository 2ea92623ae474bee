/**
 * Entry of a backtest thread (bundled by compile.ts, run with eval): one strategy-file
 * backtest on bars in shared memory, its progress and then its report posted back. The hot
 * loop stays inside this thread; the engine's thread only hears progress every few
 * thousand bars.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { barColumnsOver } from '../../../../electron/engine/backtest/job/bar-columns';
import { runStrategyBacktest } from './strategy-backtest';
import type { BacktestThreadBoot, BacktestThreadMessage } from './backtest-thread';

const boot = workerData as BacktestThreadBoot;
const post = (m: BacktestThreadMessage): void => parentPort!.postMessage(m);
try {
  const report = runStrategyBacktest({
    ...boot.input,
    bars: barColumnsOver(boot.buffer, boot.length),
    onProgress: (done, total) => post({ t: 'progress', done, total }),
    progressEvery: 2000,
  });
  post({ t: 'done', report });
} catch (error) {
  post({ t: 'error', message: error instanceof Error ? error.message : String(error) });
}
