/**
 * 功能→策略管理 in the real UI: add a strategy file, start it, watch its log, its order and
 * its fill, stop it. The strategy runs in a worker thread of the real engine, trading SIM.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, ensureRendererBuilt, launchBrowser, ROOT, screenshot, startHost, type Host } from './e2e-harness';

let host: Host;
let browser: Browser;
let page: Page;
let manager: Page;
let errors: string[];

beforeAll(async () => {
  await ensureRendererBuilt();
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = collectPageErrors(page);
  await page.goto(host.url);
  await page.click('[data-menu="system"]');
  await page.click('[data-menu-id="connect-SIM"]');
  await page.locator('[data-testid="connect-dialog"]').waitFor();
  await page.fill('[data-testid="connect-field-行情间隔(ms)"]', '300');
  await page.click('[data-testid="connect-submit"]');
  await page.locator('[data-gateway-status="SIM"]', { hasText: '已连接' }).waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('策略管理', () => {
  it('opens from 功能 and lists the shipped example files', async () => {
    await page.click('[data-menu="tools"]');
    [manager] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="strategy-manager"]')]);
    errors.push(...collectPageErrors(manager));
    await manager.locator('[data-testid="strategy-form"]').waitFor();
    await expect.poll(() => manager.locator('#strategy-files option').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toEqual(
      expect.arrayContaining([path.join(ROOT, 'strategies', 'jqtrade-demo.ts'), path.join(ROOT, 'strategies', 'double-ma.ts')]),
    );
  });

  it('refuses parameters that are not JSON, then adds the strategy', async () => {
    await manager.fill('[data-testid="strategy-file"]', path.join(ROOT, 'test/fixtures/strategies/e2e-buyer.ts'));
    await manager.fill('[data-testid="strategy-name"]', 'e2e-buyer');
    await manager.fill('[data-testid="strategy-params"]', '{oops');
    await manager.click('[data-testid="strategy-add"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-form-message"]')).toContain('参数不是有效的 JSON');
    await manager.fill('[data-testid="strategy-params"]', '{"volume": 100}');
    await manager.click('[data-testid="strategy-add"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-form-message"]')).toContain('已添加：e2e-buyer');
    await manager.locator('[data-grid="strategies"] .ag-row[row-id="e2e-buyer"]').waitFor();
    // A second strategy with the same name is refused by the engine.
    await manager.click('[data-testid="strategy-add"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-form-message"]')).not.toContain('已添加');
  });

  it('starts it: it logs, sends an order and gets a fill', async () => {
    await manager.locator('[data-grid="strategies"] .ag-row[row-id="e2e-buyer"] [col-id="name"]').click();
    await manager.click('[data-testid="strategy-start"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-status"]'), { timeout: 15_000 }).toBe('运行中');
    await expect.poll(() => manager.textContent('[data-testid="strategy-log"]'), { timeout: 15_000 }).toContain('e2e-buyer filled');
    await manager.click('[data-detail="orders"]');
    await expect.poll(() => manager.locator('[data-grid="strategy-orders"] .ag-row [col-id="status"]').first().textContent()).toBe('全部成交');
    await manager.click('[data-detail="trades"]');
    await expect.poll(() => manager.locator('[data-grid="strategy-trades"] .ag-row').count()).toBe(1);
    await screenshot(manager, 'e2e-strategy-01-running');
    // The main window sees the same order, with the strategy as its source.
    await page.click('[data-tab="orders"]');
    await expect.poll(() => page.locator('[data-grid="orders"] .ag-row [col-id="reference"]').allTextContents()).toContain('e2e-buyer');
  });

  it('stops it', async () => {
    await manager.click('[data-testid="strategy-stop"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-status"]'), { timeout: 15_000 }).toBe('已停止');
    await screenshot(manager, 'e2e-strategy-02-stopped');
  });

  it('runs the shipped jqtrade demo on a simulated clock, and it trades against SIM', async () => {
    await manager.fill('[data-testid="strategy-file"]', path.join(ROOT, 'strategies/jqtrade-demo.ts'));
    await manager.fill('[data-testid="strategy-name"]', 'demo');
    await manager.fill('[data-testid="strategy-params"]', '{}');
    await manager.check('[data-testid="strategy-simulated"]');
    await manager.fill('[data-testid="strategy-clock-start"]', '2025-01-06T09:29:58');
    await manager.fill('[data-testid="strategy-clock-speed"]', '60');
    await manager.click('[data-testid="strategy-add"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-form-message"]')).toContain('已添加：demo');
    const row = manager.locator('[data-grid="strategies"] .ag-row[row-id="demo"]');
    expect(await row.locator('[col-id="clock"]').textContent()).toBe('模拟 60×');
    await row.locator('[col-id="name"]').click();
    await manager.click('[data-testid="strategy-start"]');
    // jqtrade's demo buys 000002 at the open with a market order; at 60× the open is 2 s away.
    await expect.poll(() => manager.textContent('[data-testid="strategy-log"]'), { timeout: 30_000 }).toMatch(/成交：000002\.XSHE 买入 100 股/);
    await screenshot(manager, 'e2e-strategy-03-demo');
    await manager.click('[data-testid="strategy-stop"]');
    await expect.poll(() => manager.textContent('[data-testid="strategy-status"]'), { timeout: 15_000 }).toBe('已停止');
  }, 60_000);

  it('starts and stops every strategy from the list’s right-click menu (#11 item 11); the log is newest first', async () => {
    const list = manager.locator('[data-grid="strategies"]');
    await list.locator('.ag-row[row-id="demo"] [col-id="name"]').click({ button: 'right' });
    const menu = manager.locator('[data-testid="menu-strategies"]');
    await menu.waitFor();
    expect(await menu.locator('[data-menu-item]').allTextContents()).toEqual(['启动', '停止', '全部启动', '全部停止']);
    await menu.locator('[data-menu-item="全部启动"]').click();
    await expect.poll(() => manager.textContent('[data-testid="strategy-message"]'), { timeout: 20_000 }).toBe('已启动 2 个策略');
    for (const name of ['demo', 'e2e-buyer']) {
      await expect.poll(() => list.locator(`.ag-row[row-id="${name}"] [col-id="status"]`).textContent(), { timeout: 15_000 }).toBe('运行中');
    }
    // numbered from the oldest line, shown newest first
    expect(await manager.getAttribute('[data-testid="strategy-log"]', 'reversed')).not.toBeNull();
    await screenshot(manager, 'polish-strategy-all-started');
    await list.locator('.ag-row[row-id="e2e-buyer"] [col-id="name"]').click({ button: 'right' });
    await menu.locator('[data-menu-item="全部停止"]').click();
    await expect.poll(() => manager.textContent('[data-testid="strategy-message"]'), { timeout: 20_000 }).toBe('已停止 2 个策略');
    for (const name of ['demo', 'e2e-buyer']) {
      await expect.poll(() => list.locator(`.ag-row[row-id="${name}"] [col-id="status"]`).textContent(), { timeout: 15_000 }).toBe('已停止');
    }
  }, 60_000);

  it('shows no page errors', () => {
    expect(errors).toEqual([]);
  });
});
