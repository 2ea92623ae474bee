/**
 * Runs @napi-rs/keyring calls on a worker thread. The library talks to the Secret Service
 * over D-Bus synchronously, even in `new AsyncEntry(...)`: a D-Bus peer that accepts but
 * never answers blocks the calling thread for D-Bus's 25 s reply timeout per call (measured:
 * 40 s for one probe). On the engine's thread that would freeze order handling, so the
 * calls live here and the engine's thread only waits on a timer it controls.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type KeyringOp =
  | { op: 'get'; service: string; account: string }
  | { op: 'set'; service: string; account: string; value: string }
  | { op: 'delete'; service: string; account: string };

type KeyringResult = string | null | boolean | undefined;

interface Reply {
  id: number;
  ok: boolean;
  result?: KeyringResult;
  message?: string;
}

export class KeyringTimeoutError extends Error {}

/*
 * Plain JS, evaluated in the worker: a .ts file could not be loaded there under vitest or
 * a bundler. Linux is pinned to the Secret Service; see secret-store.ts.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Entry } = require(workerData.modulePath);
const options = { linux: { store: 'secret-service' } };
parentPort.on('message', (req) => {
  try {
    const entry = new Entry(req.service, req.account, options);
    let result;
    if (req.op === 'get') result = entry.getPassword();
    else if (req.op === 'set') result = entry.setPassword(req.value);
    else result = entry.deletePassword();
    parentPort.postMessage({ id: req.id, ok: true, result });
  } catch (err) {
    parentPort.postMessage({ id: req.id, ok: false, message: String((err && err.message) || err) });
  }
});
`;

interface Slot {
  worker: Worker;
  /** calls waiting on this worker, by id */
  pending: Map<number, (reply: Reply) => void>;
}

/** One worker, started on first use, replaced after a call times out. */
export class KeyringWorker {
  private slot: Slot | undefined;
  private nextId = 1;

  call(req: KeyringOp, timeoutMs: number): Promise<KeyringResult> {
    const slot = this.ensure();
    const id = this.nextId++;
    return new Promise<KeyringResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.pending.delete(id);
        // The stuck thread cannot be interrupted; drop it and let it end when D-Bus gives up.
        this.discard(slot, 'keyring worker abandoned after a timeout');
        reject(new KeyringTimeoutError(`${timeoutMs} ms 内无响应`));
      }, timeoutMs);
      slot.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.message ?? 'unknown keyring error'));
      });
      slot.worker.ref();
      slot.worker.postMessage({ ...req, id });
    });
  }

  /**
   * Stop the worker (at shutdown); calls still waiting are rejected. Not awaited: a worker
   * stuck in D-Bus only stops when D-Bus gives up.
   */
  close(): void {
    if (this.slot) this.discard(this.slot, 'keyring worker closed');
  }

  private ensure(): Slot {
    if (this.slot) return this.slot;
    const modulePath = createRequire(import.meta.url).resolve('@napi-rs/keyring');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath } });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: Reply) => {
      const done = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      done?.(reply);
      // Idle: a worker with nothing to do must not keep the process alive.
      if (slot.pending.size === 0) worker.unref();
    });
    worker.on('error', (err) => this.fail(slot, err.message));
    worker.on('exit', () => this.fail(slot, 'keyring worker exited'));
    this.slot = slot;
    return slot;
  }

  private discard(slot: Slot, message: string): void {
    this.fail(slot, message);
    slot.worker.unref();
    slot.worker.terminate().catch(() => undefined);
  }

  /** Forget a worker that is gone and reject what was waiting on it. */
  private fail(slot: Slot, message: string): void {
    if (this.slot === slot) this.slot = undefined;
    for (const [id, done] of slot.pending) {
      slot.pending.delete(id);
      done({ id, ok: false, message });
    }
  }
}
