/**
 * `tstrader` as real processes in a temp VNTRADER_DIR: start_task runs the jqtrade demo
 * against SIM until it trades; a second task of the same name is refused, and so is a second
 * process on the same SIM instance, each with exit code 1 and the reason on stderr; get_tasks
 * lists the tasks; stop_task (SIGTERM) lets the current callback finish and exits 0;
 * SIGKILL'ed and dead tasks are cleaned from the registry so their names are free again. A
 * task that dies while the test waits for it fails the test with its exit code and log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempVntraderDir, waitFor } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin', 'tstrader.mjs');
let dir = '';
const children: ChildProcess[] = [];

interface Task {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
  /** its -o log file, if any */
  log?: string;
}

/** Throw with the task's exit code, output and log if it has died (instead of waiting on). */
function assertAlive(task: Task, what: string): void {
  if (task.child.exitCode === null && task.child.signalCode === null) return;
  const log = task.log && fs.existsSync(task.log) ? fs.readFileSync(task.log, 'utf8') : '';
  throw new Error(`${what}: the task exited (code ${task.child.exitCode}, signal ${task.child.signalCode})\n--- output ---\n${task.out()}\n--- log ---\n${log}`);
}

function startTask(args: string[]): Task {
  const child = spawn(process.execPath, [cli, 'start_task', ...args], { cwd: root, env: { ...process.env, VNTRADER_DIR: dir } });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  // 'close', not 'exit': a test reads what the task printed last (收到 SIGTERM) once it has
  // ended, and only at 'close' has all of it been read from the pipes.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const o = args.indexOf('-o');
  return { child, out: () => text, exited, ...(o >= 0 ? { log: args[o + 1] } : {}) };
}

/** Run a command to its end. Asynchronously: our event loop must keep reaping the tasks we spawned, or a killed one would linger as a zombie that still "exists". */
function run(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, VNTRADER_DIR: dir } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

async function tasks(): Promise<{ name: string; pid: number }[]> {
  return JSON.parse((await run('get_tasks', '--json')).out) as { name: string; pid: number }[];
}

beforeAll(() => {
  dir = tempVntraderDir();
  // vn.py's connect file: fast quotes so the demo trades within a second. A SIM counter runs
  // inside the process that connects it, so a second task at once needs its own instance.
  fs.writeFileSync(path.join(dir, 'connect_sim.json'), JSON.stringify({ '行情间隔(ms)': 50 }));
  fs.writeFileSync(path.join(dir, 'connect_sim_2.json'), JSON.stringify({ '行情间隔(ms)': 50 }));
  fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'gateway.instances': [{ name: 'SIM_2', type: 'SIM' }] }));
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('tstrader CLI', () => {
  it('start_task trades, names are unique, get_tasks lists, stop_task stops after the current callback', async () => {
    const demo = startTask(['-c', 'strategies/jqtrade-demo.ts', '-n', 'demo', '--clock', '2025-01-06T09:29:58', '--speed', '60']);
    const slowFile = path.join(dir, 'slow.js');
    fs.writeFileSync(slowFile, `
      let n = 0;
      function process_initialize() { subscribe('600000'); }
      function on_tick() {
        n++; log.info('begin ' + n);
        const end = Date.now() + 1500; while (Date.now() < end) {}
        log.info('end ' + n);
      }`);
    // Callbacks of 1.5 s: the signal lands inside one even on a loaded machine.
    const slow = startTask(['-c', slowFile, '-n', 'slow', '-o', path.join(dir, 'slow.log'), '--gateway', 'SIM_2']);

    await waitFor(() => (assertAlive(demo, 'demo'), /成交：000002\.XSHE 买入 100 股/.test(demo.out())), 15000, 'the demo trades');
    expect(demo.out()).toMatch(/任务 demo 运行中/);

    const dup = await run('start_task', '-c', 'strategies/double-ma.ts', '-n', 'demo');
    expect(dup.code).toBe(1);
    expect(dup.out).toMatch(/名称不能重复/);

    // The slow task starts its own engine beside the demo (both open the fresh database.db):
    // on a loaded machine it registers later, but it must not fail.
    let listed = await tasks();
    for (const end = Date.now() + 20_000; !listed.some((t) => t.name === 'slow') && Date.now() < end; ) {
      assertAlive(slow, 'slow');
      await new Promise((r) => setTimeout(r, 200));
      listed = await tasks();
    }
    assertAlive(slow, 'slow');
    expect(listed.map((t) => t.name).sort()).toEqual(['demo', 'slow']);

    // A third process on the demo's SIM instance is refused: exit code 1, the reason on stderr too.
    const third = await run('start_task', '-c', 'strategies/double-ma.ts', '-n', 'third', '-o', path.join(dir, 'third.log'));
    expect(third.code).toBe(1);
    expect(third.out).toMatch(new RegExp(`启动失败：模拟交易所 SIM 的账户正由进程 ${demo.child.pid}`));
    expect(fs.readFileSync(path.join(dir, 'third.log'), 'utf8')).toMatch(/启动失败/);
    expect(listed.find((t) => t.name === 'demo')!.pid).toBe(demo.child.pid);

    // SIGTERM in the middle of a callback: it finishes, and no further callback starts.
    const slowLog = () => (fs.existsSync(path.join(dir, 'slow.log')) ? fs.readFileSync(path.join(dir, 'slow.log'), 'utf8') : '');
    // Wait until a callback is running (its "begin" logged, its "end" not yet), then SIGTERM.
    const running = await waitFor(() => {
      assertAlive(slow, 'slow');
      const m = /\] begin (\d+)\n$/.exec(slowLog());
      return m ? Number(m[1]) : undefined;
    }, 15000, 'a slow callback in progress');
    slow.child.kill('SIGTERM');
    expect(await slow.exited).toBe(0);
    const log = slowLog();
    expect(log).toMatch(new RegExp(`\\] end ${running}\\n`));
    expect(log).not.toMatch(new RegExp(`begin ${running + 1}`));
    expect(log.indexOf(`end ${running}`)).toBeLessThan(log.indexOf('策略已停止'));

    const stopped = await run('stop_task', '-n', 'demo');
    expect(stopped.code).toBe(0);
    expect(stopped.out).toMatch(/已停止：demo/);
    expect(await demo.exited).toBe(0);
    expect(demo.out()).toMatch(/收到 SIGTERM/);
    expect(await tasks()).toEqual([]);
  }, 120_000);

  it('SIGKILL and dead processes leave no stale entries behind', async () => {
    // A task whose process died without cleaning up (pid far beyond any live one).
    fs.writeFileSync(path.join(dir, 'tasks.json'), JSON.stringify({ tasks: [{ name: 'ghost', pid: 2 ** 22 + 12345, file: '/x.ts', gateway: 'SIM', started: 0, log: '' }] }));
    expect(await tasks()).toEqual([]);

    const ghost = startTask(['-c', 'strategies/double-ma.ts', '-n', 'ghost']);
    await waitFor(() => (assertAlive(ghost, 'ghost'), /任务 ghost 运行中/.test(ghost.out())), 15000, 'ghost running');
    const killed = await run('stop_task', '-p', String(ghost.child.pid), '-s', 'SIGKILL');
    expect(killed.code).toBe(0);
    expect(await ghost.exited).toBe(null);
    expect(await tasks()).toEqual([]);

    // Killed, it could not give up its SIM instance: the next task takes it over.
    const next = startTask(['-c', 'strategies/double-ma.ts', '-n', 'next']);
    await waitFor(() => (assertAlive(next, 'next'), /任务 next 运行中/.test(next.out())), 15000, 'next running');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 60_000);
});
