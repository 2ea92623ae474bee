/**
 * The test's side of localctp-child.ts: starts the process in a LocalCTP folder, sends it
 * commands, and keeps what its gateway reported — every order event (to count replays), the
 * latest order, trade, position and account.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AccountData, ContractData, LogData, OrderData, PositionData, TradeData } from '../../../common/objects';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(HERE, 'localctp-child.ts');
// The child runs in LocalCTP's folder, where `--import tsx` would not resolve: name the loader by path.
const TSX = pathToFileURL(path.join(HERE, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

interface Reply {
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: { code: string; message: string };
  event?: string;
}

export class CtpChild {
  readonly orderEvents: OrderData[] = [];
  readonly orders = new Map<string, OrderData>();
  readonly trades: TradeData[] = [];
  readonly positions = new Map<string, PositionData>();
  readonly contracts = new Map<string, ContractData>();
  readonly logs: string[] = [];
  account: AccountData | undefined;
  /** LocalCTP's own output, for a failure's message */
  output = '';
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private seq = 0;
  private readonly exited: Promise<number | null>;

  private constructor(private readonly proc: ChildProcess) {
    proc.stdout?.on('data', (b: Buffer) => (this.output += b.toString()));
    proc.stderr?.on('data', (b: Buffer) => (this.output += b.toString()));
    proc.on('message', (m: Reply) => this.receive(m));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  /** Start the child in `folder` (LocalCTP's working directory) and wait until it listens. */
  static async start(folder: string, adapter: string): Promise<CtpChild> {
    const proc = fork(CHILD, [], {
      cwd: folder,
      execArgv: ['--import', TSX],
      // LocalCTP stamps times and computes its trading day in local time; CTP's are Beijing's.
      env: { ...process.env, TZ: 'Asia/Shanghai', CTP_TEST_ADAPTER: adapter },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const child = new CtpChild(proc);
    await new Promise<void>((resolve, reject) => {
      proc.once('message', () => resolve());
      proc.once('exit', (code) => reject(new Error(`子进程退出（${code}）：${child.output}`)));
    });
    return child;
  }

  call<T = unknown>(cmd: string, args?: unknown): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ id, cmd, args });
    });
  }

  /** Poll until `check` holds (every event arrives through the IPC channel), up to `ms`. */
  async until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nlogs: ${this.logs.join('\n')}\nLocalCTP: ${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Close the gateway and let the process exit (LocalCTP writes its database as it exits). */
  async stop(): Promise<void> {
    if (this.proc.exitCode === null) {
      await this.call('close').catch(() => undefined);
      this.proc.disconnect();
    }
    await this.exited;
  }

  private receive(m: Reply): void {
    if (m.id !== undefined) {
      const call = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.ok) call?.resolve(m.value);
      else call?.reject(Object.assign(new Error(m.error?.message), { code: m.error?.code }));
      return;
    }
    switch (m.event) {
      case 'order': {
        const o = m.value as OrderData;
        this.orderEvents.push(o);
        this.orders.set(o.vt_orderid, o);
        break;
      }
      case 'trade': this.trades.push(m.value as TradeData); break;
      case 'position': {
        const p = m.value as PositionData;
        this.positions.set(p.vt_positionid, p);
        break;
      }
      case 'account': this.account = m.value as AccountData; break;
      case 'contract': {
        const c = m.value as ContractData;
        this.contracts.set(c.vt_symbol, c);
        break;
      }
      case 'log': this.logs.push(String((m.value as LogData | string) ?? '')); break;
      default: break;
    }
  }
}
