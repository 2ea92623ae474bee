/** 应用 on the engine side: the snapshot, the app's info and the UI's saved layout. */
import type { AppInfo } from '../../../../common/bridge-contract';
import { appContract } from '../../../../common/contract/app-contract';
import type { EngineEvents } from '../../engine-events';
import type { MainEngine } from '../../main-engine';
import type { PublishedEvents } from '../../outbound-gate';
import type { LayoutStore } from '../../store';
import { defineFeature, type BridgeFeature } from '../feature';

export function appFeature(main: MainEngine, published: PublishedEvents<EngineEvents>, layout: LayoutStore, appInfo: () => AppInfo): BridgeFeature {
  return defineFeature(appContract, {
    // Read between two bursts and sent at once (the dispatcher does not wait for it): committed
    // state only, and every event after it is newer.
    'app/snapshot': () => published.atBoundary(() => main.snapshot()),
    'app/info': () => appInfo(),
    'layout/get': () => layout.all(),
    'layout/set': ({ key, value }) => {
      layout.set(key, value);
      return { ok: true as const };
    },
    'layout/reset': () => {
      layout.reset();
      return { ok: true as const };
    },
  });
}
