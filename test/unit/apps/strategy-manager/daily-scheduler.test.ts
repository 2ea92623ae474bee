/**
 * run_daily under a simulated clock: every time form fires once per weekday at its instant,
 * every_minute fires 240 times a day (09:30–11:29, 13:00–14:59) and never in the lunch
 * break or at 15:00, market_period moves open/close/every_minute, weekends are quiet, and
 * a clock far behind skips instead of replaying.
 */
import { describe, expect, it } from 'vitest';
import { DailyScheduler, resolveTime, ScheduleError } from '../../../../apps/strategy-manager/engine/runtime/daily-scheduler';
import { cstTimeOf, tradingDayOf } from '../../../../common/time';

/** Epoch ms of a UTC+8 wall time. 2025-01-06 is a Monday. */
const cst = (day: string, hms: string): number => Date.parse(`${day}T${hms}+08:00`);

/** Step a clock from `from` to `to` in `stepMs` steps, collecting every firing. */
function run(s: DailyScheduler<string>, from: number, to: number, stepMs = 5_000): { job: string; at: string; day: string }[] {
  const out: { job: string; at: string; day: string }[] = [];
  for (let t = from; t <= to; t += stepMs) {
    for (const f of s.due(t).firings) out.push({ job: f.payload, at: cstTimeOf(f.at), day: tradingDayOf(f.at) });
  }
  return out;
}

describe('DailyScheduler', () => {
  it('fires each time form once a weekday at its instant', () => {
    const s = new DailyScheduler<string>(cst('2025-01-06', '00:00:00'));
    for (const time of ['10:00:00', 'open', 'close', 'open-30m', 'close+30m', '13:30:30']) s.add(time, time);
    const fired = run(s, cst('2025-01-06', '00:00:00'), cst('2025-01-06', '23:59:59'));
    expect(fired.map((f) => [f.job, f.at])).toEqual([
      ['open-30m', '09:00:00'],
      ['open', '09:30:00'],
      ['10:00:00', '10:00:00'],
      ['13:30:30', '13:30:30'],
      ['close', '15:00:00'],
      ['close+30m', '15:30:00'],
    ]);
  });

  it('runs every_minute 240 times a day: 09:30–11:29 and 13:00–14:59, none at lunch or 15:00', () => {
    const s = new DailyScheduler<string>(cst('2025-01-06', '00:00:00'));
    s.add('every_minute', 'm');
    const fired = run(s, cst('2025-01-06', '00:00:00'), cst('2025-01-07', '23:59:59'), 1_000);
    const monday = fired.filter((f) => f.day === '2025-01-06').map((f) => f.at);
    expect(monday).toHaveLength(240);
    expect(monday[0]).toBe('09:30:00');
    expect(monday[119]).toBe('11:29:00');
    expect(monday[120]).toBe('13:00:00');
    expect(monday[239]).toBe('14:59:00');
    expect(monday.filter((t) => t >= '11:30:00' && t < '13:00:00')).toEqual([]);
    expect(monday).not.toContain('15:00:00');
    expect(new Set(monday).size).toBe(240);
    expect(fired.filter((f) => f.day === '2025-01-07')).toHaveLength(240);
  });

  it('follows market_period for open, close and every_minute', () => {
    const s = new DailyScheduler<string>(cst('2025-01-06', '00:00:00'));
    s.add('open', 'open');
    s.add('close', 'close');
    s.add('every_minute', 'm');
    s.setMarketPeriod([['10:00:00', '10:05:00'], ['14:00:00', '14:02:00']]);
    const fired = run(s, cst('2025-01-06', '00:00:00'), cst('2025-01-06', '23:00:00'));
    expect(fired.filter((f) => f.job === 'm').map((f) => f.at)).toEqual(['10:00:00', '10:01:00', '10:02:00', '10:03:00', '10:04:00', '14:00:00', '14:01:00']);
    expect(fired.find((f) => f.job === 'open')!.at).toBe('10:00:00');
    expect(fired.find((f) => f.job === 'close')!.at).toBe('14:02:00');
  });

  it('is quiet at the weekend', () => {
    const s = new DailyScheduler<string>(cst('2025-01-04', '00:00:00'));
    s.add('every_minute', 'm');
    s.add('10:00:00', 'ten');
    expect(run(s, cst('2025-01-04', '00:00:00'), cst('2025-01-05', '23:59:59'), 30_000)).toEqual([]);
    expect(tradingDayOf(s.nextAfter(cst('2025-01-04', '12:00:00'))!)).toBe('2025-01-06');
  });

  it('skips occurrences further behind than the grace instead of replaying them', () => {
    const s = new DailyScheduler<string>(cst('2025-01-06', '09:00:00'), 60_000);
    s.add('every_minute', 'm');
    // The clock jumps from 09:00 to 10:00:30: only 10:00 is within a minute.
    const { firings, skipped } = s.due(cst('2025-01-06', '10:00:30'));
    expect(firings.map((f) => cstTimeOf(f.at))).toEqual(['10:00:00']);
    expect(skipped).toBe(30);
    // Backwards moves fire nothing.
    expect(s.due(cst('2025-01-06', '09:45:00')).firings).toEqual([]);
  });

  it('refuses bad times and bad periods', () => {
    expect(() => resolveTime('9:30', [['09:30:00', '15:00:00']])).toThrow(ScheduleError);
    expect(() => resolveTime('25:00:00', [['09:30:00', '15:00:00']])).toThrow(ScheduleError);
    expect(() => resolveTime('noon', [['09:30:00', '15:00:00']])).toThrow(ScheduleError);
    expect(() => resolveTime('open', [['11:00:00', '10:00:00']])).toThrow(ScheduleError);
    expect(resolveTime('open+1h', [['09:30:00', '15:00:00']])).toEqual([10 * 3600 + 30 * 60]);
    expect(resolveTime('close-90s', [['09:30:00', '15:00:00']])).toEqual([15 * 3600 - 90]);
  });
});
