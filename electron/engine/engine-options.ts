/**
 * What createEngine may be told. Most fields have a default for the running app; tests set
 * the folder, the clock and the secret store. The app-specific ones (examples folder, Tushare
 * address, strategy persistence) reach the apps through their AppContext.
 */
import type { AppOptions, EngineApp } from './apps/engine-app';
import type { SecretStore } from './store';

export interface EngineOptions extends AppOptions {
  /** the .vntrader folder; resolved from VNTRADER_DIR, ./.vntrader, ~/.vntrader when absent */
  vntraderDir?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  home?: string;
  /** folder holding the built-in plugins; default: the repository's gateways/ */
  builtinGatewaysDir?: string;
  now?: () => number;
  /** inject a store (tests); default: the OS keychain, or memory if unreachable */
  secretStore?: SecretStore;
  /** run vn.py's 1 s timer event (default true) */
  timer?: boolean;
  /** the apps to run; default: every app registered in apps/registry.ts (tests add their own) */
  apps?: readonly EngineApp[];
}
