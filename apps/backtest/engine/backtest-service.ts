/**
 * 回测's engine side: a run reads the bars from bar.db, hands them (in shared memory) to the
 * strategy backtester the 策略管理 app provides, relays its progress as events, and keeps the
 * last few reports so the window can export them as files into <vntrader>/backtests/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BacktestReport, StrategyBacktestSettings } from '../../../common/backtest/report';
import { dailyCsv, htmlReport, tradesCsv } from '../../../common/backtest/report-format';
import { TraderError } from '../../../common/errors';
import { DEFAULT_FEES } from '../../../common/markets/cn-stock/fees';
import { cstDateTimeOf } from '../../../common/time';
import { loadStockBars } from '../../../electron/engine/backtest/broker/stock-bars';
import type { BarColumns } from '../../../electron/engine/backtest/job/bar-columns';
import { strategyBacktester } from '../../../electron/engine/backtest/strategy-backtester';
import { BarStore } from '../../../electron/engine/store';
import type { BacktestExportResult, BacktestProgressEvent } from '../common/backtest';
import { parseParamsText } from '../common/params';

/** The fields every run request carries (the contract's runArgs). */
export interface RunArgs {
  runId: string;
  file: string;
  code: string;
  interval: '1m' | '1d';
  start: string;
  end: string;
  capital: number;
  commission_rate: number;
  min_commission: number;
  slippage_ticks: number;
  volume_ratio: number;
  params: string;
  account?: 'cash' | 'credit';
  stamp_duty_rate?: number;
  transfer_fee_rate?: number;
}

export interface BacktestServiceOptions {
  dir: string;
  emit(p: BacktestProgressEvent): void;
}

const KEEP_REPORTS = 8;

export function settingsOf(a: RunArgs): StrategyBacktestSettings {
  return {
    capital: a.capital,
    fees: {
      commissionRate: a.commission_rate, minCommission: a.min_commission,
      stampDutyRate: a.stamp_duty_rate ?? DEFAULT_FEES.stampDutyRate, transferFeeRate: a.transfer_fee_rate ?? DEFAULT_FEES.transferFeeRate,
    },
    volumeRatio: a.volume_ratio,
    slippageTicks: a.slippage_ticks,
    annualDays: 240,
    ...(a.account === 'credit' ? { account: 'credit' as const } : {}),
  };
}

export class BacktestService {
  private readonly reports = new Map<string, BacktestReport>();
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly opts: BacktestServiceOptions) {}

  /** The bars of a request, from bar.db. */
  loadBars(a: RunArgs): BarColumns {
    const file = path.join(this.opts.dir, 'bar.db');
    if (!fs.existsSync(file)) throw new TraderError('NO_BARS', '还没有K线库：请先在 数据管理 导入K线');
    const store = BarStore.open(file);
    try {
      return loadStockBars(store, { vt_symbol: a.code, interval: a.interval, start: a.start, end: a.end });
    } finally {
      store.close();
    }
  }

  /** Start tracking a run id (a second run under the same id is refused). */
  begin(runId: string): AbortController {
    if (this.running.has(runId)) throw new TraderError('BUSY', `回测 ${runId} 正在运行`);
    const ac = new AbortController();
    this.running.set(runId, ac);
    return ac;
  }

  end(runId: string): void {
    this.running.delete(runId);
  }

  progress(p: BacktestProgressEvent): void {
    this.opts.emit(p);
  }

  async run(a: RunArgs): Promise<BacktestReport> {
    const params = parseParamsText(a.params);
    if (!fs.existsSync(a.file)) throw new TraderError('STRATEGY_FILE', `策略文件不存在：${a.file}`);
    const ac = this.begin(a.runId);
    try {
      const bars = this.loadBars(a);
      this.opts.emit({ runId: a.runId, phase: 'run', done: 0, total: bars.length, finished: false });
      const report = await strategyBacktester().run(
        { file: a.file, vt_symbol: a.code, interval: a.interval, start: a.start, end: a.end, params, settings: settingsOf(a), bars },
        (p) => this.opts.emit({ runId: a.runId, phase: 'run', done: p.done, total: p.total, finished: false }),
        ac.signal,
      );
      this.opts.emit({ runId: a.runId, phase: 'run', done: bars.length, total: bars.length, finished: true });
      this.keep(a.runId, report);
      return report;
    } finally {
      this.end(a.runId);
    }
  }

  cancel(runId: string): boolean {
    const ac = this.running.get(runId);
    if (!ac) return false;
    ac.abort();
    return true;
  }

  /** Write a kept report's trades, daily table or HTML report into <vntrader>/backtests/. */
  export(runId: string, kind: 'trades' | 'daily' | 'html'): BacktestExportResult {
    const r = this.reports.get(runId);
    if (!r) throw new TraderError('NOT_FOUND', '没有这次回测的结果（请先运行回测）');
    const dir = path.join(this.opts.dir, 'backtests');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = cstDateTimeOf(Date.now()).replace(/[-: ]/g, '').slice(0, 14);
    const base = `${path.basename(r.file_name).replace(/\.[^.]+$/, '')}-${r.vt_symbol}-${stamp}`;
    const [name, text] = kind === 'html' ? [`${base}.html`, htmlReport(r)] : kind === 'trades' ? [`${base}-成交.csv`, tradesCsv(r)] : [`${base}-逐日.csv`, dailyCsv(r)];
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return { path: file };
  }

  private keep(runId: string, report: BacktestReport): void {
    this.reports.delete(runId);
    this.reports.set(runId, report);
    while (this.reports.size > KEEP_REPORTS) this.reports.delete(this.reports.keys().next().value!);
  }

  close(): void {
    for (const ac of this.running.values()) ac.abort();
  }
}
