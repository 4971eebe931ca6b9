import { describe, expect, it } from 'vitest';
import { SettingError } from './coverage-figures.ts';
import {
  NATIONAL_TARGET_PATH,
  coveredNeeded,
  interpolateTarget,
  monthTargetReached,
  netRatePerMonth,
  requiredNetPerMonth,
  validateTargetPath,
} from './projection.ts';

describe('interpolateTarget on the national path', () => {
  it.each([
    [2024, null], //  before the first point: no target
    [2025, 32.15],
    [2026, 35.0925], // 32.15 + (43.92 − 32.15) × 1/4 = 32.15 + 2.9425
    [2027, 38.035], //  32.15 + 11.77 × 2/4 = 32.15 + 5.885
    [2029, 43.92],
    [2037, 71.71], //   43.92 + (99.5 − 43.92) × 8/16 = 43.92 + 27.79
    [2045, 99.5],
    [2046, null], //  after the last point: no extrapolation
  ])('%i → %s', (year, percent) => {
    const got = interpolateTarget(NATIONAL_TARGET_PATH, year);
    if (percent === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(percent, 10);
  });

  it('takes points in any order', () => {
    // 10 + (30 − 10) × 1/2 = 20
    expect(interpolateTarget([{ year: 2030, percent: 30 }, { year: 2026, percent: 10 }], 2028)).toBeCloseTo(20, 10);
  });

  it.each([
    [[{ year: 2025, percent: 30 }, { year: 2025, percent: 40 }], 'TARGET_YEAR_DUPLICATE'],
    [[{ year: 2025, percent: 101 }], 'TARGET_PERCENT_OUT_OF_RANGE'],
    [[{ year: 2025.5, percent: 30 }], 'TARGET_YEAR_INVALID'],
  ])('refuses an unusable path %o (%s)', (path, code) => {
    expect(validateTargetPath(path)?.code).toBe(code);
    expect(() => interpolateTarget(path, 2025)).toThrow(SettingError);
  });
});

describe('netRatePerMonth', () => {
  const history = [
    { month: '2025-01', covered: 1000 },
    { month: '2025-02', covered: 1030 },
    { month: '2025-03', covered: 1090 },
    { month: '2025-04', covered: 1120 },
    { month: '2025-05', covered: 1100 },
    { month: '2025-06', covered: 1180 },
  ];

  it.each([
    [1, 80], //  05 → 06: (1180 − 1100) / 1
    [3, 30], //  03 → 06: (1180 − 1090) / 3
    [5, 36], //  01 → 06: (1180 − 1000) / 5
    [12, 36], // window starts before the history: from its first point, still / 5 months
  ])('over the last %i months = %d a month', (lastN, rate) => {
    expect(netRatePerMonth(history, lastN)).toBeCloseTo(rate, 10);
    expect(netRatePerMonth([...history].reverse(), lastN)).toBeCloseTo(rate, 10); // order of input does not matter
  });

  it.each([
    // history, lastN, rate
    [[{ month: '2025-01', covered: 100 }, { month: '2025-04', covered: 130 }], 6, 10], // gap of 3 months: 30 / 3
    [[{ month: '2025-01', covered: 200 }, { month: '2025-03', covered: 180 }], 2, -10], // shrinking: −20 / 2
    [[{ month: '2025-01', covered: 100 }, { month: '2025-04', covered: 130 }], 2, null], // only one point in 2025-02..04
    [[{ month: '2025-01', covered: 100 }], 3, null],
    [[], 3, null],
  ])('%o over %i months → %s', (points, lastN, rate) => {
    const got = netRatePerMonth(points, lastN);
    if (rate === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(rate, 10);
  });

  it('refuses a bad window or a month counted twice', () => {
    expect(() => netRatePerMonth(history, 0)).toThrow(RangeError);
    expect(() => netRatePerMonth([...history, { month: '2025-06', covered: 1 }], 3)).toThrow(RangeError);
  });
});

describe('coveredNeeded', () => {
  it.each([
    [10_000, 32.15, 3215], //        exactly 32.15% (3215 × 10,000 / 10,000)
    [10_001, 32.15, 3216], //        3215.3215 → up to 3216
    [200, 43.92, 88], //             87.84 → 88
    [3, 33.33, 1], //                0.9999 → 1
    [1_450_000, 99.5, 1_442_750], // 0.995 × 1,450,000
    [0, 50, 0],
  ])('%i at %d%% → %i', (denominator, percent, needed) => expect(coveredNeeded(denominator, percent)).toBe(needed));
});

describe('monthTargetReached', () => {
  // 43.92% of 410,000 = 180,072 needed; 147,000 covered in 2025-08 → 33,072 to go.
  const base = { currentMonth: '2025-08', covered: 147_000, denominator: 410_000, targetPercent: 43.92 };

  it.each([
    [1000, '2028-06'], //   33.072 months → 34 → 2025-08 + 34
    [33_072, '2025-09'], // exactly one month
    [33_073, '2025-09'],
    [0, null], //           never at a standstill
    [-5, null], //          never while shrinking
    [null, null], //        no rate known
  ])('at %s a month → %s', (ratePerMonth, month) => {
    expect(monthTargetReached({ ...base, ratePerMonth })).toBe(month);
  });

  it('is already reached at or above the target', () => {
    expect(monthTargetReached({ ...base, covered: 180_072, ratePerMonth: -100 })).toBe('already');
  });

  it('has no answer without a denominator', () => {
    expect(monthTargetReached({ ...base, denominator: 0, ratePerMonth: 10 })).toBeNull();
  });

  it('does not add a month for a float artefact', () => {
    // rate 3/11 a month (from 100 → 103 over 11 months); 11.8% of 1,000 = 118, gap 15 → 15 × 11/3 = 55
    // months exactly, though 15 / (3/11) is 55.00000000000001 in floating point. 2025-12 + 55 = 2030-07.
    const rate = netRatePerMonth([{ month: '2025-01', covered: 100 }, { month: '2025-12', covered: 103 }], 11);
    expect(monthTargetReached({ currentMonth: '2025-12', covered: 103, denominator: 1000, targetPercent: 11.8, ratePerMonth: rate })).toBe('2030-07');
  });
});

describe('requiredNetPerMonth', () => {
  const base = { currentMonth: '2025-08', covered: 147_000, denominator: 410_000, targetPercent: 43.92 };

  it.each([
    ['2029-12', 636], // 52 months: 33,072 / 52 = 636 exactly
    ['2029-11', 649], // 51 months: 648.47… → 649
    ['2025-09', 33_072], // one month left
    ['2025-08', null], // target month not after the current month
    ['2025-01', null],
  ])('by %s → %s a month', (targetMonth, needed) => {
    expect(requiredNetPerMonth({ ...base, targetMonth })).toBe(needed);
  });

  it('is 0 once reached, null without a denominator', () => {
    expect(requiredNetPerMonth({ ...base, covered: 200_000, targetMonth: '2029-12' })).toBe(0);
    expect(requiredNetPerMonth({ ...base, denominator: 0, targetMonth: '2029-12' })).toBeNull();
  });
});
