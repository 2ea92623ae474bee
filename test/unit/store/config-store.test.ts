import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingField } from '../../../common/gateway-api';
import { ConfigStore } from '../../../electron/engine/store/config-store';
import { MemorySecretStore, type SecretStore } from '../../../electron/engine/store/secret-store';
import { VT_SETTING_DEFAULTS } from '../../../electron/engine/store/vt-setting';
import { captureLog, tempDir } from './helpers';

/** vn.py's CtpGateway.default_setting, as a manifest would declare it. */
const CTP: Record<string, SettingField> = {
  用户名: { type: 'string', default: '' },
  密码: { type: 'password' },
  经纪商代码: { type: 'string', default: '' },
  交易服务器: { type: 'string', default: '' },
  行情服务器: { type: 'string', default: '' },
  产品名称: { type: 'string', default: '' },
  授权编码: { type: 'string', default: '' },
  产品信息: { type: 'string', default: '' },
};

const SIM: Record<string, SettingField> = {
  账户: { type: 'string', default: 'sim' },
  密码: { type: 'password' },
  初始资金: { type: 'float', default: 1_000_000, min: 0 },
  撮合延迟: { type: 'int', default: 0, min: 0 },
  自动结算: { type: 'bool', default: true },
  行情源: { type: 'enum', options: ['模拟', '回放'], default: '模拟' },
};

const SECRET = 'Hunter2-秘密';

function setup(persistent = true) {
  const dir = tempDir();
  const secrets = persistent ? new PersistentMemory() : new MemorySecretStore('test');
  const cap = captureLog();
  return { dir, secrets, cap, store: new ConfigStore(dir, secrets, cap.log) };
}

/** In memory, but claims to persist, as the keychain would. */
class PersistentMemory implements SecretStore {
  readonly persistent = true;
  private readonly inner = new MemorySecretStore();
  get(account: string): Promise<string | null> {
    return this.inner.get(account);
  }
  set(account: string, value: string): Promise<void> {
    return this.inner.set(account, value);
  }
  delete(account: string): Promise<boolean> {
    return this.inner.delete(account);
  }
}

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('ConfigStore connect settings', () => {
  it("loads a vn.py user's connect_ctp.json unchanged", async () => {
    const { dir, store } = setup();
    const vnpy = { 用户名: '', 密码: '', 经纪商代码: '', 交易服务器: '', 行情服务器: '', 产品名称: '', 授权编码: '', 产品信息: '' };
    fs.writeFileSync(path.join(dir, 'connect_ctp.json'), JSON.stringify(vnpy, null, 4));
    const r = await store.loadConnectSettings('CTP', CTP);
    expect(r.settings).toEqual(vnpy);
    expect(r.stored).toEqual({ 密码: false });
    expect(r.passwords).toEqual({});
    expect(r.unknown).toEqual({});
    await store.saveConnectSettings('CTP', CTP, r.settings);
    expect(readJson(path.join(dir, 'connect_ctp.json'))).toEqual(vnpy);
  });

  it('fills manifest defaults and coerces kinds; "False"/"false"/false are all false', async () => {
    for (const off of ['False', 'false', false, 0, '0']) {
      const { dir, store, cap } = setup();
      fs.writeFileSync(
        path.join(dir, 'connect_sim.json'),
        JSON.stringify({ 初始资金: '500000.5', 撮合延迟: '20', 自动结算: off, 行情源: '回放' }),
      );
      const r = await store.loadConnectSettings('SIM', SIM);
      expect(r.settings).toEqual({ 账户: 'sim', 密码: '', 初始资金: 500000.5, 撮合延迟: 20, 自动结算: false, 行情源: '回放' });
      expect(cap.lines).toEqual([]);
    }
  });

  it('falls back to the default with a warning for a value of the wrong kind', async () => {
    const { dir, store, cap } = setup();
    fs.writeFileSync(
      path.join(dir, 'connect_sim.json'),
      JSON.stringify({ 初始资金: 'lots', 撮合延迟: 1.5, 自动结算: 'maybe', 行情源: '实盘', 账户: { a: 1 } }),
    );
    const r = await store.loadConnectSettings('SIM', SIM);
    expect(r.settings).toEqual({ 账户: 'sim', 密码: '', 初始资金: 1_000_000, 撮合延迟: 0, 自动结算: true, 行情源: '模拟' });
    expect(cap.lines.filter((l) => l.level === 'WARNING')).toHaveLength(5);
    expect(cap.text()).toContain('撮合延迟');
  });

  it('stores passwords in the secret store, writes "" to the JSON and never logs them', async () => {
    const { dir, store, secrets, cap } = setup();
    await store.saveConnectSettings('SIM', SIM, { 账户: 'a1', 密码: SECRET, 初始资金: 1000, 撮合延迟: 0, 自动结算: false, 行情源: '模拟' });
    const file = path.join(dir, 'connect_sim.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(readJson(file).密码).toBe('');
    expect(await secrets.get('SIM/密码')).toBe(SECRET);

    const r = await store.loadConnectSettings('SIM', SIM);
    expect(r.settings.密码).toBe('');
    expect(r.stored).toEqual({ 密码: true });
    expect(r.passwords).toEqual({ 密码: SECRET });

    // An empty password on save keeps the stored one.
    await store.saveConnectSettings('SIM', SIM, { ...r.settings, 账户: 'a2' });
    expect(await secrets.get('SIM/密码')).toBe(SECRET);
    expect(readJson(file).账户).toBe('a2');
    expect(cap.text()).not.toContain(SECRET);
  });

  it("migrates a vn.py plaintext password to the secret store on first save", async () => {
    const { dir, store, secrets, cap } = setup();
    const file = path.join(dir, 'connect_ctp.json');
    fs.writeFileSync(file, JSON.stringify({ 用户名: '8001', 密码: SECRET, 经纪商代码: '9999' }, null, 4));

    const before = await store.loadConnectSettings('CTP', CTP);
    expect(before.settings.密码).toBe('');
    expect(before.stored.密码).toBe(true);
    expect(before.passwords.密码).toBe(SECRET);

    await store.saveConnectSettings('CTP', CTP, before.settings);
    expect(readJson(file).密码).toBe('');
    expect(fs.readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(await secrets.get('CTP/密码')).toBe(SECRET);
    expect(readJson(file).用户名).toBe('8001');
    expect(cap.text()).not.toContain(SECRET);
    expect(cap.text()).toContain('已移入系统钥匙串');
  });

  it('keeps a vn.py plaintext in place while no keychain is available (blanking it would lose it)', async () => {
    const { dir, store } = setup(false);
    const file = path.join(dir, 'connect_ctp.json');
    fs.writeFileSync(file, JSON.stringify({ 用户名: '8001', 密码: SECRET }));
    const r = await store.loadConnectSettings('CTP', CTP);
    await store.saveConnectSettings('CTP', CTP, r.settings);
    expect(readJson(file).密码).toBe(SECRET);
    // A newly typed password never goes to the JSON.
    await store.saveConnectSettings('CTP', CTP, { ...r.settings, 密码: 'new-one' });
    expect(readJson(file).密码).toBe('');
  });

  it('preserves keys the manifest does not know', async () => {
    const { dir, store } = setup();
    const file = path.join(dir, 'connect_ctp.json');
    fs.writeFileSync(file, JSON.stringify({ 用户名: 'u', 柜台环境: '实盘', extra: { nested: [1, 2] } }));
    const r = await store.loadConnectSettings('CTP', CTP);
    expect(r.unknown).toEqual({ 柜台环境: '实盘', extra: { nested: [1, 2] } });
    await store.saveConnectSettings('CTP', CTP, { ...r.settings, 用户名: 'v' });
    expect(readJson(file)).toMatchObject({ 用户名: 'v', 柜台环境: '实盘', extra: { nested: [1, 2] } });
  });

  it('refuses to save an invalid value rather than silently writing a default', async () => {
    const { dir, store } = setup();
    await expect(store.saveConnectSettings('SIM', SIM, { 撮合延迟: 'soon' })).rejects.toMatchObject({ code: 'INVALID_SETTING' });
    expect(fs.existsSync(path.join(dir, 'connect_sim.json'))).toBe(false);
  });

  it('moves a corrupt connect file aside and reports it; the next save writes a fresh file', async () => {
    const { dir, store, cap } = setup();
    const file = path.join(dir, 'connect_ctp.json');
    fs.writeFileSync(file, '{"用户名": "8001", ');
    const r = await store.loadConnectSettings('CTP', CTP);
    expect(r.settings.用户名).toBe('');
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('connect_ctp.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe('{"用户名": "8001", ');
    expect(cap.lines.some((l) => l.level === 'ERROR' && l.msg.includes(aside[0] ?? '?'))).toBe(true);

    await store.saveConnectSettings('CTP', CTP, { ...r.settings, 用户名: '8002' });
    expect(readJson(file).用户名).toBe('8002');
    expect(fs.readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe('{"用户名": "8001", ');
  });

  it('leaves no temp files after saves', async () => {
    const { dir, store } = setup();
    await Promise.all([1, 2, 3].map((n) => store.saveConnectSettings('SIM', SIM, { 撮合延迟: n })));
    expect(fs.readdirSync(dir)).toEqual(['connect_sim.json']);
    expect(readJson(path.join(dir, 'connect_sim.json')).撮合延迟).toBe(3);
  });
});

describe('ConfigStore vt_setting.json', () => {
  it('returns the defaults when there is no file', () => {
    const { store } = setup();
    expect(store.loadVtSetting()).toEqual(VT_SETTING_DEFAULTS);
  });

  it("merges a vn.py file over the defaults, keeping vn.py's keys and unknown ones", () => {
    const { dir, store } = setup();
    const file = path.join(dir, 'vt_setting.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ 'font.family': 'Arial', 'font.size': '14', 'log.console': 'False', 'database.timezone': 'Asia/Shanghai' }),
    );
    const s = store.loadVtSetting();
    expect(s['font.family']).toBe('Arial');
    expect(s['font.size']).toBe(14);
    expect(s['log.console']).toBe(false);
    expect(s['risk.order_flow_limit']).toBe(50);

    const saved = store.saveVtSetting({ 'ui.confirm_cancel': true, 'gateway.instances': [{ name: 'SIM_2', type: 'SIM' }] });
    expect(saved['ui.confirm_cancel']).toBe(true);
    const json = readJson(file);
    expect(json['database.timezone']).toBe('Asia/Shanghai');
    expect(json['font.family']).toBe('Arial');
    expect(json['gateway.instances']).toEqual([{ name: 'SIM_2', type: 'SIM' }]);
    expect(json['database.name']).toBe('sqlite');
    expect(store.loadVtSetting()['gateway.instances']).toEqual([{ name: 'SIM_2', type: 'SIM' }]);
  });

  it('warns and uses defaults for invalid values; refuses invalid updates', () => {
    const { dir, store, cap } = setup();
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.order_flow_clear': 0, 'gateway.instances': 'SIM_2' }));
    const s = store.loadVtSetting();
    expect(s['risk.order_flow_clear']).toBe(1);
    expect(s['gateway.instances']).toEqual([]);
    expect(cap.lines.filter((l) => l.level === 'WARNING')).toHaveLength(2);
    expect(() => store.saveVtSetting({ 'risk.order_size_limit': -5 })).toThrow(/risk.order_size_limit/);
    expect(() =>
      store.saveVtSetting({ 'gateway.instances': [{ name: 'SIM_2', type: 'SIM' }, { name: 'SIM_2', type: 'SIM' }] }),
    ).toThrow(/重复/);
  });

  it('handles a corrupt vt_setting.json: defaults, reported, file kept aside', () => {
    const { dir, store, cap } = setup();
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), 'not json');
    expect(store.loadVtSetting()).toEqual(VT_SETTING_DEFAULTS);
    expect(cap.lines.some((l) => l.level === 'ERROR')).toBe(true);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('vt_setting.json.corrupt-'))).toBe(true);
  });
});

describe('ConfigStore odd keys', () => {
  it('treats "__proto__" and "toString" in a file as ordinary unknown keys', async () => {
    const { dir, store } = setup();
    const file = path.join(dir, 'connect_ctp.json');
    fs.writeFileSync(file, '{"用户名": "u", "__proto__": {"x": 1}, "toString": "s"}');
    const r = await store.loadConnectSettings('CTP', CTP);
    expect(Object.keys(r.unknown)).toEqual(['__proto__', 'toString']);
    await store.saveConnectSettings('CTP', CTP, r.settings);
    const back = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(back)).toContain('__proto__');
    expect(back.toString).toBe('s');
  });
});
