/** The chart components: K线图 (klinecharts) and 分时. */
export { KlineChart, type KlineChartProps } from './KlineChart';
export { TimeShareChart, type TimeShareChartProps } from './TimeShareChart';
export { chartBarsOf, placeMarkers, barsChange, averagePrices, type ChartBar, type TradeMarker, type PlacedMarker } from './chart-data';
