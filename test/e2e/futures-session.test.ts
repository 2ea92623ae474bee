/**
 * A futures session in the real UI against SIM's futures account (账户类型 期货): connect →
 * 帮助→查询合约 IF → the panel shows 开平 (开仓) → buy open 1 lot → 持仓 shows 多 1 (今仓 1) →
 * 资金's 保证金 and 手续费 against the formulas → double-click the long → 卖出平仓 1 filled →
 * 平仓盈亏, 手续费 and 动态权益 against the formulas, margin released.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, collectPageErrors, openApp, screenshot, type AppSession } from './e2e-harness';

let app: AppSession;
let page: Page;
let errors: string[];

const money = (text: string | null) => Number((text ?? '').replace(/,/g, ''));
const roundCents = (v: number) => Math.round(v * 100 + 1e-7) / 100;
// IF in the product table: 300 CNY a point, tick 0.2, 12 % margin, 0.23‱ open, 2.3‱ close-today.
const SIZE = 300;
const MARGIN = 0.12;
const OPEN_RATE = 0.000023;
const CLOSE_TODAY_RATE = 0.00023;

let vtSymbol = '';
let openPrice = 0;
let openFee = 0;
/** The day's limits from 查询合约: orders priced at them cross at once however far the quote moves between reading the 盘口 and sending (IF moves ~10 ticks a step). */
let limitUp = 0;
let limitDown = 0;

beforeAll(async () => {
  app = await openApp({ width: 1440, height: 940 });
  ({ page, errors } = app);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

async function openTab(id: string) {
  await page.click(`[data-tab="${id}"]`);
}

async function send(): Promise<string> {
  await page.click('[data-testid="panel-send"]');
  await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/\S/);
  const text = (await page.textContent('[data-testid="panel-message"]')) ?? '';
  if (!text.startsWith('已委托：')) throw new Error(`order not sent: ${text}`);
  return text.slice('已委托：'.length).trim();
}

/** The fills of one order in 成交: price, volume, fee. */
async function fillsOf(vtOrderId: string) {
  const orderId = vtOrderId.slice('SIM.'.length);
  const rows = page.locator('[data-grid="trades"] .ag-row').filter({ has: page.locator('[col-id="orderid"]', { hasText: new RegExp(`^${orderId}$`) }) });
  const out: { price: number; volume: number; fee: number; offset: string }[] = [];
  for (const row of await rows.all()) {
    out.push({
      price: Number(await row.locator('[col-id="price"]').textContent()),
      volume: money(await row.locator('[col-id="volume"]').textContent()),
      fee: money(await row.locator('[col-id="fee"]').textContent()),
      offset: (await row.locator('[col-id="offset"]').textContent()) ?? '',
    });
  }
  return out;
}

const account = (col: string) => cell(page, 'accounts', 'SIM.fut-e2e', col);

describe('a futures session', () => {
  it('connects SIM as a futures account', async () => {
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="connect-SIM"]');
    await page.locator('[data-testid="connect-dialog"]').waitFor();
    await page.fill('[data-testid="connect-field-资金账号"]', 'fut-e2e');
    await page.selectOption('[data-testid="connect-field-账户类型"]', '期货');
    await page.fill('[data-testid="connect-field-行情间隔(ms)"]', '300');
    await page.click('[data-testid="connect-submit"]');
    await page.locator('[data-gateway-status="SIM"]', { hasText: '已连接' }).waitFor();
  });

  it('查询合约 IF shows size, margin ratio and exchange; double-click fills the panel with 开仓', async () => {
    await page.click('[data-menu="help"]');
    const [query] = await Promise.all([page.waitForEvent('popup'), page.click('[data-menu-id="contract-query"]')]);
    collectPageErrors(query, errors);
    await query.waitForSelector('[data-testid="query-filter"]');
    await query.fill('[data-testid="query-filter"]', 'IF');
    await query.click('[data-testid="query-submit"]');
    const rows = query.locator('[data-grid="contract-query"] .ag-row');
    await expect.poll(() => rows.count()).toBe(2); // main and next month
    const first = query.locator('[data-grid="contract-query"] .ag-row[row-index="0"]');
    vtSymbol = (await first.getAttribute('row-id')) ?? '';
    expect(vtSymbol).toMatch(/^IF\d{4}\.CFFEX$/);
    expect(await first.locator('[col-id="exchange"]').textContent()).toBe('CFFEX');
    expect(await first.locator('[col-id="size"]').textContent()).toBe('300');
    expect(await first.locator('[col-id="long_margin_ratio"]').textContent()).toBe('12.0%');
    limitUp = money(await first.locator('[col-id="limit_up"]').textContent());
    limitDown = money(await first.locator('[col-id="limit_down"]').textContent());
    expect(limitUp).toBeGreaterThan(limitDown);
    await screenshot(query, 'e2e-fut-01-contract-query');
    await first.locator('[col-id="name"]').dblclick();
    await expect.poll(() => page.inputValue('[data-testid="panel-exchange"]')).toBe('CFFEX');
    expect(await page.inputValue('[data-testid="panel-code"]')).toBe(vtSymbol.split('.')[0]);
    expect(await page.inputValue('[data-testid="panel-offset"]')).toBe('开');
    expect(await page.locator('[data-testid="panel-offset"] option').allTextContents()).toEqual(['开仓', '平仓', '平今', '平昨']);
    expect(await page.getAttribute('[data-testid="panel-volume"]', 'placeholder')).toBe('手');
    await query.close();
  });

  it('buys open 1 lot: 持仓 shows 多 1 (今仓 1), 资金 shows 保证金 and 手续费 by the formulas', async () => {
    await page.locator('[data-testid="depth-last"]').waitFor();
    // the 盘口 counts lots as they are (a stock's shares are shown in 手 of 100)
    await expect.poll(async () => Number(await page.locator('[data-level="卖1"] .volume').textContent())).toBeGreaterThanOrEqual(1);
    await page.selectOption('[data-testid="panel-direction"]', '多');
    // At the limit-up price: it crosses at once and fills at the book's asks (the fill's price is read below).
    await page.fill('[data-testid="panel-price"]', limitUp.toFixed(1));
    await page.fill('[data-testid="panel-volume"]', '1');
    expect(await page.textContent('[data-testid="panel-send"]')).toBe('买入开仓');
    const vtOrderId = await send();
    await openTab('orders');
    await expect.poll(() => cell(page, 'orders', vtOrderId, 'status').textContent()).toBe('全部成交');
    expect(await cell(page, 'orders', vtOrderId, 'offset').textContent()).toBe('开仓');
    await openTab('trades');
    await expect.poll(async () => (await fillsOf(vtOrderId)).length).toBe(1);
    const [fill] = await fillsOf(vtOrderId);
    openPrice = fill!.price;
    openFee = roundCents(openPrice * SIZE * OPEN_RATE);
    expect(fill).toMatchObject({ volume: 1, fee: openFee, offset: '开仓' });

    await openTab('positions');
    const long = `SIM.${vtSymbol}.多`;
    await expect.poll(() => cell(page, 'positions', long, 'volume').textContent()).toBe('1');
    expect(await cell(page, 'positions', long, 'direction').textContent()).toBe('多');
    expect(await cell(page, 'positions', long, 'td_volume').textContent()).toBe('1');
    expect(await cell(page, 'positions', long, 'yd_volume').textContent()).toBe('0');
    expect(await cell(page, 'positions', long, 'available').textContent()).toBe('1');
    expect(money(await cell(page, 'positions', long, 'margin').textContent())).toBe(roundCents(openPrice * SIZE * MARGIN));
    await screenshot(page, 'e2e-fut-02-position');

    await openTab('accounts');
    await expect.poll(async () => money(await account('margin').textContent())).toBe(roundCents(openPrice * SIZE * MARGIN));
    expect(money(await account('commission').textContent())).toBe(openFee);
    expect(money(await account('close_pnl').textContent())).toBe(0);
    // 动态权益 = 上日结存 + 持仓盈亏 − 手续费; prices move every 300 ms, so read until one update gives all three.
    const gap = async () => {
      const balance = money(await account('balance').textContent());
      const pnl = money(await account('position_pnl').textContent());
      return Math.abs(balance - roundCents(1_000_000 + pnl - openFee));
    };
    await expect.poll(gap, { timeout: 15_000, interval: 20 }).toBeLessThan(0.005);
    await screenshot(page, 'e2e-fut-03-account-open');
  });

  it('double-clicking the long fills 卖出平仓 with the closable volume; it fills and 资金 agrees with the formulas', async () => {
    await openTab('positions');
    await cell(page, 'positions', `SIM.${vtSymbol}.多`, 'symbol').dblclick();
    await expect.poll(() => page.inputValue('[data-testid="panel-direction"]')).toBe('空');
    expect(await page.inputValue('[data-testid="panel-offset"]')).toBe('平');
    expect(await page.inputValue('[data-testid="panel-volume"]')).toBe('1');
    expect(await page.textContent('[data-testid="panel-send"]')).toBe('卖出平仓');
    await screenshot(page, 'e2e-fut-04-close-filled-panel');
    await page.fill('[data-testid="panel-price"]', limitDown.toFixed(1));
    const vtOrderId = await send();
    await openTab('orders');
    await expect.poll(() => cell(page, 'orders', vtOrderId, 'status').textContent()).toBe('全部成交');
    await openTab('trades');
    await expect.poll(async () => (await fillsOf(vtOrderId)).length).toBe(1);
    const [fill] = await fillsOf(vtOrderId);
    // CFFEX closes today's lot first, at the close-today rate.
    const closeFee = roundCents(fill!.price * SIZE * CLOSE_TODAY_RATE);
    expect(fill).toMatchObject({ volume: 1, fee: closeFee, offset: '平仓' });

    await openTab('positions');
    await expect.poll(() => page.locator(`[data-grid="positions"] .ag-row[row-id="SIM.${vtSymbol}.多"]`).count()).toBe(0);
    await openTab('accounts');
    const closePnl = roundCents((fill!.price - openPrice) * SIZE);
    await expect.poll(async () => money(await account('close_pnl').textContent())).toBe(closePnl);
    expect(money(await account('commission').textContent())).toBe(roundCents(openFee + closeFee));
    expect(money(await account('margin').textContent())).toBe(0);
    expect(money(await account('position_pnl').textContent())).toBe(0);
    // 动态权益 = 上日结存 + 平仓盈亏 − 手续费; nothing held, so 可用 = 动态权益.
    const balance = roundCents(1_000_000 + closePnl - openFee - closeFee);
    expect(money(await account('balance').textContent())).toBe(balance);
    expect(money(await account('available').textContent())).toBe(balance);
    await screenshot(page, 'e2e-fut-05-account-closed');
  });

  it('shows no page errors', () => {
    expect(errors).toEqual([]);
  });
});
