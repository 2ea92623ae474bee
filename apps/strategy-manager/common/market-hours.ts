/**
 * Whether the A-share market is trading at an instant, and if not, when it resumes. A strategy
 * on the wall clock outside the sessions receives no quotes and its schedule does nothing: the
 * window says 休市 and when trading resumes instead of staying silent. Weekends are skipped;
 * exchange holidays are not known here, so the message says the next weekday session.
 */
import { CN_STOCK_SESSIONS, DAY_MS, MINUTE_MS, type SessionSchedule } from '../../../common/bars/trading-sessions';

const CST_OFFSET_MS = 8 * 3_600_000;

/** The instant of the next session start after `now`, or null when `now` is inside a session. */
export function nextSessionStart(now: number, schedule: SessionSchedule = CN_STOCK_SESSIONS): number | null {
  const local = now + CST_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - midnight) / MINUTE_MS;
  const weekday = (d: number) => {
    const day = new Date(d).getUTCDay();
    return day !== 0 && day !== 6;
  };
  if (weekday(midnight) && schedule.segments.some((s) => minute >= s.start && minute < s.end)) return null;
  for (let day = 0; day < 8; day++) {
    const base = midnight + day * DAY_MS;
    if (!weekday(base)) continue;
    for (const s of schedule.segments) {
      const start = base + s.start * MINUTE_MS;
      if (start > local) return start - CST_OFFSET_MS;
    }
  }
  return null;
}

/** '休市，下一交易时段 12-03（周四）09:30 开始' or null while trading. */
export function closedMessage(now: number, schedule: SessionSchedule = CN_STOCK_SESSIONS): string | null {
  const next = nextSessionStart(now, schedule);
  if (next === null) return null;
  const iso = new Date(next + CST_OFFSET_MS).toISOString();
  const week = '日一二三四五六'[new Date(next + CST_OFFSET_MS).getUTCDay()];
  return `休市，下一交易时段 ${iso.slice(5, 10)}（周${week}）${iso.slice(11, 16)} 开始（节假日另计）`;
}
