/**
 * `tstrader start_task`: the engine headless in this process with one strategy, in the
 * foreground like jqtrade. The gateway logs in with its saved connect_<name>.json settings
 * (default SIM). SIGTERM / SIGINT (Ctrl+C) stop the strategy after its current callback,
 * cancel its working orders, close the gateway and exit 0; a strategy that fails exits 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cstDateTimeOf } from '../common/time';
import type { LogData } from '../common/objects';
import { createEngine, type Engine } from '../electron/engine/create-engine';
import { resolveVntraderDir } from '../electron/engine/store';
import { StrategyStatus, type ClockSpec, type StrategyEngine } from '../apps/strategy-manager/engine';
import { strategyEngineOf } from '../apps/strategy-manager/engine/app';
import { TaskRegistry } from '../apps/strategy-manager/engine/task-registry';
import { UsageError } from './cli-args';

export interface StartTaskOptions {
  file: string;
  name: string;
  out?: string;
  gateway: string;
  params: Record<string, unknown>;
  clock: ClockSpec;
  cancelOnStop: boolean;
}

export function clockFromFlags(at: string | undefined, speed: string | undefined): ClockSpec {
  if (at === undefined && speed === undefined) return { kind: 'wall' };
  const start = at === undefined ? Date.now() : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(at) ? at : `${at.replace(' ', 'T')}+08:00`);
  if (!Number.isFinite(start)) throw new UsageError(`--clock 的时间无法识别：${at ?? ''}（例：2025-01-06T09:29:00，按北京时间）`);
  const x = speed === undefined ? 1 : Number(speed);
  if (!(x > 0)) throw new UsageError(`--speed 应为正数：${speed ?? ''}`);
  return { kind: 'scaled', start, speed: x };
}

function formatLog(l: LogData): string {
  return `${cstDateTimeOf(l.datetime)} ${l.level.padEnd(7)} [${l.gateway_name}] ${l.msg}`;
}

export async function startTask(opts: StartTaskOptions): Promise<number> {
  const dir = resolveVntraderDir({ cwd: process.cwd(), env: process.env, home: os.homedir() });
  const file = path.resolve(opts.file);
  if (!fs.existsSync(file)) throw new UsageError(`策略文件不存在：${file}`);
  const registry = new TaskRegistry(dir);
  registry.register({ name: opts.name, pid: process.pid, file, gateway: opts.gateway, started: Date.now(), log: opts.out ? path.resolve(opts.out) : '' });

  const out = opts.out ? fs.createWriteStream(opts.out, { flags: 'a' }) : undefined;
  // Errors reach the caller's stderr as well as the log file: a task started in the
  // background must not fail with its reason only in a file nobody reads.
  const write = (line: string, error = false): void => {
    if (out) out.write(`${line}\n`);
    if (!out || error) (error ? process.stderr : process.stdout).write(`${line}\n`);
  };

  let engine: Engine | undefined;
  let strategies: StrategyEngine | undefined;
  let exiting: Promise<number> | undefined;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  const shutdown = (why: string, code: number): Promise<number> => {
    exiting ??= (async () => {
      write(`${cstDateTimeOf(Date.now())} INFO    [tstrader] ${why}，正在停止任务 ${opts.name}`);
      try {
        // engine.close() stops the strategy first (after its current callback), then the gateway.
        if (engine) await engine.close();
        else if (strategies) await strategies.close();
      } catch (error) {
        write(`停止时出错：${error instanceof Error ? error.message : String(error)}`, true);
      } finally {
        registry.unregister(process.pid);
      }
      write(`${cstDateTimeOf(Date.now())} INFO    [tstrader] 任务 ${opts.name} 已退出`);
      await new Promise<void>((resolve) => (out ? out.end(resolve) : resolve()));
      resolveDone(code);
      return code;
    })();
    return exiting;
  };
  process.on('SIGTERM', () => void shutdown('收到 SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('收到 SIGINT', 0));

  try {
    // The task's strategy is not added to the window's list (strategies.json).
    engine = await createEngine({ vntraderDir: dir, persistStrategies: false });
    engine.bus.on('log', (l) => write(formatLog(l), l.level === 'ERROR'));
    const { settings } = await engine.main.loadSettings(opts.gateway);
    await engine.main.connect(opts.gateway, settings);
    strategies = strategyEngineOf(engine);
    strategies.add({ name: opts.name, file, gateway: opts.gateway, params: opts.params, clock: opts.clock, cancel_on_stop: opts.cancelOnStop });
    strategies.onChange((info) => {
      if (info.status === StrategyStatus.ERROR) void shutdown(`策略出错：${info.message}`, 1);
    });
    await strategies.start(opts.name);
    write(`${cstDateTimeOf(Date.now())} INFO    [tstrader] 任务 ${opts.name} 运行中（pid ${process.pid}，接口 ${opts.gateway}，目录 ${dir}）`);
  } catch (error) {
    write(`启动失败：${error instanceof Error ? error.message : String(error)}`, true);
    return shutdown('启动失败', 1);
  }
  return done;
}
