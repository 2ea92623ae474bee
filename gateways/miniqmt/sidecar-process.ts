/**
 * One running sidecar: the Python process, its JSON-lines channel and its requests. It
 * never leaves a caller waiting: every request has a deadline, a request that misses it
 * means the sidecar is hung and it is killed, and a dead sidecar (exit, EOF on its stdout,
 * a failed spawn) fails every request in flight and is reported once, with the reason and
 * the last lines it wrote to stderr.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { TraderError } from '../../common/errors';
import { parseSidecarLine, requestLine, SIDECAR_PROTOCOL, type SidecarHello, type SidecarMethod, type SidecarMethods } from './sidecar-protocol';
import type { XtRecord } from './xt-wire';

/** What the trader needs to run the MINIQMT gateway; every "cannot start" message ends with it. */
export const MINIQMT_REQUIREMENTS =
  'MiniQMT 接口需要：Windows 上已登录并勾选“极简模式”的 MiniQMT 客户端，以及能 import xtquant 的 Python（在“Python路径”中填写其 python.exe 的完整路径，或在“xtquant目录”中填写 xtquant 包所在的文件夹）';

/** stderr lines kept for the report when the sidecar dies. */
const STDERR_TAIL = 12;
/** After EOF on stdout, how long the exit status may take before EOF itself is the reason. */
const EOF_GRACE_MS = 2000;
/** After the exit, how long the rest of stderr may take to arrive. */
const STDERR_GRACE_MS = 500;
/** A line longer than this is not a protocol message; it is dropped rather than buffered without end. */
const MAX_LINE = 64 * 1024 * 1024;

export interface SidecarOptions {
  python: string;
  script: string;
  /** a folder added to sys.path before `import xtquant`; "" for none */
  xtquantDir: string;
  /** how long the hello may take (Python start + import xtquant) */
  helloTimeoutMs: number;
  /** environment for the child; the parent's by default */
  env?: NodeJS.ProcessEnv;
}

export interface SidecarHandlers {
  /** an xtquant callback or a tick */
  onEvent(name: string, data: XtRecord | null): void;
  /** the sidecar's own log line, or one of its stderr lines (level DEBUG) */
  onLog(level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', msg: string): void;
  /** the process is gone and was not asked to stop; `reason` is Chinese and complete */
  onExit(reason: string): void;
}

interface Pending {
  method: SidecarMethod;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class SidecarProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private readonly stderrTail: string[] = [];
  private nextId = 1;
  private buffer = '';
  private errBuffer = '';
  private deadReason: string | undefined;
  private deadCode = 'SIDECAR_EXITED';
  private stopping = false;
  private eofTimer: ReturnType<typeof setTimeout> | undefined;
  private stderrEnded = false;
  private helloWaiter: { resolve(h: SidecarHello): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> } | undefined;
  private readonly exited: Promise<void>;
  /** resolves with the hello, rejects if the sidecar cannot start or xtquant is missing */
  readonly ready: Promise<SidecarHello>;

  constructor(
    private readonly opts: SidecarOptions,
    private readonly handlers: SidecarHandlers,
  ) {
    const args = ['-u', opts.script];
    if (opts.xtquantDir) args.push('--xtquant-dir', opts.xtquantDir);
    this.child = spawn(opts.python, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      env: { ...(opts.env ?? process.env), PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
    });
    this.ready = new Promise<SidecarHello>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(`Python 在 ${seconds(opts.helloTimeoutMs)} 秒内没有启动 MiniQMT 边车进程（${opts.python}）`, 'SIDECAR_START_TIMEOUT'),
        opts.helloTimeoutMs,
      );
      this.helloWaiter = { resolve, reject, timer };
    });
    // A rejection nobody awaits yet (the gateway awaits `ready` at once) must not crash Node.
    this.ready.catch(() => undefined);
    // 'exit', not 'close': a grandchild holding the pipes open must not hold up a stop.
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.once('error', () => resolve());
    });

    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    // EOF usually means the process is exiting: give its exit code or signal a moment to
    // arrive, since that says more; a process that closed its stdout and lives on is dead to us.
    this.child.stdout.on('end', () => {
      this.eofTimer = setTimeout(() => this.fail('MiniQMT 边车进程关闭了输出（EOF）'), EOF_GRACE_MS);
    });
    this.child.stderr.on('data', (chunk: string) => this.onStderr(chunk));
    // Writing to a process that just died raises EPIPE here; its exit is reported below.
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error: NodeJS.ErrnoException) => this.fail(spawnFailure(opts.python, error), 'PYTHON_NOT_FOUND'));
    // 'exit' can come before the last of stderr is read: wait for it (briefly), it says why.
    this.child.stderr.on('end', () => {
      this.stderrEnded = true;
      this.flushStderr();
    });
    this.child.on('exit', (code, signal) => {
      const reason = signal ? `MiniQMT 边车进程被信号 ${signal} 终止` : `MiniQMT 边车进程已退出（退出码 ${code}）`;
      if (this.stderrEnded) return this.fail(reason);
      const late = setTimeout(() => this.fail(reason), STDERR_GRACE_MS);
      this.child.stderr.once('end', () => {
        clearTimeout(late);
        this.fail(reason);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.deadReason === undefined;
  }

  /** Send a request; rejects with a TraderError on the sidecar's error, its death, or the deadline. */
  request<M extends SidecarMethod>(method: M, params: SidecarMethods[M]['params'], timeoutMs: number): Promise<SidecarMethods[M]['result']> {
    if (this.deadReason !== undefined) return Promise.reject(new TraderError(this.deadCode, this.deadReason));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // No answer in time: the request loop is stuck (xtquant blocked, the process stopped).
        // A hung sidecar is no use to anyone; kill it so the gateway restarts a fresh one.
        this.fail(`MiniQMT 边车进程 ${seconds(timeoutMs)} 秒内未应答请求“${method}”，判定为无响应并已结束`);
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.stdin.write(requestLine(id, method, params));
    });
  }

  /** Ask the sidecar to stop, then make sure it is gone; resolves within `graceMs` + a moment. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.deadReason !== undefined) return;
    this.stopping = true;
    try {
      await this.request('stop', {}, graceMs);
    } catch {
      // Stopping anyway: a sidecar that cannot answer is killed below.
    }
    this.child.stdin.end();
    const late = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(late);
  }

  /** End the process now (tests, and a sidecar judged hung). */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  private onStdout(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_LINE) {
      this.handlers.onLog('ERROR', `MiniQMT 边车进程输出了超过 ${MAX_LINE} 字节的一行，已丢弃`);
      this.buffer = '';
      return;
    }
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      if (line.trim()) this.onLine(line);
    }
  }

  private onLine(line: string): void {
    const parsed = parseSidecarLine(line);
    if (!parsed.ok) {
      this.handlers.onLog('WARNING', `MiniQMT 边车进程输出了无法识别的一行（${parsed.reason}）：${line.slice(0, 200)}`);
      return;
    }
    const m = parsed.message;
    switch (m.type) {
      case 'hello':
        return this.onHello(m);
      case 'result':
      case 'error': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        if (m.type === 'result') p.resolve(m.result);
        else p.reject(new TraderError(m.error.code, m.error.message));
        return;
      }
      case 'event':
        return this.handlers.onEvent(m.name, m.data);
      case 'log':
        return this.handlers.onLog(m.level, m.msg);
    }
  }

  private onHello(hello: SidecarHello): void {
    const w = this.helloWaiter;
    if (!w) return;
    this.helloWaiter = undefined;
    clearTimeout(w.timer);
    if (hello.protocol !== SIDECAR_PROTOCOL) {
      w.reject(new TraderError('SIDECAR_PROTOCOL', `MiniQMT 边车进程的协议版本为 ${hello.protocol}，本程序需要 ${SIDECAR_PROTOCOL}：边车脚本与程序版本不一致，请重新安装`));
      this.stopQuietly();
      return;
    }
    if (!hello.xtquant.ok) {
      w.reject(
        new TraderError(
          'XTQUANT_MISSING',
          `Python ${hello.python}（${this.opts.python}）无法导入 xtquant：${hello.xtquant.error ?? '未知原因'}。${MINIQMT_REQUIREMENTS}`,
        ),
      );
      this.stopQuietly();
      return;
    }
    w.resolve(hello);
  }

  private onStderr(chunk: string): void {
    this.errBuffer += chunk;
    let nl: number;
    while ((nl = this.errBuffer.indexOf('\n')) >= 0) {
      const line = this.errBuffer.slice(0, nl);
      this.errBuffer = this.errBuffer.slice(nl + 1);
      this.stderrLine(line);
    }
  }

  /** A last line without its newline. */
  private flushStderr(): void {
    const rest = this.errBuffer;
    this.errBuffer = '';
    this.stderrLine(rest);
  }

  private stderrLine(raw: string): void {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
    this.handlers.onLog('DEBUG', `[边车 stderr] ${line}`);
  }

  /** The one way the sidecar ends: record why, fail everything waiting, report if unexpected. */
  private fail(reason: string, code = 'SIDECAR_EXITED'): void {
    if (this.deadReason !== undefined) return;
    if (this.eofTimer) clearTimeout(this.eofTimer);
    const tail = this.stderrTail.length ? `；它最后在 stderr 输出：${this.stderrTail.slice(-3).join(' | ')}` : '';
    // Gone before its hello: the named Python is not one that can run the sidecar (on
    // Windows, "python" may be the Microsoft Store stub that only prints a hint and exits).
    const early = this.helloWaiter && code === 'SIDECAR_EXITED' ? `Python（${this.opts.python}）未能启动 MiniQMT 边车进程：` : '';
    const needs = early ? `。${MINIQMT_REQUIREMENTS}` : '';
    this.deadReason = `${early}${reason}${tail}${needs}`;
    this.deadCode = code;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    const error = new TraderError(code, this.deadReason);
    if (this.helloWaiter) {
      clearTimeout(this.helloWaiter.timer);
      this.helloWaiter.reject(error);
      this.helloWaiter = undefined;
    }
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(error);
    }
    if (!this.stopping) this.handlers.onExit(this.deadReason);
  }

  private stopQuietly(): void {
    this.stopping = true;
    this.child.stdin.end();
    setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
  }
}

/** 15000 → "15", 300 → "0.3". */
function seconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
}

function spawnFailure(python: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `找不到 Python：“${python}”不存在或不在 PATH 中。${MINIQMT_REQUIREMENTS}`;
  if (error.code === 'EACCES') return `无法运行 Python：“${python}”没有执行权限。${MINIQMT_REQUIREMENTS}`;
  return `无法启动 Python（${python}）：${error.message}。${MINIQMT_REQUIREMENTS}`;
}
