/** K线图: candles, MA, volume, MACD, the trader's fills as markers, live bars from ticks, and a 分时 view. */
import { defineApp } from '../../../common/app-model';
import { klineContract } from './contract';

export const klineApp = defineApp({
  name: 'kline',
  displayName: 'K线图',
  contract: klineContract,
  window: { width: 1200, height: 760, minWidth: 800, minHeight: 520 },
});
