/**
 * K线图's engine part: bars from the engine's shared history service (bar.db), fills from
 * the journal (earlier days) and the trading port (today), and live minutes built from the
 * ticks of watched codes, pushed as 'kline-minute'.
 */
import { Adjustment, SERIES_COLUMNS, seriesToWire, type BarSeries } from '../../../common/bars';
import { GatewayStatus } from '../../../common/constants';
import { parseCode } from '../../../common/symbol';
import { defineEngineApp } from '../../../electron/engine/apps/engine-app';
import { klineApp } from '../common/app';
import { LiveMinuteBars } from './live-minutes';

/** Decimals of a price tick: 0.01 → 2, 0.001 → 3, 0.5 → 1. */
export function tickDecimals(tick: number | undefined): number {
  if (!tick || !(tick > 0)) return 2;
  const text = String(tick);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1);
}

/**
 * Bars a chart is sent at most, the latest: klinecharts recomputes its indicators over every
 * bar on each live update (docs/history.md), so a chart holds a window, not the whole store.
 */
export const MAX_CHART_BARS = 20_000;

/** Fills a chart is sent at most from the journal, the latest (a marker each). */
export const MAX_CHART_FILLS = 5_000;

/** The last `n` bars of a series (views on the same arrays). */
export function lastBars(s: BarSeries, n: number): BarSeries {
  if (s.length <= n) return s;
  const out = { ...s, length: n };
  for (const c of SERIES_COLUMNS) out[c] = s[c].subarray(s.length - n, s.length);
  return out;
}

export default defineEngineApp(klineApp, (ctx) => {
  const live = new LiveMinuteBars((m) => ctx.emit('kline-minute', m));
  const offTick = ctx.trading.on('tick', (t) => live.onTick(t));
  const timer = setInterval(() => live.flush(ctx.now()), 1000);
  timer.unref?.();
  const vtOf = (code: string) => {
    try {
      return ctx.trading.lookupContract(code).vt_symbol;
    } catch {
      return parseCode(code).vt_symbol;
    }
  };
  return {
    handlers: {
      'kline/bars': ({ code, interval, adjustment, start, end }) => {
        const vt = vtOf(code);
        const contract = ctx.trading.contract(vt);
        const series = ctx.history.service.loadBars({ vt_symbol: vt, interval, adjustment: adjustment ?? Adjustment.NONE, start, end });
        return { vt_symbol: vt, name: contract?.name ?? '', precision: tickDecimals(contract?.pricetick), series: seriesToWire(lastBars(series, MAX_CHART_BARS)) };
      },
      'kline/trades': ({ code, start, end }) => {
        const vt = vtOf(code);
        // Earlier days from the journal; today's from the trading port, which may hold a fill
        // a moment before its commit. One row per fill either way.
        const fills = new Map(ctx.journal.tradesOf(vt, start, end, MAX_CHART_FILLS).map((t) => [t.vt_tradeid, t]));
        for (const t of ctx.trading.trades()) {
          if (t.vt_symbol === vt && (start === undefined || t.datetime >= start) && (end === undefined || t.datetime <= end)) fills.set(t.vt_tradeid, t);
        }
        return [...fills.values()].sort((a, b) => a.datetime - b.datetime);
      },
      'kline/watch': ({ code }) => {
        const vt = vtOf(code);
        const contract = ctx.trading.contract(vt);
        const gateway = contract?.gateway_name;
        if (!contract || !gateway || ctx.trading.gatewayStatus(gateway) !== GatewayStatus.CONNECTED) {
          return { live: false, message: '未连接有此合约的接口：只显示已存K线' };
        }
        if (!live.isWatched(vt)) {
          ctx.trading.subscribe(vt, gateway);
          live.watch(vt);
        }
        return { live: true, message: `实时行情：${gateway}` };
      },
    },
    close: () => {
      clearInterval(timer);
      offTick();
    },
  };
});
