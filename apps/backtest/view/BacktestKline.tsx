/**
 * The run's bars in the K线图 component (the one the K线图 app draws with), each fill of the
 * backtest a marker on its bar: buy red ▲, sell green ▼. The bars come from the same store
 * through 'kline/bars', over the run's dates.
 */
import { useEffect, useMemo, useState } from 'react';
import { Adjustment, Interval, seriesFromWire } from '../../../common/bars';
import type { BacktestReport } from '../../../common/backtest/report';
import { Direction } from '../../../common/constants';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { chartBarsOf, KlineChart, type ChartBar, type TradeMarker } from '../../../renderer/src/ui/chart';

const cstMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

export function BacktestKline({ client, report }: { client: AppClient; report: BacktestReport }) {
  const [bars, setBars] = useState<ChartBar[] | null>(null);
  const [error, setError] = useState('');
  const interval = report.interval === '1d' ? Interval.DAILY : Interval.MINUTE;

  useEffect(() => {
    let live = true;
    client
      .request('kline/bars', { code: report.vt_symbol, interval, adjustment: Adjustment.NONE, start: cstMidnight(report.start), end: cstMidnight(report.end) + 86_400_000 })
      .then((r) => live && setBars(chartBarsOf(seriesFromWire(r.series))), (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [client, report, interval]);

  const markers = useMemo<TradeMarker[]>(
    // A fill's time is its bar's end; a millisecond earlier lands it on that bar.
    () => report.trades.map((t) => ({ id: t.trade_id, time: t.datetime - 1, price: t.price, side: t.direction === Direction.LONG ? 'buy' : 'sell', volume: t.volume })),
    [report],
  );

  if (error) return <div className="bt-empty">{error}</div>;
  if (!bars) return <div className="bt-empty">正在载入K线…</div>;
  return <KlineChart bars={bars} markers={markers} interval={interval} symbol={report.vt_symbol} testId="bt-kline" />;
}
