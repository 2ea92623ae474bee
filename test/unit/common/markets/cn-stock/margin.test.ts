/**
 * common/markets/cn-stock/margin.ts on worked examples. Every expected figure is worked out by hand in
 * the comments, from the formulas in docs/a-share-rules.md ("Margin trading"), not by the code.
 */
import { describe, expect, it } from 'vitest';
import { CreditLevel } from '../../../../../common/credit';
import {
  addMonths, allocateHeld, calendarDays, creditLevel, enableBailBalance, fetchBalance, interestCents, maintenanceRatio,
} from '../../../../../common/markets/cn-stock/margin';

const noDebt = { collateral: [], fin: [], slo: [], interestAndFees: 0 };

describe('保证金可用余额 (enable_bail_balance)', () => {
  it('an empty account has 0, not −0 (Intl.NumberFormat prints −0 as “-0.00”)', () => {
    expect(enableBailBalance({ ...noDebt, cash: 0 })).toBe(0);
  });

  it('cash plus collateral at its haircut', () => {
    // 100000 + 1000 × 13.20 × 70 % = 100000 + 9240 = 109240.00
    expect(enableBailBalance({ ...noDebt, cash: 100_000, collateral: [{ marketValue: 13_200, assureRatio: 0.7 }] })).toBe(109_240);
  });

  it('a financed position at a gain counts at the haircut', () => {
    // 100000 + (11000 − 10000) × 70 % − 10000 × 100 % = 100000 + 700 − 10000 = 90700.00
    expect(enableBailBalance({ ...noDebt, cash: 100_000, fin: [{ amount: 10_000, marketValue: 11_000, assureRatio: 0.7, finRatio: 1 }] })).toBe(90_700);
  });

  it('a financed position at a loss counts at 100 %, not at the haircut', () => {
    // 100000 + (9000 − 10000) × 100 % − 10000 = 89000.00 (at the haircut it would be 89300.00)
    expect(enableBailBalance({ ...noDebt, cash: 100_000, fin: [{ amount: 10_000, marketValue: 9_000, assureRatio: 0.7, finRatio: 1 }] })).toBe(89_000);
  });

  it('a short at a gain counts at the haircut; its proceeds and its margin come off', () => {
    // cash includes the 20000 proceeds: 120000 + (20000 − 18000) × 65 % − 20000 − 18000 × 100 %
    // = 120000 + 1300 − 20000 − 18000 = 83300.00
    expect(enableBailBalance({ ...noDebt, cash: 120_000, slo: [{ amount: 20_000, marketValue: 18_000, assureRatio: 0.65, sloRatio: 1 }] })).toBe(83_300);
  });

  it('a short at a loss counts at 100 %', () => {
    // 120000 + (20000 − 22000) × 100 % − 20000 − 22000 = 76000.00 (at the haircut: 76700.00)
    expect(enableBailBalance({ ...noDebt, cash: 120_000, slo: [{ amount: 20_000, marketValue: 22_000, assureRatio: 0.65, sloRatio: 1 }] })).toBe(76_000);
  });

  it('takes the 融资 ratio off the financed amount and the 融券 ratio off the short’s value', () => {
    // 120000 + (11000 − 10000) × 70 % − 10000 × 80 % + (20000 − 18000) × 65 % − 20000 − 18000 × 50 %
    // = 120000 + 700 − 8000 + 1300 − 20000 − 9000 = 85000.00 (the ratios swapped: 82600.00)
    expect(
      enableBailBalance({
        ...noDebt,
        cash: 120_000,
        fin: [{ amount: 10_000, marketValue: 11_000, assureRatio: 0.7, finRatio: 0.8 }],
        slo: [{ amount: 20_000, marketValue: 18_000, assureRatio: 0.65, sloRatio: 0.5 }],
      }),
    ).toBe(85_000);
  });

  it('sums exactly and rounds once, half up, with a margin ratio below 100 % and interest', () => {
    // 50000.01 + 3333.33 × 0.65 (= 2166.6645) + (5100.00 − 5001.67) × 0.9 (= 88.497)
    // − 5001.67 × 0.8 (= 4001.336) − 12.34 = 48241.4955 → 48241.50
    // (rounding each term first would give 48241.49)
    expect(
      enableBailBalance({
        cash: 50_000.01,
        collateral: [{ marketValue: 3_333.33, assureRatio: 0.65 }],
        fin: [{ amount: 5_001.67, marketValue: 5_100, assureRatio: 0.9, finRatio: 0.8 }],
        slo: [],
        interestAndFees: 12.34,
      }),
    ).toBe(48_241.5);
  });

  it('every term together, plus margin held by working orders', () => {
    // cash 120000 (incl. 20000 proceeds); collateral 10000 × 0.65 = 6500;
    // fin (11000 − 10000) × 0.7 = 700, − 10000; slo (20000 − 22000) × 1 = −2000, − 20000, − 22000;
    // interest − 50; frozen − 1000 → 120000 + 6500 + 700 − 10000 − 2000 − 20000 − 22000 − 50 − 1000 = 72150.00
    expect(
      enableBailBalance({
        cash: 120_000,
        collateral: [{ marketValue: 10_000, assureRatio: 0.65 }],
        fin: [{ amount: 10_000, marketValue: 11_000, assureRatio: 0.7, finRatio: 1 }],
        slo: [{ amount: 20_000, marketValue: 22_000, assureRatio: 0.65, sloRatio: 1 }],
        interestAndFees: 50,
        frozenBail: 1_000,
      }),
    ).toBe(72_150);
  });
});

describe('维持担保比例 and the lines', () => {
  const inputs = { cash: 120_000, marketValue: 30_000, finAmount: 10_000, sloMarketValue: 18_000, interestAndFees: 50 };

  it('(cash incl. short proceeds + securities) / (financing + short value + interest)', () => {
    // (120000 + 30000) / (10000 + 18000 + 50) = 150000 / 28050
    expect(maintenanceRatio(inputs)).toBe(150_000 / 28_050);
    // other collateral counts on top: 151000 / 28050
    expect(maintenanceRatio({ ...inputs, otherCollateral: 1_000 })).toBe(151_000 / 28_050);
  });

  it('is Infinity without debt', () => {
    expect(maintenanceRatio({ cash: 1, marketValue: 0, finAmount: 0, sloMarketValue: 0, interestAndFees: 0 })).toBe(Infinity);
    // an empty account too: no debt is no risk, not 0 / 0 (NaN)
    expect(maintenanceRatio({ cash: 0, marketValue: 0, finAmount: 0, sloMarketValue: 0, interestAndFees: 0 })).toBe(Infinity);
  });

  it('levels: at the warning line is 预警, at the close-out line is 平仓', () => {
    expect(creditLevel(Infinity, 1.5, 1.3)).toBe(CreditLevel.NORMAL);
    expect(creditLevel(1.5001, 1.5, 1.3)).toBe(CreditLevel.NORMAL);
    expect(creditLevel(1.5, 1.5, 1.3)).toBe(CreditLevel.WARNING);
    expect(creditLevel(1.3001, 1.5, 1.3)).toBe(CreditLevel.WARNING);
    expect(creditLevel(1.3, 1.5, 1.3)).toBe(CreditLevel.CLOSE_OUT);
    expect(creditLevel(0.9, 1.5, 1.3)).toBe(CreditLevel.CLOSE_OUT);
  });

  it('可取金额 keeps the ratio at 300 % and never exceeds the free cash', () => {
    // assets 150000, debt 28050: 150000 − 3 × 28050 = 65850
    expect(fetchBalance(inputs, 100_000)).toBe(65_850);
    // check: (150000 − 65850) / 28050 = 3.00 exactly
    expect((150_000 - 65_850) / 28_050).toBe(3);
    expect(fetchBalance(inputs, 40_000)).toBe(40_000);
    // debt 60000: 150000 − 180000 < 0 → nothing
    expect(fetchBalance({ ...inputs, finAmount: 41_950 }, 40_000)).toBe(0);
    // no debt: all the free cash
    expect(fetchBalance({ ...inputs, finAmount: 0, sloMarketValue: 0, interestAndFees: 0 }, 40_000)).toBe(40_000);
  });
});

describe('interest = principal × days × rate / 360, to the cent', () => {
  it('worked examples', () => {
    // 100000.00 × 3 × 6.5 % / 360 = 54.1666… → 54.17
    expect(interestCents(10_000_000, 3, 0.065)).toBe(5_417);
    // 13205.13 × 1 × 6.5 % / 360 = 2.38426… → 2.38
    expect(interestCents(1_320_513, 1, 0.065)).toBe(238);
    // 13205.13 × 3 × 6.5 % / 360 = 7.15277… → 7.15
    expect(interestCents(1_320_513, 3, 0.065)).toBe(715);
    // 13200.00 × 1 × 8.5 % / 360 = 3.11666… → 3.12
    expect(interestCents(1_320_000, 1, 0.085)).toBe(312);
  });

  it('half a cent rounds up; nothing owed or no days gives 0', () => {
    // 36.00 × 1 × 5 % / 360 = 0.005 → 0.01
    expect(interestCents(3_600, 1, 0.05)).toBe(1);
    // 35.99 × 1 × 5 % / 360 = 0.0049986 → 0.00
    expect(interestCents(3_599, 1, 0.05)).toBe(0);
    expect(interestCents(0, 3, 0.065)).toBe(0);
    expect(interestCents(100, 0, 0.065)).toBe(0);
  });

  it('stays exact on large principals (no float drift)', () => {
    // 987654321.09 × 7 × 0.065 = 449382716.09595; / 360 = 1248285.3224887… → 1248285.32
    expect(interestCents(98_765_432_109, 7, 0.065)).toBe(124_828_532);
  });

  it('calendar days between trading days, and due dates six months on', () => {
    expect(calendarDays('2025-03-05', '2025-03-06')).toBe(1);
    expect(calendarDays('2025-03-07', '2025-03-10')).toBe(3); // Friday → Monday
    expect(addMonths('2025-03-05', 6)).toBe('2025-09-05');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-10-15', 6)).toBe('2026-04-15');
  });
});

describe('融资买入证券 vs 充抵保证金的证券', () => {
  it('held shares go to the open 融资 compacts oldest first; the rest is collateral', () => {
    expect(allocateHeld(3_000, [1_000, 800])).toEqual({ financed: [1_000, 800], collateral: 1_200 });
    expect(allocateHeld(1_500, [1_000, 800])).toEqual({ financed: [1_000, 500], collateral: 0 });
    expect(allocateHeld(0, [1_000])).toEqual({ financed: [0], collateral: 0 });
  });
});

describe('margin figures at their edges', () => {
  it('a 保证金可用余额 below zero rounds half away from zero too', () => {
    // 100.01 × 65 % = 65.0065; − 100.00 interest = −34.9935 → −34.99
    expect(enableBailBalance({ cash: 0, collateral: [{ marketValue: 100.01, assureRatio: 0.65 }], fin: [], slo: [], interestAndFees: 100 })).toBe(-34.99);
    // interest alone: −0.01
    expect(enableBailBalance({ ...noDebt, cash: 0, interestAndFees: 0.01 })).toBe(-0.01);
  });

  it('no interest for a principal, days or rate of zero or below', () => {
    // 100000.00 for 3 days at 6.5 % is 54.17 (above); each sign turned gives nothing, not a negative charge
    expect(interestCents(-10_000_000, 3, 0.065)).toBe(0);
    expect(interestCents(10_000_000, -3, 0.065)).toBe(0);
    expect(interestCents(10_000_000, 3, -0.065)).toBe(0);
    expect(interestCents(10_000_000, 3, 0)).toBe(0);
  });

  it('可取金额 is never negative, even with a negative free cash', () => {
    expect(fetchBalance({ cash: 100, marketValue: 0, finAmount: 0, sloMarketValue: 0, interestAndFees: 0 }, -50)).toBe(0);
  });

  it('a negative holding or compact volume allocates nothing', () => {
    expect(allocateHeld(-100, [1_000])).toEqual({ financed: [0], collateral: 0 });
    expect(allocateHeld(500, [-100, 300])).toEqual({ financed: [0, 300], collateral: 200 });
  });
});
