/**
 * 系统→连接MiniQMT in the real UI, in Chromium, against the real headless host. The dialog
 * says what MiniQMT needs; without it (here: no such Python) the failure says so and the rest
 * of the app keeps working (SIM connects); with the xtquant double and a fake MiniQMT the
 * same dialog connects through the sidecar, and a buy from the panel fills. The dialog takes
 * no typing before the saved settings are in, so they never overwrite what the trader typed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeMiniqmt, TEST_PYTHON, XTQUANT_DOUBLE_DIR } from '../fixtures/xtquant/fake-miniqmt';
import { cell, collectPageErrors, openApp, screenshot, type AppSession } from './e2e-harness';

let app: AppSession;
let page: Page;
let fake: FakeMiniqmt;

beforeAll(async () => {
  fake = await FakeMiniqmt.start();
  // A code the SIM does not list, so the panel's contract is MiniQMT's own.
  await fake.setup([{ account_id: '880001', type: 'STOCK', cash: 300_000 }], [{ code: '603939.SH', name: '益丰药房', pre_close: 30, sector: '沪深A股' }]);
  app = await openApp({ width: 1440, height: 900 });
  page = app.page;
}, 90_000);

afterAll(async () => {
  await app?.close();
  await fake?.stop();
});

async function openConnect(gateway: string, on: Page = page) {
  await on.click('[data-menu="system"]');
  await on.click(`[data-menu-id="connect-${gateway}"]`);
  await on.locator('[data-testid="connect-dialog"]').waitFor();
}

/**
 * A second window on the same host whose bridge holds back the answer to gateway/settings
 * until `release` is called: a slow host, made to order. Everything else passes through.
 */
async function windowWithSlowSettings(): Promise<{ page: Page; errors: string[]; held: Promise<void>; release(): void }> {
  const slow = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = collectPageErrors(slow);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldNow!: () => void;
  const held = new Promise<void>((resolve) => (heldNow = resolve));
  await slow.routeWebSocket(/\/ws\?/, (ws) => {
    const server = ws.connectToServer();
    const settingsIds = new Set<unknown>();
    ws.onMessage((frame) => {
      const request = JSON.parse(String(frame)) as { id?: unknown; method?: string };
      if (request.method === 'gateway/settings') settingsIds.add(request.id);
      server.send(frame);
    });
    server.onMessage((frame) => {
      const message = JSON.parse(String(frame)) as { id?: unknown };
      if (message.id === undefined || !settingsIds.has(message.id)) return ws.send(frame);
      heldNow();
      void released.then(() => ws.send(frame));
    });
  });
  await slow.goto(app.host.url);
  await slow.waitForSelector('[data-menu="system"]');
  return { page: slow, errors, held, release };
}

describe('系统→连接MiniQMT', () => {
  it('says what is needed; a Python that is not there is named, and SIM still connects', async () => {
    await openConnect('MINIQMT');
    expect(await page.textContent('[data-testid="connect-notice"]')).toContain('Windows 上已登录并勾选“极简模式”的 MiniQMT 客户端');
    await page.fill('[data-testid="connect-field-QMT路径"]', fake.userdata);
    await page.fill('[data-testid="connect-field-资金账号"]', '880001');
    await page.fill('[data-testid="connect-field-Python路径"]', '/no/such/python3');
    await page.click('[data-testid="connect-submit"]');
    await expect.poll(() => page.textContent('[data-testid="connect-status"]'), { timeout: 30_000 }).toContain('找不到 Python：“/no/such/python3”不存在或不在 PATH 中');
    expect(await page.textContent('[data-testid="connect-status"]')).toContain('MiniQMT 接口需要');
    await screenshot(page, 'e2e-miniqmt-01-no-python');
    await page.click('[data-testid="connect-dialog"] button:has-text("取消")');
    await expect.poll(() => page.textContent('[data-gateway-status="MINIQMT"]')).toContain('出错');

    await openConnect('SIM');
    await page.click('[data-testid="connect-submit"]');
    await page.locator('[data-testid="connect-dialog"]').waitFor({ state: 'detached' });
    await expect.poll(() => page.textContent('[data-gateway-status="SIM"]')).toContain('已连接');
  });

  it('takes no typing while it reads the saved settings, so they never overwrite what was typed', async () => {
    const slow = await windowWithSlowSettings();
    try {
      await openConnect('MINIQMT', slow.page);
      await slow.held; // the host has answered; the window has not heard yet
      const account = '[data-testid="connect-field-资金账号"]';
      expect(await slow.page.textContent('[data-testid="connect-status"]')).toBe('读取配置…');
      expect(await slow.page.isDisabled(account)).toBe(true);
      expect(await slow.page.isDisabled('[data-testid="connect-field-QMT路径"]')).toBe(true);
      // Typing now waits for the form to open, so the saved settings land first, then the keys.
      const typing = slow.page.fill(account, '880099');
      slow.release();
      await typing;
      // The saved settings are in (what the connect above saved), and the typing stands.
      expect(await slow.page.inputValue('[data-testid="connect-field-QMT路径"]')).toBe(fake.userdata);
      expect(await slow.page.inputValue(account)).toBe('880099');
      await slow.page.click('[data-testid="connect-dialog"] button:has-text("取消")');
      expect(slow.errors).toEqual([]);
    } finally {
      slow.release();
      await slow.page.close();
    }
  });

  it('connects through the sidecar with xtquant, and a buy from the panel fills', async () => {
    await openConnect('MINIQMT');
    // The form kept what was typed last time (connect_MINIQMT.json).
    await expect.poll(() => page.inputValue('[data-testid="connect-field-QMT路径"]')).toBe(fake.userdata);
    await page.fill('[data-testid="connect-field-Python路径"]', TEST_PYTHON);
    await page.fill('[data-testid="connect-field-xtquant目录"]', XTQUANT_DOUBLE_DIR);
    await page.click('[data-testid="connect-submit"]');
    await page.locator('[data-testid="connect-dialog"]').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.textContent('[data-gateway-status="MINIQMT"]')).toContain('已连接');

    await page.fill('[data-testid="panel-code"]', '603939');
    await page.press('[data-testid="panel-code"]', 'Enter');
    await expect.poll(() => page.inputValue('[data-testid="panel-name"]')).toBe('益丰药房');
    await page.selectOption('[data-testid="panel-direction"]', '多');
    await page.fill('[data-testid="panel-price"]', '30.00');
    await page.fill('[data-testid="panel-volume"]', '100');
    await page.selectOption('[data-testid="panel-gateway"]', 'MINIQMT');
    await page.click('[data-testid="panel-send"]');
    await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：MINIQMT\./);
    const vtOrderId = (await page.textContent('[data-testid="panel-message"]'))!.replace('已委托：', '').trim();
    await page.click('[data-tab="orders"]');
    await expect.poll(() => cell(page, 'orders', vtOrderId, 'status').textContent(), { timeout: 15_000 }).toBe('全部成交');
    await screenshot(page, 'e2e-miniqmt-02-filled');
    expect(app.errors).toEqual([]);
  });
});
