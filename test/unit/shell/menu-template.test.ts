import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { GatewayInfo } from '../../../common/bridge-contract';
import { GatewayStatus } from '../../../common/constants';
import { APPS } from '../../../apps/registry';
import { buildMenu, type MenuAction, type MenuGroup } from '../../../common/menu-model';
import { GatewayMenuState } from '../../../electron/shell/gateway-menu-state';
import { menuTemplate, routeMenuAction } from '../../../electron/shell/menu-template';

const gateway = (status: GatewayStatus, message = ''): GatewayInfo => ({
  name: 'SIM',
  type: 'SIM',
  displayName: '模拟交易所',
  settings: {},
  actions: [{ name: 'settle-day', label: '日终结算' }],
  status,
  message,
});

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('menuTemplate', () => {
  const groups = buildMenu([gateway(GatewayStatus.DISCONNECTED)], APPS);

  it('has one top-level menu per model group, labelled from the model', () => {
    const t = menuTemplate(groups, { platform: 'linux', appName: 'TS Trader', onAction: () => undefined });
    expect(t.map((m) => m.label)).toEqual(groups.map((g) => g.label));
    expect(t.map((m) => m.label)).toEqual(['系统', '功能', '帮助']);
  });

  it('has the model entries in order with their labels, ids and enabled state', () => {
    const t = menuTemplate(groups, { platform: 'linux', appName: 'TS Trader', onAction: () => undefined });
    groups.forEach((group, i) => {
      const items = submenu(t[i]).filter((item) => item.type !== 'separator');
      expect(items.map((item) => [item.id, item.label, item.enabled])).toEqual(group.entries.map((e) => [e.id, e.label, e.enabled]));
    });
    const system = submenu(t[0]);
    expect(system.find((i) => i.id === 'disconnect-SIM')?.enabled).toBe(false);
    expect(system.find((i) => i.id === 'action-SIM-settle-day')?.enabled).toBe(false);
    expect(system.find((i) => i.id === 'connect-SIM')?.enabled).toBe(true);
  });

  it('puts a separator before each entry marked separatorBefore, and none first', () => {
    const t = menuTemplate(groups, { platform: 'linux', appName: 'TS Trader', onAction: () => undefined });
    groups.forEach((group, i) => {
      const items = submenu(t[i]);
      expect(items[0]?.type).not.toBe('separator');
      const expected: string[] = [];
      group.entries.forEach((e, k) => {
        if (e.separatorBefore && k > 0) expected.push('---');
        expected.push(e.id);
      });
      expect(items.map((item) => (item.type === 'separator' ? '---' : item.id))).toEqual(expected);
    });
  });

  it('skips a separator asked for on the first entry', () => {
    const model: MenuGroup[] = [{ id: 'g', label: 'G', entries: [{ id: 'a', label: 'A', action: { kind: 'about' }, enabled: true, separatorBefore: true }] }];
    const t = menuTemplate(model, { platform: 'linux', appName: 'TS Trader', onAction: () => undefined });
    expect(submenu(t[0]).map((i) => i.id)).toEqual(['a']);
  });

  it("calls back with the entry's action on click", () => {
    const onAction = vi.fn<(a: MenuAction) => void>();
    const t = menuTemplate(groups, { platform: 'win32', appName: 'TS Trader', onAction });
    click(submenu(t[0]).find((i) => i.id === 'connect-SIM'));
    click(submenu(t[1]).find((i) => i.id === 'margin-data'));
    click(submenu(t[2]).find((i) => i.id === 'contract-query'));
    expect(onAction.mock.calls.map(([a]) => a)).toEqual([{ kind: 'connect', gateway: 'SIM' }, { kind: 'open-app', app: 'margin-data' }, { kind: 'contract-query' }]);
  });

  it('puts the app menu and an Edit menu first on macOS only', () => {
    const onAction = vi.fn<(a: MenuAction) => void>();
    const mac = menuTemplate(groups, { platform: 'darwin', appName: 'TS Trader', onAction });
    expect(mac.map((m) => m.label)).toEqual(['TS Trader', '编辑', '系统', '功能', '帮助']);
    expect(submenu(mac[1]).map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll']));
    click(submenu(mac[0]).find((i) => i.id === 'mac-quit'));
    expect(onAction).toHaveBeenCalledWith({ kind: 'quit' });
    expect(menuTemplate(groups, { platform: 'linux', appName: 'TS Trader', onAction }).map((m) => m.label)).toEqual(['系统', '功能', '帮助']);
  });
});

describe('routeMenuAction', () => {
  const handlers = () => ({ quit: vi.fn(), openContractQuery: vi.fn(), openApp: vi.fn(), forward: vi.fn() });

  it('quits in the main process', () => {
    const h = handlers();
    routeMenuAction({ kind: 'quit' }, h);
    expect(h.quit).toHaveBeenCalledOnce();
    expect(h.forward).not.toHaveBeenCalled();
  });

  it('opens 查询合约 in the main process', () => {
    const h = handlers();
    routeMenuAction({ kind: 'contract-query' }, h);
    expect(h.openContractQuery).toHaveBeenCalledOnce();
    expect(h.forward).not.toHaveBeenCalled();
  });

  it('opens 策略管理 in the main process', () => {
    const h = handlers();
    routeMenuAction({ kind: 'open-app', app: 'strategy-manager' }, h);
    expect(h.openApp).toHaveBeenCalledExactlyOnceWith('strategy-manager');
    expect(h.forward).not.toHaveBeenCalled();
  });

  it('opens 两融数据 in the main process', () => {
    const h = handlers();
    routeMenuAction({ kind: 'open-app', app: 'margin-data' }, h);
    expect(h.openApp).toHaveBeenCalledExactlyOnceWith('margin-data');
    expect(h.forward).not.toHaveBeenCalled();
  });

  it.each<MenuAction>([
    { kind: 'connect', gateway: 'SIM' },
    { kind: 'disconnect', gateway: 'SIM' },
    { kind: 'gateway-action', gateway: 'SIM', action: 'settle-day' },
    { kind: 'restore-layout' },
    { kind: 'about' },
  ])('forwards $kind to the renderer unchanged', (action) => {
    const h = handlers();
    routeMenuAction(action, h);
    expect(h.forward).toHaveBeenCalledWith(action);
    expect(h.quit).not.toHaveBeenCalled();
    expect(h.openContractQuery).not.toHaveBeenCalled();
  });
});

describe('GatewayMenuState', () => {
  it('asks for a rebuild when a status changes, not when only the message does', () => {
    const state = new GatewayMenuState([gateway(GatewayStatus.DISCONNECTED)]);
    expect(state.update(gateway(GatewayStatus.DISCONNECTED, '连接断开'))).toBe(false);
    expect(state.update(gateway(GatewayStatus.CONNECTED))).toBe(true);
    expect(state.update(gateway(GatewayStatus.CONNECTED))).toBe(false);
    expect(state.list()[0]?.status).toBe(GatewayStatus.CONNECTED);
  });

  it('asks for a rebuild for a new gateway and keeps first-seen order', () => {
    const state = new GatewayMenuState([gateway(GatewayStatus.DISCONNECTED)]);
    expect(state.update({ ...gateway(GatewayStatus.DISCONNECTED), name: 'SIM2' })).toBe(true);
    expect(state.list().map((g) => g.name)).toEqual(['SIM', 'SIM2']);
  });

  it('the rebuilt menu enables 断开 once connected', () => {
    const state = new GatewayMenuState([gateway(GatewayStatus.DISCONNECTED)]);
    state.update(gateway(GatewayStatus.CONNECTED));
    const t = menuTemplate(buildMenu(state.list(), APPS), { platform: 'linux', appName: 'TS Trader', onAction: () => undefined });
    expect(submenu(t[0]).find((i) => i.id === 'disconnect-SIM')?.enabled).toBe(true);
  });
});
