/**
 * Builds the 两融数据 service for the app's engine part (app.ts):
 * margin.db in the .vntrader folder, the Tushare client at TSTRADER_TUSHARE_URL (or the
 * option, or Tushare's own address), progress onto the bus.
 */
import { LogLevel } from '../../../common/constants';
import type { MarginImportProgress } from '../common/margin-data';
import type { SecretStore } from '../../../electron/engine/store';
import { TushareClient } from '../../../electron/engine/tushare/tushare-client';
import { MarginDataService } from './margin-data-service';
import { MarginStore } from './margin-store';

export interface MarginDataParts {
  dir: string;
  secrets: SecretStore;
  emit: (progress: MarginImportProgress) => void;
  log: (msg: string, level?: LogLevel) => void;
  now: () => number;
  env: Readonly<Record<string, string | undefined>>;
  /** overrides TSTRADER_TUSHARE_URL */
  tushareUrl?: string;
  rowLimit?: number;
}

export function createMarginData(parts: MarginDataParts): { service: MarginDataService; close(): void } {
  const store = MarginStore.openIn(parts.dir, (msg, level) => parts.log(msg, level === 'ERROR' ? LogLevel.ERROR : level === 'WARNING' ? LogLevel.WARNING : LogLevel.INFO));
  const baseUrl = parts.tushareUrl ?? (parts.env.TSTRADER_TUSHARE_URL?.trim() || undefined);
  const service = new MarginDataService({
    store,
    secrets: parts.secrets,
    client: new TushareClient({ baseUrl }),
    emit: parts.emit,
    log: parts.log,
    now: parts.now,
    rowLimit: parts.rowLimit,
  });
  return { service, close: () => store.close() };
}
