/**
 * The order of events in a bar backtest, in one place so every runner keeps it:
 *
 *   for each bar k:  [a new day starts → onDayStart]  match(k)  onBar(k)  [the day ends → onDayEnd]
 *
 * `match(k)` fills the orders resting from earlier bars against bar k; only then does the
 * strategy get bar k, complete, in `onBar(k)` — at bar k's close, the earliest moment its
 * close exists. Orders it places there carry placedBar = k and can fill from bar k + 1 on
 * (canTradeOn). Nothing hands a strategy a bar it could trade against before that bar has
 * been matched, so no strategy can see a close before the bar is over and still trade inside it.
 * Days are Beijing calendar days of the bars' start times.
 */
import { tradingDayOf } from '../../../../common/time';

export interface ReplayHooks {
  /** a trading day begins at bar `k` (T+1 settlement, day orders of the previous day expire) */
  onDayStart?(date: string, k: number): void;
  /** match the orders resting from bars before k against bar k */
  match(k: number): void;
  /** the strategy's turn: bar k is complete */
  onBar(k: number): void;
  /** bar k was the day's last: its close is the day's close */
  onDayEnd?(date: string, k: number): void;
}

const DAY = 86_400_000;
const CST = 8 * 3600_000;

export function replayBars(datetime: ArrayLike<number>, hooks: ReplayHooks): void {
  const n = datetime.length;
  let dayKey = NaN;
  let date = '';
  for (let k = 0; k < n; k++) {
    const dt = datetime[k]!;
    const key = Math.floor((dt + CST) / DAY);
    if (key !== dayKey) {
      dayKey = key;
      date = tradingDayOf(dt);
      hooks.onDayStart?.(date, k);
    }
    hooks.match(k);
    hooks.onBar(k);
    if (k === n - 1 || Math.floor((datetime[k + 1]! + CST) / DAY) !== dayKey) hooks.onDayEnd?.(date, k);
  }
}
