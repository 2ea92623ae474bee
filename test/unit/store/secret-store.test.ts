import { describe, expect, it } from 'vitest';
import { keychainNotice, keychainState, MemorySecretStore, openSecretStore } from '../../../electron/engine/store/secret-store';
import { captureLog } from './helpers';

describe('MemorySecretStore', () => {
  it('round-trips and is not persistent', async () => {
    const s = new MemorySecretStore();
    expect(s.persistent).toBe(false);
    expect(await s.get('SIM/密码')).toBeNull();
    await s.set('SIM/密码', 'x');
    expect(await s.get('SIM/密码')).toBe('x');
    expect(await s.delete('SIM/密码')).toBe(true);
    expect(await s.delete('SIM/密码')).toBe(false);
  });
});

// Pointing D-Bus at a socket that does not exist makes the Secret Service unreachable on
// any Linux box, whatever keychain the machine running the tests has.
describe.runIf(process.platform === 'linux')('openSecretStore without a reachable keychain', () => {
  it('falls back to memory quickly and says so once, in Chinese', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/tstrader-test-bus';
    try {
      const cap = captureLog();
      const t0 = Date.now();
      const store = await openSecretStore(cap.log);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(store.persistent).toBe(false);
      expect(store.unavailableReason).toBeTruthy();
      expect(cap.lines).toHaveLength(1);
      expect(cap.lines[0]?.level).toBe('WARNING');
      expect(cap.lines[0]?.msg).toMatch(/系统钥匙串不可用.*本次会话/);
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});

describe('what the window and the terminal are told about the keychain', () => {
  it('says nothing while passwords are kept, and why they are not otherwise', async () => {
    const kept = { persistent: true, get: async () => null, set: async () => undefined, delete: async () => false };
    expect(keychainState(kept)).toEqual({ persistent: true });
    expect(keychainNotice(kept)).toBeUndefined();
    const lost = new MemorySecretStore('no D-Bus session');
    expect(keychainState(lost)).toEqual({ persistent: false, reason: 'no D-Bus session' });
    expect(keychainNotice(lost)).toMatch(/^TS Trader：系统钥匙串不可用（no D-Bus session），密码只保存在本次会话的内存中，退出后需要重新输入。.*\n$/);
  });
});
