/** How 数据管理 shows a bar's start: the day for daily and weekly bars, the minute for intraday ones (China time). */
import { Interval } from '../../../common/bars';
import { cstDateTimeOf, tradingDayOf } from '../../../common/time';

export function barTimeText(ms: number, interval: Interval): string {
  return interval === Interval.DAILY || interval === Interval.WEEKLY ? tradingDayOf(ms) : cstDateTimeOf(ms).slice(0, 16);
}
