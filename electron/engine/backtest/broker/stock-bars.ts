/**
 * A-share bars for a backtest: the contract of each day (its pre-close and the price limits
 * that follow from it) and the bar columns a backtest runs on, loaded from the bar store by
 * code, interval and date range. The store keeps no limit prices, so they are derived, as
 * the exchanges publish them, from the previous trading day's last close and the board's
 * ratio; the first day of the range has no previous close and so no limit (0).
 */
import { Interval } from '../../../../common/bars';
import { Exchange } from '../../../../common/constants';
import { TraderError } from '../../../../common/errors';
import { boardOf, productOf, rulesFor } from '../../../../common/markets/cn-stock/board';
import { limitPrices } from '../../../../common/markets/price';
import type { ContractData } from '../../../../common/objects';
import { parseCode } from '../../../../common/symbol';
import type { BarStore } from '../../store/bar-store';
import { allocBarColumns, type BarColumns } from '../job/bar-columns';
import { BACKTEST_GATEWAY } from './backtest-broker';

const DAY = 86_400_000;
const CST = 8 * 3600_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const A_SHARE_EXCHANGES = new Set<string>([Exchange.SSE, Exchange.SZSE, Exchange.BSE]);

/** The A-share contract of `vtSymbol` on a day whose previous close is `preClose` (0: unknown, no limits). */
export function stockContract(vtSymbol: string, preClose = 0): ContractData {
  const { symbol, exchange } = parseCode(vtSymbol);
  if (!A_SHARE_EXCHANGES.has(exchange)) throw new TraderError('BACKTEST_MARKET', `回测策略文件目前只支持 A 股（沪深北交易所），${vtSymbol} 不是`);
  const board = boardOf(symbol, exchange);
  const rules = rulesFor(board, false);
  const limits = preClose > 0 ? limitPrices(preClose, rules.limitRatio, rules.pricetick) : { up: 0, down: 0 };
  return {
    gateway_name: BACKTEST_GATEWAY, symbol, exchange, vt_symbol: `${symbol}.${exchange}`, name: symbol,
    product: productOf(symbol, exchange), board, size: 1, pricetick: rules.pricetick,
    min_volume: rules.minBuy, volume_step: rules.buyStep, max_limit_volume: rules.maxLimitVolume, max_market_volume: rules.maxMarketVolume,
    pre_close: preClose, limit_up: limits.up, limit_down: limits.down, is_st: false, t0: false, fin_eligible: false, slo_eligible: false,
  };
}

/** Fill limit_up / limit_down of every bar from the previous Beijing day's last close. */
export function deriveLimits(bars: BarColumns, vtSymbol: string): void {
  const { symbol, exchange } = parseCode(vtSymbol);
  const rules = rulesFor(boardOf(symbol, exchange), false);
  let dayKey = NaN;
  let prevClose = 0;
  let up = 0;
  let down = 0;
  for (let k = 0; k < bars.length; k++) {
    const key = Math.floor((bars.datetime[k]! + CST) / DAY);
    if (key !== dayKey) {
      if (k > 0) prevClose = bars.close[k - 1]!;
      dayKey = key;
      const l = prevClose > 0 ? limitPrices(prevClose, rules.limitRatio, rules.pricetick) : { up: 0, down: 0 };
      up = l.up;
      down = l.down;
    }
    bars.limit_up[k] = up;
    bars.limit_down[k] = down;
  }
}

/** Epoch ms of 00:00 Beijing time of a YYYY-MM-DD day; throws a Chinese error on a bad date. */
export function cstDayStart(date: string, what: string): number {
  const ms = DATE.test(date) ? Date.parse(`${date}T00:00:00+08:00`) : NaN;
  if (!Number.isFinite(ms)) throw new TraderError('BAD_ARGS', `${what}应为 YYYY-MM-DD 日期，当前为“${date}”`);
  return ms;
}

export interface StoreBarsQuery {
  vt_symbol: string;
  interval: '1m' | '1d';
  /** first and last day, YYYY-MM-DD, inclusive */
  start: string;
  end: string;
}

/** The bars of a code and range from the bar store, with the limit prices derived; an empty range is an error saying what is stored. */
export function loadStockBars(store: Pick<BarStore, 'loadSeries' | 'overviewOf'>, q: StoreBarsQuery): BarColumns {
  const { symbol, exchange, vt_symbol } = parseCode(q.vt_symbol);
  stockContract(vt_symbol); // refuses other markets before reading anything
  const from = cstDayStart(q.start, '开始日期');
  const to = cstDayStart(q.end, '结束日期') + DAY - 1;
  if (to < from) throw new TraderError('BAD_ARGS', `结束日期 ${q.end} 早于开始日期 ${q.start}`);
  const interval = q.interval === '1d' ? Interval.DAILY : Interval.MINUTE;
  const series = store.loadSeries(symbol, exchange, interval, from, to);
  if (!series.length) {
    const o = store.overviewOf(symbol, exchange, interval);
    const have = o ? `库中有 ${o.count} 根，${new Date(o.start + CST).toISOString().slice(0, 10)} 至 ${new Date(o.end + CST).toISOString().slice(0, 10)}` : '库中没有这个代码和周期的K线，请先在 数据管理 导入';
    throw new TraderError('NO_BARS', `${vt_symbol} 在 ${q.start} 至 ${q.end} 没有${q.interval === '1d' ? '日' : '1 分钟'}K线（${have}）`);
  }
  // shared: a backtest thread reads them in place
  const bars = allocBarColumns(series.length);
  bars.datetime.set(series.datetime);
  bars.open.set(series.open);
  bars.high.set(series.high);
  bars.low.set(series.low);
  bars.close.set(series.close);
  bars.volume.set(series.volume);
  bars.turnover.set(series.turnover);
  deriveLimits(bars, vt_symbol);
  return bars;
}
