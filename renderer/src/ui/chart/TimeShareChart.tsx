/**
 * 分时: one day's minute bars as the price line and the average price line (the day's
 * turnover so far over its volume so far), volume bars under them, and the last values.
 * Plain SVG: a day is a few hundred points.
 */
import { useMemo } from 'react';
import { averagePrices, type ChartBar } from './chart-data';

export interface TimeShareChartProps {
  /** the day's minute bars, time order */
  bars: readonly ChartBar[];
  /** minutes the session lasts (A-shares 240); the x axis spans at least this */
  sessionMinutes?: number;
  pricePrecision?: number;
  testId?: string;
}

const W = 1000;
const PRICE_H = 300;
const VOL_TOP = 320;
const VOL_H = 90;

export function TimeShareChart({ bars, sessionMinutes = 240, pricePrecision = 2, testId = 'timeshare' }: TimeShareChartProps) {
  const drawn = useMemo(() => {
    if (!bars.length) return null;
    const avg = averagePrices(bars);
    const n = Math.max(sessionMinutes, bars.length);
    const lo = Math.min(...bars.map((b) => b.low), ...avg);
    const hi = Math.max(...bars.map((b) => b.high), ...avg);
    const pad = (hi - lo) * 0.05 || hi * 0.01 || 1;
    const [min, max] = [lo - pad, hi + pad];
    const x = (i: number) => ((i + 0.5) / n) * W;
    const y = (v: number) => PRICE_H - ((v - min) / (max - min)) * PRICE_H;
    const path = (vals: readonly number[]) => vals.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join('');
    const maxVol = Math.max(...bars.map((b) => b.volume), 1);
    const barW = Math.max(1, (W / n) * 0.7);
    return {
      price: path(bars.map((b) => b.close)),
      avg: path(avg),
      lastAvg: avg[avg.length - 1]!,
      vols: bars.map((b, i) => ({ x: x(i) - barW / 2, h: (b.volume / maxVol) * VOL_H, up: i === 0 ? b.close >= b.open : b.close >= bars[i - 1]!.close })),
      barW,
      ticks: [max, (max + min) / 2, min].map((v) => ({ v, y: y(v) })),
    };
  }, [bars, sessionMinutes]);

  if (!drawn) return <div className="timeshare-empty" data-testid={testId}>没有分时数据：需要当日的1分钟K线（导入、行情记录或实时行情）</div>;
  const last = bars[bars.length - 1]!;
  return (
    <div className="timeshare" data-testid={testId}>
      <div className="timeshare-legend">
        <span className="price">价格 <b data-testid={`${testId}-last`}>{last.close.toFixed(pricePrecision)}</b></span>
        <span className="avg">均价 <b data-testid={`${testId}-avg`}>{drawn.lastAvg.toFixed(pricePrecision)}</b></span>
        <span>{bars.length} 分钟</span>
      </div>
      <svg viewBox={`0 0 ${W} ${VOL_TOP + VOL_H}`} preserveAspectRatio="none">
        {drawn.ticks.map((t) => (
          <g key={t.y} className="grid">
            <line x1={0} x2={W} y1={t.y} y2={t.y} />
            <text x={4} y={Math.max(12, t.y - 2)}>{t.v.toFixed(pricePrecision)}</text>
          </g>
        ))}
        <path d={drawn.price} className="line-price" data-series="price" fill="none" />
        <path d={drawn.avg} className="line-avg" data-series="avg" fill="none" />
        <g data-series="volume">
          {drawn.vols.map((v, i) => (
            <rect key={i} x={v.x} width={drawn.barW} y={VOL_TOP + VOL_H - v.h} height={v.h} className={v.up ? 'up' : 'down'} />
          ))}
        </g>
      </svg>
    </div>
  );
}
