/**
 * A trader's whole session in the real UI, in Chromium, against the real headless host:
 * 系统→连接SIM → 帮助→查询合约 → fill the panel from it → buy 100 → 委托 and 成交 rows →
 * 持仓 and 资金 move by the right amounts → cancel a resting order by double-click in 可撤
 * → an order of 150 is stopped in the panel with the reason, and never reaches the engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUT_FILE } from '../../electron/engine/store/layout-store';
import { cell, collectPageErrors, openApp, screenshot, type AppSession } from './e2e-harness';

let app: AppSession;
let page: Page;
let errors: string[];

const money = (text: string) => Number(text.replace(/,/g, ''));
const roundCents = (v: number) => Math.round(v * 100 + 1e-7) / 100;

beforeAll(async () => {
  app = await openApp({ width: 1440, height: 900 });
  ({ page, errors } = app);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

/** The sort the engine has saved in ui_layout.json for a grid's column (undefined until saved). */
function savedSort(key: string, colId: string): string | null | undefined {
  const file = path.join(app.host.dir, LAYOUT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const columns = (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { colId: string; sort?: string | null }[] | undefined>)[key];
  return columns?.find((c) => c.colId === colId)?.sort;
}

async function openTab(id: string) {
  await page.click(`[data-tab="${id}"]`);
}

describe('a trader’s session', () => {
  it('connects SIM from 系统→连接 with the generated dialog', async () => {
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="connect-SIM"]');
    const dialog = page.locator('[data-testid="connect-dialog"]');
    await dialog.waitFor();
    await expect.poll(() => page.inputValue('[data-testid="connect-field-资金账号"]')).toBe('sim001');
    expect(await page.getAttribute('[data-testid="connect-field-密码"]', 'type')).toBe('password');
    await page.fill('[data-testid="connect-field-资金账号"]', 'e2e001');
    await page.fill('[data-testid="connect-field-密码"]', 'e2e-secret');
    // A bad number is refused in the dialog, before anything is sent.
    await page.fill('[data-testid="connect-field-行情间隔(ms)"]', 'fast');
    await page.click('[data-testid="connect-submit"]');
    await expect.poll(() => page.textContent('[data-testid="connect-status"]')).toContain('行情间隔(ms)');
    await page.fill('[data-testid="connect-field-行情间隔(ms)"]', '500');
    await screenshot(page, 'e2e-01-connect-dialog');
    await page.click('[data-testid="connect-submit"]');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.textContent('[data-gateway-status="SIM"]')).toContain('已连接');
  });

  it('fills the main panel from 帮助→查询合约 (filter 600, double-click 浦发银行)', async () => {
    await page.click('[data-menu="help"]');
    const [query] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="contract-query"]')]);
    // the window's own errors count too: 'shows no page errors' checks them with the main page's
    collectPageErrors(query, errors);
    await query.waitForSelector('[data-testid="query-filter"]');
    await query.fill('[data-testid="query-filter"]', '600');
    await query.click('[data-testid="query-submit"]');
    const row = query.locator('[data-grid="contract-query"] .ag-row[row-id="600000.SSE"]');
    await row.waitFor();
    expect(await row.locator('[col-id="name"]').textContent()).toBe('浦发银行');
    await expect.poll(() => query.locator('[data-grid="contract-query"] .ag-row').count()).toBeGreaterThan(5);
    await screenshot(query, 'e2e-02-contract-query');
    await row.locator('[col-id="name"]').dblclick();
    await expect.poll(() => page.inputValue('[data-testid="panel-name"]')).toBe('浦发银行');
    expect(await page.inputValue('[data-testid="panel-code"]')).toBe('600000');
    expect(await page.inputValue('[data-testid="panel-exchange"]')).toBe('SSE');
    // A-shares carry no 开平: the futures field stays hidden.
    expect(await page.locator('[data-testid="panel-offset"]').count()).toBe(0);
    expect(Number(await page.inputValue('[data-testid="panel-price"]'))).toBeGreaterThan(0);
    await query.close();
  });

  it('buys 100 at a limit price: a 委托 row, a 成交 row, and 持仓 and 资金 change by the right amounts', async () => {
    await page.locator('[data-testid="depth-last"]').waitFor();
    const ask1 = Number(await page.locator('[data-level="卖1"] .price').textContent());
    // A few ticks above the best ask, so the order crosses however the quote moved meanwhile.
    const price = roundCents(ask1 + 0.05);
    await page.selectOption('[data-testid="panel-direction"]', '多');
    await page.fill('[data-testid="panel-price"]', price.toFixed(2));
    await page.fill('[data-testid="panel-volume"]', '100');
    await page.click('[data-testid="panel-send"]');
    await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);
    const vtOrderId = (await page.textContent('[data-testid="panel-message"]'))!.replace('已委托：', '').trim();

    await openTab('orders');
    await expect.poll(() => cell(page, 'orders', vtOrderId, 'status').textContent()).toBe('全部成交');
    await openTab('trades');
    const orderId = vtOrderId.slice('SIM.'.length);
    const tradeRow = page.locator('[data-grid="trades"] .ag-row').filter({ has: page.locator('[col-id="orderid"]', { hasText: new RegExp(`^${orderId}$`) }) });
    await tradeRow.first().waitFor();
    const fillPrice = Number(await tradeRow.first().locator('[col-id="price"]').textContent());
    const fee = money((await tradeRow.first().locator('[col-id="fee"]').textContent())!);
    expect(fillPrice).toBeLessThanOrEqual(price);
    // Fees by hand: commission max(0.025 %, 5) + transfer 0.001 %, no stamp duty on a buy.
    const amount = roundCents(fillPrice * 100);
    expect(fee).toBe(roundCents(Math.max(roundCents(amount * 0.00025), 5) + roundCents(amount * 0.00001)));
    await screenshot(page, 'e2e-03-trade');

    await openTab('positions');
    await expect.poll(() => cell(page, 'positions', 'SIM.600000.SSE.多', 'volume').textContent()).toBe('100');
    expect(await cell(page, 'positions', 'SIM.600000.SSE.多', 'available').textContent()).toBe('0');
    await openTab('accounts');
    await expect.poll(async () => money((await cell(page, 'accounts', 'SIM.e2e001', 'balance').textContent()) ?? '')).toBe(roundCents(1_000_000 - amount - fee));
    await screenshot(page, 'e2e-04-accounts');
  });

  it('cancels a resting order by double-clicking it in 可撤', async () => {
    const bid5 = Number(await page.locator('[data-level="买5"] .price').textContent());
    // Well below the book: it rests.
    const price = roundCents(bid5 - 0.3);
    await page.fill('[data-testid="panel-price"]', price.toFixed(2));
    await page.fill('[data-testid="panel-volume"]', '200');
    await page.click('[data-testid="panel-send"]');
    await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);
    const vtOrderId = (await page.textContent('[data-testid="panel-message"]'))!.replace('已委托：', '').trim();
    await openTab('orders');
    await page.check('[data-testid="orders-active"]');
    const row = page.locator(`[data-grid="orders-active"] .ag-row[row-id="${vtOrderId}"]`);
    await row.waitFor();
    expect(await row.locator('[col-id="status"]').textContent()).toBe('未成交');
    await screenshot(page, 'e2e-05-active-orders');
    await row.locator('[col-id="symbol"]').dblclick();
    await row.waitFor({ state: 'detached' });
    await page.check('[data-testid="orders-all"]');
    await expect.poll(() => cell(page, 'orders', vtOrderId, 'status').textContent()).toBe('已撤销');
  });

  it('stops an order of 150 shares in the panel with the reason; nothing reaches the engine', async () => {
    await openTab('orders');
    const before = await page.locator('[data-grid="orders"] .ag-row').count();
    await page.fill('[data-testid="panel-volume"]', '150');
    await page.click('[data-testid="panel-send"]');
    await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toContain('买入数量必须为 100 股的整数倍，当前为 150 股');
    await screenshot(page, 'e2e-06-lot-rejected');
    await openTab('logs');
    const logText = await page.locator('[data-grid="logs"]').textContent();
    expect(logText).not.toContain('委托被拒绝');
    await openTab('orders');
    expect(await page.locator('[data-grid="orders"] .ag-row').count()).toBe(before);
  });

  it('F2 sets 卖出 and Esc clears; a 持仓 double-click fills a sell of what is available', async () => {
    await page.keyboard.press('F2');
    expect(await page.inputValue('[data-testid="panel-direction"]')).toBe('空');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('[data-testid="panel-code"]')).toBe('');
    await page.keyboard.press('F1');
    expect(await page.inputValue('[data-testid="panel-direction"]')).toBe('多');
    await openTab('positions');
    await cell(page, 'positions', 'SIM.600000.SSE.多', 'symbol').dblclick();
    await expect.poll(() => page.inputValue('[data-testid="panel-code"]')).toBe('600000');
    expect(await page.inputValue('[data-testid="panel-direction"]')).toBe('空');
    expect(await page.inputValue('[data-testid="panel-volume"]')).toBe('0');
  });

  it('sorts numeric columns by number, and keeps the sort across a reload', async () => {
    // 中国石化 trades near 5 CNY, 浦发银行 near 13: as text "13…" would sort before "5…".
    for (const code of ['600028', '600000']) {
      await page.fill('[data-testid="panel-code"]', code);
      await page.press('[data-testid="panel-code"]', 'Enter');
      await expect.poll(() => page.locator(`[data-grid="ticks"] .ag-row[row-id="${code}.SSE"]`).count()).toBe(1);
    }
    await openTab('ticks');
    const header = page.locator('[data-grid="ticks"] .ag-header-cell[col-id="last_price"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    const order = async () => page.locator('[data-grid="ticks"] .ag-row').evaluateAll((rows) =>
      rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index'))).map((r) => r.getAttribute('row-id')));
    expect((await order()).slice(0, 2)).toEqual(['600028.SSE', '600000.SSE']);
    // The column state is saved through the engine (ui_layout.json), not the page's storage.
    await expect.poll(() => savedSort('grid.ticks', 'last_price'), { timeout: 10_000 }).toBe('asc');
    await page.reload();
    await page.locator('[data-grid="ticks"] .ag-row[row-id="600000.SSE"]').waitFor();
    await expect.poll(() => page.locator('[data-grid="ticks"] .ag-header-cell[col-id="last_price"]').getAttribute('aria-sort')).toBe('ascending');
  });

  it('exports a monitor to CSV from the right-click menu', async () => {
    await openTab('orders');
    await page.locator('[data-grid="orders"] .ag-row').first().locator('[col-id="symbol"]').click({ button: 'right' });
    const menu = page.locator('.context-menu');
    await menu.waitFor();
    // a 委托 row offers 撤单 first (#11 item 11), then the grid's own entries
    expect(await menu.locator('[role="menuitem"]').allTextContents()).toEqual(['撤单', '导出CSV', '自适应列宽']);
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('li', { hasText: '导出CSV' }).click()]);
    const file = await download.path();
    const csv = (await import('node:fs')).readFileSync(file, 'utf8');
    expect(csv.split('\n')[0]).toContain('委托号');
    expect(csv).toContain('浦发银行');
  });

  it('shows a counter’s error in the dialog, the status bar, a toast and 日志', async () => {
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="disconnect-SIM"]');
    await expect.poll(() => page.textContent('[data-gateway-status="SIM"]')).toContain('未连接');
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="connect-SIM"]');
    await page.locator('[data-testid="connect-dialog"]').waitFor();
    // The stored password is not sent back to the page.
    await expect.poll(() => page.getAttribute('[data-testid="connect-field-密码"]', 'placeholder')).toContain('已保存');
    expect(await page.inputValue('[data-testid="connect-field-密码"]')).toBe('');
    await page.fill('[data-testid="connect-field-密码"]', 'wrong-password');
    await page.click('[data-testid="connect-submit"]');
    await expect.poll(() => page.textContent('[data-testid="connect-status"]')).toContain('密码');
    await expect.poll(() => page.textContent('[data-gateway-status="SIM"]')).toContain('出错');
    await expect.poll(() => page.locator('.toast.error').count()).toBeGreaterThan(0);
    await screenshot(page, 'e2e-07-login-error');
    await page.click('.dialog button:has-text("取消")');
    await openTab('logs');
    await expect.poll(() => page.locator('[data-grid="logs"]').textContent()).toContain('连接失败');
  });

  it('shows no page errors', () => {
    expect(errors).toEqual([]);
  });
});
