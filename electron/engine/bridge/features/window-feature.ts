/** 窗口: a window asks the others to fill their trading panels; the relay carries it, not the engine's bus. */
import { windowContract } from '../../../../common/contract/window-contract';
import type { MainEngine } from '../../main-engine';
import { defineFeature, type BridgeFeature } from '../feature';
import type { WindowRelay } from '../window-relay';

export function windowFeature(main: MainEngine, relay: WindowRelay): BridgeFeature {
  return defineFeature(windowContract, {
    'panel/fill': (fill) => {
      // Resolved here so every window gets the one vt_symbol whatever form was asked for.
      const contract = main.lookupContract(fill.vt_symbol);
      relay.send('panel-fill', { ...fill, vt_symbol: contract.vt_symbol });
      return { ok: true as const };
    },
  });
}
