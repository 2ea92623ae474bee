/**
 * The daily table and vn.py's statistics on a five-day case worked out by hand. Every
 * expected figure below is written from the definition (docs/backtest.md), not by calling
 * the code under test.
 */
import { describe, expect, it } from 'vitest';
import { Direction } from '../../../common/constants';
import { buildDailyTable, type DailyClose, type DailyTrade } from '../../../common/backtest/daily-table';
import { computeStatistics, equityCurve, isNumericStatistic, rgrRatio } from '../../../common/backtest/statistics';
import { ewmLast, excessKurtosis, pairwiseSum, sampleStd, skewness } from '../../../common/backtest/moments';

const SIZE = 10;
const CAPITAL = 1000;

// Thu 4 Jan … Wed 10 Jan 2024 (the weekend falls between day 2 and day 3).
const CLOSES: DailyClose[] = [
  { date: '2024-01-04', close: 100 },
  { date: '2024-01-05', close: 102 },
  { date: '2024-01-08', close: 99 },
  { date: '2024-01-09', close: 101 },
  { date: '2024-01-10', close: 104 },
];
const TRADES: DailyTrade[] = [
  { date: '2024-01-04', direction: Direction.LONG, price: 101, volume: 2, commission: 2, slippage: 1 },
  { date: '2024-01-08', direction: Direction.SHORT, price: 100, volume: 1, commission: 1, slippage: 0.5 },
  { date: '2024-01-10', direction: Direction.SHORT, price: 103, volume: 1, commission: 1, slippage: 0.5 },
];

/** vn.py's RGR from its definition: pandas' sample skew and excess kurtosis, √252, the worst 5 % as CVaR. */
function rgrByHand(x: number[], annualReturn: number, returnStd: number, maxDdPercent: number): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b) / n;
  const d = x.map((v) => v - mean);
  const m2 = d.reduce((a, v) => a + v * v, 0);
  const m3 = d.reduce((a, v) => a + v ** 3, 0);
  const m4 = d.reduce((a, v) => a + v ** 4, 0);
  const skew = ((n * Math.sqrt(n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
  const kurt = (n * (n + 1) * (n - 1) * m4) / ((n - 2) * (n - 3) * m2 ** 2) - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  const worst = [...x].sort((a, b) => a - b).slice(0, Math.ceil(n * 0.05));
  const cvar = worst.reduce((a, b) => a + b) / worst.length;
  const cagr = annualReturn / 100;
  const gain = cagr > 0 ? Math.log(1 + cagr) : -Math.log(1 - cagr);
  const stability = 1 / (1 + returnStd / 100);
  // floored at 1e-6, so a run without losses is not divided by 0
  const downside = Math.max(Math.sqrt(x.reduce((a, v) => a + Math.min(v, 0) ** 2, 0) / n) * Math.sqrt(252), 1e-6);
  const maxDd = Math.abs(maxDdPercent) / 100;
  const cvarRisk = cvar !== 0 ? Math.abs(cvar) : maxDd / 2;
  const risk = 0.5 * downside + 0.3 * maxDd + 0.2 * cvarRisk;
  return (gain * stability * (1 + 0.1 * Math.tanh(skew)) / (1 + 0.05 * Math.max(kurt - 3, 0))) / risk;
}

describe('daily table', () => {
  // Built inside each test, never in the describe body: Stryker credits a test only with the code
  // that runs inside it, so a figure computed here would leave every mutant of it 'survived'.
  const table = () => buildDailyTable(CLOSES, TRADES, SIZE);

  it('marks each day to market: trading PnL against the close, holding PnL from the previous close', () => {
    const rows = table();
    // Day 1: buy 2 @ 101, close 100 → trading = 2 × (100 − 101) × 10 = −20; no position carried
    //        turnover = 2 × 10 × 101 = 2020; net = −20 − 2 − 1 = −23; position 0 → 2
    // Day 2: holding = 2 × (102 − 100) × 10 = 40; net 40
    // Day 3: holding = 2 × (99 − 102) × 10 = −60; sell 1 @ 100 → trading = −1 × (99 − 100) × 10 = +10
    //        turnover 1000; net = −50 − 1 − 0.5 = −51.5; position 2 → 1
    // Day 4: holding = 1 × (101 − 99) × 10 = 20; net 20
    // Day 5: holding = 1 × (104 − 101) × 10 = 30; sell 1 @ 103 → trading = −1 × (104 − 103) × 10 = −10
    //        turnover 1030; net = 20 − 1 − 0.5 = 18.5; position 1 → 0
    expect(rows.map((r) => r.trading_pnl)).toEqual([-20, 0, 10, 0, -10]);
    expect(rows.map((r) => r.holding_pnl)).toEqual([0, 40, -60, 20, 30]);
    expect(rows.map((r) => r.net_pnl)).toEqual([-23, 40, -51.5, 20, 18.5]);
    expect(rows.map((r) => r.turnover)).toEqual([2020, 0, 1000, 0, 1030]);
    expect(rows.map((r) => [r.start_pos, r.end_pos])).toEqual([[0, 2], [2, 2], [2, 1], [1, 1], [1, 0]]);
    expect(rows.map((r) => r.trade_count)).toEqual([1, 0, 1, 0, 1]);
    // vn.py puts 1 in the first day's pre_close (nothing is held into it).
    expect(rows.map((r) => r.pre_close)).toEqual([1, 100, 102, 99, 101]);
  });

  it('refuses a fill on a day that has no close', () => {
    expect(() => buildDailyTable(CLOSES, [{ ...TRADES[0]!, date: '2024-01-06' }], SIZE)).toThrow(
      expect.objectContaining({ code: 'BACKTEST_DAILY', message: '成交日期 2024-01-06 没有对应的K线收盘价' }),
    );
  });

  it('counts a day’s charges (融资融券 interest) with the fees, and each fill’s slippage apart', () => {
    // day 2 (2024-01-05) carries 3.00 of interest: commission 3, net 40 − 3 = 37; day 1's fill: 2 and 1
    const charged = buildDailyTable(CLOSES.map((c) => (c.date === '2024-01-05' ? { ...c, charges: 3 } : c)), TRADES, SIZE);
    expect(charged.map((r) => [r.commission, r.slippage])).toEqual([[2, 1], [3, 0], [1, 0.5], [0, 0], [1, 0.5]]);
    expect(charged[1]!.net_pnl).toBe(37);
    expect(charged[1]!.total_pnl).toBe(40);
  });

  it('refuses two closes for one day', () => {
    expect(() => buildDailyTable([...CLOSES, { date: '2024-01-05', close: 1 }], [], SIZE)).toThrow(
      expect.objectContaining({ code: 'BACKTEST_DAILY', message: '逐日收盘价重复：2024-01-05' }),
    );
  });

  it('balance, log return and drawdown: the capital is not a high, so a losing first day has no drawdown', () => {
    const rows = table();
    const curve = equityCurve(rows, CAPITAL);
    // balance = 1000 + cumulative net PnL
    expect([...curve.balance]).toEqual([977, 1017, 965.5, 985.5, 1004]);
    expect(curve.return[0]).toBeCloseTo(Math.log(977 / 1000), 15);
    expect(curve.return[2]).toBeCloseTo(Math.log(965.5 / 1017), 15);
    expect([...curve.highlevel]).toEqual([977, 1017, 1017, 1017, 1017]);
    expect([...curve.drawdown]).toEqual([0, 0, -51.5, -31.5, -13]);
  });
});

describe('statistics (vn.py definitions)', () => {
  const table = () => buildDailyTable(CLOSES, TRADES, SIZE);
  const statistics = () => computeStatistics(table(), { capital: CAPITAL }); // inside each test, as above
  const r = [977 / 1000, 1017 / 977, 965.5 / 1017, 985.5 / 965.5, 1004 / 985.5].map(Math.log);
  const n = 5;
  const meanR = r.reduce((a, b) => a + b) / n;
  const stdR = Math.sqrt(r.reduce((a, x) => a + (x - meanR) ** 2, 0) / (n - 1));
  /** pandas' ewm(halflife).mean() and .std() of the last value, from the weights' definition. */
  const ewmByHand = (halfLife: number) => {
    // α = 1 − 0.5^(1/halfLife), weight of the i-th of n = (1 − α)^(n−1−i)
    const alpha = 1 - 0.5 ** (1 / halfLife);
    const w = r.map((_, i) => (1 - alpha) ** (n - 1 - i));
    const sw = w.reduce((a, b) => a + b);
    const sw2 = w.reduce((a, b) => a + b * b, 0);
    const m = w.reduce((a, wi, i) => a + wi * r[i]!, 0) / sw;
    const biased = w.reduce((a, wi, i) => a + wi * (r[i]! - m) ** 2, 0) / sw;
    return { mean: m, std: Math.sqrt(biased * (sw * sw) / (sw * sw - sw2)) };
  };

  it('counts, sums and returns', () => {
    const s = statistics();
    expect(s.start_date).toBe('2024-01-04');
    expect(s.end_date).toBe('2024-01-10');
    expect([s.total_days, s.profit_days, s.loss_days]).toEqual([5, 3, 2]);
    expect(s.end_balance).toBe(1004);
    expect(s.total_net_pnl).toBe(4); // −23 + 40 − 51.5 + 20 + 18.5
    expect(s.daily_net_pnl).toBe(0.8);
    expect([s.total_commission, s.total_slippage, s.total_turnover]).toEqual([4, 2, 4050]);
    expect([s.daily_commission, s.daily_slippage, s.daily_turnover]).toEqual([0.8, 0.4, 810]);
    expect([s.total_trade_count, s.daily_trade_count]).toEqual([3, 0.6]);
    expect(s.total_return).toBeCloseTo(0.4, 12); // (1004 / 1000 − 1) × 100
    expect(s.annual_return).toBeCloseTo(19.2, 10); // 0.4 / 5 days × 240
    // the log returns telescope: their mean is ln(1004 / 1000) / 5
    expect(s.daily_return).toBeCloseTo((Math.log(1.004) / 5) * 100, 12);
    expect(s.return_std).toBeCloseTo(stdR * 100, 12);
  });

  it('drawdown: deepest fall, its percentage of the high, and calendar days from that high', () => {
    const s = statistics();
    // deepest drawdown: day 3, 965.5 − 1017 = −51.5; the high before it is day 2 (Fri 5 Jan)
    expect(s.max_drawdown).toBe(-51.5);
    expect(s.max_ddpercent).toBeCloseTo((-51.5 / 1017) * 100, 12);
    expect(s.max_drawdown_duration).toBe(3); // Fri 5 Jan → Mon 8 Jan
    expect(s.return_drawdown_ratio).toBeCloseTo(-0.4 / ((-51.5 / 1017) * 100), 10);
  });

  it('Sharpe and EWM Sharpe over 240 days a year', () => {
    const s = statistics();
    expect(s.sharpe_ratio).toBeCloseTo((meanR / stdR) * Math.sqrt(240), 10);
    // EWM with half-life 120
    const ewm = ewmByHand(120);
    expect(s.ewm_sharpe).toBeCloseTo((ewm.mean / ewm.std) * Math.sqrt(240), 9);
  });

  it('RGR ratio with vn.py\'s constants (√252, kurtosis − 3, 5 % CVaR)', () => {
    const s = statistics();
    // annual return 19.2 %; the deepest drawdown 51.5 from the 1,017 high; ceil(5 × 0.05) = 1: the worst day alone is the CVaR
    expect(s.rgr_ratio).toBeCloseTo(rgrByHand(r, 19.2, stdR * 100, -(51.5 / 1017) * 100), 9);
    expect(s.rgr_ratio).not.toBe(0);
  });

  it('no trades: a flat balance, zero deviation, and every ratio 0 rather than NaN', () => {
    const flat = computeStatistics(buildDailyTable(CLOSES, [], SIZE), { capital: CAPITAL });
    expect(flat.total_days).toBe(5);
    expect(flat.end_balance).toBe(1000);
    expect([flat.return_std, flat.sharpe_ratio, flat.ewm_sharpe, flat.return_drawdown_ratio, flat.rgr_ratio]).toEqual([0, 0, 0, 0, 0]);
    expect([flat.max_drawdown, flat.max_ddpercent, flat.max_drawdown_duration, flat.total_return]).toEqual([0, 0, 0, 0]);
  });

  it('a single day: the deviation is undefined, reported as 0 with the ratios that need it', () => {
    const one = computeStatistics(buildDailyTable(CLOSES.slice(0, 1), TRADES.slice(0, 1), SIZE), { capital: CAPITAL });
    expect(one.total_days).toBe(1);
    expect(one.end_balance).toBe(977);
    expect([one.return_std, one.sharpe_ratio, one.ewm_sharpe, one.rgr_ratio]).toEqual([0, 0, 0, 0]);
  });

  it('a balance at or below zero: vn.py reports no figure but the capital', () => {
    const bust = computeStatistics(buildDailyTable(CLOSES, TRADES, 1000), { capital: CAPITAL });
    expect(bust.total_days).toBe(0);
    expect(bust.capital).toBe(CAPITAL);
    expect(bust.end_balance).toBe(0);
    expect([bust.start_date, bust.end_date]).toEqual(['', '']);
  });

  it('no days at all gives the empty statistics', () => {
    expect(computeStatistics([], { capital: 5 }).total_days).toBe(0);
  });

  it('annual days and the risk-free rate enter as vn.py has them', () => {
    const rows = table();
    const t = computeStatistics(rows, { capital: CAPITAL, annualDays: 250, riskFree: 0.02 });
    expect(t.annual_return).toBeCloseTo((0.4 / 5) * 250, 10);
    expect(t.sharpe_ratio).toBeCloseTo(((meanR * 100 - 0.02 / Math.sqrt(250)) / (stdR * 100)) * Math.sqrt(250), 10);
    // the EWM Sharpe takes the same daily risk-free rate off its mean
    const ewm = ewmByHand(120);
    expect(t.ewm_sharpe).toBeCloseTo(((ewm.mean * 100 - 0.02 / Math.sqrt(250)) / (ewm.std * 100)) * Math.sqrt(250), 9);
  });
});

describe('statistics edges', () => {
  /** A daily table whose days have exactly these net PnLs (one fill a day at the close, fee = −net). */
  const days = (nets: number[]) =>
    buildDailyTable(CLOSES.slice(0, nets.length), nets.map((net, i) => ({ date: CLOSES[i]!.date, direction: Direction.LONG, price: CLOSES[i]!.close, volume: 0, commission: -net, slippage: 0 })), SIZE);

  it('a day with a net PnL of exactly 0 is neither a profit day nor a loss day', () => {
    const s = computeStatistics(days([10, 0, -5, 0]), { capital: CAPITAL });
    expect([s.total_days, s.profit_days, s.loss_days]).toEqual([4, 1, 1]);
  });

  it('a balance of exactly 0 is bankrupt too, and its log return is 0, not −∞', () => {
    expect(computeStatistics(days([-1000, 500]), { capital: CAPITAL }).total_days).toBe(0);
    const curve = equityCurve(days([-1000, -500, 2000]), CAPITAL);
    expect([...curve.balance]).toEqual([0, -500, 1500]);
    expect([...curve.return]).toEqual([0, 0, 0]); // 0 / 1000, −500 / 0 and 1500 / −500 are no ratio above 0
  });

  it('dates the drawdown from the first day the high was reached, as pandas’ idxmax', () => {
    // balances 1010, 1000, 1010, 990: the high 1010 on Thu 4 Jan and again on Mon 8 Jan; the bottom on Tue 9 Jan
    const s = computeStatistics(days([10, -10, 10, -20]), { capital: CAPITAL });
    expect(s.max_drawdown).toBe(-20);
    expect(s.max_drawdown_duration).toBe(5); // 4 Jan → 9 Jan
  });

  it('knows which statistics are numbers an optimisation may target', () => {
    expect(['sharpe_ratio', 'total_return', 'max_drawdown_duration'].map(isNumericStatistic)).toEqual([true, true, true]);
    expect(['start_date', 'end_date', 'sharpe', '', 'toString'].map(isNumericStatistic)).toEqual([false, false, false, false, false]);
  });
});

describe('moments as pandas computes them', () => {
  it('sums pairwise like NumPy: 1e16 then sixteen 1s sums exactly, where a running sum loses every 1', () => {
    const values = [1e16, ...Array<number>(16).fill(1)];
    expect(values.reduce((a, b) => a + b)).toBe(1e16); // each +1 is rounded away
    expect(pairwiseSum(values)).toBe(1e16 + 16);
  });

  it('matches NumPy’s np.sum bit for bit across its block sizes (under 8, one block of 128, split blocks)', () => {
    // values of seven magnitudes and both signs; the sums were taken with NumPy 2.4 (np.sum on a float64 array).
    // A left-to-right sum differs in the last bits at 8, 9, 128, 129, 255, 1000 and 1023 values.
    const SCALE = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000];
    const values = (n: number) => Array.from({ length: n }, (_, i) => (((i * 7919) % 1000) / 7) * SCALE[i % 7]! * (i % 3 ? 1 : -1));
    const numpy: [number, number][] = [
      [7, -64057.71571428572], [8, -64057.653857142854], [9, -64057.151], [127, 680114.0850000001], [128, 680115.1035714286],
      [129, 680124.1321428571], [136, 642273.3017142857], [255, 1051516.2377142857], [300, 1360108.5841428572], [1000, 3509357.483571429],
      [1023, 3505669.532142857],
    ];
    for (const [n, sum] of numpy) expect([n, pairwiseSum(values(n))]).toEqual([n, sum]);
  });

  it('sample deviation, skew and kurtosis; too few values give NaN, a constant series 0', () => {
    // 1, 2, 3, 4, 10: mean 4, deviations −3 −2 −1 0 6; Σd² = 50, Σd³ = −27 − 8 − 1 + 216 = 180, Σd⁴ = 81 + 16 + 1 + 1296 = 1394
    const x = [1, 2, 3, 4, 10];
    expect(sampleStd(x)).toBeCloseTo(Math.sqrt(50 / 4), 14);
    expect(skewness(x)).toBeCloseTo(((5 * Math.sqrt(4)) / 3) * (180 / 50 ** 1.5), 14);
    expect(excessKurtosis(x)).toBeCloseTo((5 * 6 * 4 * 1394) / (3 * 2 * 2500) - (3 * 16) / 6, 12);
    expect(sampleStd([1])).toBeNaN();
    expect(skewness([1, 2])).toBeNaN();
    expect(excessKurtosis([1, 2, 3])).toBeNaN();
    expect(skewness([2, 2, 2])).toBe(0);
    expect(excessKurtosis([2, 2, 2, 2])).toBe(0);
    // the fewest values each takes: two for the deviation, three for the skew (even when equal)
    expect(sampleStd([1, 3])).toBe(Math.SQRT2);
    expect(skewness([5, 5])).toBeNaN();
    // seven 0.1s sum to 0.7000000000000001: the deviations are rounding noise, and pandas calls
    // a series whose moments are that small constant
    expect(skewness(Array(7).fill(0.1))).toBe(0);
    expect(excessKurtosis(Array(7).fill(0.1))).toBe(0);
  });

  it('EWM of no values is NaN, as pandas gives for an empty series', () => {
    expect(ewmLast([], 120)).toEqual({ mean: NaN, std: NaN });
  });

  it('EWM of a constant series has no spread; of a single value, no deviation', () => {
    expect(ewmLast([0.5, 0.5, 0.5], 120)).toEqual({ mean: 0.5, std: 0 });
    // pandas leaves the mean alone when the next value equals it: seven 0.1s stay 0.1 to the bit,
    // where the weighted update would drift to 0.09999999999999999 and give a deviation of noise
    expect(ewmLast(Array(7).fill(0.1), 120)).toEqual({ mean: 0.1, std: 0 });
    expect(ewmLast([0.5], 120).std).toBeNaN();
  });
});

describe('RGR ratio on its own', () => {
  it('a losing run with one crash: the loss counts against it, and heavy tails shrink it', () => {
    const x = [0.001, 0.002, -0.001, 0.0015, 0.001, 0.002, -0.3, 0.001, 0.0005, 0.001];
    expect(excessKurtosis(x)).toBeGreaterThan(3); // the tail factor is in play
    const std = sampleStd(x) * 100;
    const rgr = rgrRatio(Float64Array.from(x), -40, std, -30);
    // gain −ln(1.4): a 40 % annual loss
    expect(rgr).toBeCloseTo(rgrByHand(x, -40, std, -30), 12);
    expect(rgr).toBeLessThan(0);
  });

  it('without a losing day the CVaR is 0, so half the drawdown stands in for it', () => {
    const x = [0, 0.01, 0.02, 0.01, 0.015];
    const std = sampleStd(x) * 100;
    expect(rgrRatio(Float64Array.from(x), 50, std, -10)).toBeCloseTo(rgrByHand(x, 50, std, -10), 12);
  });

  it('a series without spread has no stability, so no RGR', () => {
    expect(rgrRatio(Float64Array.from([0.01, 0.01, 0.01, 0.01]), 240, 0, 0)).toBe(0);
  });
});
