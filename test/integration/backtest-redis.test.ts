/**
 * Scale-out over a real redis-server with two `tstrader worker` processes: a sweep's results
 * equal the local pool's exactly; a worker killed in the middle of a job has that job retried
 * by the other, and every combination is counted once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barDigest } from '../../electron/engine/backtest/job/bar-columns';
import type { SweepResult, SweepSpec } from '../../electron/engine/backtest/job/backtest-job';
import { runJob } from '../../electron/engine/backtest/job/run-job';
import { syntheticMinuteBars } from '../../electron/engine/backtest/job/synthetic-bars';
import { RedisSweep } from '../../electron/engine/backtest/distributed/redis-sweep';
import { gridSearch } from '../../electron/engine/backtest/optimize/grid-search';
import { objective } from '../../electron/engine/backtest/optimize/objectives';
import { parameterSpace } from '../../electron/engine/backtest/optimize/parameter-space';
import { LocalPool } from '../../electron/engine/backtest/pool/local-pool';
import { startRedisServer, type RedisServer } from '../fixtures/redis-server';
import { waitFor } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin', 'tstrader.mjs');

interface WorkerProcess {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function startWorker(url: string, onLine?: (line: string) => void): WorkerProcess {
  const child = spawn(process.execPath, [cli, 'worker', '--redis', url, '--threads', '1', '--stall-ms', '2000'], { cwd: root });
  let text = '';
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    text += d.toString();
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const line of lines) onLine?.(line);
  });
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => text, exited };
}

const bars = syntheticMinuteBars({ count: 24_000, seed: 5 });
const spec: SweepSpec = {
  strategy: { kind: 'builtin', id: 'double-ma' },
  bars: { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-02', end: '2024-05-24', digest: barDigest(bars) },
  settings: { capital: 1_000_000, size: 1, pricetick: 0.01, rate: 0.0003, slippageTicks: 1 },
};

let redis: RedisServer;
let workerA: WorkerProcess;
let workerB: WorkerProcess;
let killOnStart: ((line: string) => void) | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  workerA = startWorker(redis.url, (line) => killOnStart?.(line));
  workerB = startWorker(redis.url);
  for (const w of [workerA, workerB]) await waitFor(() => w.out().includes('已就绪'), 60_000, `worker ready: ${w.out()}`);
});

afterAll(async () => {
  for (const w of [workerA, workerB]) if (w && w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await redis?.stop();
});

async function sweep(evaluator: RedisSweep | LocalPool, space: ReturnType<typeof parameterSpace>): Promise<{ results: SweepResult[]; evaluated: number }> {
  const results: SweepResult[] = [];
  const out = await gridSearch(evaluator, space, { objective: objective('total_return'), onResult: (r) => results.push(r) });
  return { results: results.sort((a, b) => a.index - b.index), evaluated: out.evaluated };
}

describe('backtest sweeps over Redis (BullMQ) with two worker processes', () => {
  it('give exactly the local pool\'s results', async () => {
    const space = parameterSpace([{ name: 'fast_window', values: [5, 10, 20] }, { name: 'slow_window', values: [30, 60] }]);
    const remote = await RedisSweep.open(redis.url, spec, bars, { parallelism: 2 });
    const local = await LocalPool.open(spec, bars, { threads: 2 });
    try {
      const [r, l] = [await sweep(remote, space), await sweep(local, space)];
      expect(r.evaluated).toBe(6);
      expect(r.results.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(r.results.every((x) => 'statistics' in x && x.statistics.total_trade_count > 0)).toBe(true);
      expect(r.results).toEqual(l.results);
    } finally {
      await Promise.all([remote.close(), local.close()]);
    }
  });

  it('a worker killed mid-job: the other retries that job, and each combination is counted once', async () => {
    // `repeat` makes each job run the same backtest 40 times: long enough to be killed inside it.
    const space = parameterSpace([{ name: 'fast_window', values: [5, 10] }, { name: 'slow_window', values: [30, 60] }, { name: 'repeat', values: [40] }]);
    const remote = await RedisSweep.open(redis.url, spec, bars, { parallelism: 2 });
    let killed = '';
    killOnStart = (line) => {
      const m = /^开始 (\S+)/.exec(line);
      if (m && !killed) {
        killed = m[1]!;
        workerA.child.kill('SIGKILL');
      }
    };
    try {
      const r = await sweep(remote, space);
      expect(killed).not.toBe('');
      expect(await workerA.exited).toBeNull(); // killed by the signal, not exited
      expect(workerA.out()).not.toContain(`完成 ${killed}`);
      expect(remote.stalled.has(killed)).toBe(true);
      expect(workerB.out()).toContain(`完成 ${killed}`);
      expect(r.evaluated).toBe(4);
      expect(r.results.map((x) => x.index)).toEqual([0, 1, 2, 3]);
      for (const x of r.results) {
        const here = runJob(spec, bars, { index: x.index, params: { fast_window: x.params.fast_window!, slow_window: x.params.slow_window! } });
        expect('statistics' in x && x.statistics).toEqual('statistics' in here && here.statistics);
      }
    } finally {
      killOnStart = undefined;
      await remote.close();
    }
  }, 180_000);

  it('a worker stops cleanly on SIGTERM', async () => {
    workerB.child.kill('SIGTERM');
    expect(await workerB.exited).toBe(0);
    expect(workerB.out()).toContain('正在停止');
  });
});
