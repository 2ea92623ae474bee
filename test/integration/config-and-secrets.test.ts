/**
 * Settings files and passwords through the real engine: the password reaches the counter
 * but never a file; a malformed file is kept and reported, never overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogLevel } from '../../common/constants';
import type { LogData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import { startEngine, tempVntraderDir } from './harness';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** Every byte under the folder, to prove a secret is nowhere in it (JSON, state, SQLite). */
function allBytes(dir: string): string {
  let out = '';
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out += fs.readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1');
  }
  return out;
}

describe('connect settings and passwords', () => {
  it('keeps the password in the secret store only, and logs in with it later', async () => {
    const dir = tempVntraderDir();
    engine = await startEngine(dir);
    const password = 'pw-7f3a9c';
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 资金账号: 'acct9', 密码: password, '行情间隔(ms)': 60000 } });
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'connect_sim.json'), 'utf8')) as Record<string, unknown>;
    expect(saved['资金账号']).toBe('acct9');
    expect(saved['密码']).toBe('');
    expect(await engine.secrets.get('SIM/密码')).toBe(password);

    const form = (await engine.dispatcher.dispatch('gateway/settings', { gateway: 'SIM' })) as { settings: Record<string, unknown>; stored: Record<string, boolean> };
    expect(form.settings['密码']).toBe('');
    expect(form.stored['密码']).toBe(true);

    await engine.dispatcher.dispatch('gateway/close', { gateway: 'SIM' });
    // Empty password = the stored one: the SIM checks it against the first login's.
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 资金账号: 'acct9', 密码: '', '行情间隔(ms)': 60000 } });
    await engine.dispatcher.dispatch('gateway/close', { gateway: 'SIM' });
    await expect(engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { 资金账号: 'acct9', 密码: 'wrong', '行情间隔(ms)': 60000 } })).rejects.toMatchObject({ message: expect.stringContaining('密码') });

    await engine.close();
    engine = undefined;
    expect(allBytes(dir)).not.toContain(password);
  });

  it('keeps a malformed connect file as .corrupt-*, reports it, and writes a fresh one', async () => {
    const dir = tempVntraderDir();
    const file = path.join(dir, 'connect_sim.json');
    fs.writeFileSync(file, '{"资金账号": "x", oops');
    engine = await startEngine(dir);
    const logs: LogData[] = [];
    engine.bus.on('log', (l) => logs.push(l));
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith('connect_sim.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, kept[0]!), 'utf8')).toBe('{"资金账号": "x", oops');
    expect(logs.some((l) => l.level !== LogLevel.INFO && l.msg.includes('connect_sim.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))['资金账号']).toBe('sim001');
  });

  it('keeps a malformed vt_setting.json and starts on defaults', async () => {
    const dir = tempVntraderDir();
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), 'not json');
    engine = await startEngine(dir);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('vt_setting.json.corrupt-'))).toBe(true);
    expect(engine.main.snapshot().logs.some((l) => l.msg.includes('vt_setting.json'))).toBe(true);
    expect(engine.main.gatewayInfos().map((g) => g.name)).toEqual(['CTP', 'MINIQMT', 'NATIVE', 'SIM']);
  });

  it('refuses an unknown gateway and a bad setting with clear errors', async () => {
    engine = await startEngine(tempVntraderDir());
    await expect(engine.dispatcher.dispatch('gateway/connect', { gateway: 'XTP', settings: {} })).rejects.toMatchObject({ code: 'UNKNOWN_GATEWAY', message: expect.stringContaining('未找到接口') });
    await expect(engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 'fast' } })).rejects.toMatchObject({ code: 'BAD_SETTING', message: expect.stringContaining('行情间隔(ms)') });
    await expect(engine.dispatcher.dispatch('no/such', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });
});
