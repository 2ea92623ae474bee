/**
 * `tstrader worker`: takes backtest jobs from the BullMQ queue and runs them on a local pool
 * of threads, so the main thread stays free to renew the jobs' locks. A sweep's spec is read
 * once, its bars are found once — first in this machine's own bar store (by code, interval
 * and date range; accepted only if their digest matches), else the copy the submitter
 * carried into Redis — and every job of the sweep runs against them. If this process dies,
 * its jobs' locks lapse and the other workers retry them.
 */
import os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { type Redis } from 'ioredis';
import { barDigest, decodeBarColumns, type BarColumns } from '../job/bar-columns';
import type { BarSetKey, SweepResult, SweepSpec } from '../job/backtest-job';
import { LocalPool } from '../pool/local-pool';
import { barsKey, connectStore, parseRedisUrl, QUEUE_NAME, QUEUE_PREFIX, sweepKey, type QueuedJob } from './redis-names';

/** A machine's own history: bars by code, interval and date range (the history store plugs in here). */
export interface BarStore {
  load(key: BarSetKey): Promise<BarColumns | undefined>;
}

export interface RedisWorkerOptions {
  redisUrl: string;
  /** jobs run at once, one thread each; default os.availableParallelism() */
  threads?: number;
  /** a job whose worker has not renewed its lock for this long is taken back and retried, ms; default 30000 */
  stallMs?: number;
  barStore?: BarStore;
  log?: (line: string) => void;
}

/** Keeps the last few entries of a map, dropping the oldest. */
class Recent<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly capacity: number,
    private readonly onDrop: (v: V) => void = () => undefined,
  ) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const [oldest, v] = this.map.entries().next().value as [string, V];
      this.map.delete(oldest);
      this.onDrop(v);
    }
  }
  delete(key: string, value: V): void {
    if (this.map.get(key) === value) this.map.delete(key);
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
}

export class RedisBacktestWorker {
  private readonly specs = new Recent<Promise<SweepSpec>>(8);
  private readonly bars = new Recent<Promise<BarColumns>>(2);
  private readonly pools = new Recent<Promise<LocalPool>>(2, (p) => void p.then((pool) => pool.close(), () => undefined));
  private worker!: Worker<QueuedJob, SweepResult>;

  private constructor(
    private readonly opts: RedisWorkerOptions,
    private readonly store: Redis,
    readonly threads: number,
  ) {}

  static async start(opts: RedisWorkerOptions): Promise<RedisBacktestWorker> {
    const connection = parseRedisUrl(opts.redisUrl);
    const store = await connectStore(opts.redisUrl, connection);
    const threads = Math.max(1, Math.floor(opts.threads ?? os.availableParallelism()));
    const self = new RedisBacktestWorker(opts, store, threads);
    const stallMs = Math.max(500, opts.stallMs ?? 30_000);
    self.worker = new Worker<QueuedJob, SweepResult>(QUEUE_NAME, (job) => self.process(job), {
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix: QUEUE_PREFIX,
      concurrency: threads,
      lockDuration: stallMs,
      stalledInterval: stallMs,
      // a job may outlive a few dead workers before it is given up as failed
      maxStalledCount: 3,
    });
    self.worker.on('error', (error) => self.log(`Redis 连接错误：${error.message}`));
    await self.worker.waitUntilReady();
    return self;
  }

  /** Finish the jobs in hand, then stop. */
  async close(): Promise<void> {
    await this.worker.close();
    await Promise.allSettled([...this.pools.values()].map((p) => p.then((pool) => pool.close())));
    this.store.disconnect();
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  private async process(job: Job<QueuedJob, SweepResult>): Promise<SweepResult> {
    const { sweep, index, params } = job.data;
    this.log(`开始 ${job.id}`);
    const pool = await this.poolFor(sweep);
    const result = await pool.evaluate({ index, params });
    this.log(`完成 ${job.id}`);
    return result;
  }

  private poolFor(sweepId: string): Promise<LocalPool> {
    let pool = this.pools.get(sweepId);
    if (!pool) {
      pool = (async () => {
        const spec = await this.specOf(sweepId);
        return LocalPool.open(spec, await this.barsOf(spec.bars), { threads: this.threads });
      })();
      this.pools.set(sweepId, pool);
      // A failure (Redis away, spec expired) must not stick: the next job asks again.
      const opened = pool;
      opened.catch(() => this.pools.delete(sweepId, opened));
    }
    return pool;
  }

  private specOf(sweepId: string): Promise<SweepSpec> {
    let spec = this.specs.get(sweepId);
    if (!spec) {
      spec = this.store.get(sweepKey(sweepId)).then((text) => {
        if (!text) throw new UnrecoverableError(`找不到回测批次 ${sweepId} 的设置（提交方已关闭或已过期）`);
        return JSON.parse(text) as SweepSpec;
      });
      this.specs.set(sweepId, spec);
      const asked = spec;
      asked.catch(() => this.specs.delete(sweepId, asked));
    }
    return spec;
  }

  private barsOf(key: BarSetKey): Promise<BarColumns> {
    let bars = this.bars.get(key.digest);
    if (!bars) {
      bars = this.loadBars(key);
      this.bars.set(key.digest, bars);
      const loading = bars;
      loading.catch(() => this.bars.delete(key.digest, loading));
    }
    return bars;
  }

  private async loadBars(key: BarSetKey): Promise<BarColumns> {
    const own = await this.opts.barStore?.load(key);
    if (own && barDigest(own) === key.digest) return own;
    if (own) this.log(`本机 ${key.vt_symbol} ${key.interval} ${key.start}～${key.end} 的K线与提交方不同，改用随任务携带的数据`);
    const blob = await this.store.getBuffer(barsKey(key.digest));
    if (!blob) throw new UnrecoverableError(`Redis 中没有 ${key.vt_symbol} ${key.start}～${key.end} 的K线数据（${key.digest.slice(0, 12)}…），本机也没有`);
    const bars = decodeBarColumns(blob);
    if (barDigest(bars) !== key.digest) throw new UnrecoverableError(`${key.vt_symbol} 的K线数据校验失败（摘要不符）`);
    return bars;
  }
}
