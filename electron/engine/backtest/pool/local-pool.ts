/**
 * A pool of worker threads, one per core by default, that run a sweep's jobs on this
 * machine. The bars go into one SharedArrayBuffer that every thread reads in place: they
 * are loaded once per sweep, not once per job or per thread. A thread that dies is replaced,
 * and the job it held comes back as a failed result rather than a hang.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { allocBarColumns, BAR_FIELDS, type BarColumns } from '../job/bar-columns';
import type { SweepEvaluator, SweepResult, SweepSpec, SweepTask } from '../job/backtest-job';
import type { PoolBoot } from './pool-protocol';
import { poolWorkerSource } from './worker-source';

interface Waiting {
  task: SweepTask;
  resolve: (result: SweepResult) => void;
}

interface Thread {
  worker: Worker;
  job: Waiting | undefined;
}

export interface LocalPoolOptions {
  /** number of threads; default os.availableParallelism() */
  threads?: number;
  /**
   * the threads' script, when not the pool's own (worker-source.ts): e.g. the 策略管理 app's
   * pool script, which registers the strategy-file runner (setSourceRunner) before the pool's code
   */
  workerSource?: string;
}

/** The columns in shared memory: the same buffer when it already is, else one copy. */
export function sharedBars(bars: BarColumns): BarColumns {
  if (bars.buffer instanceof SharedArrayBuffer) return bars;
  const shared = allocBarColumns(bars.length);
  for (const f of BAR_FIELDS) shared[f].set(bars[f]);
  return shared;
}

export class LocalPool implements SweepEvaluator {
  readonly parallelism: number;
  private readonly threads: Thread[] = [];
  private readonly queue: Waiting[] = [];
  private closed = false;

  private constructor(
    private readonly boot: PoolBoot,
    private readonly source: string,
    threads: number,
  ) {
    this.parallelism = threads;
    for (let i = 0; i < threads; i++) this.threads.push(this.spawn());
  }

  static async open(spec: SweepSpec, bars: BarColumns, opts: LocalPoolOptions = {}): Promise<LocalPool> {
    const threads = Math.max(1, Math.floor(opts.threads ?? os.availableParallelism()));
    const shared = sharedBars(bars);
    const boot: PoolBoot = { spec, buffer: shared.buffer as SharedArrayBuffer, length: shared.length };
    return new LocalPool(boot, opts.workerSource ?? (await poolWorkerSource()), threads);
  }

  evaluate(task: SweepTask): Promise<SweepResult> {
    if (this.closed) return Promise.resolve({ index: task.index, params: task.params, error: { code: 'BACKTEST_POOL', message: '回测线程池已关闭' } });
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.resolve({ index: w.task.index, params: w.task.params, error: { code: 'BACKTEST_POOL', message: '回测线程池已关闭' } });
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(this.source, { eval: true, workerData: this.boot, name: 'backtest-pool' });
    const thread: Thread = { worker, job: undefined };
    worker.on('message', (result: SweepResult) => {
      const job = thread.job;
      thread.job = undefined;
      job?.resolve(result);
      this.dispatch();
    });
    let failure = '';
    worker.on('error', (error) => (failure = error.message));
    worker.on('exit', (code) => {
      if (this.closed) return;
      const job = thread.job;
      thread.job = undefined;
      job?.resolve({ index: job.task.index, params: job.task.params, error: { code: 'BACKTEST_THREAD', message: `回测线程异常退出（代码 ${code}）${failure ? `：${failure}` : ''}` } });
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads[at] = this.spawn();
      this.dispatch();
    });
    return thread;
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (!this.queue.length) return;
      if (thread.job) continue;
      const job = this.queue.shift()!;
      thread.job = job;
      thread.worker.postMessage(job.task);
    }
  }
}
