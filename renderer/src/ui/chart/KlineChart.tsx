/**
 * The K线图 component (klinecharts, Apache-2.0): candles with MA lines, volume and MACD
 * sub-panes, crosshair with the bar's OHLCV, zoom (wheel) and pan (drag), the trader's fills
 * as markers. Its API is two props: `bars` (history plus the live bar: when only the last
 * bar changed or one was appended the chart updates in place, anything else reloads) and
 * `markers`. The 回测 window draws its trades with the same component.
 */
import { dispose, init, type Chart, type KLineData, type Period } from 'klinecharts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Interval, INTRADAY_MINUTES } from '../../../../common/bars';
import { cstDateTimeOf, tradingDayOf } from '../../../../common/time';
import { barsChange, placeMarkers, type ChartBar, type PlacedMarker, type TradeMarker } from './chart-data';
import { BUY_COLOR, registerTradeOverlay, SELL_COLOR, TRADE_OVERLAY } from './trade-overlay';
import './kline-chart.css';

export interface KlineChartProps {
  bars: readonly ChartBar[];
  markers?: readonly TradeMarker[];
  /** the bars' interval: the time axis' labels and where a fill's marker may fall */
  interval: Interval;
  /** shown in the chart's legend */
  symbol: string;
  pricePrecision?: number;
  /** MA periods on the candles */
  ma?: readonly number[];
  /** sub-panes under the candles */
  panes?: readonly ('VOL' | 'MACD')[];
  testId?: string;
}

const DAY_MS = 86_400_000;

function periodOf(interval: Interval): Period {
  if (interval === Interval.DAILY) return { type: 'day', span: 1 };
  if (interval === Interval.WEEKLY) return { type: 'week', span: 1 };
  if (interval === Interval.HOUR) return { type: 'hour', span: 1 };
  return { type: 'minute', span: INTRADAY_MINUTES[interval] ?? 1 };
}

/** How long a bar lasts, for deciding a fill falls after the last bar. */
function barMsOf(interval: Interval): number {
  if (interval === Interval.DAILY) return DAY_MS;
  if (interval === Interval.WEEKLY) return 7 * DAY_MS;
  // A 1h bar 10:30 ends at 11:30; the 11:30 print belongs to it.
  return (INTRADAY_MINUTES[interval] ?? 1) * 60_000 + 60_000;
}

/** The bar starting at `time` (bars in time order). */
function barAt(bars: readonly ChartBar[], time: number): ChartBar | undefined {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = bars[mid]!.time;
    if (t === time) return bars[mid];
    if (t < time) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

const toK = (b: ChartBar): KLineData => ({ timestamp: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, turnover: b.turnover });

/** A-share colours: red up, green down, on the app's dark theme. */
const STYLES = {
  grid: { horizontal: { color: '#2e323b' }, vertical: { color: '#2e323b' } },
  candle: {
    bar: { upColor: BUY_COLOR, downColor: SELL_COLOR, noChangeColor: '#8b93a1', upBorderColor: BUY_COLOR, downBorderColor: SELL_COLOR, noChangeBorderColor: '#8b93a1', upWickColor: BUY_COLOR, downWickColor: SELL_COLOR, noChangeWickColor: '#8b93a1' },
    priceMark: { last: { upColor: BUY_COLOR, downColor: SELL_COLOR } },
    tooltip: { showRule: 'follow_cross' as const },
  },
  indicator: {
    ohlc: { upColor: BUY_COLOR, downColor: SELL_COLOR },
    bars: [{ upColor: 'rgba(240,72,72,0.7)', downColor: 'rgba(32,178,108,0.7)', noChangeColor: '#8b93a1' }],
  },
  xAxis: { axisLine: { color: '#2e323b' }, tickText: { color: '#8b93a1' } },
  yAxis: { axisLine: { color: '#2e323b' }, tickText: { color: '#8b93a1' } },
  separator: { color: '#2e323b' },
};

/** The crosshair's bar, read out in the DOM too (screen readers, tests). */
interface Readout {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function KlineChart({ bars, markers = [], interval, symbol, pricePrecision = 2, ma = [5, 10, 20, 60], panes = ['VOL', 'MACD'], testId = 'kline-chart' }: KlineChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  /** the bars the chart holds now */
  const held = useRef<readonly ChartBar[]>([]);
  const shown = useRef<{ symbol: string; interval: Interval } | null>(null);
  const push = useRef<((k: KLineData) => void) | null>(null);
  const placedRef = useRef<(PlacedMarker & { bar: ChartBar })[]>([]);
  const [placed, setPlaced] = useState<(PlacedMarker & { x?: number; y?: number })[]>([]);
  /** Where each marker's bar extreme is on screen now (the DOM list mirrors the canvas for tests and screen readers). */
  const locate = useCallback(() => {
    const chart = chartRef.current;
    if (!chart) return;
    setPlaced(
      placedRef.current.map((m) => {
        const at = chart.convertToPixel({ timestamp: m.barTime, value: m.side === 'buy' ? m.bar.low : m.bar.high }, { paneId: 'candle_pane' }) as { x?: number; y?: number };
        return { ...m, x: at.x, y: at.y };
      }),
    );
  }, []);
  const [readout, setReadout] = useState<Readout | null>(null);

  useEffect(() => {
    registerTradeOverlay();
    const root = el.current!;
    const chart = init(root, { locale: 'zh-CN', timezone: 'Asia/Shanghai', styles: STYLES })!;
    chartRef.current = chart;
    chart.createIndicator({ name: 'MA', calcParams: [...ma], paneId: 'candle_pane' }, true);
    for (const p of panes) chart.createIndicator(p);
    chart.setDataLoader({
      // Everything is loaded at once: older bars are not fetched on scroll.
      getBars: ({ type, callback }) => callback(type === 'init' ? held.current.map(toK) : [], false),
      subscribeBar: ({ callback }) => {
        push.current = callback;
      },
      unsubscribeBar: () => {
        push.current = null;
      },
    });
    chart.subscribeAction('onCrosshairChange', (data) => {
      // The action carries the crosshair's position only: find its bar.
      const at = data as { x?: number; paneId?: string } | undefined;
      const list = chart.getDataList();
      if (at?.x === undefined || !list.length) return setReadout(null);
      const [point] = chart.convertFromPixel([{ x: at.x }], { paneId: at.paneId ?? 'candle_pane' }) as { dataIndex?: number }[];
      const k = list[Math.max(0, Math.min(list.length - 1, point?.dataIndex ?? list.length - 1))];
      setReadout(k ? { time: k.timestamp, open: k.open, high: k.high, low: k.low, close: k.close, volume: k.volume ?? 0 } : null);
    });
    // Markers move with zoom, pan and newly loaded data.
    chart.subscribeAction('onVisibleRangeChange', () => locate());
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(root);
    return () => {
      resize.disconnect();
      dispose(root);
      chartRef.current = null;
      shown.current = null;
      push.current = null;
    };
    // The indicators are chosen once per mount (ma and panes are read here only).
  }, []);

  // Bars: a new code or interval reloads; a live update is pushed in place.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const same = shown.current?.symbol === symbol && shown.current.interval === interval;
    const change = same ? barsChange(held.current, bars) : { kind: 'reload' as const };
    held.current = bars;
    if (change.kind === 'same') return;
    if (!same) {
      shown.current = { symbol, interval };
      chart.setSymbol({ ticker: symbol, pricePrecision, volumePrecision: 0 });
      chart.setPeriod(periodOf(interval));
    } else if (change.kind === 'live' && push.current) {
      for (let i = change.from; i < bars.length; i++) push.current(toK(bars[i]!));
    } else {
      chart.resetData();
    }
  }, [bars, symbol, interval, pricePrecision]);

  // Markers, drawn again whenever the bars or the fills change.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.removeOverlay({ name: TRADE_OVERLAY });
    const list = placeMarkers(bars, markers, barMsOf(interval))
      .map((m) => ({ ...m, bar: barAt(bars, m.barTime) }))
      .filter((m): m is PlacedMarker & { bar: ChartBar } => Boolean(m.bar));
    for (const m of list) {
      chart.createOverlay({ name: TRADE_OVERLAY, points: [{ timestamp: m.barTime, value: m.price }], extendData: { side: m.side, low: m.bar.low, high: m.bar.high }, lock: true });
    }
    placedRef.current = list;
    locate();
  }, [bars, markers, interval, locate]);

  const timeText = (t: number) => (interval === Interval.DAILY || interval === Interval.WEEKLY ? tradingDayOf(t) : cstDateTimeOf(t).slice(0, 16));
  const p = (v: number) => v.toFixed(pricePrecision);
  return (
    <div className="kline-chart" data-testid={testId} data-bars={bars.length}>
      <div className="kline-readout" data-testid={`${testId}-readout`}>
        {readout ? (
          <>
            <span>{timeText(readout.time)}</span>
            <span>开 {p(readout.open)}</span>
            <span>高 {p(readout.high)}</span>
            <span>低 {p(readout.low)}</span>
            <span>收 {p(readout.close)}</span>
            <span>量 {Math.round(readout.volume)}</span>
          </>
        ) : (
          <span className="muted">{bars.length ? '移动鼠标查看K线；滚轮缩放，拖动平移' : '没有K线'}</span>
        )}
      </div>
      <div className="kline-canvas" ref={el} />
      <ul hidden data-testid={`${testId}-markers`}>
        {placed.map((m) => (
          <li key={m.id} data-side={m.side} data-bar-time={m.barTime} data-price={m.price} data-x={m.x} data-y={m.y} />
        ))}
      </ul>
    </div>
  );
}
