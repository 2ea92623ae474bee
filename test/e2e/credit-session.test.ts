/**
 * A margin (融资融券) session in the real UI against SIM's credit account: connect as 信用,
 * 融资买入 from the panel, the 负债合约 row and the 信用资产 figures agreeing with the
 * formulas, 维持担保比例 moving with prices, 融券卖出 at the latest price, 买券还券 from the
 * compact by double-click, and 直接还款.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, openApp, screenshot, type AppSession } from './e2e-harness';

let app: AppSession;
let page: Page;
let errors: string[];

const money = (text: string | null) => Number((text ?? '').replace(/,/g, ''));
const roundCents = (v: number) => Math.round(v * 100 + 1e-7) / 100;
const field = (label: string) => page.locator(`[data-field="${label}"] dd`);

beforeAll(async () => {
  app = await openApp({ width: 1440, height: 940 });
  ({ page, errors } = app);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

async function openCredit(sub: string) {
  await page.click('[data-tab="credit"]');
  await page.click(`[data-subtab="${sub}"]`);
}

async function enterCode(code: string) {
  await page.fill('[data-testid="panel-code"]', code);
  await page.press('[data-testid="panel-code"]', 'Enter');
  await expect.poll(() => page.inputValue('[data-testid="panel-code"]')).toBe(code);
  await page.locator('[data-testid="depth-last"]').waitFor();
}

async function send(): Promise<string> {
  await page.click('[data-testid="panel-send"]');
  await expect.poll(() => page.textContent('[data-testid="panel-message"]')).toMatch(/已委托：SIM\.|[^\s]/);
  const text = (await page.textContent('[data-testid="panel-message"]')) ?? '';
  if (!text.startsWith('已委托：')) throw new Error(`order not sent: ${text}`);
  return text.slice('已委托：'.length).trim();
}

describe('a margin session', () => {
  it('connects SIM as a credit account and shows 信用资产 with no debt', async () => {
    await page.click('[data-menu="system"]');
    await page.click('[data-menu-id="connect-SIM"]');
    await page.locator('[data-testid="connect-dialog"]').waitFor();
    await page.selectOption('[data-testid="connect-field-账户类型"]', '信用');
    await page.fill('[data-testid="connect-field-行情间隔(ms)"]', '300');
    await page.click('[data-testid="connect-submit"]');
    await page.locator('[data-gateway-status="SIM"]', { hasText: '已连接' }).waitFor();
    await openCredit('assets');
    await expect.poll(() => page.textContent('[data-testid="assure-ratio"]')).toContain('无负债');
    expect(money(await field('总负债').textContent())).toBe(0);
    await openCredit('subjects');
    await page.locator('[data-grid="credit-subjects"] .ag-row[row-id="SIM.600000.SSE"]').waitFor();
    await openCredit('collateral');
    expect(await cell(page, 'credit-collateral', 'SIM.600000.SSE', 'assure_ratio').textContent()).toBe('70.00%');
  });

  it('融资买入 from the panel opens a 融资 compact, and the figures agree with the formulas', async () => {
    await enterCode('600000');
    await page.selectOption('[data-testid="panel-credit"]', '融资买入');
    expect(await page.inputValue('[data-testid="panel-direction"]')).toBe('多');
    // At the limit-up price (合约 tab): it crosses at once and fills at the book's asks,
    // however far the quote moves between reading it and sending (quotes move every 300 ms).
    await page.click('[data-tab="contracts"]');
    const limitUp = money(await cell(page, 'contracts', '600000.SSE', 'limit_up').textContent());
    expect(limitUp).toBeGreaterThan(0);
    await page.fill('[data-testid="panel-price"]', limitUp.toFixed(2));
    await page.fill('[data-testid="panel-volume"]', '1000');
    const vtOrderId = await send();
    await page.click('[data-tab="orders"]');
    await expect.poll(() => cell(page, 'orders', vtOrderId, 'status').textContent()).toBe('全部成交');
    const bought = money(await cell(page, 'orders', vtOrderId, 'traded').textContent());
    expect(bought).toBe(1000);

    // The trades' amounts plus their fees are the compact's principal (the SIM's convention,
    // docs/margin.md). The order may fill at more than one level: every fill of the order counts.
    await page.click('[data-tab="trades"]');
    const trades = page.locator('[data-grid="trades"] .ag-row').filter({ has: page.locator('[col-id="orderid"]', { hasText: new RegExp(`^${vtOrderId.slice(4)}$`) }) });
    const fills = async () => {
      const out: { price: number; volume: number; fee: number }[] = [];
      for (const row of await trades.all()) {
        out.push({
          price: Number(await row.locator('[col-id="price"]').textContent()),
          volume: money(await row.locator('[col-id="volume"]').textContent()),
          fee: money(await row.locator('[col-id="fee"]').textContent()),
        });
      }
      return out;
    };
    await expect.poll(async () => (await fills()).reduce((n, f) => n + f.volume, 0)).toBe(bought);
    const principal = roundCents((await fills()).reduce((sum, f) => sum + roundCents(f.price * f.volume) + f.fee, 0));

    await openCredit('compacts');
    const compact = page.locator('[data-grid="compacts"] .ag-row').filter({ has: page.locator('[col-id="compact_type"]', { hasText: '融资' }) });
    await compact.first().waitFor();
    expect(await compact.first().locator('[col-id="real_compact_vol"]').textContent()).toBe(bought.toLocaleString('en-US'));
    expect(money(await compact.first().locator('[col-id="business_balance"]').textContent())).toBe(principal);
    await screenshot(page, 'e2e-credit-01-compact');

    await openCredit('assets');
    await expect.poll(async () => money(await field('融资负债').textContent())).toBe(principal);
    // 维持担保比例 = (现金 + 证券市值) / (融资买入金额 + 融券市值 + 利息): here 总资产 / 总负债.
    // Prices move every second: the three figures are read until they come from one update.
    const gap = async () => {
      const total = money(await field('总资产').textContent());
      const debt = money(await field('总负债').textContent());
      const shown = Number(/([\d.]+)%/.exec((await page.textContent('[data-testid="assure-ratio"]')) ?? '')![1]);
      return Math.abs(shown - (total / debt) * 100);
    };
    await expect.poll(gap, { timeout: 15_000, interval: 20 }).toBeLessThan(0.05);
    expect(await page.getAttribute('[data-testid="assure-ratio"]', 'class')).toContain('level-normal');
  });

  it('维持担保比例 moves with the price', async () => {
    const first = await page.textContent('[data-testid="assure-ratio"]');
    await expect.poll(() => page.textContent('[data-testid="assure-ratio"]'), { timeout: 15_000 }).not.toBe(first);
  });

  it('融券卖出 at the latest price opens a 融券 compact; double-clicking it fills 买券还券, which closes it', async () => {
    await enterCode('000001');
    await page.selectOption('[data-testid="panel-credit"]', '融券卖出');
    expect(await page.inputValue('[data-testid="panel-direction"]')).toBe('空');
    // The floor of 融券卖出 is the latest price; it fills at once when the best bid is there.
    // Quotes move every 300 ms, so the latest price can move between reading and sending:
    // the panel then refuses with the floor rule, or the SIM's bid has already dropped and the
    // order rests; a resting order is cancelled, and we try again on the next quote.
    let shortId = '';
    let sold = 0;
    for (let attempt = 0; attempt < 50 && !sold; attempt++) {
      await expect
        .poll(async () => Number(await page.locator('[data-level="买1"] .price').textContent()) >= Number(await page.textContent('[data-testid="depth-last"]')), { timeout: 45_000, interval: 50 })
        .toBe(true);
      const last = Number(await page.textContent('[data-testid="depth-last"]'));
      await page.fill('[data-testid="panel-price"]', last.toFixed(2));
      await page.fill('[data-testid="panel-volume"]', '500');
      await page.click('[data-testid="panel-send"]');
      await expect.poll(() => page.textContent('[data-testid="panel-message"]')).not.toBe('');
      const text = (await page.textContent('[data-testid="panel-message"]')) ?? '';
      if (!text.startsWith('已委托：')) {
        expect(text).toContain('融券卖出价格不得低于最新成交价');
        continue;
      }
      shortId = text.slice('已委托：'.length).trim();
      await page.click('[data-tab="orders"]');
      const status = () => cell(page, 'orders', shortId, 'status').textContent();
      await expect.poll(status, { timeout: 10_000 }).toMatch(/全部成交|未成交|部分成交/);
      if ((await status()) !== '全部成交') {
        await page.click('[data-testid="panel-cancel-all"]');
        await expect.poll(status, { timeout: 10_000 }).toMatch(/全部成交|已撤销/);
      }
      sold = money(await cell(page, 'orders', shortId, 'traded').textContent());
    }

    await openCredit('compacts');
    const slo = page.locator('[data-grid="compacts"] .ag-row').filter({ has: page.locator('[col-id="compact_type"]', { hasText: '融券' }) });
    await slo.first().waitFor({ timeout: 15_000 });
    await expect.poll(() => slo.first().locator('[col-id="real_compact_vol"]').textContent(), { timeout: 15_000 }).toBe(sold.toLocaleString('en-US'));
    await openCredit('assets');
    await expect.poll(async () => money(await field('融券卖出资金').textContent())).toBeGreaterThan(0);

    await openCredit('compacts');
    await slo.first().locator('[col-id="symbol"]').dblclick();
    await expect.poll(() => page.inputValue('[data-testid="panel-credit"]')).toBe('买券还券');
    expect(await page.inputValue('[data-testid="panel-volume"]')).toBe(String(sold));
    const ask1 = Number(await page.locator('[data-level="卖1"] .price').textContent());
    await page.fill('[data-testid="panel-price"]', roundCents(ask1 + 0.05).toFixed(2));
    const coverId = await send();
    await page.click('[data-tab="orders"]');
    await expect.poll(() => cell(page, 'orders', coverId, 'status').textContent()).toBe('全部成交');
    await openCredit('compacts');
    await expect.poll(() => slo.first().locator('[col-id="closed"]').textContent()).toBe('已了结');
    await screenshot(page, 'e2e-credit-02-covered');
  }, 90_000);

  it('直接还款 repays the 融资 debt', async () => {
    await openCredit('assets');
    const owed = money(await field('融资负债').textContent());
    expect(owed).toBeGreaterThan(0);
    await page.fill('[data-testid="repay-amount"]', (owed + 1000).toFixed(2));
    await page.click('[data-testid="repay-cash"]');
    await expect.poll(() => page.textContent('[data-testid="repay-message"]')).toContain('直接还款');
    await expect.poll(async () => money(await field('融资负债').textContent())).toBe(0);
    await expect.poll(() => page.textContent('[data-testid="assure-ratio"]')).toContain('无负债');
    await screenshot(page, 'e2e-credit-03-repaid');
  });

  it('shows no page errors', () => {
    expect(errors).toEqual([]);
  });
});
