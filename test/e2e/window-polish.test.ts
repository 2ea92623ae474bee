/**
 * #11, the window (items 1–8, 10, 11): what a trader trips over in the first hour, in the real
 * UI at the two window sizes traders use (1280×720 and 1600×1000), against the real host and
 * SIM. Screenshots of each size go to test-results/ (polish-<size>-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LAYOUT_FILE } from '../../electron/engine/store/layout-store';
import { cell, collectPageErrors, launchBrowser, openApp, screenshot, startHost, type AppSession } from './e2e-harness';

/** One request over the bridge, as a client would send it (Node's ws, the page's token). */
async function bridge(hostUrl: string, method: string, params: unknown): Promise<{ result?: unknown; error?: { code: string; message: string } }> {
  const url = new URL(hostUrl);
  const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ id: 1, method, params }));
  const reply = await new Promise<{ result?: unknown; error?: { code: string; message: string } }>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { id: unknown; result?: unknown; error?: { code: string; message: string } };
      if (frame.id === 1) resolve(frame);
    });
  });
  ws.close();
  return reply;
}

/** One quote on subscribe and then none for ten minutes: the price a fill takes is the price shown. */
const SIM_QUIET = { '行情间隔(ms)': 600_000, 随机种子: 11 };
/** A quote a second. */
const SIM = { '行情间隔(ms)': 1000, 随机种子: 11 };

/** Whether an element lies wholly inside the window (not cut off at the right or bottom). */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.x >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5;
}

async function shot(page: Page, name: string) {
  await screenshot(page, name);
}

/** The row ids of a grid, top to bottom as shown. */
async function rowIds(page: Page, grid: string): Promise<string[]> {
  const rows = await page.locator(`[data-grid="${grid}"] .ag-row[row-id]`).evaluateAll((els) => els.map((r) => [Number(r.getAttribute('row-index')), r.getAttribute('row-id') ?? ''] as const));
  // a row may be drawn in more than one container (pinned columns): one id per index
  const byIndex = new Map(rows);
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((r) => r[1]);
}

for (const [width, height] of [[1280, 720], [1600, 1000]] as const) {
  describe(`the window at ${width}×${height}`, () => {
    const tag = `polish-${width}`;
    let app: AppSession;
    let page: Page;
    let errors: string[];
    const openTab = (id: string) => page.click(`[data-tab="${id}"]`);

    beforeAll(async () => {
      app = await openApp({ width, height });
      ({ page, errors } = app);
      expect((await bridge(app.host.url, 'gateway/connect', { gateway: 'SIM', settings: SIM_QUIET })).error).toBeUndefined();
      await page.locator('[data-gateway-status="SIM"]', { hasText: '已连接' }).waitFor();
    }, 90_000);

    afterAll(async () => {
      await app?.close();
    });

    it('looks a code up: the latest price, not 昨收; units labelled 股 in 行情 and the 盘口 alike', async () => {
      await page.fill('[data-testid="panel-code"]', '600000');
      await page.press('[data-testid="panel-code"]', 'Enter');
      await page.locator('[data-testid="depth-last"]').waitFor();
      await expect.poll(() => cell(page, 'ticks', '600000.SSE', 'unit').textContent()).toBe('股');
      expect(await page.textContent('[data-testid="depth-unit"]')).toBe('量：股');
      // The panel's price follows the first quote, whatever 昨收 was.
      await expect.poll(async () => (await page.inputValue('[data-testid="panel-price"]')) === (await page.textContent('[data-testid="depth-last"]'))).toBe(true);
      // Double-clicking the 行情 row fills its latest price.
      await page.fill('[data-testid="panel-price"]', '');
      await cell(page, 'ticks', '600000.SSE', 'symbol').dblclick();
      await expect.poll(() => page.inputValue('[data-testid="panel-price"]')).not.toBe('');
      const last = await cell(page, 'ticks', '600000.SSE', 'last_price').textContent();
      expect(Number(await page.inputValue('[data-testid="panel-price"]'))).toBeCloseTo(Number(last), 2);
    });

    it('colours 买1/卖1/开盘/最高/最低 against 昨收, as the 盘口 does', async () => {
      const row = page.locator('[data-grid="ticks"] .ag-row[row-id="600000.SSE"]').first();
      const classes = await row.evaluate((r) => {
        const read = (col: string) => {
          const el = r.querySelector(`[col-id="${col}"]`)!;
          return { value: Number(el.textContent), up: el.classList.contains('cell-up'), down: el.classList.contains('cell-down') };
        };
        const pre = Number(r.querySelector('[col-id="pre_close"]')!.textContent);
        return { pre, cells: ['bid_price_1', 'ask_price_1', 'open_price', 'high_price', 'low_price'].map((c) => ({ col: c, ...read(c) })) };
      });
      for (const c of classes.cells) {
        expect({ col: c.col, up: c.up, down: c.down }).toEqual({ col: c.col, up: c.value > classes.pre, down: c.value > 0 && c.value < classes.pre });
      }
      // the 盘口 agrees on 买1
      const bid1 = page.locator('[data-level="买1"] .price');
      const bidValue = Number(await bid1.textContent());
      const toneClass = (await bid1.getAttribute('class')) ?? '';
      if (bidValue > classes.pre) expect(toneClass).toContain('cell-up');
      if (bidValue < classes.pre) expect(toneClass).toContain('cell-down');
    });

    it('keeps 行情 买1/卖1, 持仓 盈亏 and the panel’s 跟随 on screen', async () => {
      expect(await inView(page, '[data-grid="ticks"] .ag-header-cell[col-id="bid_price_1"]')).toBe(true);
      expect(await inView(page, '[data-grid="ticks"] .ag-header-cell[col-id="ask_price_1"]')).toBe(true);
      await openTab('positions');
      expect(await inView(page, '[data-grid="positions"] .ag-header-cell[col-id="pnl"]')).toBe(true);
      expect(await inView(page, '[data-grid="positions"] .ag-header-cell[col-id="direction"]')).toBe(true);
      const follow = await page.locator('label.toggle').evaluate((el) => ({ text: el.textContent, fits: el.scrollWidth <= el.clientWidth + 1 }));
      expect(follow).toEqual({ text: '跟随', fits: true });
      // Not cut at the panel's right edge either (the panel clips what overflows it): the label lies
      // wholly inside the panel's box and the window, and nothing in the panel needs a sideways scroll.
      expect(await inView(page, 'label.toggle')).toBe(true);
      const edges = await page.locator('.panel').first().evaluate((panel) => {
        const p = panel.getBoundingClientRect();
        const t = panel.querySelector('label.toggle')!.getBoundingClientRect();
        return { insidePanel: t.left >= p.left && t.right <= p.right - 1, scrolls: panel.scrollWidth > panel.clientWidth };
      });
      expect(edges).toEqual({ insidePanel: true, scrolls: false });
      await openTab('orders');
    });

    it('shows 可买, fills 对手价 and 挂价, and asks before sending when 下单前确认 is on', async () => {
      await expect.poll(async () => Number((await page.textContent('[data-testid="panel-can-buy"]'))!.replace(/\D/g, ''))).toBeGreaterThan(0);
      await page.selectOption('[data-testid="panel-direction"]', '多');
      await page.click('[data-testid="panel-counter-price"]');
      expect(await page.inputValue('[data-testid="panel-price"]')).toBe(await page.textContent('[data-level="卖1"] .price'));
      await page.click('[data-testid="panel-own-price"]');
      expect(await page.inputValue('[data-testid="panel-price"]')).toBe(await page.textContent('[data-level="买1"] .price'));
      await page.keyboard.press('Alt+1');
      expect(await page.inputValue('[data-testid="panel-price"]')).toBe(await page.textContent('[data-level="卖1"] .price'));

      await page.check('[data-testid="panel-confirm"]');
      await page.fill('[data-testid="panel-volume"]', '100');
      const asked: string[] = [];
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await page.click('[data-testid="panel-send"]');
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toBe('已取消委托');
      expect(asked[0]).toMatch(/^确认委托：买入 浦发银行（600000\.SSE）100，价格 /);
      await page.uncheck('[data-testid="panel-confirm"]');
    });

    it('buys and sends an SSE market order: 委托 newest first, 市价 with its protection price, 来源 手动, time of day', async () => {
      const ask1 = Number(await page.textContent('[data-level="卖1"] .price'));
      await page.fill('[data-testid="panel-price"]', (ask1 + 0.05).toFixed(2));
      await page.fill('[data-testid="panel-volume"]', '100');
      await page.click('[data-testid="panel-send"]');
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);
      const limitId = (await page.textContent('[data-testid="panel-message"]'))!.replace('已委托：', '').trim();

      await page.selectOption('[data-testid="panel-type"]', '最优五档转限价');
      const protect = (ask1 + 0.1).toFixed(2);
      await page.fill('[data-testid="panel-price"]', protect);
      await page.click('[data-testid="panel-send"]');
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).not.toContain(limitId);
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);
      const marketId = (await page.textContent('[data-testid="panel-message"]'))!.replace('已委托：', '').trim();
      await page.selectOption('[data-testid="panel-type"]', '限价');

      await openTab('orders');
      await expect.poll(() => cell(page, 'orders', marketId, 'type').textContent()).toBe('市价·最优五档转限价');
      expect(await cell(page, 'orders', marketId, 'price').textContent()).toBe(`市价（保护 ${protect}）`);
      expect(await cell(page, 'orders', limitId, 'type').textContent()).toBe('限价');
      expect(await cell(page, 'orders', limitId, 'reference').textContent()).toBe('手动');
      expect(await cell(page, 'orders', limitId, 'datetime').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
      expect(await cell(page, 'orders', limitId, 'name').textContent()).toBe('浦发银行');
      const ids = await rowIds(page, 'orders');
      expect(ids.indexOf(marketId)).toBeLessThan(ids.indexOf(limitId));
      await expect.poll(() => cell(page, 'orders', limitId, 'status').textContent()).toBe('全部成交');
      await openTab('trades');
      await expect.poll(async () => (await rowIds(page, 'trades')).length).toBeGreaterThan(0);
      expect(await page.locator('[data-grid="trades"] .ag-row [col-id="datetime"]').first().textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
      await shot(page, `${tag}-orders`);
    });

    it('shows the holding’s 方向 and 可用 by the market’s rule; its menu offers 买入/卖出 and 平仓 only when something may be closed', async () => {
      await openTab('positions');
      const id = 'SIM.600000.SSE.多';
      await expect.poll(() => cell(page, 'positions', id, 'direction').textContent()).toBe('多');
      expect(await cell(page, 'positions', id, 'available').textContent()).toBe('0');
      await cell(page, 'positions', id, 'symbol').click({ button: 'right' });
      const menu = page.locator('[data-testid="menu-positions"]');
      await menu.waitFor();
      expect(await menu.locator('[data-menu-item]').allTextContents()).toEqual(['买入', '卖出', '平仓', 'K线图']);
      expect(await menu.locator('[data-menu-item="平仓"]').getAttribute('aria-disabled')).toBe('true');
      await shot(page, `${tag}-positions-menu`);
      await menu.locator('[data-menu-item="卖出"]').click();
      await expect.poll(() => page.inputValue('[data-testid="panel-direction"]')).toBe('空');
    });

    it('cancels from the 委托 right-click menu, and buys from the 行情 one', async () => {
      const bid5 = Number(await page.textContent('[data-level="买5"] .price'));
      await page.selectOption('[data-testid="panel-direction"]', '多');
      await page.fill('[data-testid="panel-price"]', (bid5 - 0.1).toFixed(2));
      await page.fill('[data-testid="panel-volume"]', '100');
      await page.click('[data-testid="panel-send"]');
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\./);
      const id = (await page.textContent('[data-testid="panel-message"]'))!.replace('已委托：', '').trim();
      await openTab('orders');
      await expect.poll(() => cell(page, 'orders', id, 'status').textContent()).toBe('未成交');
      expect((await rowIds(page, 'orders'))[0]).toBe(id);
      await cell(page, 'orders', id, 'symbol').click({ button: 'right' });
      await page.locator('[data-testid="menu-orders"] [data-menu-item="撤单"]').click();
      await expect.poll(() => cell(page, 'orders', id, 'status').textContent()).toBe('已撤销');

      await page.selectOption('[data-testid="panel-direction"]', '空');
      await cell(page, 'ticks', '600000.SSE', 'symbol').click({ button: 'right' });
      // The menu renders after the click returns: wait for it before reading (allTextContents does not wait).
      const ticksMenu = page.locator('[data-testid="menu-ticks"]');
      await ticksMenu.waitFor();
      expect(await ticksMenu.locator('[data-menu-item]').allTextContents()).toEqual(['买入', '卖出', 'K线图', '上移', '下移', '删除自选']);
      await ticksMenu.locator('[data-menu-item="买入"]').click();
      await expect.poll(() => page.inputValue('[data-testid="panel-direction"]')).toBe('多');
    });

    it('clears the form when a lookup fails: nothing of the previous code stays', async () => {
      await page.fill('[data-testid="panel-volume"]', '300');
      await page.fill('[data-testid="panel-code"]', '999999');
      await page.press('[data-testid="panel-code"]', 'Enter');
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toContain('未找到合约');
      expect([await page.inputValue('[data-testid="panel-name"]'), await page.inputValue('[data-testid="panel-price"]'), await page.inputValue('[data-testid="panel-volume"]')]).toEqual(['', '', '']);
      await page.fill('[data-testid="panel-code"]', '600000');
      await page.press('[data-testid="panel-code"]', 'Enter');
      await expect.poll(() => page.inputValue('[data-testid="panel-name"]')).toBe('浦发银行');
    });

    it('shows a WARNING in 日志 newest first and not green', async () => {
      const refused = await bridge(app.host.url, 'order/send', { code: '600000', direction: '多', type: '限价', volume: 150, price: 10 });
      expect(refused.error?.code).toBe('LOT_SIZE');
      await openTab('logs');
      const first = page.locator('[data-grid="logs"] .ag-row[row-index="0"]').first();
      await expect.poll(() => first.locator('[col-id="msg"]').textContent()).toContain('委托被拒绝');
      const level = first.locator('[col-id="level"]');
      expect(await level.textContent()).toBe('WARNING');
      const colours = await level.evaluate((el) => {
        const doc = el.ownerDocument;
        const probe = doc.createElement('span');
        probe.className = 'cell-down';
        doc.body.append(probe);
        const view = doc.defaultView!;
        const result = { down: view.getComputedStyle(probe).color, level: view.getComputedStyle(el).color };
        probe.remove();
        return result;
      });
      expect(colours.level).not.toBe(colours.down);
      await shot(page, `${tag}-log`);
    });

    it('resizes the panes with the splitters and remembers the sizes', async () => {
      const splitter = page.locator('[data-splitter="split.monitors"]');
      const box = (await splitter.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + 80, { steps: 4 });
      await page.mouse.up();
      const file = path.join(app.host.dir, LAYOUT_FILE);
      await expect.poll(() => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)['split.monitors'] : undefined)).toBeTypeOf('number');
      const moved = (await splitter.boundingBox())!;
      expect(moved.y).toBeGreaterThan(box.y + 60);

      const side = page.locator('[data-splitter="split.panel"]');
      const sbox = (await side.boundingBox())!;
      await page.mouse.move(sbox.x + 2, sbox.y + 100);
      await page.mouse.down();
      await page.mouse.move(sbox.x + 40, sbox.y + 100, { steps: 4 });
      await page.mouse.up();
      await expect.poll(() => (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)['split.panel']).toBeTypeOf('number');
      // After a reload the sizes come back from the engine.
      await page.reload();
      await page.locator('[data-splitter="split.monitors"]').waitFor();
      await expect.poll(async () => (await page.locator('[data-splitter="split.monitors"]').boundingBox())!.y).toBeCloseTo(moved.y, 0);
      await page.fill('[data-testid="panel-code"]', '600000');
      await page.press('[data-testid="panel-code"]', 'Enter');
      await page.locator('[data-testid="depth-last"]').waitFor();
      await shot(page, `${tag}-layout`);
    });

    it('greys a quote that stops, and restores every subscription after 断开→连接', async () => {
      // Quiet for minutes: already stale. Reconnected with a quote a second, it comes back by itself.
      await expect.poll(() => page.getAttribute('[data-testid="depth"]', 'data-stale'), { timeout: 15_000 }).toBe('true');
      expect((await bridge(app.host.url, 'gateway/close', { gateway: 'SIM' })).error).toBeUndefined();
      expect((await bridge(app.host.url, 'gateway/connect', { gateway: 'SIM', settings: SIM })).error).toBeUndefined();
      await expect.poll(() => page.getAttribute('[data-testid="depth"]', 'data-stale'), { timeout: 15_000 }).toBe('false');
      expect((await bridge(app.host.url, 'gateway/close', { gateway: 'SIM' })).error).toBeUndefined();
      await expect.poll(() => page.getAttribute('[data-testid="depth"]', 'data-stale'), { timeout: 15_000 }).toBe('true');
      await expect.poll(() => cell(page, 'ticks', '600000.SSE', 'datetime').getAttribute('class')).toContain('cell-stale');
      await shot(page, `${tag}-stale`);
      const before = await cell(page, 'ticks', '600000.SSE', 'datetime').textContent();
      expect((await bridge(app.host.url, 'gateway/connect', { gateway: 'SIM', settings: SIM })).error).toBeUndefined();
      // no code re-selected: the quote resumes by itself
      await expect.poll(() => page.getAttribute('[data-testid="depth"]', 'data-stale'), { timeout: 15_000 }).toBe('false');
      await expect.poll(() => cell(page, 'ticks', '600000.SSE', 'datetime').textContent(), { timeout: 15_000 }).not.toBe(before);
      expect(await cell(page, 'ticks', '600000.SSE', 'datetime').getAttribute('class')).not.toContain('cell-stale');
    });

    it('names orders reloaded at start once the gateway connects', async () => {
      const dir = app.host.dir;
      await app.close();
      const host = await startHost({ VNTRADER_DIR: dir });
      const browser = await launchBrowser();
      const p = await browser.newPage({ viewport: { width, height } });
      collectPageErrors(p, errors);
      app = { ...app, host, browser, page: p, close: async () => { await browser.close(); await host.stop(); } };
      page = p;
      await page.goto(host.url);
      await page.waitForSelector('[data-menu="system"]');
      await openTab('orders');
      await expect.poll(async () => (await rowIds(page, 'orders')).length).toBeGreaterThan(0);
      const first = (await rowIds(page, 'orders'))[0]!;
      expect(await cell(page, 'orders', first, 'name').textContent()).toBe('');
      expect((await bridge(app.host.url, 'gateway/connect', { gateway: 'SIM', settings: SIM })).error).toBeUndefined();
      await expect.poll(() => cell(page, 'orders', first, 'name').textContent()).toBe('浦发银行');
    });

    it('shows no page errors', () => {
      expect(errors).toEqual([]);
    });
  });
}
