/** Bars: the BarData model, sessions, tick → bar and bar → bar generation, 复权, columnar series. */
export { Adjustment, ADJUSTMENT_LABELS, Interval, INTERVAL_LABELS, INTERVALS, INTRADAY_MINUTES, isInterval, type BarData } from './bar-data';
export * from './trading-sessions';
export { BarGenerator, type BarGeneratorOptions, type BarTick } from './bar-generator';
export { BarAggregator, aggregateBars, type BarAggregatorOptions } from './bar-aggregator';
export { adjustInPlace, factorAt, type AdjFactor, type PriceColumns } from './adjustment';
export { barsOf, emptySeries, SERIES_COLUMNS, seriesFromWire, seriesOf, seriesToWire, type BarSeries, type SeriesColumn, type WireSeries } from './bar-series';
