/**
 * The test's side of localctp-child.ts and engine-child.ts: starts the process in a LocalCTP
 * folder, sends it commands, and keeps what it reported — for the plugin alone every order
 * event (to count replays), the latest order, trade, position and account; for the engine
 * each order and trade it published, and its state on demand.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AccountData, ContractData, LogData, OrderData, PositionData, TradeData } from '../../../common/objects';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// The child runs in LocalCTP's folder, where `--import tsx` would not resolve: name the loader by path.
const TSX = pathToFileURL(path.join(HERE, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

interface Reply {
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: { code: string; message: string };
  event?: string;
}

/** A test child process (one of the scripts here) in a LocalCTP folder, answering commands over IPC. */
export class RpcChild {
  /** LocalCTP's own output, for a failure's message */
  output = '';
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private seq = 0;
  private readonly exited: Promise<number | null>;

  protected constructor(private readonly proc: ChildProcess) {
    proc.stdout?.on('data', (b: Buffer) => (this.output += b.toString()));
    proc.stderr?.on('data', (b: Buffer) => (this.output += b.toString()));
    proc.on('message', (m: Reply) => this.receive(m));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  /** Start `script` in `folder` (LocalCTP's working directory) and wait until it listens. */
  protected static async spawn<C extends RpcChild>(make: (proc: ChildProcess) => C, script: string, folder: string, env: Record<string, string>): Promise<C> {
    const proc = fork(path.join(HERE, script), [], {
      cwd: folder,
      execArgv: ['--import', TSX],
      // LocalCTP stamps times and computes its trading day in local time; CTP's are Beijing's.
      env: { ...process.env, TZ: 'Asia/Shanghai', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const child = make(proc);
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

  /** Close (the gateway, or the engine) and let the process exit (LocalCTP writes its database as it exits). */
  async stop(): Promise<void> {
    if (this.proc.exitCode === null) {
      await this.call('close').catch(() => undefined);
      this.proc.disconnect();
    }
    await this.exited;
  }

  /** Extra lines for a timeout's message. */
  protected describe(): string {
    return '';
  }

  /** An event the child pushed (not an answer). */
  protected onEvent(_event: string | undefined, _value: unknown): void {}

  private receive(m: Reply): void {
    if (m.id !== undefined) {
      const call = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.ok) call?.resolve(m.value);
      else call?.reject(Object.assign(new Error(m.error?.message), { code: m.error?.code }));
      return;
    }
    this.onEvent(m.event, m.value);
  }
}

/** localctp-child.ts: the CTP plugin alone; keeps every event its gateway reported. */
export class CtpChild extends RpcChild {
  readonly orderEvents: OrderData[] = [];
  readonly orders = new Map<string, OrderData>();
  readonly trades: TradeData[] = [];
  readonly positions = new Map<string, PositionData>();
  readonly contracts = new Map<string, ContractData>();
  readonly logs: string[] = [];
  account: AccountData | undefined;

  static start(folder: string, adapter: string): Promise<CtpChild> {
    return RpcChild.spawn((proc) => new CtpChild(proc), 'localctp-child.ts', folder, { CTP_TEST_ADAPTER: adapter });
  }

  /** Poll until `check` holds (every event arrives through the IPC channel), up to `ms`. */
  async until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${this.describe()}\nLocalCTP: ${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  protected override describe(): string {
    return `logs: ${this.logs.join('\n')}`;
  }

  protected override onEvent(event: string | undefined, value: unknown): void {
    switch (event) {
      case 'order': {
        const o = value as OrderData;
        this.orderEvents.push(o);
        this.orders.set(o.vt_orderid, o);
        break;
      }
      case 'trade': this.trades.push(value as TradeData); break;
      case 'position': {
        const p = value as PositionData;
        this.positions.set(p.vt_positionid, p);
        break;
      }
      case 'account': this.account = value as AccountData; break;
      case 'contract': {
        const c = value as ContractData;
        this.contracts.set(c.vt_symbol, c);
        break;
      }
      case 'log': this.logs.push(String((value as LogData | string) ?? '')); break;
      default: break;
    }
  }
}

/** What engine-child.ts reports of the engine: the OMS's rows, the gateways, the log. */
export interface EngineState {
  orders: OrderData[];
  trades: TradeData[];
  positions: PositionData[];
  accounts: AccountData[];
  contracts: ContractData[];
  gateways: { name: string; status: string; message: string }[];
  logs: string[];
}

/** engine-child.ts: the whole engine; keeps each order and trade event the engine published. */
export class EngineChild extends RpcChild {
  readonly orderEvents: OrderData[] = [];
  readonly tradeEvents: TradeData[] = [];
  private last: EngineState | undefined;

  /** Start the engine on the data folder `vntraderDir`, its native libraries from `nativeDir`. */
  static start(folder: string, vntraderDir: string, nativeDir: string): Promise<EngineChild> {
    return RpcChild.spawn((proc) => new EngineChild(proc), 'engine-child.ts', folder, {
      CTP_TEST_VNTRADER_DIR: vntraderDir,
      TSTRADER_NATIVE_DIR: nativeDir,
    });
  }

  /** A bridge request, as a window sends it. */
  dispatch<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.call<T>('dispatch', { method, params });
  }

  /** Bridge requests started in one turn of the child's event loop, each answer or refusal in order. */
  dispatchTogether(requests: { method: string; params: unknown }[]): Promise<({ ok: true; value: unknown } | { ok: false; code: string; message: string })[]> {
    return this.call('dispatch-together', requests);
  }

  /** A price snapshot fed to LocalCTP through the adapter's test hook. */
  feed(tick: unknown): Promise<unknown> {
    return this.call('feed', tick);
  }

  async state(): Promise<EngineState> {
    this.last = await this.call<EngineState>('state');
    return this.last;
  }

  /** Poll the engine's state until `check` answers a value (not undefined/false), up to `ms`. */
  async until<T>(check: (s: EngineState) => T | undefined | false, what: string, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = check(await this.state());
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${this.describe()}\nLocalCTP: ${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  protected override describe(): string {
    return `engine log:\n${this.last?.logs.slice(-40).join('\n') ?? ''}`;
  }

  protected override onEvent(event: string | undefined, value: unknown): void {
    if (event === 'order') this.orderEvents.push(value as OrderData);
    else if (event === 'trade') this.tradeEvents.push(value as TradeData);
  }
}
