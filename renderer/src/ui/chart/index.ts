/** The chart components: K线图 (klinecharts) and 分时. */
export { KlineChart, type KlineChartProps } from './KlineChart';
export { chartBarsOf, placeMarkers, barsChange, type ChartBar, type TradeMarker, type PlacedMarker } from './chart-data';
