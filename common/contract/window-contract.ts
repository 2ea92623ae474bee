/**
 * 窗口: messages from one window to the others. They cross the bridge like events but never
 * the engine's bus: the bridge relays them (the dispatcher for panel/fill; Electron's main
 * process for a native menu choice).
 */
import { Direction } from '../constants';
import type { MenuAction } from '../menu-model';
import { s } from '../schema';
import { defineContract, windowMessage, type EventsOf, type RequestsOf } from './contract-map';
import { code } from './fields';

/** Fill the trading panel (from 查询合约 or another window). */
export interface PanelFill {
  vt_symbol: string;
  price?: number;
  direction?: Direction;
  volume?: number;
}

export const windowContract = defineContract({
  feature: '窗口',
  requests: {
    /** ask every window to fill its trading panel (查询合约's double-click) */
    'panel/fill': s.object({
      vt_symbol: code,
      price: s.optional(s.number({ min: 0 })),
      direction: s.optional(s.enumOf([Direction.LONG, Direction.SHORT] as const)),
      volume: s.optional(s.number({ min: 0, int: true })),
    }),
  },
  events: {
    /** a window asked for the trading panel to be filled */
    'panel-fill': windowMessage<PanelFill>(),
    /** a native menu entry was chosen (Electron only; the renderer's own menu bar acts directly) */
    menu: windowMessage<MenuAction>(),
  },
});

export interface WindowResults {
  'panel/fill': { ok: true };
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof windowContract, WindowResults> {}
  interface BridgeEvents extends EventsOf<typeof windowContract> {}
  interface WindowMessages extends EventsOf<typeof windowContract> {}
}
