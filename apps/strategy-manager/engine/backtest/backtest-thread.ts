/**
 * The strategy backtester the 策略管理 app provides to the engine: the file compiled here, the
 * run on a thread of its own (backtest-thread-main.ts) reading the bars in place from shared
 * memory, progress relayed, and the thread ended at once when the caller aborts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BacktestReport } from '../../../../common/backtest/report';
import { TraderError } from '../../../../common/errors';
import type { StrategyBacktester, StrategyBacktestRequest } from '../../../../electron/engine/backtest/strategy-backtester';
import { backtestThreadSource, compileStrategy, sourcePoolSource } from '../compile';
import type { StrategyBacktestInput } from './strategy-backtest';

export interface BacktestThreadBoot {
  input: Omit<StrategyBacktestInput, 'bars' | 'onProgress' | 'progressEvery'>;
  buffer: SharedArrayBuffer;
  length: number;
}

export type BacktestThreadMessage =
  | { t: 'progress'; done: number; total: number }
  | { t: 'done'; report: BacktestReport }
  | { t: 'error'; message: string };

export const threadBacktester: StrategyBacktester = {
  async sweepParts(file: string) {
    const abs = path.resolve(file);
    const [compiled, workerSource] = await Promise.all([compileStrategy(abs), sourcePoolSource()]);
    return { strategy: { kind: 'source', file_name: abs, source: fs.readFileSync(abs, 'utf8') }, compiled, workerSource };
  },

  async run(req: StrategyBacktestRequest, onProgress, signal): Promise<BacktestReport> {
    if (!(req.bars.buffer instanceof SharedArrayBuffer)) throw new TraderError('BAR_DATA', '回测的K线应在共享内存中（loadStockBars）');
    const file = path.resolve(req.file);
    const [code, source] = await Promise.all([compileStrategy(file), backtestThreadSource()]);
    // Cancelled while compiling: the same Chinese answer as a cancel mid-run (throwIfAborted would give DOM's English AbortError).
    if (signal?.aborted) throw new TraderError('CANCELLED', '回测已取消');
    const boot: BacktestThreadBoot = {
      input: { file, code, vt_symbol: req.vt_symbol, interval: req.interval, start: req.start, end: req.end, params: req.params, settings: req.settings },
      buffer: req.bars.buffer,
      length: req.bars.length,
    };
    const worker = new Worker(source, { eval: true, workerData: boot, name: `backtest:${path.basename(file)}` });
    return new Promise<BacktestReport>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      const onAbort = () => finish(() => reject(new TraderError('CANCELLED', '回测已取消')));
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (m: BacktestThreadMessage) => {
        if (m.t === 'progress') onProgress({ done: m.done, total: m.total });
        else if (m.t === 'done') finish(() => resolve(m.report));
        else finish(() => reject(new TraderError('BACKTEST_FAILED', m.message)));
      });
      worker.on('error', (error) => finish(() => reject(new TraderError('BACKTEST_FAILED', `回测线程出错：${error.message}`))));
      worker.on('exit', (code) => finish(() => reject(new TraderError('BACKTEST_FAILED', `回测线程意外退出（${code}）`))));
    });
  },
};
