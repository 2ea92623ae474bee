/**
 * #11 item 18: a keychain that will not keep passwords is said in the window, not only as a
 * log row. The host's D-Bus points at a socket that does not exist, so no Secret Service
 * answers whatever the machine has; the status bar must say so, with the reason on hover.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, screenshot, type AppSession } from './e2e-harness';

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ width: 1280, height: 720, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tstrader-e2e-bus' } });
}, 90_000);

afterAll(async () => {
  await app?.close();
});

it('says in the status bar that passwords last this session only, and why', async () => {
  const notice = app.page.locator('[data-testid="keychain-missing"]');
  await notice.waitFor();
  expect(await notice.textContent()).toBe('系统钥匙串不可用：密码只在本次运行中有效，退出后需重新输入');
  expect(await notice.getAttribute('title')).toMatch(/^原因：.+。Linux 上需要 Secret Service/);
  await screenshot(app.page, 'keychain-missing-1280');
  expect(app.errors).toEqual([]);
});
