/** The engine's persistence: .vntrader folder, settings files, keychain, journal. */
export { resolveVntraderDir, VNTRADER_FOLDER, type VntraderDirInputs } from './vntrader-dir';
export { readJsonFile, writeJsonAtomic, type JsonObject, type ReadJsonResult } from './json-file';
export {
  openSecretStore,
  KeyringSecretStore,
  MemorySecretStore,
  KeychainError,
  keychainNotice,
  keychainState,
  KEYRING_SERVICE,
  DEFAULT_PROBE_TIMEOUT_MS,
  type SecretStore,
  type KeyringOptions,
  type OpenSecretStoreOptions,
} from './secret-store';
export { ConfigStore, connectFileName, secretAccount, type LoadedConnectSettings } from './config-store';
export {
  VT_SETTING_DEFAULTS,
  VT_SETTING_FILE,
  defaultVtSetting,
  type VtSetting,
  type VtSettingKey,
  type GatewayInstanceSetting,
} from './vt-setting';
export { createGatewayStorage, GATEWAY_STATE_DIR } from './gateway-storage';
export { Journal, JOURNAL_FILE, type JournalDay } from './journal';
export type { StoreLog, StoreLogLevel } from './store-log';
export { LayoutStore, LAYOUT_FILE } from './layout-store';
export { BarStore, BAR_DB_FILE, type BarOverview, type ImportTaskRow } from './bar-store';
export { RecordingList, RECORDING_FILE, type RecordingEntry } from './recording-list';
export { WatchlistFile, WATCHLIST_FILE } from './watchlist-file';
