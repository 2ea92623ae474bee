/**
 * The real OS keychain, through KeyringSecretStore. Runs wherever a keychain answers; with
 * TSTRADER_REQUIRE_KEYRING=1 (CI: `bash scripts/with-keyring.sh npx vitest run ...`) an
 * unreachable keychain fails the run instead of skipping it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SettingField } from '../../common/gateway-api';
import { ConfigStore } from '../../electron/engine/store/config-store';
import { KeyringSecretStore, openSecretStore } from '../../electron/engine/store/secret-store';

const REQUIRED = process.env.TSTRADER_REQUIRE_KEYRING === '1';
// Our own service name and a random gateway name: never touches a trader's real entries.
const SERVICE = 'tstrader-test';
const GATEWAY = `KRTEST${crypto.randomBytes(3).toString('hex')}`;
const SECRET = `pw-${crypto.randomBytes(6).toString('hex')}-密码`;

const warnings: string[] = [];
const probed = await openSecretStore((msg) => warnings.push(msg), { service: SERVICE });
const reachable = probed.persistent;
const reason = probed.unavailableReason ?? '';
if (probed instanceof KeyringSecretStore) probed.close();

if (!reachable && !REQUIRED) {
  console.warn(`keyring integration tests skipped: the OS keychain is unreachable (${reason})`);
}

describe('keychain required by TSTRADER_REQUIRE_KEYRING=1', () => {
  it.runIf(REQUIRED)('is reachable', () => {
    expect(reachable, `the OS keychain is unreachable: ${reason}`).toBe(true);
  });
});

describe.skipIf(!reachable)(`OS keychain${reachable ? '' : ` (skipped: unreachable — ${reason})`}`, () => {
  const store = new KeyringSecretStore({ service: SERVICE });
  afterAll(async () => {
    await store.delete(`${GATEWAY}/密码`).catch(() => false);
    await store.delete(`${GATEWAY}/roundtrip`).catch(() => false);
    store.close();
  });

  it('set / get / delete round trip', async () => {
    const account = `${GATEWAY}/roundtrip`;
    expect(await store.get(account)).toBeNull();
    await store.set(account, SECRET);
    expect(await store.get(account)).toBe(SECRET);
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('ConfigStore puts the password in the keychain, not the JSON, and loads it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-keyring-'));
    const fields: Record<string, SettingField> = { 用户名: { type: 'string', default: '' }, 密码: { type: 'password' } };
    const logged: string[] = [];
    const config = new ConfigStore(dir, store, (msg) => logged.push(msg));
    await config.saveConnectSettings(GATEWAY, fields, { 用户名: '8001', 密码: SECRET });

    const text = fs.readFileSync(path.join(dir, `connect_${GATEWAY.toLowerCase()}.json`), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({ 用户名: '8001', 密码: '' });
    expect(await store.get(`${GATEWAY}/密码`)).toBe(SECRET);

    // A new store instance, as after a restart.
    const again = new KeyringSecretStore({ service: SERVICE });
    try {
      const loaded = await new ConfigStore(dir, again, (msg) => logged.push(msg)).loadConnectSettings(GATEWAY, fields);
      expect(loaded.settings).toEqual({ 用户名: '8001', 密码: '' });
      expect(loaded.stored).toEqual({ 密码: true });
      expect(loaded.passwords).toEqual({ 密码: SECRET });
    } finally {
      again.close();
    }
    expect(logged.join('\n')).not.toContain(SECRET);
  });
});
