/** KLineChart (klinecharts, Apache-2.0): candles with its VOL indicator in a sub-pane. */
import { init, type Chart, type KLineData } from 'klinecharts';
import { runBench, type Candle } from './page-harness';

let chart: Chart;
let push: ((bar: KLineData) => void) | undefined;

const k = (c: Candle): KLineData => ({ timestamp: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });

void runBench('klinecharts', '10.0.2', {
  mount(el, data) {
    chart = init(el)!;
    chart.createIndicator('VOL');
    return new Promise<void>((resolve) => {
      chart.setDataLoader({
        getBars: ({ callback }) => {
          callback(data.map(k), false);
          resolve();
        },
        subscribeBar: ({ callback }) => {
          push = callback;
        },
      });
      chart.setSymbol({ ticker: '600000', pricePrecision: 2, volumePrecision: 0 });
      chart.setPeriod({ type: 'minute', span: 1 });
    });
  },
  pan(bars) {
    // klinecharts scrolls by pixels; its default bar space is 8 px.
    chart.scrollByDistance(bars * 8);
  },
  update(c) {
    push?.(k(c));
  },
});
