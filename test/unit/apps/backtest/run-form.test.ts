/**
 * The 回测 window's settings check: the params JSON refused with the engine's own Chinese
 * words, numbers outside the contract's ranges and reversed dates caught before sending, and
 * a good form turned into exactly the run request.
 */
import { describe, expect, it } from 'vitest';
import { paramsProblem, parseParamsText } from '../../../../apps/backtest/common/params';
import { checkRunForm, defaultRunForm, type RunForm } from '../../../../apps/backtest/view/run-form';
import { backtestContract } from '../../../../apps/backtest/common/contract';

const form = (over: Partial<RunForm> = {}): RunForm => ({ ...defaultRunForm(new Date(2025, 5, 1)), file: '/s/double-ma.ts', ...over });

describe('strategy params text', () => {
  it('is an object, or empty for none', () => {
    expect(parseParamsText('{"fast": 5, "slow": 20}')).toEqual({ fast: 5, slow: 20 });
    expect(parseParamsText('  ')).toEqual({});
    expect(paramsProblem('{"fast": 5}')).toBe('');
  });

  it('says in Chinese what is wrong', () => {
    expect(paramsProblem('{fast: 5}')).toMatch(/^策略参数不是有效的 JSON：/);
    expect(paramsProblem('[5, 20]')).toBe('策略参数应为 JSON 对象，如 {"fast": 5, "slow": 20}');
    expect(paramsProblem('null')).toBe('策略参数应为 JSON 对象，如 {"fast": 5, "slow": 20}');
    expect(() => parseParamsText('5')).toThrow(expect.objectContaining({ code: 'BAD_ARGS' }));
  });
});

describe('checkRunForm', () => {
  it('turns the defaults (last year, the CLI\'s fees) into a request the contract accepts', () => {
    const r = checkRunForm(form());
    expect(r).toEqual({
      ok: true,
      args: {
        file: '/s/double-ma.ts', code: '600000.SSE', interval: '1m', start: '2024-01-01', end: '2024-12-31',
        capital: 1_000_000, commission_rate: 0.00025, min_commission: 5, slippage_ticks: 0, volume_ratio: 0.25, params: '{"fast": 5, "slow": 20, "lots": 1}',
        stamp_duty_rate: 0.0005, transfer_fee_rate: 0.00001, account: 'cash',
      },
    });
    if (!r.ok) return;
    expect(backtestContract.requests['backtest/run'].check({ ...r.args, runId: 'x' }, '')).toMatchObject({ ok: true });
  });

  it('names every bad field, and sends nothing', () => {
    const r = checkRunForm(form({ file: ' ', code: '', capital: 'abc', commission_rate: '0.02', volume_ratio: '0', stamp_duty_rate: '0.1', transfer_fee_rate: 'x', params: '{', start: '2024-06-01', end: '2024-05-01' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual({
      file: '请选择或输入策略文件',
      code: '请输入代码，如 600000.SSE',
      end: '结束日期早于开始日期',
      capital: '起始资金应为数字',
      commission_rate: '佣金率应在 0 到 0.01 之间',
      volume_ratio: '成交量上限应在 0.0001 到 1 之间',
      stamp_duty_rate: '印花税率应在 0 到 0.01 之间',
      transfer_fee_rate: '过户费率应为数字',
      params: expect.stringMatching(/^策略参数不是有效的 JSON：/),
    });
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    const r = checkRunForm(form({ start: '2024/01/01', end: '' }));
    expect(r.ok ? {} : r.problems).toEqual({ start: '开始日期应为 YYYY-MM-DD', end: '结束日期应为 YYYY-MM-DD' });
  });
});
