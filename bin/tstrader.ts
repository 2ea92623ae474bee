/**
 * `tstrader`: jqtrade's command line for headless strategies.
 *
 *   tstrader start_task -c FILE -n NAME [-o LOG] [--gateway NAME] [--params JSON] [--clock T --speed X]
 *   tstrader get_tasks [--json]
 *   tstrader stop_task -n NAME | -p PID | --all [-s SIGTERM|SIGKILL]
 *   tstrader worker --redis redis://host:port [--threads N] [--stall-ms MS]
 *   tstrader backtest -c FILE --code 600000 --start 2024-01-01 --end 2024-12-31 [--interval 1m] [--params JSON] [--json] [--report out.html]
 *
 * Tasks are found through <vntrader>/tasks.json (VNTRADER_DIR, ./.vntrader or ~/.vntrader).
 */
import os from 'node:os';
import { cstDateTimeOf } from '../common/time';
import { resolveVntraderDir } from '../electron/engine/store';
import { processAlive, TaskRegistry, type TaskEntry } from '../apps/strategy-manager/engine/task-registry';
import { parseFlags, usageOf, UsageError, type FlagSpec } from './cli-args';
// Each verb loads its own modules when it runs (below): a strategy task never loads the
// backtester or BullMQ/ioredis, and get_tasks/stop_task load no engine at all. Under load a
// task's start is mostly module loading.

const START: FlagSpec[] = [
  { name: 'code', short: 'c', value: true, help: '策略代码路径（.ts 或 .js）' },
  { name: 'name', short: 'n', value: true, help: '实盘任务名称，本机唯一' },
  { name: 'out', short: 'o', value: true, help: '日志文件；不指定时打印到标准输出/错误' },
  { name: 'gateway', value: true, help: '交易接口（按 connect_<接口>.json 登录），默认 SIM' },
  { name: 'params', value: true, help: '策略参数 JSON，策略中为 context.params' },
  { name: 'clock', value: true, help: '模拟时钟起点（北京时间，如 2025-01-06T09:29:00），用于演示' },
  { name: 'speed', value: true, help: '模拟时钟倍速，如 60' },
  { name: 'keep_orders', value: false, help: '停止时保留未成交委托（默认撤销）' },
  { name: 'help', short: 'h', value: false, help: '显示帮助' },
];
const GET: FlagSpec[] = [
  { name: 'json', value: false, help: '以 JSON 输出' },
  { name: 'help', short: 'h', value: false, help: '显示帮助' },
];
const STOP: FlagSpec[] = [
  { name: 'name', short: 'n', value: true, help: '按任务名称停止' },
  { name: 'pid', short: 'p', value: true, help: '按进程号停止' },
  { name: 'all', value: false, help: '停止所有任务（忽略 -n、-p）' },
  { name: 'signal', short: 's', value: true, help: 'SIGTERM（默认，处理完当前回调后退出）或 SIGKILL（立即结束）' },
  { name: 'timeout', value: true, help: '等待退出的秒数，默认 30' },
  { name: 'help', short: 'h', value: false, help: '显示帮助' },
];

const HELP = `用法：tstrader {start_task,get_tasks,stop_task,backtest,worker} ...
  start_task   创建新的实盘任务（前台运行；后台运行请用 nohup … &）
  get_tasks    查询当前运行中的实盘任务
  stop_task    停止运行中的实盘任务
  backtest     用本地K线库回测策略文件，打印统计指标（可写出 HTML 报告）
  worker       作为回测工作进程，从 Redis 队列领取参数优化任务
每个子命令可用 -h 查看参数。`;

function registry(): TaskRegistry {
  return new TaskRegistry(resolveVntraderDir({ cwd: process.cwd(), env: process.env, home: os.homedir() }));
}

function getTasks(flags: Map<string, string | true>): number {
  const tasks = registry().list();
  if (flags.has('json')) {
    console.log(JSON.stringify(tasks));
    return 0;
  }
  if (!tasks.length) {
    console.log('没有运行中的实盘任务');
    return 0;
  }
  console.log(['名称', 'PID', '启动时间', '接口', '策略文件', '日志'].join('\t'));
  for (const t of tasks) console.log([t.name, t.pid, cstDateTimeOf(t.started), t.gateway, t.file, t.log || '-'].join('\t'));
  return 0;
}

async function stopTask(flags: Map<string, string | true>): Promise<number> {
  const signal = (flags.get('signal') ?? 'SIGTERM') as string;
  if (signal !== 'SIGTERM' && signal !== 'SIGKILL') throw new UsageError('-s 只能是 SIGTERM 或 SIGKILL');
  const reg = registry();
  const tasks = reg.list();
  let targets: TaskEntry[];
  if (flags.has('all')) targets = tasks;
  else if (flags.has('name')) targets = tasks.filter((t) => t.name === flags.get('name'));
  else if (flags.has('pid')) targets = tasks.filter((t) => t.pid === Number(flags.get('pid')));
  else throw new UsageError('请指定 -n NAME、-p PID 或 --all');
  if (!targets.length) {
    console.error(flags.has('all') ? '没有运行中的实盘任务' : '未找到匹配的实盘任务');
    return flags.has('all') ? 0 : 1;
  }
  const timeoutMs = Number(flags.get('timeout') ?? 30) * 1000;
  for (const t of targets) {
    try {
      process.kill(t.pid, signal);
    } catch (error) {
      console.error(`无法向 ${t.name}（pid ${t.pid}）发送 ${signal}：${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const end = Date.now() + timeoutMs;
  let pending = targets;
  while (pending.length && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    pending = pending.filter((t) => processAlive(t.pid));
  }
  // A task killed with SIGKILL could not remove itself.
  for (const t of targets) if (!processAlive(t.pid)) reg.unregister(t.pid);
  for (const t of targets) console.log(`${pending.includes(t) ? '仍在运行' : '已停止'}：${t.name}（pid ${t.pid}）`);
  return pending.length ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '-h' || verb === '--help') {
    console.log(HELP);
    return verb ? 0 : 2;
  }
  try {
    if (verb === 'start_task') {
      const f = parseFlags(rest, START);
      if (f.has('help')) return console.log(usageOf(verb, START)), 0;
      const file = f.get('code');
      const name = f.get('name');
      if (typeof file !== 'string' || typeof name !== 'string') throw new UsageError('start_task 需要 -c 策略代码路径 和 -n 任务名称');
      let params: Record<string, unknown> = {};
      const p = f.get('params');
      if (typeof p === 'string') {
        try {
          params = JSON.parse(p) as Record<string, unknown>;
        } catch {
          throw new UsageError('--params 应为 JSON 对象');
        }
      }
      const { clockFromFlags, startTask } = await import('./start-task');
      const clock = clockFromFlags(f.get('clock') as string | undefined, f.get('speed') as string | undefined);
      return await startTask({
        file, name, params, clock,
        out: f.get('out') as string | undefined,
        gateway: (f.get('gateway') as string | undefined) ?? 'SIM',
        cancelOnStop: !f.has('keep_orders'),
      });
    }
    if (verb === 'get_tasks') {
      const f = parseFlags(rest, GET);
      if (f.has('help')) return console.log(usageOf(verb, GET)), 0;
      return getTasks(f);
    }
    if (verb === 'stop_task') {
      const f = parseFlags(rest, STOP);
      if (f.has('help')) return console.log(usageOf(verb, STOP)), 0;
      return await stopTask(f);
    }
    if (verb === 'backtest') {
      const { BACKTEST_FLAGS, runBacktestCli } = await import('./backtest-cli');
      const f = parseFlags(rest, BACKTEST_FLAGS);
      if (f.has('help')) return console.log(usageOf(verb, BACKTEST_FLAGS)), 0;
      return await runBacktestCli(f);
    }
    if (verb === 'worker') {
      const { runWorker, WORKER_FLAGS } = await import('./backtest-worker');
      const f = parseFlags(rest, WORKER_FLAGS);
      if (f.has('help')) return console.log(usageOf(verb, WORKER_FLAGS)), 0;
      return await runWorker(f);
    }
    throw new UsageError(`未知的子命令：${verb}\n${HELP}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
// Handles the engine may leave (keychain worker, sockets) must not keep a finished command alive.
setTimeout(() => process.exit(), 200).unref();
