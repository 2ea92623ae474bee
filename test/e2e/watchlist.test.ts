/**
 * 自选 in Chromium against the real headless host with SIM: codes join the 行情 monitor from
 * the trading panel, from 帮助→查询合约's and the 合约 tab's right-click 加入自选 and from
 * 行情's own input; one leaves by 删除自选 and one by the Delete key; one moves up by 上移 and
 * one by a drag. After a restart of the host on the same .vntrader folder the rows are back in
 * that order before any login, and with live prices once SIM connects — no code typed again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, collectPageErrors, ensureRendererBuilt, launchBrowser, screenshot, startHost, type Host } from './e2e-harness';

let host: Host;
let browser: Browser;
let page: Page;
const errors: string[] = [];

async function openMain(): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  collectPageErrors(page, errors);
  await page.goto(host.url);
  await page.waitForSelector('[data-menu="system"]');
}

async function connectSim(): Promise<void> {
  await page.click('[data-menu="system"]');
  await page.click('[data-menu-id="connect-SIM"]');
  await page.locator('[data-testid="connect-dialog"]').waitFor();
  // A restarted host in a box without a keychain has no saved password: type it each time.
  await page.fill('[data-testid="connect-field-资金账号"]', 'e2e001');
  await page.fill('[data-testid="connect-field-密码"]', 'e2e-secret');
  await page.fill('[data-testid="connect-field-行情间隔(ms)"]', '300');
  await page.click('[data-testid="connect-submit"]');
  await page.locator('[data-testid="connect-dialog"]').waitFor({ state: 'detached' });
  await expect.poll(() => page.textContent('[data-gateway-status="SIM"]')).toContain('已连接');
}

/** The 行情 rows top to bottom. */
const rowsShown = () =>
  page.locator('[data-grid="ticks"] .ag-row').evaluateAll((rows) =>
    rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index'))).map((r) => r.getAttribute('row-id')));

const tickRow = (vt: string) => page.locator(`[data-grid="ticks"] .ag-row[row-id="${vt}"]`);

async function rowMenu(vt: string, item: string): Promise<void> {
  await cell(page, 'ticks', vt, 'symbol').click({ button: 'right' });
  await page.locator(`[data-testid="menu-ticks"] [data-menu-item="${item}"]`).click();
}

/** Drag a 行情 row by its handle and drop it on another row. */
async function dragRow(vt: string, onto: string): Promise<void> {
  const from = (await tickRow(vt).locator('.ag-row-drag').boundingBox())!;
  const to = (await tickRow(onto).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 5, { steps: 3 });
  await page.mouse.move(to.x + 40, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}

async function fromPanel(code: string): Promise<void> {
  await page.fill('[data-testid="panel-code"]', code);
  await page.press('[data-testid="panel-code"]', 'Enter');
}

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

describe('自选', () => {
  it('adds codes from the trading panel, 查询合约, the 合约 tab and 行情, in the order they came', async () => {
    await connectSim();
    await fromPanel('600000');
    await tickRow('600000.SSE').waitFor();

    await page.click('[data-menu="help"]');
    const [query] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="contract-query"]')]);
    collectPageErrors(query, errors);
    await query.fill('[data-testid="query-filter"]', '00000');
    await query.click('[data-testid="query-submit"]');
    for (const vt of ['000001.SZSE', '000002.SZSE']) {
      await query.locator(`[data-grid="contract-query"] .ag-row[row-id="${vt}"] [col-id="symbol"]`).click({ button: 'right' });
      await query.click('[data-menu-item="加入自选"]');
      await expect.poll(() => query.textContent('[data-testid="query-message"]')).toBe(`已加入自选：${vt}`);
    }
    await query.close();

    await page.fill('[data-testid="watchlist-code"]', '600036.SH');
    await page.press('[data-testid="watchlist-code"]', 'Enter');
    await fromPanel('601318');
    // The 合约 tab's menu: 加入自选, offered only for a code 行情 does not list yet.
    await page.click('[data-tabs="top"] [data-tab="contracts"]');
    await cell(page, 'contracts', '600000.SSE', 'symbol').click({ button: 'right' });
    expect(await page.getAttribute('[data-testid="menu-contracts"] [data-menu-item="加入自选"]', 'aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');
    await cell(page, 'contracts', '600519.SSE', 'symbol').click({ button: 'right' });
    await page.click('[data-testid="menu-contracts"] [data-menu-item="加入自选"]');
    await page.click('[data-tabs="top"] [data-tab="ticks"]');
    await expect.poll(rowsShown).toEqual(['600000.SSE', '000001.SZSE', '000002.SZSE', '600036.SSE', '601318.SSE', '600519.SSE']);
    // A typo is refused in Chinese and adds nothing.
    await page.fill('[data-testid="watchlist-code"]', '688999');
    await page.press('[data-testid="watchlist-code"]', 'Enter');
    await expect.poll(() => page.textContent('.toasts')).toContain('未找到合约 688999.SSE，无法加入自选');
    // Adding a code already listed leaves it where it is.
    await fromPanel('000001');
    await expect.poll(() => page.inputValue('[data-testid="panel-name"]')).toBe('平安银行');
    expect(await rowsShown()).toEqual(['600000.SSE', '000001.SZSE', '000002.SZSE', '600036.SSE', '601318.SSE', '600519.SSE']);
  });

  it('removes by 删除自选 and by the Delete key, and reorders by 上移 and by a drag', async () => {
    await rowMenu('000001.SZSE', '删除自选');
    await expect.poll(rowsShown).toEqual(['600000.SSE', '000002.SZSE', '600036.SSE', '601318.SSE', '600519.SSE']);
    await cell(page, 'ticks', '601318.SSE', 'symbol').click();
    await page.keyboard.press('Delete');
    await expect.poll(rowsShown).toEqual(['600000.SSE', '000002.SZSE', '600036.SSE', '600519.SSE']);
    await rowMenu('600036.SSE', '上移');
    await expect.poll(rowsShown).toEqual(['600000.SSE', '600036.SSE', '000002.SZSE', '600519.SSE']);
    // Dragged by its 代码 onto the row above it.
    await dragRow('600519.SSE', '000002.SZSE');
    await expect.poll(rowsShown).toEqual(['600000.SSE', '600036.SSE', '600519.SSE', '000002.SZSE']);
    // The first row cannot move up; the menu says so rather than doing nothing.
    await cell(page, 'ticks', '600000.SSE', 'symbol').click({ button: 'right' });
    expect(await page.getAttribute('[data-testid="menu-ticks"] [data-menu-item="上移"]', 'aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');
    const saved = JSON.parse(fs.readFileSync(path.join(host.dir, 'watchlist_setting.json'), 'utf8')) as { symbols: { vt_symbol: string }[] };
    expect(saved.symbols.map((s) => s.vt_symbol)).toEqual(['600000.SSE', '600036.SSE', '600519.SSE', '000002.SZSE']);
  });

  it('comes back in order after a restart of the host, with live prices once SIM connects', async () => {
    await browser.close();
    await host.stop();
    host = await startHost({ VNTRADER_DIR: host.dir });
    browser = await launchBrowser();
    await openMain();
    // Before any login: the rows are there, in order and named, waiting for their first quote.
    await expect.poll(rowsShown).toEqual(['600000.SSE', '600036.SSE', '600519.SSE', '000002.SZSE']);
    expect(await cell(page, 'ticks', '600000.SSE', 'last_price').textContent()).toBe('');
    expect(await cell(page, 'ticks', '000002.SZSE', 'name').textContent()).toBe('万科A');
    await screenshot(page, 'e2e-watchlist-01-before-login');

    await connectSim();
    for (const [vt, name] of [['600000.SSE', '浦发银行'], ['600036.SSE', '招商银行'], ['000002.SZSE', '万科A'], ['600519.SSE', '贵州茅台']] as const) {
      await expect.poll(async () => Number(await cell(page, 'ticks', vt, 'last_price').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await cell(page, 'ticks', vt, 'name').textContent()).toBe(name);
    }
    expect(await rowsShown()).toEqual(['600000.SSE', '600036.SSE', '600519.SSE', '000002.SZSE']);
    await screenshot(page, 'e2e-watchlist-02-live-after-restart');
    expect(errors).toEqual([]);
  });
});
