/**
 * The CTP gateway plugin without a counter: its form is vn.py's (a vn.py connect_ctp.json loads
 * as is, its plaintext password migrating to the keychain on the first save), the form becomes
 * the adapter's options, and without a built adapter the connect says why and how to build it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayStatus } from '../../common/constants';
import type { Engine } from '../../electron/engine/create-engine';
import type { SecretStore } from '../../electron/engine/store';
import { ctpAdapterPath, readCtpSettings } from '../../gateways/ctp';
import { rejection, startEngine, tempVntraderDir } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** A keychain that keeps what it is given (in memory here): the kind vn.py's plaintext migrates to. */
function keychain(): SecretStore {
  const values = new Map<string, string>();
  return {
    persistent: true,
    get: async (account) => values.get(account) ?? null,
    set: async (account, value) => void values.set(account, value),
    delete: async (account) => values.delete(account),
  };
}

/** connect_ctp.json as vn.py 3.x writes it (SimNow's public fronts). */
const VNPY_FILE = {
  用户名: '000001', 密码: 'plain-pw-1', 经纪商代码: '9999', 交易服务器: '180.168.146.187:10201', 行情服务器: '180.168.146.187:10211',
  产品名称: 'simnow_client_test', 授权编码: '0000000000000000', 柜台环境: '实盘',
};

describe('CTP plugin', () => {
  it('opens a vn.py connect_ctp.json as it is, and moves its password to the keychain on the first save', async () => {
    const dir = tempVntraderDir();
    fs.writeFileSync(path.join(dir, 'connect_ctp.json'), JSON.stringify(VNPY_FILE, null, 4));
    engine = await startEngine(dir, { secretStore: keychain() });
    expect(engine.main.gatewayInfos().find((g) => g.name === 'CTP')).toMatchObject({ status: GatewayStatus.DISCONNECTED });
    const form = (await engine.dispatcher.dispatch('gateway/settings', { gateway: 'CTP' })) as { settings: Record<string, unknown>; stored: Record<string, boolean> };
    const { 密码: _pw, ...rest } = VNPY_FILE;
    expect(form.settings).toEqual({ ...rest, 密码: '', 动态库路径: '' });
    expect(form.stored['密码']).toBe(true);

    // A library path that does not exist: refused with the path, and the form is saved.
    const missing = path.join(dir, 'no-such', 'libthosttraderapi_se.so');
    const err = await rejection(engine.dispatcher.dispatch('gateway/connect', { gateway: 'CTP', settings: { ...VNPY_FILE, 密码: '', 动态库路径: missing } }));
    expect(err.message).toContain(`CTP 交易库不存在：${missing}`);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'connect_ctp.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({ ...rest, 密码: '', 动态库路径: missing });
    expect(await engine.secrets.get('CTP/密码')).toBe('plain-pw-1');
  });

  it('turns the form into the adapter and its options', () => {
    const sdk = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-ctp-sdk-'));
    const trader = path.join(sdk, 'libthosttraderapi_se.so');
    fs.writeFileSync(trader, '');
    const base = { ...VNPY_FILE, 柜台环境: '测试', 动态库路径: trader };
    const s = readCtpSettings(base, 'CTP');
    expect(s).toMatchObject({ libraryPath: ctpAdapterPath(), front: 'tcp://180.168.146.187:10201', user: '000001', password: 'plain-pw-1' });
    expect(s.buildHint).toContain('CTP_SDK_DIR');
    expect(s.options).toMatchObject({
      broker_id: '9999', app_id: 'simnow_client_test', auth_code: '0000000000000000', md_front: 'tcp://180.168.146.187:10211',
      production_mode: '0', trader_library: trader,
    });
    expect(s.options).not.toHaveProperty('md_library'); // none beside the trader library
    expect(fs.statSync(s.options.flow_dir!).isDirectory()).toBe(true);
    fs.writeFileSync(path.join(sdk, 'libthostmduserapi_se.so'), '');
    expect(readCtpSettings({ ...base, 柜台环境: '实盘', 行情服务器: 'ssl://md:1' }, 'CTP').options).toMatchObject({
      md_library: path.join(sdk, 'libthostmduserapi_se.so'), production_mode: '1', md_front: 'ssl://md:1',
    });
    expect(readCtpSettings({ ...base, 动态库路径: '' }, 'CTP').options).not.toHaveProperty('trader_library'); // the SDK built against
    expect(() => readCtpSettings({ ...base, 经纪商代码: '' }, 'CTP')).toThrow(/经纪商代码不能为空/);
    expect(() => readCtpSettings({ ...base, 交易服务器: ' ' }, 'CTP')).toThrow(/交易服务器不能为空/);
  });
});
