/**
 * 功能→两融数据 in Chromium against the real headless host, whose Tushare address
 * (TSTRADER_TUSHARE_URL) points at a local server speaking Tushare's protocol with recorded
 * rows: save a token, import a code and watch the progress, see the chart's three series
 * and the row that breaks an identity in red; then a CSV file of another code.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARGIN_FIXTURE, startFakeTushare, type FakeTushare } from '../fixtures/tushare/fake-tushare';
import { type AppSession, openApp, openMenuWindow, screenshot } from './e2e-harness';

const TOKEN = 'e2e-tushare-token-0123456789abcdef';

let fake: FakeTushare;
let app: AppSession;
let main: Page;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // Slow enough that the progress bar can be seen mid-import.
  fake = await startFakeTushare({ token: TOKEN, delayMs: 700 });
  app = await openApp({ env: { TSTRADER_TUSHARE_URL: fake.url }, width: 1280, height: 800 });
  ({ page: main, errors } = app);
}, 90_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const pathPoints = (d: string | null) => (d ?? '').split(/[ML]/).filter(Boolean).length;

describe('功能→两融数据', () => {
  it('opens from the menu, and keeps the token masked and in the keychain', async () => {
    page = await openMenuWindow(main, 'tools', 'margin-data', errors);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('[data-testid="margin-data"]');
    await expect.poll(() => page.textContent('[data-testid="margin-token-status"]')).toBe('未保存');
    expect(await page.getAttribute('[data-testid="margin-token"]', 'type')).toBe('password');
    await page.fill('[data-testid="margin-token"]', TOKEN);
    await page.click('[data-testid="margin-token-save"]');
    // No keychain in the test box: the engine falls back to the session store and says so.
    await expect.poll(() => page.textContent('[data-testid="margin-token-status"]')).toMatch(/^已保存/);
    expect(await page.inputValue('[data-testid="margin-token"]')).toBe('');
  });

  it('imports a code from Tushare with a progress bar, then draws the three series and flags the broken row', async () => {
    await page.fill('[data-testid="margin-code"]', '000001');
    await page.fill('[data-testid="margin-start"]', '2024-04-01');
    await page.fill('[data-testid="margin-end"]', '2024-04-16');
    await page.click('[data-testid="margin-import"]');
    await expect.poll(() => page.getAttribute('[data-testid="margin-progress"]', 'data-state')).toBe('running');
    await page.locator('[data-testid="margin-progress-bar"]').waitFor();
    await screenshot(page, 'e2e-margin-01-importing');
    await expect.poll(() => page.getAttribute('[data-testid="margin-progress"]', 'data-state'), { timeout: 10_000 }).toBe('finished');
    await expect.poll(() => page.textContent('[data-testid="margin-progress-text"]')).toMatch(/导入完成：10 行，1 个代码（1\/1 段，10 行）/);
    expect(fake.requests.at(-1)).toEqual({
      api_name: 'margin_detail',
      token: TOKEN,
      params: { ts_code: '000001.SZ', start_date: '20240401', end_date: '20240416' },
      fields: 'trade_date,ts_code,name,rzye,rqye,rzmre,rqyl,rzche,rqchl,rqmcl,rzrqye',
    });

    // The chart: one path per series through the ten trading days, two value axes and dates.
    await page.locator('[data-testid="margin-chart"]').waitFor();
    for (const key of ['rzye', 'rqye', 'rzmre']) {
      expect(pathPoints(await page.getAttribute(`[data-series="${key}"]`, 'd')), key).toBe(10);
    }
    expect(await page.locator('[data-legend]').allTextContents()).toEqual(['融资余额（左轴）', '融券余额（右轴）', '融资买入额（右轴）']);
    expect(await page.locator('[data-axis="left"] text').first().textContent()).toBe('亿元');
    expect(await page.locator('[data-axis="x"] text').count()).toBeGreaterThanOrEqual(5);

    // The table: 20240409's 融资融券余额 is 5,000 元 more than 融资余额 + 融券余额.
    expect(await page.textContent('[data-testid="margin-flag-note"]')).toMatch(/000001\.SZ 共 10 行；1 行不符合恒等式/);
    const flagged = page.locator('[data-testid="margin-table"] tr[data-flagged="true"]');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.getAttribute('data-date')).toBe('20240409');
    expect(await flagged.locator('[data-flag="balance-sum"]').textContent()).toMatch(/融资融券余额 ≠ 融资余额 \+ 融券余额.*差 5,000/);
    // Red: the theme's --up, #f04848.
    expect(await flagged.locator('td').first().evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td).color)).toBe('rgb(240, 72, 72)');
    expect(await page.locator('[data-flag-mark="20240409"]').count()).toBe(1);

    // Hover: the readout follows the mouse to the first trading day.
    const area = page.locator('[data-testid="margin-chart-hover"]');
    const box = (await area.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await expect.poll(() => page.textContent('[data-testid="margin-readout"]')).toMatch(/^2024-04-01融资余额 45\.\d\d亿/);
    await page.mouse.move(box.x + box.width * (4 / 9), box.y + box.height / 2);
    await expect.poll(() => page.textContent('[data-testid="margin-readout"]')).toMatch(/^2024-04-09.*恒等式不符$/);
    await screenshot(page, 'e2e-margin-02-chart');
  });

  it('imports a CSV file of another code and flags its broken 融资余额 flow', async () => {
    const header = 'trade_date,ts_code,name,rzye,rqye,rzmre,rqyl,rzche,rqchl,rqmcl,rzrqye';
    const lines = MARGIN_FIXTURE.items.filter((r) => r[1] === '600000.SH').map((r) => r.join(','));
    await page.fill('[data-testid="margin-code"]', '600000.SH');
    // #11 item 9: a range that does not hold the file's dates; the view jumps to what was imported.
    await page.fill('[data-testid="margin-start"]', '2025-01-01');
    await page.fill('[data-testid="margin-end"]', '2025-02-01');
    await page.setInputFiles('[data-testid="margin-csv"]', { name: 'margin_600000.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n')) });
    await expect.poll(() => page.textContent('[data-testid="margin-progress-text"]')).toMatch(/margin_600000\.csv：导入完成：10 行/);
    await expect.poll(() => page.textContent('[data-testid="margin-flag-note"]')).toMatch(/600000\.SH 共 10 行；1 行不符合恒等式/);
    const flagged = page.locator('[data-testid="margin-table"] tr[data-flagged="true"]');
    expect(await flagged.getAttribute('data-date')).toBe('20240411');
    expect(await flagged.locator('[data-flag="financing-flow"]').textContent()).toMatch(/前日\(2024-04-10\).*差 1,200,000/);
    expect([await page.inputValue('[data-testid="margin-start"]'), await page.inputValue('[data-testid="margin-end"]')]).toEqual(['2024-04-01', '2024-04-16']);
    // dates as 2024-04-11, amounts in 万/亿 with two decimals, share counts whole
    expect(await flagged.locator('td').first().textContent()).toBe('2024-04-11');
    expect(await flagged.locator('[data-col="rzye"]').textContent()).toMatch(/^\d{1,4}(,\d{3})*\.\d\d(亿|万)$/);
    expect(await flagged.locator('[data-col="rqyl"]').textContent()).toMatch(/^[\d,]+$/);
    await screenshot(page, 'e2e-margin-03-csv');
    expect(errors).toEqual([]);
  });
});
