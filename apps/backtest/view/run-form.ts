/**
 * The 回测 window's settings as typed (text, so a half-typed number is not lost) and their
 * check before a run: every problem in Chinese, or the request's arguments.
 */
import type { RequestArgs } from '../../../common/bridge-contract';
import { paramsProblem } from '../common/params';

export interface RunForm {
  file: string;
  code: string;
  interval: '1m' | '1d';
  start: string;
  end: string;
  capital: string;
  commission_rate: string;
  min_commission: string;
  slippage_ticks: string;
  volume_ratio: string;
  stamp_duty_rate: string;
  transfer_fee_rate: string;
  /** 账户类型: 普通 or 信用 (融资融券) */
  account: 'cash' | 'credit';
  params: string;
}

export type RunRequest = Omit<RequestArgs<'backtest/run'>, 'runId'>;

/** The defaults of docs/backtest.md (the CLI's), over last calendar year. */
export function defaultRunForm(today = new Date()): RunForm {
  const year = today.getFullYear() - 1;
  return {
    file: '',
    code: '600000.SSE',
    interval: '1m',
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    capital: '1000000',
    commission_rate: '0.00025',
    min_commission: '5',
    slippage_ticks: '0',
    volume_ratio: '0.25',
    stamp_duty_rate: '0.0005',
    transfer_fee_rate: '0.00001',
    account: 'cash',
    params: '{"fast": 5, "slow": 20, "lots": 1}',
  };
}

const NUMBERS: [Exclude<keyof RunForm, 'interval' | 'account'>, string, number, number][] = [
  ['capital', '起始资金', 1, 1e12],
  ['commission_rate', '佣金率', 0, 0.01],
  ['min_commission', '最低佣金', 0, 1000],
  ['slippage_ticks', '滑点（跳）', 0, 1000],
  ['volume_ratio', '成交量上限', 0.0001, 1],
  ['stamp_duty_rate', '印花税率', 0, 0.01],
  ['transfer_fee_rate', '过户费率', 0, 0.001],
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The run's arguments, or the problems (field → message) that keep it from running. */
export function checkRunForm(f: RunForm): { ok: true; args: RunRequest } | { ok: false; problems: Partial<Record<keyof RunForm, string>> } {
  const problems: Partial<Record<keyof RunForm, string>> = {};
  if (!f.file.trim()) problems.file = '请选择或输入策略文件';
  if (!f.code.trim()) problems.code = '请输入代码，如 600000.SSE';
  if (!DATE.test(f.start)) problems.start = '开始日期应为 YYYY-MM-DD';
  if (!DATE.test(f.end)) problems.end = '结束日期应为 YYYY-MM-DD';
  else if (DATE.test(f.start) && f.start > f.end) problems.end = '结束日期早于开始日期';
  const nums: Record<string, number> = {};
  for (const [key, label, min, max] of NUMBERS) {
    const text = f[key].trim();
    const v = Number(text);
    if (!text || !Number.isFinite(v)) problems[key] = `${label}应为数字`;
    else if (v < min || v > max) problems[key] = `${label}应在 ${min} 到 ${max} 之间`;
    else nums[key] = v;
  }
  const p = paramsProblem(f.params);
  if (p) problems.params = p;
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    args: {
      file: f.file.trim(), code: f.code.trim(), interval: f.interval, start: f.start, end: f.end,
      capital: nums.capital!, commission_rate: nums.commission_rate!, min_commission: nums.min_commission!,
      slippage_ticks: nums.slippage_ticks!, volume_ratio: nums.volume_ratio!, params: f.params,
      stamp_duty_rate: nums.stamp_duty_rate!, transfer_fee_rate: nums.transfer_fee_rate!, account: f.account,
    },
  };
}
