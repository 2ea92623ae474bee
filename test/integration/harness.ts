/** Shared setup for integration tests: a temp .vntrader folder and a real engine in it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../electron/engine/create-engine';
import type { TraderError } from '../../common/errors';
import { MemorySecretStore } from '../../electron/engine/store';

export function tempVntraderDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-it-'));
}

/** Copy a fixture plugin folder into <dir>/gateways/<name>, as a user would install one. */
export function installUserPlugin(dir: string, fixture: string): void {
  const from = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/gateways', fixture);
  fs.cpSync(from, path.join(dir, 'gateways', fixture), { recursive: true });
}

export async function startEngine(dir: string, opts: Partial<EngineOptions> = {}): Promise<Engine> {
  return createEngine({ vntraderDir: dir, secretStore: new MemorySecretStore(), timer: false, ...opts });
}

/** Poll until `check` returns a value (not undefined/false), or fail after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, ms = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The TraderError a promise rejects with; fails the test if it resolves. */
export async function rejection(p: Promise<unknown>): Promise<TraderError> {
  try {
    await p;
  } catch (error) {
    return error as TraderError;
  }
  throw new Error('expected a rejection');
}
