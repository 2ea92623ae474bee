/** #11 item 12: outside the A-share sessions a wall-clock strategy is told 休市 and when trading resumes. */
import { describe, expect, it } from 'vitest';
import { closedMessage, nextSessionStart } from '../../../../apps/strategy-manager/common/market-hours';

/** An instant in Beijing time. */
const cst = (iso: string) => Date.parse(`${iso}+08:00`);

describe('nextSessionStart', () => {
  it('is null inside the morning and afternoon sessions', () => {
    expect(nextSessionStart(cst('2026-12-02T09:30:00'))).toBeNull();
    expect(nextSessionStart(cst('2026-12-02T11:29:59'))).toBeNull();
    expect(nextSessionStart(cst('2026-12-02T14:59:00'))).toBeNull();
  });

  it('is the same day’s open before it, and 13:00 over lunch', () => {
    expect(nextSessionStart(cst('2026-12-02T08:00:00'))).toBe(cst('2026-12-02T09:30:00'));
    expect(nextSessionStart(cst('2026-12-02T11:30:00'))).toBe(cst('2026-12-02T13:00:00'));
  });

  it('is the next weekday’s open after the close, skipping the weekend', () => {
    expect(nextSessionStart(cst('2026-12-02T15:00:00'))).toBe(cst('2026-12-03T09:30:00'));
    // Friday 2026-12-04 after the close → Monday 12-07
    expect(nextSessionStart(cst('2026-12-04T16:00:00'))).toBe(cst('2026-12-07T09:30:00'));
    expect(nextSessionStart(cst('2026-12-05T10:00:00'))).toBe(cst('2026-12-07T09:30:00'));
  });
});

describe('closedMessage', () => {
  it('says 休市 and when, in Beijing time, or nothing while trading', () => {
    expect(closedMessage(cst('2026-12-04T16:00:00'))).toBe('休市，下一交易时段 12-07（周一）09:30 开始（节假日另计）');
    expect(closedMessage(cst('2026-12-02T10:00:00'))).toBeNull();
  });
});
