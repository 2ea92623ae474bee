/**
 * The renderer's zustand store, one slice per domain. High-rate rows live in the feeds
 * (state/feeds.ts); the store keeps what React draws: gateways, version numbers that tell a
 * component its rows changed, dialogs, toasts and the trading panel's form.
 */
import { create } from 'zustand';
import type { AppInfo, GatewayInfo } from '../../../common/bridge-contract';
import { createPanelSlice, type PanelSlice } from '../panel/panel-slice';

export interface GatewaysSlice {
  gateways: GatewayInfo[];
  setGateways(list: GatewayInfo[]): void;
  upsertGateways(list: GatewayInfo[]): void;
}

/** Bumped when a feed changes, so components reading rows by key re-render. */
export interface VersionsSlice {
  versions: { ticks: number; orders: number; positions: number; accounts: number; contracts: number; credits: number };
  bump(domains: (keyof VersionsSlice['versions'])[]): void;
}

export interface Toast {
  id: number;
  level: 'info' | 'error';
  text: string;
}

export type Dialog = { kind: 'connect'; gateway: string } | { kind: 'about' } | null;

export interface UiSlice {
  appInfo: AppInfo | undefined;
  layout: Record<string, unknown>;
  hostConnected: boolean;
  dialog: Dialog;
  toasts: Toast[];
  /** bumped by 还原窗口 so grids drop their saved column state */
  layoutEpoch: number;
  setAppInfo(info: AppInfo): void;
  setLayout(layout: Record<string, unknown>): void;
  setHostConnected(connected: boolean): void;
  openDialog(dialog: Dialog): void;
  toast(level: Toast['level'], text: string): void;
  dismissToast(id: number): void;
  resetLayout(): void;
}

export type AppState = GatewaysSlice & VersionsSlice & UiSlice & PanelSlice;

let toastId = 0;

export const useApp = create<AppState>()((set, get, api) => ({
  gateways: [],
  setGateways: (gateways) => set({ gateways }),
  upsertGateways: (list) => {
    const next = [...get().gateways];
    for (const g of list) {
      const i = next.findIndex((x) => x.name === g.name);
      if (i >= 0) next[i] = g;
      else next.push(g);
    }
    set({ gateways: next });
  },

  versions: { ticks: 0, orders: 0, positions: 0, accounts: 0, contracts: 0, credits: 0 },
  bump: (domains) => {
    const v = { ...get().versions };
    for (const d of domains) v[d]++;
    set({ versions: v });
  },

  appInfo: undefined,
  layout: {},
  hostConnected: false,
  dialog: null,
  toasts: [],
  layoutEpoch: 0,
  setAppInfo: (appInfo) => set({ appInfo }),
  setLayout: (layout) => set({ layout }),
  setHostConnected: (hostConnected) => set({ hostConnected }),
  openDialog: (dialog) => set({ dialog }),
  toast: (level, text) => {
    const id = ++toastId;
    set({ toasts: [...get().toasts.slice(-4), { id, level, text }] });
    setTimeout(() => get().dismissToast(id), level === 'error' ? 8000 : 4000);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  resetLayout: () => set({ layout: {}, layoutEpoch: get().layoutEpoch + 1 }),

  ...createPanelSlice(set, get, api),
}));
