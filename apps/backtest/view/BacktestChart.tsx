/** One of the three result charts, drawn from the geometry the HTML report uses (common/backtest/report-format.ts). */
import { chartGeometry, type ChartSeries } from '../../../common/backtest/report-format';

const WIDTH = 900;
const HEIGHT = 200;

export function BacktestChart({ series, id }: { series: ChartSeries; id: string }) {
  const g = chartGeometry(series, WIDTH, HEIGHT);
  return (
    <svg className="bt-chart" data-chart={id} data-points={series.values.length} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={series.title}>
      <text className="title" x={g.title.x} y={g.title.y}>{series.title}</text>
      <rect className="frame" x={g.frame.x} y={g.frame.y} width={g.frame.width} height={g.frame.height} />
      {g.labels.map((l, i) => (
        <text key={i} className="axis" x={l.x} y={l.y} textAnchor={l.anchor}>{l.text}</text>
      ))}
      {series.kind === 'line' && g.points && <polyline className="line" data-series={id} points={g.points} stroke={series.color} />}
      {series.kind === 'area' && g.points && <polygon className="area" data-series={id} points={g.points} stroke={series.color} fill={series.color} />}
      {series.kind === 'bars' && (
        <g data-series={id}>
          {g.bars.map((b, i) => (
            <rect key={i} className={b.up ? 'bar-up' : 'bar-down'} x={b.x} y={b.y} width={b.width} height={b.height} />
          ))}
        </g>
      )}
    </svg>
  );
}
