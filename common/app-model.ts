/**
 * The app model, after vn.py's BaseApp: a function of the terminal (策略管理, 两融数据, and
 * later 数据管理, 行情记录, K线图, 回测) is one folder under apps/<name>/ with three parts, one
 * per runtime:
 *
 *   apps/<name>/common/  its manifest (app.ts, this interface) and its contract part
 *   apps/<name>/engine/  its engine part (app.ts: EngineApp, electron/engine/apps/engine-app.ts)
 *   apps/<name>/view/    its window (app.tsx: AppView, renderer/src/apps/app-view.ts)
 *
 * and one line in apps/registry.ts. The 功能 menu, the native menu, window routing and the
 * dispatcher's handler map are all derived from the registered manifests.
 */
import type { ContractPart } from './contract/contract-map';

/** The size of an app's window (Electron) or popup (browser mode). */
export interface AppWindowSpec {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** What the rest of the app knows of an app without loading its engine part or its view. */
export interface AppManifest<C extends ContractPart = ContractPart> {
  /** stable id: the folder under apps/, the window's ?view=, the 功能 menu entry's id */
  readonly name: string;
  /** the 功能 menu label and the window title, e.g. 策略管理 */
  readonly displayName: string;
  /** the app's requests and events */
  readonly contract: C;
  /** its window */
  readonly window: AppWindowSpec;
}

/** An app as a window lists it (app/info): its manifest without the contract. */
export type AppSummary = Pick<AppManifest, 'name' | 'displayName' | 'window'>;

/** Declare an app's manifest (an identity function that keeps its contract's literal type). */
export function defineApp<const C extends ContractPart>(manifest: AppManifest<C>): AppManifest<C> {
  return manifest;
}

/** A manifest's name must be usable as a folder, a URL parameter and a menu id. */
export function isValidAppName(name: string): boolean {
  return /^[a-z][a-z0-9-]{0,39}$/.test(name);
}
