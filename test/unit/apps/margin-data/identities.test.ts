/**
 * The margin_detail identities on worked examples, figures computed by hand below (the
 * 000001.SZ row of 2018-08-02 from Tushare's documentation, with a made-up previous day).
 */
import { describe, expect, it } from 'vitest';
import type { MarginDetailRow } from '../../../../apps/margin-data/common/margin-data';
import { balanceSumFlag, checkRows, DEFAULT_TOLERANCES, financingFlowFlag } from '../../../../apps/margin-data/engine';
import { consecutiveDays } from '../../../../apps/margin-data/engine/trade-dates';

const row = (over: Partial<MarginDetailRow>): MarginDetailRow => ({
  trade_date: '20180802',
  ts_code: '000001.SZ',
  name: '平安银行',
  rzye: 4_430_811_039,
  rqye: 8_238_210,
  rzmre: 78_800_436,
  rqyl: 921_500,
  rzche: 147_005_397,
  rqchl: 544_400,
  rqmcl: 260_000,
  // 4,430,811,039 + 8,238,210 = 4,439,049,249
  rzrqye: 4_439_049_249,
  ...over,
});
// The day before: 4,430,811,039 − 78,800,436 + 147,005,397 = 4,499,016,000
const prev = row({ trade_date: '20180801', rzye: 4_499_016_000, rzrqye: 4_499_016_000 + 8_000_000, rqye: 8_000_000 });

describe('融资融券余额 = 融资余额 + 融券余额', () => {
  it('holds exactly', () => {
    expect(balanceSumFlag(row({}), 1)).toBeNull();
  });

  it('holds within the 1 元 tolerance either way', () => {
    expect(balanceSumFlag(row({ rzrqye: 4_439_049_250 }), 1)).toBeNull();
    expect(balanceSumFlag(row({ rzrqye: 4_439_049_248 }), 1)).toBeNull();
  });

  it('is broken 2 元 off, and says what it should be', () => {
    expect(balanceSumFlag(row({ rzrqye: 4_439_049_251 }), 1)).toEqual({ kind: 'balance-sum', expected: 4_439_049_249, actual: 4_439_049_251 });
  });

  it('is broken by the 5,000 元 of the fixture', () => {
    // 3,000,000 + 123,456.78 = 3,123,456.78; reported 3,128,456.78
    expect(balanceSumFlag(row({ rzye: 3_000_000, rqye: 123_456.78, rzrqye: 3_128_456.78 }), 1)).toEqual({ kind: 'balance-sum', expected: 3_123_456.78, actual: 3_128_456.78 });
  });

  it('is not checked when a figure is missing', () => {
    expect(balanceSumFlag(row({ rqye: null, rzrqye: 1 }), 1)).toBeNull();
  });
});

describe('融资余额 = 前日融资余额 + 融资买入额 − 融资偿还额', () => {
  it('holds exactly: 4,499,016,000 + 78,800,436 − 147,005,397 = 4,430,811,039', () => {
    expect(financingFlowFlag(prev, row({}), 2)).toBeNull();
  });

  it('holds within the 2 元 tolerance', () => {
    expect(financingFlowFlag(prev, row({ rzye: 4_430_811_041 }), 2)).toBeNull();
    expect(financingFlowFlag(prev, row({ rzye: 4_430_811_037 }), 2)).toBeNull();
  });

  it('is broken 3 元 off', () => {
    expect(financingFlowFlag(prev, row({ rzye: 4_430_811_042 }), 2)).toEqual({
      kind: 'financing-flow',
      expected: 4_430_811_039,
      actual: 4_430_811_042,
      prevDate: '20180801',
    });
  });

  it('is broken when 融资买入额 is left out of the balance: 4,499,016,000 − 147,005,397 = 4,352,010,603', () => {
    const flag = financingFlowFlag(prev, row({ rzmre: 0 }), 2);
    expect(flag?.expected).toBe(4_352_010_603);
  });
});

describe('checkRows', () => {
  const everyDay = () => true;

  it('links each row to the one before it, the first to the row before the range', () => {
    const d2 = row({ trade_date: '20180803', rzmre: 100, rzche: 0, rzye: 4_430_811_139, rzrqye: 4_430_811_139 + 8_238_210 });
    const checked = checkRows([row({}), d2], prev, everyDay);
    expect(checked.map((r) => [r.trade_date, r.flags.length, r.flowChecked])).toEqual([
      ['20180802', 0, true],
      ['20180803', 0, true],
    ]);
  });

  it('flags a broken flow once: the next day starts from the balance as reported', () => {
    const bad = row({ rzye: 4_431_000_000, rzrqye: 4_431_000_000 + 8_238_210 });
    // 4,431,000,000 + 50,000,000 − 40,000,000 = 4,441,000,000
    const next = row({ trade_date: '20180803', rzmre: 50_000_000, rzche: 40_000_000, rzye: 4_441_000_000, rzrqye: 4_441_000_000 + 8_238_210 });
    const checked = checkRows([bad, next], prev, everyDay);
    expect(checked[0]!.flags).toEqual([{ kind: 'financing-flow', expected: 4_430_811_039, actual: 4_431_000_000, prevDate: '20180801' }]);
    expect(checked[1]!.flags).toEqual([]);
  });

  it('does not check the flow across a gap that may hide trading days', () => {
    const checked = checkRows([row({ rzye: 1 })], prev, () => false);
    expect(checked[0]!.flowChecked).toBe(false);
    expect(checked[0]!.flags.map((f) => f.kind)).toEqual(['balance-sum']);
  });

  it('does not check the flow of the first row when nothing comes before it', () => {
    expect(checkRows([row({ rzye: 1, rzrqye: 1 + 8_238_210 })], null, everyDay)[0]).toMatchObject({ flags: [], flowChecked: false });
  });

  it('uses 1 元 and 2 元 by default', () => {
    expect(DEFAULT_TOLERANCES).toEqual({ balanceSum: 1, financingFlow: 2 });
  });
});

describe('consecutive trading days', () => {
  it('Fri → Mon and Tue → Wed are consecutive with nothing else known', () => {
    const next = consecutiveDays([]);
    expect(next('20240412', '20240415')).toBe(true);
    expect(next('20240401', '20240402')).toBe(true);
  });

  it('Wed → Mon over 清明 (Thu 4th and Fri 5th closed) only when an import covered both days completely', () => {
    expect(consecutiveDays([])('20240403', '20240408')).toBe(false);
    expect(consecutiveDays([{ start: '20240401', end: '20240416' }])('20240403', '20240408')).toBe(true);
    // Two imports that leave the holiday itself uncovered prove nothing about it.
    expect(consecutiveDays([{ start: '20240401', end: '20240403' }, { start: '20240408', end: '20240416' }])('20240403', '20240408')).toBe(false);
    // Touching ranges join.
    expect(consecutiveDays([{ start: '20240401', end: '20240404' }, { start: '20240405', end: '20240416' }])('20240403', '20240408')).toBe(true);
  });
});
