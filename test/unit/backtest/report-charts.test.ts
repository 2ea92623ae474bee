/**
 * The chart geometry the HTML report and the 回测 window share: a value maps linearly into
 * the plot frame (the top of the range at the frame's top), a line has a point per day, an
 * area closes along zero, a bar rises from zero and is 'up' for a gain; the SVG text carries
 * the same points.
 */
import { describe, expect, it } from 'vitest';
import { chartGeometry, chartSvg, type ChartSeries } from '../../../common/backtest/report-format';

const series = (kind: ChartSeries['kind'], values: number[], min: number, max: number): ChartSeries => ({
  title: '测试', dates: values.map((_, i) => `2024-01-0${i + 1}`), values, min, max, kind, color: '#123456',
});

describe('chartGeometry', () => {
  it('puts a line\'s points across the frame, the maximum at its top and the minimum at its bottom', () => {
    const g = chartGeometry(series('line', [100, 150, 200], 100, 200), 400, 142);
    // padding 70 left, 10 right, 22 top, 20 bottom: a 320 × 100 frame
    expect(g.frame).toEqual({ x: 70, y: 22, width: 320, height: 100 });
    expect(g.points).toBe('70,122 230,72 390,22');
    expect(g.bars).toEqual([]);
    expect(g.labels.map((l) => l.text)).toEqual(['200', '100', '2024-01-01', '2024-01-03']);
  });

  it('closes an area along zero', () => {
    const g = chartGeometry(series('area', [0, -50], -100, 0), 400, 142);
    expect(g.points).toBe('70,22 70,22 390,72 390,22');
  });

  it('raises bars from zero inside the frame, one slot a day, up for gains and down for losses', () => {
    const g = chartGeometry(series('bars', [50, -100], -100, 100), 400, 142);
    expect(g.bars).toEqual([
      { x: 70.5, y: 47, width: 159, height: 25, up: true },
      { x: 230.5, y: 72, width: 159, height: 50, up: false },
    ]);
  });

  it('is the same drawing in the report\'s SVG text', () => {
    const c = series('line', [1, 3, 2], 1, 3);
    expect(chartSvg(c, 400, 142)).toContain(`<polyline points="${chartGeometry(c, 400, 142).points}"`);
    expect(chartSvg({ ...c, title: '<净值>' }, 400, 142)).toContain('aria-label="&lt;净值&gt;"');
  });
});
