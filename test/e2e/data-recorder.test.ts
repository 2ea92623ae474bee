/**
 * 功能→行情记录 in Chromium against the real headless host with SIM: a code added before any
 * gateway is connected waits for one, records once SIM connects, waits again while SIM is
 * disconnected and records again after the reconnect; after a restart of the host on the
 * same .vntrader folder the code is still recorded.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, ensureRendererBuilt, launchBrowser, startHost, type Host } from './e2e-harness';

let host: Host;
let browser: Browser;
let main: Page;
let rec: Page;
const errors: string[] = [];

async function openMain(): Promise<void> {
  main = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  collectPageErrors(main, errors);
  await main.goto(host.url);
  await main.waitForSelector('[data-menu="tools"]');
}

async function openRecorder(): Promise<void> {
  await main.click('[data-menu="tools"]');
  [rec] = await Promise.all([main.waitForEvent('popup'), main.click('[data-menu-id="data-recorder"]')]);
  collectPageErrors(rec, errors);
  await rec.waitForSelector('[data-testid="data-recorder"]');
}

async function connectSim(first: boolean): Promise<void> {
  await main.click('[data-menu="system"]');
  await main.click('[data-menu-id="connect-SIM"]');
  await main.locator('[data-testid="connect-dialog"]').waitFor();
  if (first) {
    await main.fill('[data-testid="connect-field-资金账号"]', 'e2e001');
    await main.fill('[data-testid="connect-field-密码"]', 'e2e-secret');
  }
  await main.fill('[data-testid="connect-field-行情间隔(ms)"]', '300');
  await main.click('[data-testid="connect-submit"]');
  await expect.poll(() => main.textContent('[data-gateway-status="SIM"]')).toContain('已连接');
}

const status = () => rec.textContent('[data-row="600000.SSE"] [data-col="status"]');

beforeAll(async () => {
  await ensureRendererBuilt();
  host = await startHost();
  browser = await launchBrowser();
  await openMain();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('功能→行情记录', () => {
  it('waits for a connection, then records once SIM connects', async () => {
    await openRecorder();
    await expect.poll(() => rec.textContent('[data-testid="dr-table"] tbody')).toMatch(/没有正在记录的代码/);
    await rec.fill('[data-testid="dr-code"]', '600000.SH');
    await rec.click('[data-testid="dr-add"]');
    await expect.poll(status).toBe('等待连接');
    await connectSim(true);
    await expect.poll(status, { timeout: 10_000 }).toBe('录制中');
    expect(await rec.textContent('[data-row="600000.SSE"] td:nth-child(3)')).toBe('SIM');
  });

  it('survives a reconnect', async () => {
    await main.click('[data-menu="system"]');
    await main.click('[data-menu-id="disconnect-SIM"]');
    await expect.poll(status).toBe('等待连接');
    await connectSim(false);
    await expect.poll(status, { timeout: 10_000 }).toBe('录制中');
  });

  it('keeps the code after a restart of the host', async () => {
    await browser.close();
    await host.stop();
    host = await startHost({ VNTRADER_DIR: host.dir });
    browser = await launchBrowser();
    await openMain();
    await openRecorder();
    await expect.poll(status).toBe('等待连接');
    // Without a keychain in the test box the password lived in the session store: type it again.
    await connectSim(true);
    await expect.poll(status, { timeout: 10_000 }).toBe('录制中');
  });

  it('removes a code', async () => {
    await rec.click('[data-row="600000.SSE"] [data-action="remove"]');
    await expect.poll(() => rec.locator('[data-row="600000.SSE"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
