/**
 * Axis arithmetic for the 两融数据 chart: "nice" tick values (1, 2, 2.5, 5 × 10ⁿ) covering
 * the data, and a unit (元, 万元, 亿元) that keeps tick labels short. Pure, so it is tested
 * without a DOM.
 */

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

/** About `count` ticks from a round number at or below `lo` to one at or above `hi`. */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: 0, max: 1, step: 1, values: [0, 1] };
  if (hi < lo) [lo, hi] = [hi, lo];
  // A flat series still needs a span to draw in.
  if (hi === lo) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const values: number[] = [];
  // Counting steps (not adding them) keeps 0.1 + 0.2 noise out of the labels.
  for (let i = 0; min + i * step <= max + step * 1e-9; i++) values.push(Number((min + i * step).toPrecision(12)));
  return { min, max, step, values };
}

export interface YuanUnit {
  divisor: number;
  label: string;
}

/** The unit for figures up to `maxAbs` 元. */
export function yuanUnit(maxAbs: number): YuanUnit {
  if (maxAbs >= 1e8) return { divisor: 1e8, label: '亿元' };
  if (maxAbs >= 1e4) return { divisor: 1e4, label: '万元' };
  return { divisor: 1, label: '元' };
}

/** A tick label in a unit, with no more decimals than the step needs. */
export function tickLabel(value: number, unit: YuanUnit, step: number): string {
  const scaled = step / unit.divisor;
  // The fewest decimals that show the step exactly: 0.25 needs two, 0.5 one.
  let decimals = 0;
  while (decimals < 4 && Math.abs(scaled * 10 ** decimals - Math.round(scaled * 10 ** decimals)) > 1e-9) decimals++;
  return (value / unit.divisor).toFixed(decimals);
}

/** 12.35亿 / 3,456.78万 / 789 元 for a readout. */
export function formatYuanShort(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const unit = yuanUnit(Math.abs(v));
  return unit.divisor === 1 ? `${v.toFixed(0)} 元` : `${(v / unit.divisor).toFixed(2)}${unit.label.slice(0, 1)}`;
}
