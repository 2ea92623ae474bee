/**
 * Builds the history service from the engine's parts, so wiring it into createEngine (or an
 * app's create()) is one call: bar.db and data_recorder_setting.json in the .vntrader
 * folder, the Tushare client at TSTRADER_TUSHARE_URL (or the option), the recorder on the
 * bus. close() writes the recorder's finished bars and closes bar.db.
 */
import { GatewayStatus, type LogLevel } from '../../../common/constants';
import type { HistoryImportProgress, RecordingInfo } from '../../../common/history';
import type { EventBus } from '../event-bus';
import type { EngineEvents } from '../engine-events';
import type { MainEngine } from '../main-engine';
import { TushareClient } from '../tushare/tushare-client';
import type { OrderManagementSystem } from '../oms';
import { BarStore, RecordingList, type SecretStore, type StoreLog } from '../store';
import { BarRecorder } from './bar-recorder';
import { HistoryService, type HistoryServiceOptions } from './history-service';

export interface HistoryParts {
  dir: string;
  bus: EventBus<EngineEvents>;
  main: MainEngine;
  oms: OrderManagementSystem;
  secrets: SecretStore;
  now: () => number;
  env: Readonly<Record<string, string | undefined>>;
  log: (msg: string, level?: LogLevel) => void;
  storeLog: StoreLog;
  /** import progress (the app puts it on the bus) */
  emit: (progress: HistoryImportProgress) => void;
  /** the recording list changed (the app puts it on the bus) */
  onRecording?: (list: RecordingInfo[]) => void;
  /** overrides TSTRADER_TUSHARE_URL */
  tushareUrl?: string;
  rowLimit?: HistoryServiceOptions['rowLimit'];
  sleep?: HistoryServiceOptions['sleep'];
}

export interface History {
  service: HistoryService;
  recorder: BarRecorder;
  store: BarStore;
  close(): void;
}

export function createHistory(parts: HistoryParts): History {
  const store = BarStore.openIn(parts.dir);
  const recorder = new BarRecorder({
    bus: parts.bus,
    main: parts.main,
    contracts: parts.oms.contracts,
    connectedGateways: () => parts.main.gatewayInfos().filter((g) => g.status === GatewayStatus.CONNECTED).map((g) => g.name),
    store,
    list: new RecordingList(parts.dir, parts.storeLog),
    now: parts.now,
    log: (msg, level) => parts.log(msg, level),
    onChange: parts.onRecording,
  });
  const baseUrl = parts.tushareUrl ?? (parts.env.TSTRADER_TUSHARE_URL?.trim() || undefined);
  const service = new HistoryService({
    store, secrets: parts.secrets, client: new TushareClient({ baseUrl }), recorder, emit: parts.emit, log: parts.log, now: parts.now,
    sleep: parts.sleep, rowLimit: parts.rowLimit,
  });
  return {
    service,
    recorder,
    store,
    close() {
      recorder.close();
      store.close();
    },
  };
}
