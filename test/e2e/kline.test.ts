/**
 * 功能→K线图 end to end, in Chromium against the real headless host with SIM: import a CSV of
 * 1-minute bars in 数据管理 (the ten hours up to now and twenty minutes on, minute by minute
 * whatever the session, so a fill made now falls on a bar near the chart's right edge at any
 * hour the test runs), open K线图 from the 行情 row's right-click
 * menu, see the candles and the crosshair's OHLCV, buy 100 and see the red ▲ on the bar of
 * the fill's minute, sell them after SIM's 日终结算 (T+1) and see the green ▼, then the 分时
 * view's price and average lines.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDateTimeOf, tradingDayOf } from '../../common/time';
import { collectPageErrors, openApp, screenshot, type AppSession } from './e2e-harness';

const HEADER = 'symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest';
const MINUTES = 620;
const FIRST = Math.floor(Date.now() / 60_000) * 60_000 - 600 * 60_000;
const TIMES = Array.from({ length: MINUTES }, (_, i) => FIRST + i * 60_000);

/** 600000.SSE's minutes in TIMES, prices wandering round 10. */
function minutesCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < MINUTES; i++) {
    const open = 10 + Math.sin(i / 40) * 0.5;
    const close = open + Math.cos(i / 7) * 0.05;
    const volume = 1000 + (i % 17) * 100;
    lines.push(`600000,SSE,${cstDateTimeOf(TIMES[i]!)},${open.toFixed(2)},${(Math.max(open, close) + 0.03).toFixed(2)},${(Math.min(open, close) - 0.03).toFixed(2)},${close.toFixed(2)},${volume},${(volume * close).toFixed(2)},0`);
  }
  return `${lines.join('\n')}\n`;
}

const roundCents = (v: number) => Math.round(v * 100 + 1e-7) / 100;
const RED = [240, 72, 72];
const GREEN = [32, 178, 108];

let app: AppSession;
let page: Page;
let kline: Page;

beforeAll(async () => {
  app = await openApp();
  page = app.page;
}, 90_000);

afterAll(async () => {
  await app?.close();
});

/** The colour the chart's canvases show at a point (the topmost layer painted there), as [r, g, b, a]. */
function pixelAt(p: Page, x: number, y: number): Promise<number[]> {
  // A string: this file is type-checked without the DOM's types.
  return p.evaluate(`(() => {
    const root = document.querySelector('.kline-canvas');
    const box = root.getBoundingClientRect();
    const [px, py] = [${x} + box.left, ${y} + box.top];
    let found = [0, 0, 0, 0];
    for (const c of root.querySelectorAll('canvas')) {
      const r = c.getBoundingClientRect();
      if (px < r.left || px >= r.right || py < r.top || py >= r.bottom) continue;
      const scale = c.width / r.width;
      const d = c.getContext('2d').getImageData(Math.floor((px - r.left) * scale), Math.floor((py - r.top) * scale), 1, 1).data;
      if (d[3] > 0) found = Array.from(d);
    }
    return found;
  })()`);
}

describe('功能→K线图', () => {
  it('connects SIM and subscribes 600000 from the trading panel', async () => {
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="connect-SIM"]');
    await page.locator('[data-testid="connect-dialog"]').waitFor();
    await page.fill('[data-testid="connect-field-资金账号"]', 'e2e001');
    await page.fill('[data-testid="connect-field-密码"]', 'e2e-secret');
    await page.fill('[data-testid="connect-field-行情间隔(ms)"]', '500');
    await page.click('[data-testid="connect-submit"]');
    await expect.poll(() => page.textContent('[data-gateway-status="SIM"]')).toContain('已连接');
    await page.fill('[data-testid="panel-code"]', '600000');
    await page.press('[data-testid="panel-code"]', 'Enter');
    await expect.poll(() => page.inputValue('[data-testid="panel-name"]')).toBe('浦发银行');
    await page.locator('[data-grid="ticks"] .ag-row[row-id="600000.SSE"]').waitFor();
  });

  it('imports the minute bars in 数据管理', async () => {
    await page.click('[data-menu="tools"]');
    const [dm] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="data-manager"]')]);
    collectPageErrors(dm, app.errors);
    await dm.waitForSelector('[data-testid="data-manager"]');
    await dm.selectOption('[data-testid="dm-csv-interval"]', '1m');
    await dm.setInputFiles('[data-testid="dm-csv"]', { name: 'today_600000.csv', mimeType: 'text/csv', buffer: Buffer.from(minutesCsv()) });
    await expect.poll(() => dm.textContent('[data-testid="dm-progress-text"]'), { timeout: 15_000 }).toBe(`today_600000.csv：导入完成：${MINUTES} 根K线`);
    await dm.close();
  });

  it('opens K线图 from the 行情 row’s right-click menu and draws the candles', async () => {
    await page.locator('[data-grid="ticks"] .ag-row[row-id="600000.SSE"] [col-id="symbol"]').click({ button: 'right' });
    [kline] = await Promise.all([page.waitForEvent('popup'), page.click('[data-grid="ticks"] [data-menu-item="K线图"]')]);
    collectPageErrors(kline, app.errors);
    await kline.setViewportSize({ width: 1200, height: 760 });
    await kline.waitForSelector('[data-testid="kline"]');
    await expect.poll(() => kline.textContent('[data-testid="kline-title"]')).toBe('600000.SSE 浦发银行');
    await kline.click('[data-interval="1m"]');
    // Live minutes from SIM's ticks may add a bar or two after the stored ones during a session.
    await expect.poll(async () => Number(await kline.getAttribute('[data-testid="kline-chart"]', 'data-bars'))).toBeGreaterThanOrEqual(MINUTES);
    // Under the mouse: the crosshair's bar, read out with its OHLCV.
    const box = (await kline.locator('.kline-canvas').boundingBox())!;
    await kline.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await expect.poll(() => kline.textContent('[data-testid="kline-chart-readout"]')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d开 \d+\.\d\d高 \d+\.\d\d低 \d+\.\d\d收 \d+\.\d\d量 \d+$/);
  });

  it('buys 100 and shows the fill as a red ▲ on the bar of its minute', async () => {
    await page.locator('[data-testid="depth-last"]').waitFor();
    const ask1 = Number(await page.locator('[data-level="卖1"] .price').textContent());
    await page.selectOption('[data-testid="panel-direction"]', '多');
    await page.fill('[data-testid="panel-price"]', roundCents(ask1 + 0.05).toFixed(2));
    await page.fill('[data-testid="panel-volume"]', '100');
    const before = Date.now();
    await page.click('[data-testid="panel-send"]');
    await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);

    const marker = kline.locator('[data-testid="kline-chart-markers"] li');
    await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(1);
    expect(await marker.getAttribute('data-side')).toBe('buy');
    const barTime = Number(await marker.getAttribute('data-bar-time'));
    // The bar of the fill's minute (the fill came after `before`, within the test's minute or the next).
    expect(barTime % 60_000).toBe(0);
    expect(barTime).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000);
    expect(barTime).toBeLessThanOrEqual(Date.now());
    // Scroll to it and look: red under the bar's low.
    await kline.mouse.move(0, 0);
    const x = Number(await marker.getAttribute('data-x'));
    const y = Number(await marker.getAttribute('data-y'));
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    await expect.poll(() => pixelAt(kline, x, y + 12).then((px) => px.slice(0, 3))).toEqual(RED);
    await screenshot(kline, 'e2e-kline-01-candles-ma-macd-volume-marker');
  });

  it('sells the 100 after SIM’s 日终结算 (T+1) and shows the fill as a green ▼ over the bar of its minute', async () => {
    // Bought today, sellable tomorrow: SIM's day roll makes yesterday's holding sellable, as a real night would.
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="action-SIM-settle-day"]');
    await expect.poll(() => page.textContent('[data-testid="panel-can-sell"]')).toMatch(/^可卖 100/);
    const bid1 = Number(await page.locator('[data-level="买1"] .price').textContent());
    await page.selectOption('[data-testid="panel-direction"]', '空');
    await page.fill('[data-testid="panel-price"]', roundCents(bid1 - 0.05).toFixed(2));
    await page.fill('[data-testid="panel-volume"]', '100');
    const before = Date.now();
    await page.click('[data-testid="panel-send"]');
    await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);

    const sell = kline.locator('[data-testid="kline-chart-markers"] li[data-side="sell"]');
    await expect.poll(() => sell.count(), { timeout: 10_000 }).toBe(1);
    expect(await kline.locator('[data-testid="kline-chart-markers"] li[data-side="buy"]').count()).toBe(1);
    const barTime = Number(await sell.getAttribute('data-bar-time'));
    expect(barTime).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000);
    expect(barTime).toBeLessThanOrEqual(Date.now());
    await kline.mouse.move(0, 0);
    const x = Number(await sell.getAttribute('data-x'));
    const y = Number(await sell.getAttribute('data-y'));
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    // Green over the bar's high.
    await expect.poll(() => pixelAt(kline, x, y - 12).then((px) => px.slice(0, 3))).toEqual(GREEN);
    await screenshot(kline, 'e2e-kline-03-sell-marker');
  });

  it('shows 分时 with the price and average price lines of the day', async () => {
    await kline.click('[data-testid="kline-tab-timeshare"]');
    await kline.locator('[data-testid="timeshare"] svg').waitFor();
    // The last day's minutes (the bars may start the day before); live minutes may add to them.
    const lastDay = TIMES.filter((t) => tradingDayOf(t) === tradingDayOf(TIMES.at(-1)!)).length;
    const points = (d: string | null) => (d ?? '').split(/[ML]/).filter(Boolean).length;
    expect(points(await kline.getAttribute('[data-series="price"]', 'd'))).toBeGreaterThanOrEqual(lastDay);
    expect(points(await kline.getAttribute('[data-series="avg"]', 'd'))).toBeGreaterThanOrEqual(lastDay);
    expect(Number(await kline.textContent('[data-testid="timeshare-avg"]'))).toBeGreaterThan(9);
    await screenshot(kline, 'e2e-kline-02-timeshare');
    expect(app.errors).toEqual([]);
  });
});
