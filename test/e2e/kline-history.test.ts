/**
 * K线图 draws the trader's fills of earlier days, not only today's: a buy made three days ago
 * (an engine with SIM on a clock three days back, as that day's session ran, writing to the
 * same .vntrader folder) is found in the journal by the host opened on the folder today, and
 * drawn as a red ▲ on that day's daily candle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Direction, Status } from '../../common/constants';
import type { TradeData } from '../../common/objects';
import { tradingDayOf } from '../../common/time';
import { createEngine } from '../../electron/engine/create-engine';
import { MemorySecretStore } from '../../electron/engine/store';
import { collectPageErrors, ensureRendererBuilt, launchBrowser, screenshot, startHost, type Host } from './e2e-harness';

const DAY = 86_400_000;
const DAYS = 30;
const HEADER = 'symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest';
const dayStart = (ms: number) => Date.parse(`${tradingDayOf(ms)}T00:00:00+08:00`);

/** 600000.SSE's daily bars for the last DAYS days up to today, prices round 13. */
function dailyCsv(): string {
  const lines = [HEADER];
  for (let i = DAYS - 1; i >= 0; i--) {
    const open = 13 + Math.sin(i / 4) * 0.4;
    const close = open + Math.cos(i / 3) * 0.2;
    lines.push(`600000,SSE,${tradingDayOf(Date.now() - i * DAY)},${open.toFixed(2)},${(Math.max(open, close) + 0.1).toFixed(2)},${(Math.min(open, close) - 0.1).toFixed(2)},${close.toFixed(2)},100000,1300000,0`);
  }
  return `${lines.join('\n')}\n`;
}

/** Poll until `check` holds; fail naming `what` after a few seconds. */
async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A session three days ago on `dir`: SIM on the shifted clock, one buy of 100 at the limit-up price (it fills at once). */
async function buyThreeDaysAgo(dir: string): Promise<TradeData> {
  const engine = await createEngine({ vntraderDir: dir, secretStore: new MemorySecretStore(), timer: false, now: () => Date.now() - 3 * DAY });
  try {
    const fills: TradeData[] = [];
    engine.bus.on('trade', (t) => fills.push(t));
    await engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60_000 } });
    await engine.dispatcher.dispatch('market/subscribe', { code: '600000' });
    const tick = await until(() => engine.oms.ticks.get('600000.SSE'), 'a tick of 600000');
    const { vt_orderid } = (await engine.dispatcher.dispatch('order/send', { code: '600000', direction: Direction.LONG, type: '限价', volume: 100, price: tick.limit_up })) as { vt_orderid: string };
    await until(() => engine.oms.orders.get(vt_orderid)?.status === Status.ALLTRADED, 'the buy to fill');
    await engine.settled();
    return await until(() => fills.find((t) => t.vt_orderid === vt_orderid), 'the fill');
  } finally {
    await engine.close();
  }
}

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

let host: Host;
let browser: Browser;
let page: Page;
let earlier: TradeData;
const errors: string[] = [];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-e2e-'));
  earlier = await buyThreeDaysAgo(dir);
  await ensureRendererBuilt();
  host = await startHost({ VNTRADER_DIR: dir });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  collectPageErrors(page, errors);
  await page.goto(host.url);
  await page.waitForSelector('[data-menu="tools"]');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('K线图 and earlier days’ fills', () => {
  it('draws a fill of three days ago, from the journal, on that day’s candle', async () => {
    expect(earlier).toBeDefined();
    expect(tradingDayOf(earlier.datetime)).toBe(tradingDayOf(Date.now() - 3 * DAY));

    await page.click('[data-menu="tools"]');
    const [dm] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="data-manager"]')]);
    collectPageErrors(dm, errors);
    await dm.waitForSelector('[data-testid="data-manager"]');
    await dm.selectOption('[data-testid="dm-csv-interval"]', 'd');
    await dm.setInputFiles('[data-testid="dm-csv"]', { name: 'daily_600000.csv', mimeType: 'text/csv', buffer: Buffer.from(dailyCsv()) });
    await expect.poll(() => dm.textContent('[data-testid="dm-progress-text"]'), { timeout: 15_000 }).toBe(`daily_600000.csv：导入完成：${DAYS} 根K线`);
    await dm.close();

    await page.click('[data-menu="tools"]');
    const [kline] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="kline"]')]);
    collectPageErrors(kline, errors);
    await kline.setViewportSize({ width: 1200, height: 760 });
    await kline.fill('[data-testid="kline-code"]', '600000');
    await kline.click('[data-testid="kline-open"]');
    await expect.poll(async () => Number(await kline.getAttribute('[data-testid="kline-chart"]', 'data-bars'))).toBe(DAYS);

    const marker = kline.locator('[data-testid="kline-chart-markers"] li');
    await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(1);
    expect(await marker.getAttribute('data-side')).toBe('buy');
    expect(Number(await marker.getAttribute('data-bar-time'))).toBe(dayStart(earlier.datetime));
    const x = Number(await marker.getAttribute('data-x'));
    const y = Number(await marker.getAttribute('data-y'));
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    await expect.poll(() => pixelAt(kline, x, y + 12).then((px) => px.slice(0, 3))).toEqual([240, 72, 72]);
    await screenshot(kline, 'e2e-kline-history-01-earlier-day-marker');
    expect(errors).toEqual([]);
  });
});
