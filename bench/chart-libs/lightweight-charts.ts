/** lightweight-charts (TradingView, Apache-2.0): candles + volume in a second pane. */
import { CandlestickSeries, createChart, HistogramSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { runBench, type Candle } from './page-harness';

let chart: IChartApi;
let candles: ISeriesApi<'Candlestick'>;
let volume: ISeriesApi<'Histogram'>;
let from = 0;
let count = 0;

const t = (c: Candle) => (c.time / 1000) as UTCTimestamp;
// China's convention: red up, green down.
const UP = '#e0294a';
const DOWN = '#0b9e5b';

void runBench('lightweight-charts', '5.2.1', {
  mount(el, data) {
    count = data.length;
    chart = createChart(el, { width: el.clientWidth, height: el.clientHeight, layout: { attributionLogo: true } });
    candles = chart.addSeries(CandlestickSeries, { upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false });
    volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' } }, 1);
    candles.setData(data.map((c) => ({ time: t(c), open: c.open, high: c.high, low: c.low, close: c.close })));
    volume.setData(data.map((c) => ({ time: t(c), value: c.volume, color: c.close >= c.open ? UP : DOWN })));
    from = count - 200;
    chart.timeScale().setVisibleLogicalRange({ from, to: count });
  },
  pan(bars) {
    from -= bars;
    chart.timeScale().setVisibleLogicalRange({ from, to: from + 200 });
  },
  update(c) {
    candles.update({ time: t(c), open: c.open, high: c.high, low: c.low, close: c.close });
    volume.update({ time: t(c), value: c.volume, color: c.close >= c.open ? UP : DOWN });
  },
});
