/**
 * run_daily's scheduler, pure: it is told the time and answers which jobs are due, so the
 * same code runs on the wall clock live and on a simulated clock in tests.
 *
 * Time forms (jqtrade's): "HH:MM:SS"; "open" / "close" = the first start / last end of
 * market_period; "open-30m", "close+30m", also with s/m/h units; "every_minute" = every
 * whole minute from each period's start INCLUDED to its end EXCLUDED: 09:30 … 11:29 and
 * 13:00 … 14:59 with the default period, 240 runs a day, none in the lunch break. The end
 * is excluded because at 11:30:00 and 15:00:00 continuous trading is already over.
 * Jobs run on weekdays (UTC+8) only; holidays are not modelled, as in the SIM exchange.
 */

export type MarketPeriod = readonly (readonly [string, string])[];

export const DEFAULT_MARKET_PERIOD: MarketPeriod = [
  ['09:30:00', '11:30:00'],
  ['13:00:00', '15:00:00'],
];

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;
const HMS = /^(\d{2}):(\d{2}):(\d{2})$/;
const RELATIVE = /^(open|close)(?:([+-])(\d+)([smh]))?$/;
const UNIT_S: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

export class ScheduleError extends Error {}

/** Seconds since midnight of "HH:MM:SS". */
export function secondsOf(hms: string): number {
  const m = HMS.exec(hms);
  if (!m) throw new ScheduleError(`时间“${hms}”格式应为 HH:MM:SS`);
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) throw new ScheduleError(`时间“${hms}”超出范围`);
  return h * 3600 + mi * 60 + s;
}

/** Check a market_period and return it as [startSec, endSec] pairs. */
export function parseMarketPeriod(period: MarketPeriod): [number, number][] {
  if (!Array.isArray(period) || period.length === 0) throw new ScheduleError('market_period 应为非空的 [开始, 结束] 列表');
  const out: [number, number][] = [];
  for (const pair of period) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new ScheduleError('market_period 的每一项应为 [开始, 结束]');
    const a = secondsOf(pair[0]);
    const b = secondsOf(pair[1]);
    if (b <= a) throw new ScheduleError(`market_period 区间 ${pair[0]}–${pair[1]} 的结束应晚于开始`);
    if (out.length && a < out[out.length - 1]![1]) throw new ScheduleError('market_period 的区间应按时间先后排列且不重叠');
    out.push([a, b]);
  }
  return out;
}

/** The seconds-of-day a run_daily time stands for under a market period. */
export function resolveTime(time: string, period: MarketPeriod): number[] {
  const periods = parseMarketPeriod(period);
  if (time === 'every_minute') {
    const out: number[] = [];
    for (const [a, b] of periods) for (let s = a; s < b; s += 60) out.push(s);
    return out;
  }
  const rel = RELATIVE.exec(time);
  if (rel) {
    const base = rel[1] === 'open' ? periods[0]![0] : periods[periods.length - 1]![1];
    const delta = rel[2] ? (rel[2] === '-' ? -1 : 1) * Number(rel[3]) * UNIT_S[rel[4]!]! : 0;
    const s = base + delta;
    if (s < 0 || s >= 86_400) throw new ScheduleError(`时间“${time}”超出当天范围`);
    return [s];
  }
  if (HMS.test(time)) return [secondsOf(time)];
  throw new ScheduleError(`不支持的时间“${time}”：应为 HH:MM:SS、open、close、open-30m、close+30m 或 every_minute`);
}

interface Job<T> {
  time: string;
  payload: T;
  seconds: number[];
}

/** One firing: the job's payload and the instant it was scheduled for. */
export interface Firing<T> {
  payload: T;
  at: number;
}

export function isWeekdayCst(ms: number): boolean {
  const wd = new Date(ms + CST_MS).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** Epoch ms of 00:00:00 UTC+8 of the day containing `ms`. */
export function cstMidnight(ms: number): number {
  return Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS - CST_MS;
}

export class DailyScheduler<T> {
  private readonly jobs: Job<T>[] = [];
  private period: MarketPeriod = DEFAULT_MARKET_PERIOD;
  /** sorted distinct seconds-of-day with jobs, and the jobs at each */
  private slots: number[] = [];
  private bySecond = new Map<number, T[]>();
  private cursor: number;

  /**
   * `start`: jobs strictly after it are due. `graceMs`: an occurrence later than this behind
   * the clock is skipped rather than run late (a laptop waking from sleep must not run a
   * day's every_minute jobs at once); Infinity runs every missed one (tests).
   */
  constructor(start: number, private readonly graceMs = 60_000) {
    this.cursor = start;
  }

  setMarketPeriod(period: MarketPeriod): void {
    parseMarketPeriod(period);
    const seconds = this.jobs.map((j) => resolveTime(j.time, period));
    this.period = period;
    this.jobs.forEach((j, i) => (j.seconds = seconds[i]!));
    this.rebuild();
  }

  get marketPeriod(): MarketPeriod {
    return this.period;
  }

  /** Add a job; throws ScheduleError for a bad time. */
  add(time: string, payload: T): void {
    if (typeof time !== 'string') throw new ScheduleError('run_daily 的时间应为字符串');
    this.jobs.push({ time, payload, seconds: resolveTime(time, this.period) });
    this.rebuild();
  }

  get size(): number {
    return this.jobs.length;
  }

  private rebuild(): void {
    this.bySecond = new Map();
    for (const job of this.jobs) {
      for (const s of job.seconds) {
        const list = this.bySecond.get(s);
        if (list) list.push(job.payload);
        else this.bySecond.set(s, [job.payload]);
      }
    }
    this.slots = [...this.bySecond.keys()].sort((a, b) => a - b);
  }

  /** The first occurrence strictly after `ms`, or undefined when there are no jobs. */
  nextAfter(ms: number): number | undefined {
    if (this.slots.length === 0) return undefined;
    let day = cstMidnight(ms);
    for (let i = 0; i < 8; i++, day += DAY_MS) {
      if (!isWeekdayCst(day + 12 * 3_600_000)) continue;
      for (const s of this.slots) {
        const at = day + s * 1000;
        if (at > ms) return at;
      }
    }
    return undefined;
  }

  /**
   * Everything due in (last call, now], in time order. Occurrences more than graceMs behind
   * `now` are counted in `skipped` instead. Moving the clock backwards fires nothing.
   */
  due(now: number): { firings: Firing<T>[]; skipped: number } {
    const firings: Firing<T>[] = [];
    let skipped = 0;
    if (now <= this.cursor) return { firings, skipped };
    for (let at = this.nextAfter(this.cursor); at !== undefined && at <= now; at = this.nextAfter(at)) {
      if (now - at > this.graceMs) {
        skipped += this.bySecond.get(Math.round((at - cstMidnight(at)) / 1000))!.length;
        continue;
      }
      for (const payload of this.bySecond.get(Math.round((at - cstMidnight(at)) / 1000))!) firings.push({ payload, at });
    }
    this.cursor = now;
    return { firings, skipped };
  }
}
