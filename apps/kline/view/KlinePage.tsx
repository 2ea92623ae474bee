/**
 * 功能→K线图 (also from a 行情/持仓/合约 row's right-click menu): a code's stored bars in the
 * chosen interval and 复权, with the live minutes built from its ticks laid after them, the
 * trader's fills over those bars as markers (earlier days' from the journal); beside it, the
 * 分时 view of the latest day with minute bars.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Adjustment, ADJUSTMENT_LABELS, Interval, seriesFromWire, type BarData } from '../../../common/bars';
import { Direction } from '../../../common/constants';
import type { TradeData } from '../../../common/objects';
import { tradingDayOf } from '../../../common/time';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { chartBarsOf, KlineChart, TimeShareChart, type ChartBar, type TradeMarker } from '../../../renderer/src/ui/chart';
import { addMinutes, withLiveBars } from './live-merge';
import './kline.css';

const CHOICES: readonly { interval: Interval; label: string }[] = [
  { interval: Interval.MINUTE, label: '1分' },
  { interval: Interval.MINUTE_5, label: '5分' },
  { interval: Interval.MINUTE_15, label: '15分' },
  { interval: Interval.HOUR, label: '1小时' },
  { interval: Interval.DAILY, label: '日' },
];
const DAY_MS = 86_400_000;
/** How far back 分时 looks for the latest day with minute bars. */
const TIMESHARE_LOOKBACK_DAYS = 15;

type View = 'kline' | 'timeshare';

interface Loaded {
  vt_symbol: string;
  name: string;
  precision: number;
  bars: ChartBar[];
}

const markerOf = (t: TradeData): TradeMarker => ({ id: t.vt_tradeid, time: t.datetime, price: t.price, side: t.direction === Direction.SHORT ? 'sell' : 'buy', volume: t.volume });

/** The bars of the last trading day present (China time). */
function lastDay(bars: readonly ChartBar[]): ChartBar[] {
  if (!bars.length) return [];
  const day = tradingDayOf(bars[bars.length - 1]!.time);
  let i = bars.length;
  while (i > 0 && tradingDayOf(bars[i - 1]!.time) === day) i--;
  return bars.slice(i);
}

export function KlinePage({ client, initialCode }: { client: AppClient; initialCode: string }) {
  const [codeInput, setCodeInput] = useState(initialCode);
  const [code, setCode] = useState(initialCode);
  const [interval, setBarInterval] = useState<Interval>(Interval.DAILY);
  const [adjustment, setAdjustment] = useState<Adjustment>(Adjustment.FORWARD);
  const [view, setView] = useState<View>('kline');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [minuteHistory, setMinuteHistory] = useState<ChartBar[]>([]);
  const [minutes, setMinutes] = useState<Map<number, BarData>>(new Map());
  const [trades, setTrades] = useState<Map<string, TradeData>>(new Map());
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const current = useRef('');

  const load = useCallback(async () => {
    if (!code.trim()) return;
    setError('');
    try {
      const r = await client.request('kline/bars', { code: code.trim(), interval, adjustment });
      current.current = r.vt_symbol;
      const bars = chartBarsOf(seriesFromWire(r.series));
      setLoaded({ vt_symbol: r.vt_symbol, name: r.name, precision: r.precision, bars });
      const since = Date.now() - TIMESHARE_LOOKBACK_DAYS * DAY_MS;
      const m = await client.request('kline/bars', { code: r.vt_symbol, interval: Interval.MINUTE, adjustment: Adjustment.NONE, start: since });
      setMinuteHistory(chartBarsOf(seriesFromWire(m.series)));
      // Fills over the bars shown, earlier days' included, and today's whatever bars are stored.
      const today = Date.parse(`${tradingDayOf(Date.now())}T00:00:00+08:00`);
      const fills = await client.request('kline/trades', { code: r.vt_symbol, start: Math.min(bars[0]?.time ?? today, today) });
      setTrades(new Map(fills.map((t) => [t.vt_tradeid, t])));
      const w = await client.request('kline/watch', { code: r.vt_symbol });
      setStatus(w.message);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [client, code, interval, adjustment]);

  useEffect(() => {
    void load();
  }, [load]);

  // A new code starts its live minutes afresh.
  useEffect(() => setMinutes(new Map()), [loaded?.vt_symbol]);

  useEffect(() => {
    const offMinute = client.subscribe('kline-minute', (m) => {
      if (m.vt_symbol === current.current) setMinutes((held) => addMinutes(held, m.minutes));
    });
    const offTrade = client.subscribe('trade', (t) => {
      if (t.vt_symbol === current.current) setTrades((held) => new Map(held).set(t.vt_tradeid, t));
    });
    const offConn = client.onConnection?.((state) => {
      if (state === 'open') void load();
    });
    return () => {
      offMinute();
      offTrade();
      offConn?.();
    };
  }, [client, load]);

  const liveMinutes = useMemo(() => [...minutes.values()], [minutes]);
  const bars = useMemo(() => (loaded ? withLiveBars(loaded.bars, liveMinutes, interval) : []), [loaded, liveMinutes, interval]);
  const markers = useMemo(() => [...trades.values()].map(markerOf), [trades]);
  const dayBars = useMemo(() => lastDay(withLiveBars(minuteHistory, liveMinutes, Interval.MINUTE)), [minuteHistory, liveMinutes]);

  return (
    <div className="kline-page" data-testid="kline">
      <form
        className="kline-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setCode(codeInput.trim());
        }}
      >
        <label>
          代码
          <input className="code" data-testid="kline-code" value={codeInput} placeholder="600000" onChange={(e) => setCodeInput(e.target.value)} />
        </label>
        <button type="submit" data-testid="kline-open">打开</button>
        <span className="kline-name" data-testid="kline-title">{loaded ? `${loaded.vt_symbol} ${loaded.name}` : ''}</span>
        <span className="kline-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={view === 'kline'} data-testid="kline-tab-kline" onClick={() => setView('kline')}>K线</button>
          <button type="button" role="tab" aria-selected={view === 'timeshare'} data-testid="kline-tab-timeshare" onClick={() => setView('timeshare')}>分时</button>
        </span>
        {view === 'kline' && (
          <>
            <span className="kline-intervals">
              {CHOICES.map((c) => (
                <button key={c.interval} type="button" data-interval={c.interval} aria-pressed={interval === c.interval} onClick={() => setBarInterval(c.interval)}>
                  {c.label}
                </button>
              ))}
            </span>
            <select data-testid="kline-adjustment" value={adjustment} onChange={(e) => setAdjustment(e.target.value as Adjustment)}>
              {Object.values(Adjustment).map((a) => (
                <option key={a} value={a}>{ADJUSTMENT_LABELS[a]}</option>
              ))}
            </select>
          </>
        )}
        <span className="kline-status" data-testid="kline-status">{error || status}</span>
      </form>
      <div className="kline-body">
        {!code && <div className="kline-empty">输入代码后点击“打开”；也可在 行情、持仓 或 查询合约 的右键菜单中选择“K线图”</div>}
        {code && loaded && !loaded.bars.length && view === 'kline' && !bars.length && (
          <div className="kline-empty" data-testid="kline-nodata">{loaded.vt_symbol} 没有{interval === Interval.DAILY ? '日线' : '分钟'}K线：请在 数据管理 中导入，或用 行情记录 录制</div>
        )}
        <div className="kline-pane" hidden={view !== 'kline' || !code}>
          <KlineChart bars={bars} markers={markers} interval={interval} symbol={loaded?.vt_symbol ?? code} pricePrecision={loaded?.precision ?? 2} />
        </div>
        {view === 'timeshare' && code && <TimeShareChart bars={dayBars} pricePrecision={loaded?.precision ?? 2} />}
      </div>
      <div className="kline-foot">K线图由 KLineChart（klinecharts，Apache License 2.0）绘制；许可见 帮助→关于</div>
    </div>
  );
}
