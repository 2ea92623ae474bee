/**
 * The headless tasks running on this machine (`tstrader start_task`), in <vntrader>/tasks.json,
 * so names are unique per machine and get_tasks / stop_task find them. Every read drops
 * entries whose process is gone (killed with SIGKILL, crashed), so a stale entry never
 * blocks a name. Changes happen under a lock file, since two start_task may race.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TraderError } from '../../../common/errors';
import { readJsonFile, writeJsonAtomic } from '../../../electron/engine/store/json-file';
import { processAlive } from '../../../electron/engine/store/process-alive';

export const TASKS_FILE = 'tasks.json';
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

export interface TaskEntry {
  name: string;
  pid: number;
  /** absolute path of the strategy file */
  file: string;
  gateway: string;
  /** epoch ms */
  started: number;
  /** log file, "" for the console */
  log: string;
}

export { processAlive };

const nap = new Int32Array(new SharedArrayBuffer(4));

function lock(file: string): () => void {
  const lockFile = `${file}.lock`;
  const end = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lockFile, 'wx'));
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        // A holder that died mid-update leaves its lock behind.
        if (Date.now() - fs.statSync(lockFile).mtimeMs > LOCK_STALE_MS) fs.rmSync(lockFile, { force: true });
      } catch {
        // gone meanwhile: retry
      }
      if (Date.now() > end) throw new TraderError('TASKS_LOCKED', `任务列表被占用：${lockFile}`);
      Atomics.wait(nap, 0, 0, 10);
    }
  }
}

function readTasks(file: string): TaskEntry[] {
  const r = readJsonFile(file);
  if (r.status !== 'ok' || !Array.isArray(r.data.tasks)) return [];
  return (r.data.tasks as TaskEntry[]).filter(
    (t) => t && typeof t.name === 'string' && Number.isInteger(t.pid) && t.pid > 0 && typeof t.file === 'string',
  );
}

export class TaskRegistry {
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, TASKS_FILE);
  }

  /** Live tasks; dead ones are dropped from the file on the way. */
  list(): TaskEntry[] {
    return this.update((tasks) => tasks);
  }

  /** Claim a name for `entry.pid`; throws TASK_EXISTS if a live task has it. */
  register(entry: TaskEntry): void {
    this.update((tasks) => {
      const taken = tasks.find((t) => t.name === entry.name && t.pid !== entry.pid);
      if (taken) throw new TraderError('TASK_EXISTS', `实盘任务“${entry.name}”已在运行（pid ${taken.pid}），名称不能重复`);
      return [...tasks.filter((t) => t.name !== entry.name), entry];
    });
  }

  unregister(pid: number): void {
    this.update((tasks) => tasks.filter((t) => t.pid !== pid));
  }

  private update(change: (tasks: TaskEntry[]) => TaskEntry[]): TaskEntry[] {
    const release = lock(this.file);
    try {
      const before = readTasks(this.file);
      const live = before.filter((t) => processAlive(t.pid));
      const after = change(live);
      if (after.length !== before.length || after.some((t, i) => t !== before[i])) writeJsonAtomic(this.file, { tasks: after });
      return after;
    } finally {
      release();
    }
  }
}
