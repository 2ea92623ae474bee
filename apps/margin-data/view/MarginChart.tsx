/**
 * 融资余额, 融券余额 and 融资买入额 of one code over time, drawn as SVG (no chart library:
 * three lines and two axes do not justify a dependency). 融资余额 is one to two orders of
 * magnitude above the other two, so it has the left axis and they share the right one.
 * The x axis is by trading day, not calendar day, so weekends leave no gaps. Hovering
 * shows the day's figures; days that break an identity are marked in red.
 */
import { useMemo, useState, type MouseEvent } from 'react';
import type { MarginDetailChecked } from '../common/margin-data';
import { formatYuanShort, niceTicks, tickLabel, yuanUnit, type Ticks } from './chart-scale';

const W = 960;
const H = 340;
const PAD = { left: 64, right: 64, top: 30, bottom: 34 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

type SeriesKey = 'rzye' | 'rqye' | 'rzmre';
export const SERIES: readonly { key: SeriesKey; label: string; color: string; axis: 'left' | 'right' }[] = [
  { key: 'rzye', label: '融资余额', color: '#3b82f6', axis: 'left' },
  { key: 'rqye', label: '融券余额', color: '#20b26c', axis: 'right' },
  { key: 'rzmre', label: '融资买入额', color: '#e0a030', axis: 'right' },
];

const dateLabel = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function extent(rows: readonly MarginDetailChecked[], keys: readonly SeriesKey[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (v !== null) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  // Not from zero: 融资余额 moves about 1 % in two weeks and would draw as a flat line; the
  // readout and the axis labels give the level.
  return lo === Infinity ? [0, 1] : [lo, hi];
}

/** An SVG path through the points, broken where a figure is missing. */
function linePath(rows: readonly MarginDetailChecked[], key: SeriesKey, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  rows.forEach((r, i) => {
    const v = r[key];
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export function MarginChart({ rows }: { rows: readonly MarginDetailChecked[] }) {
  const [hover, setHover] = useState<number | null>(null);
  const geometry = useMemo(() => {
    const left = niceTicks(...extent(rows, ['rzye']));
    const right = niceTicks(...extent(rows, ['rqye', 'rzmre']));
    const x = (i: number) => PAD.left + (rows.length > 1 ? (i / (rows.length - 1)) * PLOT_W : PLOT_W / 2);
    const yOf = (t: Ticks) => (v: number) => PAD.top + PLOT_H - ((v - t.min) / (t.max - t.min)) * PLOT_H;
    const axisY = { left: yOf(left), right: yOf(right) };
    const paths = SERIES.map((s) => ({ ...s, d: linePath(rows, s.key, x, axisY[s.axis]) }));
    // Every k-th trading day for about six labels, and the last day unless it would crowd the one before.
    const every = Math.max(1, Math.ceil((rows.length - 1) / 5));
    const xTicks: number[] = [];
    for (let i = 0; i < rows.length; i += every) xTicks.push(i);
    if (rows.length > 1 && rows.length - 1 - xTicks[xTicks.length - 1]! >= every / 2) xTicks.push(rows.length - 1);
    return { left, right, x, axisY, paths, xTicks };
  }, [rows]);

  if (!rows.length) return <div className="margin-chart-empty" data-testid="margin-chart-empty">没有数据：先导入，或换一个代码 / 日期范围</div>;

  const { left, right, x, axisY, paths, xTicks } = geometry;
  const leftUnit = yuanUnit(Math.max(Math.abs(left.min), Math.abs(left.max)));
  const rightUnit = yuanUnit(Math.max(Math.abs(right.min), Math.abs(right.max)));
  const shown = hover ?? rows.length - 1;
  const row = rows[shown]!;

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    // Screen → viewBox through the SVG's own transform: the drawing is letterboxed when the
    // window's aspect differs from the viewBox's, so the element's box would be off.
    const ctm = e.currentTarget.ownerSVGElement?.getScreenCTM();
    if (!ctm) return;
    const vx = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse()).x;
    const i = rows.length > 1 ? Math.round(((vx - PAD.left) / PLOT_W) * (rows.length - 1)) : 0;
    setHover(Math.max(0, Math.min(rows.length - 1, i)));
  };

  return (
    <div className="margin-chart">
      <div className="margin-readout" data-testid="margin-readout">
        <span className="date">{dateLabel(row.trade_date)}</span>
        {SERIES.map((s) => (
          <span key={s.key} style={{ color: s.color }}>
            {s.label} {formatYuanShort(row[s.key])}
          </span>
        ))}
        {row.flags.length > 0 && <span className="flagged-text">恒等式不符</span>}
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="两融数据图" data-testid="margin-chart">
        <g className="grid">
          {left.values.map((v) => (
            <line key={v} x1={PAD.left} x2={W - PAD.right} y1={axisY.left(v)} y2={axisY.left(v)} />
          ))}
        </g>
        <g className="axis axis-left" data-axis="left">
          <text x={PAD.left - 8} y={PAD.top - 16} textAnchor="end">{leftUnit.label}</text>
          {left.values.map((v) => (
            <text key={v} x={PAD.left - 8} y={axisY.left(v) + 4} textAnchor="end">{tickLabel(v, leftUnit, left.step)}</text>
          ))}
        </g>
        <g className="axis axis-right" data-axis="right">
          <text x={W - PAD.right + 8} y={PAD.top - 16}>{rightUnit.label}</text>
          {right.values.map((v) => (
            <text key={v} x={W - PAD.right + 8} y={axisY.right(v) + 4}>{tickLabel(v, rightUnit, right.step)}</text>
          ))}
        </g>
        <g className="axis axis-x" data-axis="x">
          <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} />
          {xTicks.map((i) => (
            <text key={i} x={x(i)} y={H - 12} textAnchor="middle">{dateLabel(rows[i]!.trade_date).slice(rows.length > 250 ? 0 : 5)}</text>
          ))}
        </g>
        {paths.map((p) => (
          <path key={p.key} d={p.d} stroke={p.color} fill="none" strokeWidth={1.8} data-series={p.key} />
        ))}
        <g className="flag-marks">
          {rows.map((r, i) =>
            r.flags.length ? <circle key={r.trade_date} cx={x(i)} cy={PAD.top + PLOT_H - 4} r={3.5} data-flag-mark={r.trade_date} /> : null,
          )}
        </g>
        {hover !== null && (
          <g className="hover">
            <line x1={x(hover)} x2={x(hover)} y1={PAD.top} y2={PAD.top + PLOT_H} />
            {SERIES.map((s) => {
              const v = row[s.key];
              return v === null ? null : <circle key={s.key} cx={x(hover)} cy={axisY[s.axis](v)} r={3.5} fill={s.color} />;
            })}
          </g>
        )}
        <rect
          className="hover-area"
          x={PAD.left}
          y={PAD.top}
          width={PLOT_W}
          height={PLOT_H}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
          data-testid="margin-chart-hover"
        />
      </svg>
      <div className="margin-legend" data-testid="margin-legend">
        {SERIES.map((s) => (
          <span key={s.key} data-legend={s.key}>
            <i style={{ background: s.color }} />
            {s.label}（{s.axis === 'left' ? '左轴' : '右轴'}）
          </span>
        ))}
        <span>
          <i className="flag-swatch" />
          恒等式不符的交易日
        </span>
      </div>
    </div>
  );
}
