/**
 * GatewayStorage for a gateway instance: small JSON values per instance in the journal's
 * database (table gateway_state), written by the JournalRecorder in the same transaction as
 * the burst of events they go with. Read once, kept in memory.
 *
 * Earlier versions kept this in <dir>/gateway_state/<name>.json: such a file is imported on
 * first use and renamed <name>.json.migrated (a corrupt one is moved aside and reported, as
 * every JSON file is).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { GatewayStorage } from '../../../common/gateway-api';
import { TraderError } from '../../../common/errors';
import { cstDateTimeOf } from '../../../common/time';
import { readJsonFile } from './json-file';
import type { Journal } from './journal';
import { processAlive } from './process-alive';
import type { StoreLog } from './store-log';

export const GATEWAY_STATE_DIR = 'gateway_state';
/** How often a holder renews its lease, and how old a lease may get before it is stale. */
export const LEASE_BEAT_MS = 10_000;
export const LEASE_STALE_MS = 60_000;

/** Instance names become file names, so nothing that could climb out of the folder. */
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

/** Where staged values go: JournalRecorder.stage. */
export interface StateStager {
  stage(gateway: string, key: string, read: () => string | undefined): void;
}

export interface GatewayStorageParts {
  dir: string;
  gatewayName: string;
  journal: Journal;
  recorder: StateStager;
  log: StoreLog;
  /** this process (tests: another "process") */
  pid?: number;
  isAlive?: (pid: number) => boolean;
  now?: () => number;
}

export function createGatewayStorage(parts: GatewayStorageParts): GatewayStorage {
  const { dir, gatewayName, journal, recorder, log } = parts;
  if (!SAFE_NAME.test(gatewayName) || gatewayName.startsWith('.')) {
    throw new TraderError('INVALID_GATEWAY_NAME', `接口名称“${gatewayName}”只能包含字母、数字、下划线、点和减号`);
  }
  let cache: Map<string, string> | undefined;
  const state = (): Map<string, string> => (cache ??= loadState(dir, gatewayName, journal, log));
  const now = parts.now ?? Date.now;
  const lease = { pid: parts.pid ?? process.pid, token: crypto.randomBytes(8).toString('hex') };
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  // The cache holds exactly what the table holds: JSON text, parsed afresh on each load.
  const write = (key: string, json: string | undefined) => {
    if (json === undefined) state().delete(key);
    else state().set(key, json);
  };

  return {
    load<T>(key: string): T | undefined {
      const json = state().get(key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    save(key: string, value: unknown): void {
      const json = toJson(value);
      write(key, json);
      recorder.stage(gatewayName, key, () => json);
    },
    keys(prefix: string): string[] {
      return [...state().keys()].filter((k) => k.startsWith(prefix));
    },
    stage(key: string, read: () => unknown): void {
      recorder.stage(gatewayName, key, () => {
        const json = toJson(read());
        write(key, json);
        return json;
      });
    },
    claim(): string | undefined {
      const t = now();
      const holder = journal.claimLease(gatewayName, { ...lease, since: t, beat: t }, parts.isAlive ?? processAlive, LEASE_STALE_MS);
      if (holder) {
        const who = holder.pid === lease.pid ? '本进程中的另一个引擎' : `进程 ${holder.pid}`;
        return `${who}（自 ${cstDateTimeOf(holder.since)} 起）`;
      }
      heartbeat ??= setInterval(() => {
        try {
          journal.renewLease(gatewayName, lease.token, now());
        } catch {
          // The journal is closing; the lease goes stale on its own.
        }
      }, LEASE_BEAT_MS);
      heartbeat.unref();
      return undefined;
    },
    release(): void {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
      journal.releaseLease(gatewayName, lease.token);
    },
  };
}

function toJson(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function loadState(dir: string, gatewayName: string, journal: Journal, log: StoreLog): Map<string, string> {
  const saved = journal.loadGatewayState(gatewayName);
  const legacy = path.join(dir, GATEWAY_STATE_DIR, `${gatewayName}.json`);
  if (saved.size > 0 || !fs.existsSync(legacy)) return saved;
  const r = readJsonFile(legacy);
  if (r.status === 'corrupt') {
    log(`${gatewayName} 的状态文件无法解析（${r.error}），已改名为 ${path.basename(r.movedTo)} 保留，状态从空白开始。`, 'ERROR');
    return saved;
  }
  if (r.status !== 'ok') return saved;
  // Imported in a transaction of its own, before anything else is written for this instance.
  journal.batch(() => {
    for (const [key, value] of Object.entries(r.data)) {
      const json = toJson(value);
      journal.saveGatewayState(gatewayName, key, json);
      if (json !== undefined) saved.set(key, json);
    }
  });
  fs.renameSync(legacy, `${legacy}.migrated`);
  log(`${GATEWAY_STATE_DIR}/${gatewayName}.json 已迁入 database.db（原文件改名为 ${gatewayName}.json.migrated）`, 'INFO');
  return saved;
}
