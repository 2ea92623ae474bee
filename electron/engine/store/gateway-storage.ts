/**
 * GatewayStorage for a gateway instance: a small JSON object per instance in
 * <dir>/gateway_state/<name>.json (the SIM exchange keeps its book of accounts here).
 * Read once, kept in memory, written whole and atomically on each save.
 */
import path from 'node:path';
import type { GatewayStorage } from '../../../common/gateway-api';
import { TraderError } from '../../../common/errors';
import { readJsonFile, writeJsonAtomic, type JsonObject } from './json-file';
import type { StoreLog } from './store-log';

export const GATEWAY_STATE_DIR = 'gateway_state';

/** Instance names become file names, so nothing that could climb out of the folder. */
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

const stderrLog: StoreLog = (msg, level) => process.stderr.write(`[${level}] ${msg}\n`);

export function createGatewayStorage(dir: string, gatewayName: string, log: StoreLog = stderrLog): GatewayStorage {
  if (!SAFE_NAME.test(gatewayName) || gatewayName.startsWith('.')) {
    throw new TraderError('INVALID_GATEWAY_NAME', `接口名称“${gatewayName}”只能包含字母、数字、下划线、点和减号`);
  }
  const file = path.join(dir, GATEWAY_STATE_DIR, `${gatewayName}.json`);
  let cache: JsonObject | undefined;

  const state = (): JsonObject => {
    if (cache) return cache;
    const r = readJsonFile(file);
    if (r.status === 'corrupt') {
      log(
        `${gatewayName} 的状态文件无法解析（${r.error}），已改名为 ${path.basename(r.movedTo)} 保留，状态从空白开始。`,
        'ERROR',
      );
    }
    cache = r.status === 'ok' ? r.data : {};
    return cache;
  };

  return {
    load<T>(key: string): T | undefined {
      const value = state()[key];
      // A copy, so a caller mutating what it loaded cannot change what the next save writes.
      return value === undefined ? undefined : (structuredClone(value) as T);
    },
    save(key: string, value: unknown): void {
      const next: JsonObject = { ...state() };
      if (value === undefined) delete next[key];
      // Round-trip through JSON so the cache holds exactly what the file holds.
      else next[key] = JSON.parse(JSON.stringify(value)) as unknown;
      writeJsonAtomic(file, next);
      cache = next;
    },
  };
}
