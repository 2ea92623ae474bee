/**
 * The registered apps, in 功能 menu order. Adding an app is one folder under apps/<name>/
 * (common/app.ts, engine/index.ts, view/index.tsx; see docs/architecture.md) and one line
 * here. Everything else — the 功能 menu, the native menu, the windows, the dispatcher's
 * handlers, the events the windows subscribe to — is derived from this list.
 */
import { combineContracts, type CombinedContract } from '../common/contract/contract-map';
import { CORE_CONTRACT_PARTS } from '../common/bridge-contract';
import { backtestApp } from './backtest/common/app';
import { dataManagerApp } from './data-manager/common/app';
import { dataRecorderApp } from './data-recorder/common/app';
import { klineApp } from './kline/common/app';
import { marginDataApp } from './margin-data/common/app';
import { strategyManagerApp } from './strategy-manager/common/app';

export const APPS = [
  strategyManagerApp,
  marginDataApp,
  dataManagerApp,
  klineApp,
  dataRecorderApp,
  backtestApp,
] as const;

/** The whole bridge contract: the core features and every registered app's part (a duplicate name throws here, at start-up). */
export const BRIDGE_CONTRACT: CombinedContract = combineContracts([...CORE_CONTRACT_PARTS, ...APPS.map((a) => a.contract)]);
