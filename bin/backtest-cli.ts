/**
 * `tstrader backtest -c FILE --code 600000 --start 2024-01-01 --end 2024-12-31 --interval 1m
 *  [--params JSON] [--capital N] [--commission RATE] [--min-commission CNY] [--slippage TICKS]
 *  [--volume-ratio R] [--stamp-duty RATE] [--transfer-fee RATE] [--account 普通|信用] [--json] [--report out.html] [--trades out.csv] [--daily out.csv]`:
 * backtest a strategy file on the bars stored in the .vntrader folder's bar.db and print the
 * statistics (a table, or one JSON object with --json).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dailyCsv, htmlReport, statisticRows, tradesCsv } from '../common/backtest/report-format';
import type { StrategyBacktestSettings } from '../common/backtest/report';
import { DEFAULT_STRATEGY_BACKTEST, runStrategyBacktest } from '../apps/strategy-manager/engine/backtest/strategy-backtest';
import { compileStrategy } from '../apps/strategy-manager/engine/compile';
import { loadStockBars } from '../electron/engine/backtest/broker/stock-bars';
import { BarStore, resolveVntraderDir } from '../electron/engine/store';
import { UsageError, type FlagSpec } from './cli-args';

export const BACKTEST_FLAGS: FlagSpec[] = [
  { name: 'code_file', short: 'c', value: true, help: '策略代码路径（.ts 或 .js）' },
  { name: 'code', value: true, help: '回测的证券代码，如 600000 或 600000.SH' },
  { name: 'start', value: true, help: '开始日期 YYYY-MM-DD' },
  { name: 'end', value: true, help: '结束日期 YYYY-MM-DD（含）' },
  { name: 'interval', value: true, help: 'K线周期：1m（默认）或 1d' },
  { name: 'params', value: true, help: '策略参数 JSON 对象，策略中为 context.params' },
  { name: 'capital', value: true, help: '起始资金，默认 1000000' },
  { name: 'commission', value: true, help: '佣金率，默认 0.00025' },
  { name: 'min_commission', value: true, help: '每笔委托最低佣金（元），默认 5' },
  { name: 'slippage', value: true, help: '每笔成交的滑点（跳），默认 0' },
  { name: 'volume_ratio', value: true, help: '每根K线成交量中可成交的比例，默认 0.25' },
  { name: 'stamp_duty', value: true, help: '印花税率（卖出），默认 0.0005' },
  { name: 'transfer_fee', value: true, help: '过户费率（买卖），默认 0.00001' },
  { name: 'account', value: true, help: '账户类型：普通（默认）或 信用（融资融券，按模拟交易所信用账户的规则与默认条款）' },
  { name: 'json', value: false, help: '以 JSON 输出统计指标' },
  { name: 'report', value: true, help: '写出单文件 HTML 报告' },
  { name: 'trades', value: true, help: '写出成交记录 CSV' },
  { name: 'daily', value: true, help: '写出逐日盈亏 CSV' },
  { name: 'help', short: 'h', value: false, help: '显示帮助' },
];

function num(flags: Map<string, string | true>, name: string, fallback: number, ok: (n: number) => boolean, rule: string): number {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`--${name.replace(/_/g, '-')} 应为${rule}，当前为 ${String(v)}`);
  return n;
}

function required(flags: Map<string, string | true>, name: string, what: string): string {
  const v = flags.get(name);
  if (typeof v !== 'string' || !v) throw new UsageError(`backtest 需要 ${what}`);
  return v;
}

/** 账户类型: 普通 / 信用 (cash / credit accepted too). */
export function accountType(v: string | true | undefined): 'cash' | 'credit' {
  if (v === undefined || v === '普通' || v === 'cash') return 'cash';
  if (v === '信用' || v === 'credit') return 'credit';
  throw new UsageError(`--account 应为“普通”或“信用”，当前为 ${String(v)}`);
}

export function parseParams(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--params 不是有效的 JSON：${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError('--params 应为 JSON 对象，如 {"fast":5,"slow":20}');
  return v as Record<string, unknown>;
}

export async function runBacktestCli(flags: Map<string, string | true>): Promise<number> {
  const file = required(flags, 'code_file', '-c 策略代码路径');
  const code = required(flags, 'code', '--code 证券代码');
  const start = required(flags, 'start', '--start 开始日期');
  const end = required(flags, 'end', '--end 结束日期');
  const interval = (flags.get('interval') ?? '1m') as string;
  if (interval !== '1m' && interval !== '1d') throw new UsageError(`--interval 只能是 1m 或 1d，当前为 ${interval}`);
  const params = parseParams(flags.get('params') as string | undefined);
  const d = DEFAULT_STRATEGY_BACKTEST;
  const settings: StrategyBacktestSettings = {
    capital: num(flags, 'capital', d.capital, (n) => n > 0, '正数'),
    fees: {
      commissionRate: num(flags, 'commission', d.fees.commissionRate, (n) => n >= 0 && n < 0.01, '0 到 0.01 之间的小数'),
      minCommission: num(flags, 'min_commission', d.fees.minCommission, (n) => n >= 0, '非负数'),
      stampDutyRate: num(flags, 'stamp_duty', d.fees.stampDutyRate, (n) => n >= 0 && n <= 0.01, '0 到 0.01 之间的小数'),
      transferFeeRate: num(flags, 'transfer_fee', d.fees.transferFeeRate, (n) => n >= 0 && n <= 0.001, '0 到 0.001 之间的小数'),
    },
    volumeRatio: num(flags, 'volume_ratio', d.volumeRatio, (n) => n > 0 && n <= 1, '0 到 1 之间（不含 0）'),
    slippageTicks: num(flags, 'slippage', d.slippageTicks, (n) => n >= 0, '非负数'),
    annualDays: d.annualDays,
    account: accountType(flags.get('account')),
  };

  const dir = resolveVntraderDir({ cwd: process.cwd(), env: process.env, home: os.homedir() });
  const storeFile = path.join(dir, 'bar.db');
  if (!fs.existsSync(storeFile)) throw new UsageError(`没有K线库 ${storeFile}：请先在 数据管理 导入K线`);
  const store = BarStore.open(storeFile);
  let bars;
  try {
    bars = loadStockBars(store, { vt_symbol: code, interval, start, end });
  } finally {
    store.close();
  }
  const compiled = await compileStrategy(file);
  const tty = process.stderr.isTTY;
  const report = runStrategyBacktest({
    file: path.resolve(file), code: compiled, vt_symbol: code, interval, start, end, params, settings, bars,
    onProgress: tty ? (done, total) => process.stderr.write(`\r回测中 ${((done / total) * 100).toFixed(0)}%（${done}/${total} 根K线）`) : undefined,
    progressEvery: 10_000,
  });
  if (tty) process.stderr.write('\n');

  const written: string[] = [];
  const write = (flag: string, text: string) => {
    const out = flags.get(flag);
    if (typeof out !== 'string') return;
    fs.writeFileSync(out, text);
    written.push(out);
  };
  write('report', htmlReport(report));
  write('trades', tradesCsv(report));
  write('daily', dailyCsv(report));

  if (flags.has('json')) {
    const { daily: _d, trades: _t, logs: _l, ...summary } = report;
    console.log(JSON.stringify({ ...summary, trade_count: report.trades.length }));
    return 0;
  }
  console.log(`${report.file_name} · ${report.vt_symbol} · ${interval === '1d' ? '日线' : '1 分钟'} · ${start} 至 ${end} · ${report.bars} 根K线 · ${(report.elapsed_ms / 1000).toFixed(2)} 秒`);
  for (const [, label, value] of statisticRows(report.statistics)) console.log(`${label.padEnd(10, '　')}\t${value}`);
  console.log(`委托 ${report.orders}，拒单 ${report.rejected}，回调出错 ${report.errors}`);
  for (const l of report.logs.filter((x) => x.level === 'ERROR').slice(0, 5)) console.error(l.msg);
  for (const w of written) console.log(`已写出 ${w}`);
  return 0;
}
