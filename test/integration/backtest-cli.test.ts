/**
 * `tstrader backtest` as a real process on a temp .vntrader folder with imported bars: its
 * statistics are the backtest engine's on the same bars, it writes the HTML report and the
 * CSVs, and bad input is a Chinese message and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../common/csv';
import { DEFAULT_STRATEGY_BACKTEST, runStrategyBacktest } from '../../apps/strategy-manager/engine/backtest/strategy-backtest';
import { compileStrategy } from '../../apps/strategy-manager/engine/compile';
import { loadStockBars } from '../../electron/engine/backtest/broker/stock-bars';
import { BarStore } from '../../electron/engine/store';
import { importSyntheticBars } from '../fixtures/backtest-bars';
import { tempVntraderDir } from './harness';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'bin', 'tstrader.mjs');
const strategy = path.join(root, 'strategies', 'double-ma.ts');
let dir: string;

beforeAll(() => {
  dir = tempVntraderDir();
  importSyntheticBars(dir, '600000.SSE', 20, 5);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'backtest', ...args], { cwd: root, env: { ...process.env, VNTRADER_DIR: dir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tstrader backtest', () => {
  it('prints the engine\'s statistics as JSON and writes the report and CSVs', async () => {
    const out = (name: string) => path.join(dir, name);
    const r = await run(['-c', strategy, '--code', '600000', '--start', '2024-01-01', '--end', '2024-12-31', '--interval', '1m', '--params', '{"fast":5,"slow":20,"lots":1}', '--slippage', '1', '--json', '--report', out('r.html'), '--trades', out('t.csv'), '--daily', out('d.csv')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { statistics: Record<string, unknown>; trade_count: number; bars: number };

    const store = BarStore.openIn(dir);
    const bars = loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31' });
    store.close();
    const expected = runStrategyBacktest({
      file: strategy, code: await compileStrategy(strategy), vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31',
      params: { fast: 5, slow: 20, lots: 1 }, settings: { ...DEFAULT_STRATEGY_BACKTEST, slippageTicks: 1 }, bars,
    });
    expect(printed.statistics).toEqual(expected.statistics);
    expect(printed.bars).toBe(20 * 240);
    expect(printed.trade_count).toBe(expected.trades.length);
    expect(expected.statistics.total_slippage).toBeGreaterThan(0);

    const html = fs.readFileSync(out('r.html'), 'utf8');
    expect(html).toContain('<title>回测报告 double-ma.ts 600000.SSE</title>');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|src=|href=/);
    const trades = parseCsv(fs.readFileSync(out('t.csv'), 'utf8'));
    expect(trades[0]!.slice(0, 4)).toEqual(['成交号', '委托号', '时间', '方向']);
    expect(trades.length - 1).toBe(expected.trades.length);
    const daily = parseCsv(fs.readFileSync(out('d.csv'), 'utf8'));
    expect(daily.length - 1).toBe(20);
    expect(Number(daily.at(-1)![13])).toBeCloseTo(expected.statistics.end_balance, 6);
  });

  it('--account 信用 backtests the margin example on a credit account, with the fees given', async () => {
    const margin = path.join(root, 'strategies', 'ptrade-margin-ma.ts');
    const args = ['-c', margin, '--code', '600000', '--start', '2024-01-01', '--end', '2024-12-31', '--params', '{"code":"600000.SS","fast":5,"slow":20}', '--transfer-fee', '0', '--json'];
    const cash = await run(args);
    expect(cash.code).not.toBe(0);
    expect(cash.stderr).toMatch(/需要信用账户/);
    const r = await run([...args, '--account', '信用']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { statistics: Record<string, unknown>; settings: { account: string; fees: { transferFeeRate: number } } };
    expect(printed.settings).toMatchObject({ account: 'credit', fees: { transferFeeRate: 0 } });

    const store = BarStore.openIn(dir);
    const bars = loadStockBars(store, { vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31' });
    store.close();
    const d = DEFAULT_STRATEGY_BACKTEST;
    const expected = runStrategyBacktest({
      file: margin, code: await compileStrategy(margin), vt_symbol: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31',
      params: { code: '600000.SS', fast: 5, slow: 20 }, settings: { ...d, fees: { ...d.fees, transferFeeRate: 0 }, account: 'credit' }, bars,
    });
    expect(printed.statistics).toEqual(expected.statistics);
    expect(expected.statistics.total_trade_count).toBeGreaterThan(0);
  });

  it('bad input: a Chinese message, no run', async () => {
    const base = ['-c', strategy, '--code', '600000', '--start', '2024-01-01', '--end', '2024-12-31'];
    const badJson = await run([...base, '--params', '{fast:5}']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/--params 不是有效的 JSON/);
    const badInterval = await run([...base, '--interval', '5m']);
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toMatch(/--interval 只能是 1m 或 1d/);
    const noBars = await run(['-c', strategy, '--code', '000001.SZ', '--start', '2024-01-01', '--end', '2024-12-31']);
    expect(noBars.code).toBe(1);
    expect(noBars.stderr).toMatch(/000001\.SZSE 在 2024-01-01 至 2024-12-31 没有1 分钟K线/);
    const badAccount = await run([...base, '--account', '期货']);
    expect(badAccount.code).toBe(2);
    expect(badAccount.stderr).toMatch(/--account 应为“普通”或“信用”，当前为 期货/);
    const badStamp = await run([...base, '--stamp-duty', '0.05']);
    expect(badStamp.code).toBe(2);
    expect(badStamp.stderr).toMatch(/--stamp-duty 应为0 到 0.01 之间的小数/);
    const missing = await run(['--code', '600000', '--start', '2024-01-01', '--end', '2024-12-31']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/需要 -c 策略代码路径/);
  });
});
