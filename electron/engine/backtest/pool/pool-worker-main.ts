/**
 * One thread of the local backtest pool. It receives the sweep's spec and the bars' shared
 * buffer once, at start, and then runs one job per message, reading the bars in place.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { barColumnsOver } from '../job/bar-columns';
import type { SweepTask } from '../job/backtest-job';
import { runJob } from '../job/run-job';
import type { PoolBoot } from './pool-protocol';

const boot = workerData as PoolBoot;
const bars = barColumnsOver(boot.buffer, boot.length);

parentPort!.on('message', (task: SweepTask) => {
  parentPort!.postMessage(runJob(boot.spec, bars, task));
});
