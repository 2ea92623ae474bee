/**
 * 功能→回测 in Chromium against the real headless host, over minute bars imported into the
 * host's bar.db: bad params are refused in Chinese before anything runs; the double-MA
 * example runs with a progress bar to the last bar; the window shows exactly the statistics
 * the engine computes on those bars in-process, the equity curve through every trading day,
 * the drawdown and daily PnL charts and every trade; the trades CSV and the one-file HTML
 * report are exported into the vntrader folder; a grid optimisation over the local pool ranks
 * every combination by the target, sorts by any column, and hands the best set to 策略参数;
 * the genetic search finds the grid's best set on a small space; and with 账户类型 信用 and a
 * stamp duty typed in the window, the margin example (融资融券) shows the engine's statistics.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statisticRows } from '../../common/backtest/report-format';
import { DEFAULT_STRATEGY_BACKTEST, runStrategyBacktest } from '../../apps/strategy-manager/engine/backtest/strategy-backtest';
import { compileStrategy } from '../../apps/strategy-manager/engine/compile';
import { loadStockBars } from '../../electron/engine/backtest/broker/stock-bars';
import { BarStore } from '../../electron/engine/store';
import { importSyntheticBars } from '../fixtures/backtest-bars';
import { type AppSession, openApp, openMenuWindow, ROOT, screenshot } from './e2e-harness';

const DAYS = 60;
const BARS = DAYS * 240;
const STRATEGY = path.join(ROOT, 'strategies/double-ma.ts');

let app: AppSession;
let main: Page;
let page: Page;
let errors: string[];

beforeAll(async () => {
  app = await openApp({ width: 1280, height: 800 });
  ({ page: main, errors } = app);
  importSyntheticBars(app.host.dir, '600000.SSE', DAYS, 7);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

/** The engine's own report on the same bars and settings, computed in this process. */
async function expectedReport() {
  const store = BarStore.openIn(app.host.dir);
  const bars = loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31' });
  store.close();
  return runStrategyBacktest({
    file: STRATEGY, code: await compileStrategy(STRATEGY), vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31',
    params: { fast: 5, slow: 20, lots: 1 }, settings: DEFAULT_STRATEGY_BACKTEST, bars,
  });
}

describe('功能→回测', () => {
  it('opens from the menu with the double-MA example chosen, and refuses bad params in Chinese', async () => {
    page = await openMenuWindow(main, 'tools', 'backtest', errors);
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.waitForSelector('[data-testid="backtest"]');
    await expect.poll(() => page.inputValue('[data-testid="bt-file"]')).toMatch(/strategies[\\/]double-ma\.ts$/);
    await page.fill('[data-testid="bt-start"]', '2024-01-01');
    await page.fill('[data-testid="bt-end"]', '2024-12-31');
    await page.fill('[data-testid="bt-params"]', '{fast: 5}');
    await page.click('[data-testid="bt-run"]');
    expect(await page.textContent('[data-problem="params"]')).toMatch(/^策略参数不是有效的 JSON：/);
    expect(await page.getAttribute('[data-testid="bt-progress"]', 'data-state')).toBe('failed');
    expect(await page.locator('[data-testid="bt-result"]').count()).toBe(0);
    await page.fill('[data-testid="bt-params"]', '[5, 20]');
    await page.click('[data-testid="bt-run"]');
    expect(await page.textContent('[data-problem="params"]')).toMatch(/^策略参数应为 JSON 对象/);
  });

  it('runs the double-MA example with a progress bar, then shows the engine\'s statistics, the equity curve and the trades', async () => {
    await page.fill('[data-testid="bt-params"]', '{"fast": 5, "slow": 20, "lots": 1}');
    // Every state and bar value the window passes through, recorded as the DOM changes.
    await page.locator('[data-testid="bt-progress"]').evaluate((progress) => {
      const win = progress.ownerDocument.defaultView! as unknown as { seen: string[]; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void } };
      win.seen = [];
      new win.MutationObserver(() => {
        const bar = progress.querySelector('progress') as { value: number; max: number } | null;
        win.seen.push(`${progress.getAttribute('data-state')}:${bar ? `${bar.value}/${bar.max}` : '-'}`);
      }).observe(progress, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    await page.click('[data-testid="bt-run"]');
    await expect.poll(() => page.getAttribute('[data-testid="bt-progress"]', 'data-state'), { timeout: 60_000 }).toBe('finished');
    const seen = await page.locator('[data-testid="bt-progress"]').evaluate((el) => (el.ownerDocument.defaultView as unknown as { seen: string[] }).seen);
    expect(seen.some((s) => s.startsWith('running:'))).toBe(true);
    expect(seen.at(-1)).toBe(`finished:${BARS}/${BARS}`);
    expect(await page.textContent('[data-testid="bt-progress-text"]')).toBe(`回测完成：${BARS.toLocaleString('en-US')} 根K线`);
    await screenshot(page, 'e2e-backtest-01-result');

    const expected = await expectedReport();
    expect(expected.statistics.total_trade_count).toBeGreaterThan(0);
    const shown = await page.locator('[data-testid="bt-stats"] tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-stat'), r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    expect(shown).toEqual(statisticRows(expected.statistics));

    // The equity curve has a point per trading day; drawdown and daily PnL are drawn too.
    const days = expected.daily.length;
    expect(days).toBe(DAYS);
    const points = await page.getAttribute('[data-series="balance"]', 'points');
    expect(points!.trim().split(/\s+/)).toHaveLength(days);
    expect(await page.getAttribute('[data-chart="balance"]', 'aria-label')).toBe('账户净值');
    expect(await page.locator('[data-series="drawdown"]').count()).toBe(1);
    expect(await page.locator('[data-series="pnl"] rect').count()).toBe(days);
    expect(await page.textContent('[data-testid="bt-summary"]')).toMatch(/^double-ma\.ts · 600000\.SSE · 1 分钟 · 2024-01-01 至 2024-12-31 · 14,400 根K线/);

    await page.click('[data-tab="trades"]');
    await page.locator('[data-grid="bt-trades"] .ag-row').first().waitFor();
    const first = expected.trades[0]!;
    expect(await page.locator(`[data-grid="bt-trades"] .ag-row[row-id="${first.trade_id}"] [col-id="direction"]`).textContent()).toBe('买入');
    expect(await page.locator(`[data-grid="bt-trades"] .ag-row[row-id="${first.trade_id}"] [col-id="volume"]`).textContent()).toBe(String(first.volume));
    expect(await page.textContent('[data-tab="trades"]')).toBe(`成交记录（${expected.trades.length}）`);
    await screenshot(page, 'e2e-backtest-02-trades');

    // The K线图 of the run's bars with every fill on its bar: buy ▲, sell ▼.
    await page.click('[data-tab="kline"]');
    await expect.poll(() => page.getAttribute('[data-testid="bt-kline"]', 'data-bars'), { timeout: 20_000 }).toBe(String(BARS));
    const markers = page.locator('[data-testid="bt-kline-markers"] li');
    await expect.poll(() => markers.count()).toBe(expected.trades.length);
    expect(await markers.first().getAttribute('data-side')).toBe('buy');
    // A fill's time is the end of its minute bar; its marker sits on that bar's start.
    expect(Number(await markers.first().getAttribute('data-bar-time'))).toBe(first.datetime - 60_000);
    await screenshot(page, 'e2e-backtest-05-kline');
    await page.click('[data-tab="overview"]');
  });

  it('exports the trades as CSV and the one-file HTML report into the vntrader folder', async () => {
    const expected = await expectedReport();
    await page.click('[data-export="trades"]');
    await expect.poll(() => page.textContent('[data-testid="bt-exported"]')).toMatch(/^已导出：.*-成交\.csv$/);
    const csvFile = (await page.textContent('[data-testid="bt-exported"]'))!.replace('已导出：', '');
    expect(path.dirname(csvFile)).toBe(path.join(app.host.dir, 'backtests'));
    const text = fs.readFileSync(csvFile, 'utf8');
    // A BOM first, so Excel reads the Chinese header as UTF-8.
    expect(text.startsWith('\uFEFF成交号,委托号,时间,方向,价格,数量,金额,费用,滑点\r\n')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(expected.trades.length + 1);

    await page.click('[data-export="html"]');
    await expect.poll(() => page.textContent('[data-testid="bt-exported"]')).toMatch(/\.html$/);
    const html = (await page.textContent('[data-testid="bt-exported"]'))!.replace('已导出：', '');
    const report = await app.browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await report.goto(`file://${html}`);
    expect(await report.title()).toBe('回测报告 double-ma.ts 600000.SSE');
    // The same equity curve: one point per trading day.
    expect((await report.locator('svg polyline').getAttribute('points'))!.split(' ')).toHaveLength(expected.daily.length);
    expect(await report.locator('svg[aria-label="每日盈亏"] rect').count()).toBe(expected.daily.length + 1);
    await screenshot(report, 'e2e-backtest-03-report');
    await report.close();
  });

  it('optimises the parameters over the local pool: every grid combination, ranked by the target, sortable, one double-click into 策略参数', async () => {
    await page.click('[data-view="optimize"]');
    await page.fill('[data-testid="bt-opt-space"]', '{"fast": [3, 5], "slow": {"start": 20, "end": 30, "step": 10}}');
    await page.selectOption('[data-testid="bt-opt-target"]', 'total_return');
    await page.selectOption('[data-testid="bt-opt-method"]', 'grid');
    await page.click('[data-testid="bt-opt-run"]');
    expect(await page.getAttribute('[data-testid="bt-opt-progress"]', 'data-state')).toBe('running');
    await expect.poll(() => page.getAttribute('[data-testid="bt-opt-progress"]', 'data-state'), { timeout: 120_000 }).toBe('finished');
    expect(await page.textContent('[data-testid="bt-opt-progress-text"]')).toMatch(/^优化完成：评估 4 组参数/);

    const grid = '[data-grid="bt-opt-results"]';
    await page.locator(`${grid} .ag-row`).first().waitFor();
    const column = async (colId: string) => page.locator(`${grid} .ag-row[row-index]`).evaluateAll(
      (rows, id) => rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index'))).map((r) => r.querySelector(`[col-id="${id}"]`)!.textContent),
      colId,
    );
    await expect.poll(() => column('rank')).toEqual(['1', '2', '3', '4']);
    const slows = await column('param-slow');
    expect((await column('param-fast')).map((f, i) => `${f}/${slows[i]}`).sort()).toEqual(['3/20', '3/30', '5/20', '5/30']);
    const byRank = (await column('value')).map((v) => Number(v!.replace(/[%,]/g, '')));
    expect(byRank).toEqual([...byRank].sort((a, b) => b - a));
    expect(await page.textContent(`${grid} .ag-header-cell[col-id="value"]`)).toContain('目标：总收益率');

    // A click on a header sorts by it: the fewest trades first.
    await page.click(`${grid} .ag-header-cell[col-id="total_trade_count"] .ag-header-cell-label`);
    const counts = (await column('total_trade_count')).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    await screenshot(page, 'e2e-backtest-04-optimize');

    // The best set, double-clicked, becomes the strategy's params (over the base ones).
    await page.click(`${grid} .ag-header-cell[col-id="rank"] .ag-header-cell-label`);
    await expect.poll(() => column('rank')).toEqual(['1', '2', '3', '4']);
    const fast = (await column('param-fast'))[0];
    const slow = (await column('param-slow'))[0];
    await page.dblclick(`${grid} .ag-row[row-index="0"] [col-id="rank"]`);
    // AG Grid calls onRowDoubleClicked from a timer after the event, so the field changes a moment later.
    await expect.poll(async () => JSON.parse(await page.inputValue('[data-testid="bt-params"]'))).toEqual({ fast: Number(fast), slow: Number(slow), lots: 1 });
    expect(errors).toEqual([]);
  });

  it('the genetic search (遗传算法) finds the grid\'s best set on a small space', async () => {
    const grid = '[data-grid="bt-opt-results"]';
    // the value of the set ranked 1, whatever column the grid is sorted by
    const topValue = async () => page.locator(`${grid} .ag-row[row-index]`).evaluateAll(
      (rows) => rows.find((r) => r.querySelector('[col-id="rank"]')?.textContent === '1')?.querySelector('[col-id="value"]')?.textContent ?? null,
    );
    const runOpt = async (method: 'grid' | 'genetic') => {
      await page.fill('[data-testid="bt-params"]', '{"lots": 1}');
      await page.fill('[data-testid="bt-opt-space"]', '{"fast": [3, 5, 8], "slow": [20, 30]}');
      await page.selectOption('[data-testid="bt-opt-target"]', 'sharpe_ratio');
      await page.selectOption('[data-testid="bt-opt-method"]', method);
      await page.click('[data-testid="bt-opt-run"]');
      await expect.poll(() => page.getAttribute('[data-testid="bt-opt-progress"]', 'data-state'), { timeout: 120_000 }).toBe('finished');
      await expect.poll(() => page.textContent(`${grid} .ag-header-cell[col-id="value"]`)).toContain('目标：夏普比率');
      await expect.poll(topValue).not.toBeNull();
      return page.textContent('[data-testid="bt-opt-progress-text"]');
    };
    expect(await runOpt('grid')).toMatch(/^优化完成：评估 6 组参数/);
    const best = await topValue();
    // each combination is evaluated once however often the search meets it: at most the 6 there are
    const text = await runOpt('genetic');
    const evaluated = Number(/评估 (\d+) 组参数/.exec(text ?? '')?.[1]);
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(6);
    await expect.poll(topValue).toBe(best);
    await screenshot(page, 'e2e-backtest-06-genetic');
    expect(errors).toEqual([]);
  });

  it('账户类型 信用: the margin example (融资融券) runs on a credit account with the window\'s stamp duty, as the engine computes it', async () => {
    await page.click('[data-view="result"]');
    const margin = path.join(ROOT, 'strategies/ptrade-margin-ma.ts');
    await page.fill('[data-testid="bt-file"]', margin);
    await page.fill('[data-testid="bt-params"]', '{"code": "600000.SS", "fast": 5, "slow": 20}');
    await page.fill('[data-testid="bt-stamp_duty_rate"]', '0.001');
    await page.selectOption('[data-testid="bt-account"]', 'credit');
    await page.click('[data-testid="bt-run"]');
    await expect.poll(() => page.getAttribute('[data-testid="bt-progress"]', 'data-state'), { timeout: 60_000 }).toBe('finished');

    const store = BarStore.openIn(app.host.dir);
    const bars = loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31' });
    store.close();
    const d = DEFAULT_STRATEGY_BACKTEST;
    const expected = runStrategyBacktest({
      file: margin, code: await compileStrategy(margin), vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31',
      params: { code: '600000.SS', fast: 5, slow: 20 }, settings: { ...d, fees: { ...d.fees, stampDutyRate: 0.001 }, account: 'credit' }, bars,
    });
    expect(expected.trades.some((t) => t.direction === '空')).toBe(true);
    const shown = await page.locator('[data-testid="bt-stats"] tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-stat'), r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    expect(shown).toEqual(statisticRows(expected.statistics));
    await screenshot(page, 'e2e-backtest-07-credit');
    expect(errors).toEqual([]);
  });
});
