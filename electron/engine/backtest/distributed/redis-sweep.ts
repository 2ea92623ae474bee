/**
 * A sweep run by `tstrader worker` processes over BullMQ: the submitting side of the
 * scale-out. It stores the sweep's spec and its bars in Redis once, enqueues one job per
 * task as the sweep driver asks (so the queue holds only the in-flight window), and resolves
 * each task when its job completes — from BullMQ's event stream, with a periodic look at the
 * job's state in case an event was missed. A result is taken once: a task that is no longer
 * pending ignores any later report, so a retried job can never be counted twice. Jobs a dead
 * worker held are retried by BullMQ's stalled-job check on the surviving workers.
 */
import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import { type Redis } from 'ioredis';
import { TraderError } from '../../../../common/errors';
import { encodeBarColumns, type BarColumns } from '../job/bar-columns';
import type { SweepEvaluator, SweepResult, SweepSpec, SweepTask } from '../job/backtest-job';
import { barsKey, connectStore, jobIdOf, parseRedisUrl, QUEUE_NAME, QUEUE_PREFIX, SWEEP_TTL_SECONDS, sweepKey, type QueuedJob } from './redis-names';

export interface RedisSweepOptions {
  /** tasks the remote workers run at once (sweep drivers keep twice that queued); default 8 */
  parallelism?: number;
  /** attempts per job when its processor throws (a stalled job is retried regardless); default 3 */
  attempts?: number;
  /** how often pending jobs' states are checked besides the event stream, ms; default 2000 */
  reconcileMs?: number;
}

interface Pending {
  task: SweepTask;
  resolve: (result: SweepResult) => void;
}

export class RedisSweep implements SweepEvaluator {
  readonly parallelism: number;
  readonly sweepId = randomUUID();
  /** job ids BullMQ reported as stalled (their worker died or hung) and put back to run again */
  readonly stalled = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    /** our own keys (the spec and the bars), beside BullMQ's */
    private readonly store: Redis,
    private readonly opts: Required<RedisSweepOptions>,
  ) {
    this.parallelism = opts.parallelism;
    events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, () => parseResult(returnvalue)));
    events.on('failed', ({ jobId }) => void this.reconcile(jobId));
    events.on('stalled', ({ jobId }) => {
      if (this.pending.has(jobId)) this.stalled.add(jobId);
    });
    this.timer = setInterval(() => {
      for (const jobId of this.pending.keys()) void this.reconcile(jobId);
    }, opts.reconcileMs);
    this.timer.unref();
  }

  /** Connect, store the spec and the bars, and listen for results. */
  static async open(redisUrl: string, spec: SweepSpec, bars: BarColumns, options: RedisSweepOptions = {}): Promise<RedisSweep> {
    const connection = parseRedisUrl(redisUrl);
    const store = await connectStore(redisUrl, connection);
    const queue = new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
    const events = new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      const sweep = new RedisSweep(queue, events, store, { parallelism: 8, attempts: 3, reconcileMs: 2000, ...options });
      await store.set(barsKey(spec.bars.digest), encodeBarColumns(bars), 'EX', SWEEP_TTL_SECONDS);
      await store.set(sweepKey(sweep.sweepId), JSON.stringify(spec), 'EX', SWEEP_TTL_SECONDS);
      return sweep;
    } catch (error) {
      await Promise.allSettled([queue.close(), events.close()]);
      store.disconnect();
      throw new TraderError('REDIS_CONNECT', `无法连接 Redis ${redisUrl}：${error instanceof Error ? error.message : String(error)}`);
    }
  }

  evaluate(task: SweepTask): Promise<SweepResult> {
    const jobId = jobIdOf(this.sweepId, task.index);
    return new Promise<SweepResult>((resolve) => {
      this.pending.set(jobId, { task, resolve });
      const data: QueuedJob = { sweep: this.sweepId, index: task.index, params: task.params };
      this.queue.add('backtest', data, { jobId, attempts: this.opts.attempts, removeOnComplete: false, removeOnFail: false }).catch((error: unknown) => {
        this.settle(jobId, () => failure(task, 'REDIS_ENQUEUE', `无法提交回测任务：${error instanceof Error ? error.message : String(error)}`));
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const [jobId, p] of this.pending) {
      this.pending.delete(jobId);
      p.resolve(failure(p.task, 'REDIS_CLOSED', '分布式回测已关闭，任务未完成'));
    }
    // The spec expires on its own: a lost connection must not turn close() into an error.
    await this.store.del(sweepKey(this.sweepId)).catch(() => undefined);
    this.store.disconnect();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }

  /** Take a job's result once; later reports of the same job are ignored. */
  private settle(jobId: string, result: () => SweepResult | undefined): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    const r = result();
    if (!r) return;
    this.pending.delete(jobId);
    p.resolve({ ...r, index: p.task.index, params: p.task.params });
    // The result is ours now: the job need not stay in Redis.
    this.queue.remove(jobId).catch(() => undefined);
  }

  /** Ask Redis where a pending job is: completed or failed settles it; anything else waits. */
  private async reconcile(jobId: string): Promise<void> {
    const p = this.pending.get(jobId);
    if (!p || this.closed) return;
    try {
      const state = await this.queue.getJobState(jobId);
      if (state === 'completed') {
        const job = await Job.fromId(this.queue, jobId);
        this.settle(jobId, () => (job ? (job.returnvalue as SweepResult) : undefined));
      } else if (state === 'failed') {
        const job = await Job.fromId(this.queue, jobId);
        this.settle(jobId, () => failure(p.task, 'BACKTEST_REMOTE', `回测任务失败：${job?.failedReason ?? '原因不明'}`));
      }
    } catch {
      // Redis unreachable for a moment: the next round asks again.
    }
  }
}

function parseResult(text: string): SweepResult | undefined {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as SweepResult) : (text as SweepResult);
  } catch {
    return undefined;
  }
}

function failure(task: SweepTask, code: string, message: string): SweepResult {
  return { index: task.index, params: task.params, error: { code, message } };
}
