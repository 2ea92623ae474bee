/**
 * Passwords live in the OS keychain (macOS Keychain, Windows Credential Manager, Linux
 * Secret Service), never in JSON. When no keychain is reachable (no D-Bus session, a
 * headless box) the app still works: passwords are kept in memory for this session only,
 * and the trader is told so once.
 */
import crypto from 'node:crypto';
import { TraderError } from '../../../common/errors';
import { KeyringWorker, type KeyringOp } from './keyring-worker';
import type { StoreLog } from './store-log';

export interface SecretStore {
  /** account is "<gateway>/<field>", e.g. "CTP/密码" */
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** true if something was deleted */
  delete(account: string): Promise<boolean>;
  /** false when secrets vanish at exit */
  readonly persistent: boolean;
  /** why the keychain is not used, for the UI */
  readonly unavailableReason?: string;
}

export const KEYRING_SERVICE = 'tstrader';
/** A healthy keychain answers in milliseconds; a wedged D-Bus peer can block for ~25 s. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;
const DEFAULT_OP_TIMEOUT_MS = 10_000;

/** Session-only store: the fallback, and what unit tests use. */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private readonly values = new Map<string, string>();

  constructor(readonly unavailableReason?: string) {}

  async get(account: string): Promise<string | null> {
    return this.values.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.values.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return this.values.delete(account);
  }
}

export interface KeyringOptions {
  /** keychain service name; tests use their own so they never touch the trader's entries */
  service?: string;
  /** per-operation limit, so a keychain that stops answering cannot hang a connect */
  timeoutMs?: number;
}

/**
 * The OS keychain via @napi-rs/keyring, service "tstrader", account "<gateway>/<field>".
 * Calls run on a worker thread (keyring-worker.ts) so a wedged D-Bus cannot block the engine.
 */
export class KeyringSecretStore implements SecretStore {
  readonly persistent = true;
  readonly service: string;
  private readonly timeoutMs: number;
  private readonly worker = new KeyringWorker();

  constructor(opts: KeyringOptions = {}) {
    this.service = opts.service ?? KEYRING_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_OP_TIMEOUT_MS;
  }

  async get(account: string): Promise<string | null> {
    const r = await this.run('读取', { op: 'get', service: this.service, account });
    return typeof r === 'string' ? r : null;
  }

  async set(account: string, value: string): Promise<void> {
    await this.run('保存', { op: 'set', service: this.service, account, value });
  }

  async delete(account: string): Promise<boolean> {
    return (await this.run('删除', { op: 'delete', service: this.service, account })) === true;
  }

  /** Stop the worker thread; later calls start a new one. */
  close(): void {
    this.worker.close();
  }

  private async run(verb: string, req: KeyringOp): Promise<unknown> {
    try {
      return await this.worker.call(req, this.timeoutMs);
    } catch (err) {
      throw new KeychainError(verb, req.account, err instanceof Error ? err.message : String(err));
    }
  }
}

export interface OpenSecretStoreOptions extends KeyringOptions {
  /** limit for the whole probe (set + get + delete) */
  probeTimeoutMs?: number;
}

/**
 * Probe the keychain with a throwaway entry; return it if a round trip works within
 * probeTimeoutMs, otherwise a MemorySecretStore and one clear warning. Never rejects.
 * On Linux the store is pinned to the Secret Service: the library's fallback, the kernel
 * keyring, forgets everything at reboot, so `persistent` would be a lie.
 */
export async function openSecretStore(log: StoreLog, opts: OpenSecretStoreOptions = {}): Promise<SecretStore> {
  const probeTimeoutMs = opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const keyring = new KeyringSecretStore(opts);
  const reason = await probe(keyring, probeTimeoutMs);
  if (reason === null) return keyring;
  keyring.close();
  log(`系统钥匙串不可用（${reason}），密码只保存在本次会话的内存中，退出后需要重新输入。`, 'WARNING');
  return new MemorySecretStore(reason);
}

/** The keychain's state as a window shows it (app/info). */
export function keychainState(store: SecretStore): { persistent: boolean; reason?: string } {
  return store.persistent ? { persistent: true } : { persistent: false, reason: store.unavailableReason ?? '未使用系统钥匙串' };
}

/**
 * The line a terminal gets when passwords will not outlive the session (host and desktop app
 * alike): a log row alone is easy to miss, and a trader would learn it only at the next start.
 */
export function keychainNotice(store: SecretStore): string | undefined {
  if (store.persistent) return undefined;
  return `TS Trader：系统钥匙串不可用（${store.unavailableReason ?? '未使用系统钥匙串'}），密码只保存在本次会话的内存中，退出后需要重新输入。` +
    `Linux 上需要一个 Secret Service（如 gnome-keyring 或 KWallet）与 D-Bus 会话。\n`;
}

/** null when the keychain works, else the reason it does not. */
async function probe(store: KeyringSecretStore, timeoutMs: number): Promise<string | null> {
  const account = `__probe__/${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const value = crypto.randomBytes(8).toString('hex');
  const roundTrip = async (): Promise<string | null> => {
    await store.set(account, value);
    const back = await store.get(account);
    await store.delete(account);
    return back === value ? null : '写入后读回的值不一致';
  };
  try {
    return await withTimeout(roundTrip(), timeoutMs);
  } catch (err) {
    if (err instanceof TimeoutError) return `${Math.round(timeoutMs / 1000)} 秒内无响应`;
    return err instanceof KeychainError ? err.reason : String(err);
  }
}

class TimeoutError extends Error {}

/** A failed keychain call; `reason` is the platform's words, for the probe's warning. */
export class KeychainError extends TraderError {
  constructor(
    verb: string,
    account: string,
    readonly reason: string,
  ) {
    // The account name is not secret; the value never reaches this message.
    super('KEYCHAIN', `系统钥匙串${verb}“${account}”失败：${reason}`);
  }
}

/** Bound the whole probe (several calls), not just each call. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError()), ms);
    // Both branches are handled, so a late answer after the timeout is dropped quietly.
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
