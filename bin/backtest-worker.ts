/**
 * `tstrader worker --redis redis://host:port [--threads N] [--stall-ms MS]`: serve backtest
 * sweeps from a BullMQ queue until SIGTERM or Ctrl+C, which finish the jobs in hand first.
 * Prints one line per job started and finished.
 */
import { RedisBacktestWorker } from '../electron/engine/backtest/distributed/redis-worker';
import { UsageError, type FlagSpec } from './cli-args';

export const WORKER_FLAGS: FlagSpec[] = [
  { name: 'redis', value: true, help: 'Redis 地址，如 redis://127.0.0.1:6379（可带 /库号 与 :密码@）' },
  { name: 'threads', value: true, help: '同时运行的回测数（每个一个线程），默认为本机核数' },
  { name: 'stall_ms', value: true, help: '工作进程失联多久后其任务交给其他工作进程重试（毫秒），默认 30000' },
  { name: 'help', short: 'h', value: false, help: '显示帮助' },
];

function positiveInt(flags: Map<string, string | true>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name.replace(/_/g, '-')} 应为正整数，当前为 ${String(v)}`);
  return n;
}

export async function runWorker(flags: Map<string, string | true>): Promise<number> {
  const redisUrl = flags.get('redis');
  if (typeof redisUrl !== 'string') throw new UsageError('worker 需要 --redis redis://主机:端口');
  const worker = await RedisBacktestWorker.start({
    redisUrl,
    threads: positiveInt(flags, 'threads'),
    stallMs: positiveInt(flags, 'stall_ms'),
    log: (line) => console.log(line),
  });
  console.log(`回测工作进程已就绪：${redisUrl.replace(/\/\/[^@/]*@/, '//***@')}，${worker.threads} 个线程`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  console.log('正在停止：完成手头的回测任务后退出');
  await worker.close();
  return 0;
}
