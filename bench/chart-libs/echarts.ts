/** Apache ECharts: a candlestick grid and a volume grid sharing one data zoom. */
import * as echarts from 'echarts';
import { runBench, type Candle } from './page-harness';

let chart: echarts.ECharts;
let ohlc: number[][] = [];
let vols: number[] = [];
let start = 0;
let total = 0;
const WINDOW = 200;

void runBench('echarts', '6.1.0', {
  mount(el, data) {
    total = data.length;
    chart = echarts.init(el, undefined, { renderer: 'canvas' });
    // ECharts' candlestick takes [open, close, low, high].
    ohlc = data.map((c) => [c.open, c.close, c.low, c.high]);
    vols = data.map((c) => c.volume);
    start = total - WINDOW;
    chart.setOption({
      animation: false,
      grid: [{ left: 50, right: 20, top: 10, height: '60%' }, { left: 50, right: 20, top: '75%', height: '18%' }],
      xAxis: [
        { type: 'category', data: data.map((c) => c.time), gridIndex: 0, axisLabel: { show: false } },
        { type: 'category', data: data.map((c) => c.time), gridIndex: 1, axisLabel: { show: false } },
      ],
      yAxis: [{ scale: true, gridIndex: 0 }, { scale: true, gridIndex: 1 }],
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1], startValue: start, endValue: total - 1 }],
      series: [
        { type: 'candlestick', data: ohlc, xAxisIndex: 0, yAxisIndex: 0, large: true, itemStyle: { color: '#e0294a', color0: '#0b9e5b', borderColor: '#e0294a', borderColor0: '#0b9e5b' } },
        { type: 'bar', data: vols, xAxisIndex: 1, yAxisIndex: 1, large: true },
      ],
    });
  },
  pan(bars) {
    start -= bars;
    chart.dispatchAction({ type: 'dataZoom', startValue: start, endValue: start + WINDOW - 1 });
  },
  update(c: Candle) {
    // ECharts has no "replace the last point": the series data is set again.
    ohlc[ohlc.length - 1] = [c.open, c.close, c.low, c.high];
    vols[vols.length - 1] = c.volume;
    chart.setOption({ series: [{ data: ohlc }, { data: vols }] });
  },
});
