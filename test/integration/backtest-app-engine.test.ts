/**
 * 回测's engine part on a temp .vntrader folder with imported bars: a run on its own thread
 * gives exactly the in-process engine's statistics and reports progress to the end; the
 * report exports as a one-file HTML; an optimisation over the local pool (threads that run
 * the strategy file) evaluates every grid combination; bad params are a Chinese error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestService } from '../../apps/backtest/engine/backtest-service';
import { Direction } from '../../common/constants';
import { optimize } from '../../apps/backtest/engine/optimize';
import type { BacktestProgressEvent } from '../../apps/backtest/common/backtest';
import { threadBacktester } from '../../apps/strategy-manager/engine/backtest/backtest-thread';
import { DEFAULT_STRATEGY_BACKTEST, runStrategyBacktest } from '../../apps/strategy-manager/engine/backtest/strategy-backtest';
import { compileStrategy } from '../../apps/strategy-manager/engine/compile';
import { loadStockBars } from '../../electron/engine/backtest/broker/stock-bars';
import { provideStrategyBacktester } from '../../electron/engine/backtest/strategy-backtester';
import { BarStore } from '../../electron/engine/store';
import { importSyntheticBars } from '../fixtures/backtest-bars';
import { tempVntraderDir } from './harness';

const strategy = path.resolve(__dirname, '../../strategies/double-ma.ts');
let dir: string;
const events: BacktestProgressEvent[] = [];
let service: BacktestService;
const d = DEFAULT_STRATEGY_BACKTEST;
const args = (runId: string, params: string) => ({
  runId, file: strategy, code: '600000.SSE', interval: '1m' as const, start: '2024-01-01', end: '2024-12-31',
  capital: d.capital, commission_rate: d.fees.commissionRate, min_commission: d.fees.minCommission, slippage_ticks: 0, volume_ratio: d.volumeRatio, params,
});

beforeAll(() => {
  dir = tempVntraderDir();
  importSyntheticBars(dir, '600000.SSE', 10, 5);
  provideStrategyBacktester(threadBacktester);
  service = new BacktestService({ dir, emit: (p) => events.push(p) });
});
afterAll(() => {
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('回测 engine part', () => {
  it('runs a strategy file on its own thread with the engine\'s figures, progress to the end, and exports the report', async () => {
    const report = await service.run(args('r1', '{"fast":5,"slow":20,"lots":1}'));
    const store = BarStore.openIn(dir);
    const bars = loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31' });
    store.close();
    const expected = runStrategyBacktest({
      file: strategy, code: await compileStrategy(strategy), vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31',
      params: { fast: 5, slow: 20, lots: 1 }, settings: { ...d, fees: { ...d.fees, stampDutyRate: report.settings.fees.stampDutyRate, transferFeeRate: report.settings.fees.transferFeeRate } }, bars,
    });
    expect(report.statistics).toEqual(expected.statistics);
    expect(report.statistics.total_trade_count).toBeGreaterThan(0);
    const mine = events.filter((e) => e.runId === 'r1');
    expect(mine.at(-1)).toEqual({ runId: 'r1', phase: 'run', done: 2400, total: 2400, finished: true });
    const { path: html } = service.export('r1', 'html');
    expect(fs.readFileSync(html, 'utf8')).toContain('<title>回测报告 double-ma.ts 600000.SSE</title>');
  });

  it('optimises over the local pool: every grid combination evaluated, ranked by the target', async () => {
    const r = await optimize(service, { ...args('o1', '{"lots":1}'), space: '{"fast":[3,5],"slow":[20,30]}', target: 'total_return', direction: 'max', method: 'grid' });
    expect(r.evaluated).toBe(4);
    expect(r.rows).toHaveLength(4);
    expect(r.rows.every((x) => x.error === '' && x.value !== null)).toBe(true);
    const values = r.rows.map((x) => x.value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('a run cancelled at once says so in Chinese, frees its id and keeps no report', async () => {
    const running = service.run(args('c1', '{"fast":5,"slow":20,"lots":1}'));
    expect(service.cancel('c1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED', message: '回测已取消' });
    expect(service.cancel('c1')).toBe(false);
    expect(() => service.export('c1', 'html')).toThrow('没有这次回测的结果（请先运行回测）');
  });

  it('账户类型 信用 and the window\'s stamp duty and transfer fee reach the run: the margin example runs on a credit account', async () => {
    const margin = path.resolve(__dirname, '../../strategies/ptrade-margin-ma.ts');
    const run = { ...args('m1', '{"code":"600000.SS","fast":5,"slow":20}'), file: margin, account: 'credit' as const, stamp_duty_rate: 0.001, transfer_fee_rate: 0 };
    const report = await service.run(run);
    expect(report.settings).toMatchObject({ account: 'credit', fees: { stampDutyRate: 0.001, transferFeeRate: 0 } });
    expect(report.errors).toBe(0);
    // 0.1 % stamp duty on every sell and no transfer fee: a sell of A CNY filled whole pays max(5, A × 0.025 %) + A × 0.1 %
    const fills = new Map<string, number>();
    for (const t of report.trades) fills.set(t.order_id, (fills.get(t.order_id) ?? 0) + 1);
    const cents = (x: number) => Math.round(x * 100) / 100;
    const sells = report.trades.filter((t) => t.direction === Direction.SHORT && fills.get(t.order_id) === 1);
    expect(sells.length).toBeGreaterThan(0);
    for (const t of sells) expect(t.fee).toBeCloseTo(Math.max(5, cents(t.amount * 0.00025)) + cents(t.amount * 0.001), 9);
    const buys = report.trades.filter((t) => t.direction === Direction.LONG && fills.get(t.order_id) === 1);
    for (const t of buys) expect(t.fee).toBeCloseTo(Math.max(5, cents(t.amount * 0.00025)), 9);
    const { path: html } = service.export('m1', 'html');
    expect(fs.readFileSync(html, 'utf8')).toContain('<tr><th>账户类型</th><td>信用</td></tr>');
    // the same file on a cash account stops before running, with the reason
    await expect(service.run({ ...run, runId: 'm2', account: 'cash' })).rejects.toThrow(/需要信用账户/);
  });

  it('bad params: a Chinese error, nothing runs', async () => {
    await expect(service.run(args('bad', '{fast:5}'))).rejects.toThrow(/策略参数不是有效的 JSON/);
    await expect(optimize(service, { ...args('bad2', ''), space: '[1]', target: 'total_return', direction: 'max', method: 'grid' })).rejects.toThrow(/优化参数应为 JSON 对象/);
  });
});
