/**
 * The menu model, entry by entry: 系统 from the gateways (connect, disconnect, their extra
 * operations, each enabled by the gateway's state), 功能 from the apps, 帮助 fixed. Built
 * inside each test so mutation testing sees the model being built.
 */
import { describe, expect, it } from 'vitest';
import { GatewayStatus } from '../../../common/constants';
import type { GatewayInfo } from '../../../common/gateway-api';
import { buildMenu, type MenuEntry } from '../../../common/menu-model';

const gateway = (name: string, displayName: string, status: GatewayStatus, actions: GatewayInfo['actions'] = []): GatewayInfo => ({
  name, type: name, displayName, settings: {}, actions, status, message: '',
});

const HELP: MenuEntry[] = [
  { id: 'contract-query', label: '查询合约', action: { kind: 'contract-query' }, enabled: true },
  { id: 'restore-layout', label: '还原窗口', action: { kind: 'restore-layout' }, enabled: true },
  { id: 'about', label: '关于', action: { kind: 'about' }, enabled: true, separatorBefore: true },
];

describe('buildMenu', () => {
  it('with no gateway and no app: 退出 alone under 系统 (no separator above it), an empty 功能, and 帮助', () => {
    expect(buildMenu([], [])).toEqual([
      { id: 'system', label: '系统', entries: [{ id: 'quit', label: '退出', action: { kind: 'quit' }, enabled: true, separatorBefore: false }] },
      { id: 'tools', label: '功能', entries: [] },
      { id: 'help', label: '帮助', entries: HELP },
    ]);
  });

  it('lists every connect, then every disconnect, then the gateways’ operations, each group behind a separator', () => {
    const menu = buildMenu(
      [
        gateway('SIM', '模拟交易所', GatewayStatus.CONNECTED, [{ name: 'settle-day', label: '日终结算' }, { name: 'next-day', label: '下一交易日' }]),
        gateway('CTP', 'CTP期货', GatewayStatus.CONNECTING, [{ name: 'confirm', label: '确认结算单' }]),
      ],
      [{ name: 'margin_data', displayName: '两融数据' }, { name: 'backtester', displayName: 'CTA回测' }],
    );
    expect(menu[0]!.entries).toEqual([
      { id: 'connect-SIM', label: '连接模拟交易所', action: { kind: 'connect', gateway: 'SIM' }, enabled: true },
      // connecting: a second connect would race the first
      { id: 'connect-CTP', label: '连接CTP期货', action: { kind: 'connect', gateway: 'CTP' }, enabled: false },
      { id: 'disconnect-SIM', label: '断开模拟交易所', action: { kind: 'disconnect', gateway: 'SIM' }, enabled: true, separatorBefore: true },
      { id: 'disconnect-CTP', label: '断开CTP期货', action: { kind: 'disconnect', gateway: 'CTP' }, enabled: false, separatorBefore: false },
      { id: 'action-SIM-settle-day', label: '日终结算（模拟交易所）', action: { kind: 'gateway-action', gateway: 'SIM', action: 'settle-day' }, enabled: true, separatorBefore: true },
      { id: 'action-SIM-next-day', label: '下一交易日（模拟交易所）', action: { kind: 'gateway-action', gateway: 'SIM', action: 'next-day' }, enabled: true, separatorBefore: false },
      { id: 'action-CTP-confirm', label: '确认结算单（CTP期货）', action: { kind: 'gateway-action', gateway: 'CTP', action: 'confirm' }, enabled: false, separatorBefore: false },
      { id: 'quit', label: '退出', action: { kind: 'quit' }, enabled: true, separatorBefore: true },
    ]);
    expect(menu[1]!.entries).toEqual([
      { id: 'margin_data', label: '两融数据', action: { kind: 'open-app', app: 'margin_data' }, enabled: true },
      { id: 'backtester', label: 'CTA回测', action: { kind: 'open-app', app: 'backtester' }, enabled: true },
    ]);
    expect(menu[2]!.entries).toEqual(HELP);
  });

  it('enables connect unless connecting, and disconnect and operations only while connected', () => {
    const states = [GatewayStatus.DISCONNECTED, GatewayStatus.CONNECTING, GatewayStatus.CONNECTED, GatewayStatus.ERROR];
    const rows = states.map((status) => {
      const entries = buildMenu([gateway('SIM', '模拟', status, [{ name: 'x', label: 'X' }])], [])[0]!.entries;
      return [status, ...entries.map((e) => e.enabled)];
    });
    expect(rows).toEqual([
      [GatewayStatus.DISCONNECTED, true, false, false, true],
      [GatewayStatus.CONNECTING, false, false, false, true],
      [GatewayStatus.CONNECTED, true, true, true, true],
      [GatewayStatus.ERROR, true, false, false, true],
    ]);
  });
});
