/**
 * The moments vn.py's statistics take from pandas, computed in the same order of floating
 * operations: on the same inputs each result here is bit-for-bit pandas' (checked against
 * pandas 1.5 / NumPy 1.24 without bottleneck). Sums are NumPy's pairwise sums, the deviation
 * is two-pass with ddof = 1, skew and kurtosis are pandas' bias-corrected ones (with its
 * "too few points" and "constant series" answers), and the exponentially weighted mean and
 * variance follow pandas' recursions (adjust = True, bias = False).
 */

/** NumPy's block size for pairwise summation (PW_BLOCKSIZE). */
const PW_BLOCKSIZE = 128;

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    // NumPy starts from -0.0 so that a sum of negative zeros stays -0.0.
    let res = -0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    const r = [a[start]!, a[start + 1]!, a[start + 2]!, a[start + 3]!, a[start + 4]!, a[start + 5]!, a[start + 6]!, a[start + 7]!];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    }
    let res = ((r[0]! + r[1]!) + (r[2]! + r[3]!)) + ((r[4]! + r[5]!) + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** Sum in NumPy's pairwise order (what `Series.sum()` and `np.mean` do). 0 for no values. */
export function pairwiseSum(values: ArrayLike<number>): number {
  // An add-reduction starts from the identity 0.0, which also turns a lone -0.0 into 0.
  return 0 + pairwise(values, 0, values.length);
}

/** Arithmetic mean; NaN for no values (pandas). */
export function mean(values: ArrayLike<number>): number {
  return values.length ? pairwiseSum(values) / values.length : NaN;
}

/** Sample standard deviation (ddof = 1), two-pass as pandas' nanvar; NaN under 2 values. */
export function sampleStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const avg = pairwiseSum(values) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = (avg - values[i]!) ** 2;
  return Math.sqrt(pairwiseSum(sq) / (n - 1));
}

function centredPowers(values: ArrayLike<number>): { n: number; m2: number; m3: number; m4: number } {
  const n = values.length;
  const avg = pairwiseSum(values) / n;
  const a2 = new Float64Array(n);
  const a3 = new Float64Array(n);
  const a4 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - avg;
    a2[i] = d * d;
    a3[i] = a2[i]! * d;
    a4[i] = a2[i]! ** 2;
  }
  return { n, m2: pairwiseSum(a2), m3: pairwiseSum(a3), m4: pairwiseSum(a4) };
}

/** pandas treats sums this close to zero as rounding noise of a constant series. */
const zeroOutNoise = (x: number): number => (Math.abs(x) < 1e-14 ? 0 : x);

/** Bias-corrected sample skewness (pandas `Series.skew()`): NaN under 3 values, 0 for a constant series. */
export function skewness(values: ArrayLike<number>): number {
  if (values.length < 3) return NaN;
  const { n, m2: rawM2, m3: rawM3 } = centredPowers(values);
  const m2 = zeroOutNoise(rawM2);
  const m3 = zeroOutNoise(rawM3);
  if (m2 === 0) return 0;
  return ((n * (n - 1) ** 0.5) / (n - 2)) * (m3 / m2 ** 1.5);
}

/** Bias-corrected excess kurtosis (pandas `Series.kurt()`): NaN under 4 values, 0 for a constant series. */
export function excessKurtosis(values: ArrayLike<number>): number {
  if (values.length < 4) return NaN;
  const { n, m2, m4 } = centredPowers(values);
  const adj = (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  const numerator = zeroOutNoise(n * (n + 1) * (n - 1) * m4);
  const denominator = zeroOutNoise((n - 2) * (n - 3) * m2 ** 2);
  if (denominator === 0) return 0;
  return numerator / denominator - adj;
}

/** pandas' decay for a half-life: com = 1 / (1 − exp(ln 0.5 / h)) − 1, α = 1 / (1 + com). */
export function ewmAlphaOfHalfLife(halfLife: number): number {
  const com = 1 / (1 - Math.exp(Math.log(0.5) / halfLife)) - 1;
  return 1 / (1 + com);
}

/**
 * The last value of `ewm(halflife).mean()` and `ewm(halflife).std()` (adjust = True,
 * bias = False) of a series with no missing values. std is NaN for a single value.
 */
export function ewmLast(values: ArrayLike<number>, halfLife: number): { mean: number; std: number } {
  const n = values.length;
  if (!n) return { mean: NaN, std: NaN };
  const alpha = ewmAlphaOfHalfLife(halfLife);
  const decay = 1 - alpha;

  // ewma: the weighted mean, carried as pandas carries it.
  let weighted = values[0]!;
  let oldWt = 1;
  for (let i = 1; i < n; i++) {
    const cur = values[i]!;
    oldWt *= decay;
    if (weighted !== cur) weighted = (oldWt * weighted + cur) / (oldWt + 1);
    oldWt += 1;
  }

  // ewmcov(x, x): the weighted variance, then the bias correction Σw² / (Σw² − Σ(w²)).
  let meanX = values[0]!;
  let cov = 0;
  let sumWt = 1;
  let sumWt2 = 1;
  let wt = 1;
  for (let i = 1; i < n; i++) {
    const cur = values[i]!;
    sumWt *= decay;
    sumWt2 *= decay * decay;
    wt *= decay;
    const oldMean = meanX;
    if (meanX !== cur) meanX = (wt * oldMean + cur) / (wt + 1);
    cov = (wt * (cov + (oldMean - meanX) * (oldMean - meanX)) + (cur - meanX) * (cur - meanX)) / (wt + 1);
    sumWt += 1;
    sumWt2 += 1;
    wt += 1;
  }
  const numerator = sumWt * sumWt;
  const denominator = numerator - sumWt2;
  const variance = denominator > 0 ? (numerator / denominator) * cov : NaN;
  return { mean: weighted, std: variance >= 0 ? Math.sqrt(variance) : variance < 0 ? 0 : NaN };
}
