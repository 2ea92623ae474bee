/**
 * The application menu as data. The renderer draws it as a menu bar; Electron's main
 * process turns the same model into the native menu. A menu entry exists only where a
 * working feature is behind it: 系统 from the gateways, 功能 from the running apps (like
 * vn.py, which builds its 功能 menu by looping over its apps), 帮助 fixed.
 */
import type { AppSummary } from './app-model';
import { GatewayStatus } from './constants';
import type { GatewayInfo } from './gateway-api';

/** What choosing an entry does. */
export type MenuAction =
  | { kind: 'connect'; gateway: string }
  | { kind: 'disconnect'; gateway: string }
  | { kind: 'gateway-action'; gateway: string; action: string }
  | { kind: 'quit' }
  | { kind: 'contract-query' }
  /** open an app's window (apps/<app>) */
  | { kind: 'open-app'; app: string }
  | { kind: 'restore-layout' }
  | { kind: 'about' };

export interface MenuEntry {
  /** stable id, also used as the E2E selector */
  id: string;
  label: string;
  action: MenuAction;
  enabled: boolean;
  /** draw a separator line above this entry */
  separatorBefore?: boolean;
}

export interface MenuGroup {
  id: string;
  label: string;
  entries: MenuEntry[];
}

/** The menu for these gateways and these apps (in 功能 order). */
export function buildMenu(gateways: readonly GatewayInfo[], apps: readonly Pick<AppSummary, 'name' | 'displayName'>[]): MenuGroup[] {
  const system: MenuEntry[] = [];
  for (const g of gateways) {
    const busy = g.status === GatewayStatus.CONNECTING;
    system.push({ id: `connect-${g.name}`, label: `连接${g.displayName}`, action: { kind: 'connect', gateway: g.name }, enabled: !busy });
  }
  gateways.forEach((g, i) => {
    system.push({
      id: `disconnect-${g.name}`,
      label: `断开${g.displayName}`,
      action: { kind: 'disconnect', gateway: g.name },
      enabled: g.status === GatewayStatus.CONNECTED,
      separatorBefore: i === 0,
    });
  });
  let first = true;
  for (const g of gateways) {
    for (const a of g.actions) {
      system.push({
        id: `action-${g.name}-${a.name}`,
        label: `${a.label}（${g.displayName}）`,
        action: { kind: 'gateway-action', gateway: g.name, action: a.name },
        enabled: g.status === GatewayStatus.CONNECTED,
        separatorBefore: first,
      });
      first = false;
    }
  }
  system.push({ id: 'quit', label: '退出', action: { kind: 'quit' }, enabled: true, separatorBefore: system.length > 0 });

  const help: MenuEntry[] = [
    { id: 'contract-query', label: '查询合约', action: { kind: 'contract-query' }, enabled: true },
    { id: 'restore-layout', label: '还原窗口', action: { kind: 'restore-layout' }, enabled: true },
    { id: 'about', label: '关于', action: { kind: 'about' }, enabled: true, separatorBefore: true },
  ];
  // vn.py's 功能 menu holds its apps: one entry per app, its id the app's name.
  const tools: MenuEntry[] = apps.map((app) => ({ id: app.name, label: app.displayName, action: { kind: 'open-app', app: app.name }, enabled: true }));
  return [
    { id: 'system', label: '系统', entries: system },
    { id: 'tools', label: '功能', entries: tools },
    { id: 'help', label: '帮助', entries: help },
  ];
}
