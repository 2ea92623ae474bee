/**
 * 功能→数据管理 in Chromium against the real headless host, whose Tushare address points at
 * the local server speaking Tushare's protocol with recorded rows: import a code's daily
 * bars with a progress bar, import a CSV of minute bars, see both in the overview with
 * their counts and spans, export the CSV back and get the same rows, delete a row.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_FIXTURE, startFakeTushare, type FakeTushare } from '../fixtures/tushare/fake-tushare';
import { type AppSession, openApp, openMenuWindow, screenshot } from './e2e-harness';

const TOKEN = 'e2e-bars-token-0123456789abcdef';
const HEADER = 'symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest';

/** One morning of 1-minute bars of 000001.SZSE, 09:30–10:29 (60 bars), prices made up. */
function minuteCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < 60; i++) {
    const hh = String(9 + Math.floor((30 + i) / 60)).padStart(2, '0');
    const mm = String((30 + i) % 60).padStart(2, '0');
    const open = 10 + i * 0.01;
    const close = open + (i % 3 === 0 ? -0.02 : 0.03);
    lines.push(`000001,SZSE,2024-03-01 ${hh}:${mm}:00,${open.toFixed(2)},${(Math.max(open, close) + 0.02).toFixed(2)},${(Math.min(open, close) - 0.01).toFixed(2)},${close.toFixed(2)},${1000 + i * 10},${(1000 + i * 10) * open},0`);
  }
  return `${lines.join('\n')}\n`;
}

let fake: FakeTushare;
let app: AppSession;
let main: Page;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // Slow enough that the progress bar can be seen mid-import.
  fake = await startFakeTushare({ token: TOKEN, delayMs: 400 });
  app = await openApp({ env: { TSTRADER_TUSHARE_URL: fake.url }, width: 1280, height: 800 });
  ({ page: main, errors } = app);
}, 90_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const row = (key: string) => page.locator(`[data-testid="dm-overview"] tr[data-row="${key}"]`);

describe('功能→数据管理', () => {
  it('opens from the menu with an empty overview, and keeps the token masked', async () => {
    page = await openMenuWindow(main, 'tools', 'data-manager', errors);
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.waitForSelector('[data-testid="data-manager"]');
    await expect.poll(() => page.textContent('[data-testid="dm-overview"] tbody')).toMatch(/还没有K线数据/);
    // A fresh profile with its own keychain service (e2e-harness): nothing saved yet.
    await expect.poll(() => page.textContent('[data-testid="dm-token-status"]')).toBe('未保存');
    expect(await page.getAttribute('[data-testid="dm-token"]', 'type')).toBe('password');
    await page.fill('[data-testid="dm-token"]', TOKEN);
    await page.click('[data-testid="dm-token-save"]');
    await expect.poll(() => page.textContent('[data-testid="dm-token-status"]')).toMatch(/^已保存/);
    expect(await page.inputValue('[data-testid="dm-token"]')).toBe('');
  });

  it('imports daily bars from Tushare with a progress bar and lists them', async () => {
    const days = DAILY_FIXTURE.items.filter((r) => r[0] === '600000.SH').map((r) => String(r[1])).sort();
    await page.fill('[data-testid="dm-ts-code"]', '600000');
    await page.selectOption('[data-testid="dm-ts-interval"]', 'd');
    await page.fill('[data-testid="dm-start"]', '2024-01-01');
    await page.fill('[data-testid="dm-end"]', '2024-03-31');
    await page.click('[data-testid="dm-ts-import"]');
    await expect.poll(() => page.getAttribute('[data-testid="dm-progress"]', 'data-state')).toBe('running');
    await page.locator('[data-testid="dm-progress-bar"]').waitFor();
    await expect.poll(() => page.getAttribute('[data-testid="dm-progress"]', 'data-state'), { timeout: 15_000 }).toBe('finished');
    await expect.poll(() => page.textContent('[data-testid="dm-progress-text"]')).toBe(`导入完成：${days.length} 根K线`);
    expect(fake.requests.map((r) => r.api_name)).toEqual(expect.arrayContaining(['daily', 'adj_factor']));
    expect(fake.requests.every((r) => r.params.ts_code === '600000.SH')).toBe(true);

    const r = row('600000.SSE|d');
    await r.waitFor();
    expect(await r.locator('td').allTextContents()).toEqual([
      '600000', 'SSE', '日线', String(days.length),
      `${days[0]!.slice(0, 4)}-${days[0]!.slice(4, 6)}-${days[0]!.slice(6)}`,
      `${days.at(-1)!.slice(0, 4)}-${days.at(-1)!.slice(4, 6)}-${days.at(-1)!.slice(6)}`,
      '导出删除',
    ]);
    // The token reached Tushare and no file of the .vntrader folder.
    for (const f of fs.readdirSync(app.host.dir, { recursive: true, withFileTypes: true })) {
      if (f.isFile()) expect(fs.readFileSync(`${f.parentPath}/${f.name}`).includes(TOKEN), f.name).toBe(false);
    }
  });

  it('imports a CSV of minute bars and exports the same rows back', async () => {
    const csv = minuteCsv();
    await page.selectOption('[data-testid="dm-csv-interval"]', '1m');
    await page.setInputFiles('[data-testid="dm-csv"]', { name: 'bars_000001.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.textContent('[data-testid="dm-progress-text"]')).toBe('bars_000001.csv：导入完成：60 根K线');
    const r = row('000001.SZSE|1m');
    await r.waitFor();
    expect(await r.locator('td').allTextContents()).toEqual(['000001', 'SZSE', '1分钟', '60', '2024-03-01 09:30', '2024-03-01 10:29', '导出删除']);
    await screenshot(page, 'e2e-data-manager-01-overview');

    const [download] = await Promise.all([page.waitForEvent('download'), r.locator('[data-action="export"]').click()]);
    expect(download.suggestedFilename()).toBe('000001.SZSE_1m_1分钟.csv');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(HEADER);
    // Same bars, numbers compared as numbers (the export writes 10 where the file had 10.00).
    const norm = (l: string) => l.split(',').map((c, i) => (i >= 3 ? Number(c) : c)).join(',');
    expect(lines.slice(1).map(norm)).toEqual(csv.trim().split('\n').slice(1).map(norm));
    await expect.poll(() => page.textContent('[data-testid="dm-message"]')).toMatch(/已导出 000001\.SZSE 1分钟 60 根K线（不复权）/);
  });

  it('refuses a CSV without rows with a Chinese reason and keeps what is stored', async () => {
    await page.setInputFiles('[data-testid="dm-csv"]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${HEADER}\n000001,SZSE,not-a-date,1,1,1,1,1,1,0\n`) });
    await expect.poll(() => page.getAttribute('[data-testid="dm-progress"]', 'data-state')).toBe('failed');
    expect(await page.textContent('[data-testid="dm-progress-text"]')).toMatch(/^CSV 中没有可导入的行：第 2 行/);
    expect(await row('000001.SZSE|1m').locator('[data-col="count"]').textContent()).toBe('60');
  });

  it('deletes a row after a confirmation', async () => {
    const r = row('000001.SZSE|1m');
    await r.locator('[data-action="delete"]').click();
    await r.locator('[data-action="confirm-delete"]').click();
    await expect.poll(() => r.count()).toBe(0);
    expect(await page.textContent('[data-testid="dm-message"]')).toBe('已删除 000001.SZSE 1分钟 60 根K线');
    expect(await row('600000.SSE|d').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
