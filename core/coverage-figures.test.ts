import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  DEFAULT_CATEGORY_THRESHOLDS,
  SettingError,
  ageBandOf,
  categoryOf,
  coverageFigure,
  coveragePercent,
  suppressRow,
  suppressSmall,
  validateCategoryThresholds,
} from './coverage-figures.ts';

describe('coveragePercent', () => {
  it.each([
    // covered, denominator, expected — worked by hand
    [0, 10, 0], //              0 / 10 = 0%
    [1, 3, 33.3], //            33.333… → 33.3
    [2, 3, 66.7], //            66.666… → 66.7
    [1, 8, 12.5], //            exactly 12.5
    [49, 400, 12.3], //         12.25 → half up → 12.3
    [1224, 10_000, 12.2], //    12.24 → 12.2
    [3215, 10_000, 32.2], //    32.15 → half up → 32.2
    [23, 80, 28.8], //          28.75 → half up → 28.8 (Math.round(23 / 80 * 1000) / 10 gives 28.7)
    [147_000, 1_000_000, 14.7], // Lombok Timur participants against a round million
    [10, 10, 100],
    [12, 10, 120], //           register above a stale official figure: not capped
  ])('%i of %i = %d%%', (covered, denominator, percent) => {
    expect(coveragePercent(covered, denominator)).toBe(percent);
  });

  it.each([[0], [null], [undefined]])('is null when the denominator is %s', (denominator) => {
    expect(coveragePercent(5, denominator)).toBeNull();
  });

  it.each([
    [-1, 10],
    [1.5, 10],
    [1, -10],
  ])('refuses counts that are not non-negative integers (%d of %d)', (covered, denominator) => {
    expect(() => coveragePercent(covered, denominator)).toThrow(RangeError);
  });
});

describe('coverageFigure', () => {
  it('against the register uses the register count and says so', () => {
    // 30 of 120 registered = 25.0%
    expect(coverageFigure({ covered: 30, registered: 120 }, { kind: 'register' })).toEqual({
      covered: 30,
      percent: 25,
      denominator: { kind: 'register', value: 120 },
    });
  });

  it('against an official figure carries its source and year', () => {
    // 147,000 of 410,000 = 35.853…% → 35.9
    const figure = coverageFigure({ covered: 147_000, registered: 150_000 }, { kind: 'official', value: 410_000, source: 'BPS Sakernas', year: 2024 });
    expect(figure).toEqual({ covered: 147_000, percent: 35.9, denominator: { kind: 'official', value: 410_000, source: 'BPS Sakernas', year: 2024 } });
  });

  it('has no percent on an empty register', () => {
    expect(coverageFigure({ covered: 0, registered: 0 }, { kind: 'register' }).percent).toBeNull();
  });
});

describe('categoryOf', () => {
  it.each([
    [0, 'very_low'],
    [24.9, 'very_low'],
    [25, 'low'], // bounds are inclusive lower bounds
    [49.9, 'low'],
    [50, 'medium'],
    [74.9, 'medium'],
    [75, 'high'],
    [100, 'high'],
    [120, 'high'],
    [null, null],
  ] as const)('%s%% is %s with the default thresholds', (percent, category) => {
    expect(categoryOf(percent, DEFAULT_CATEGORY_THRESHOLDS)).toBe(category);
  });

  it('follows thresholds set by the regency', () => {
    const t = { low: 10, medium: 30, high: 60 };
    expect([5, 10, 29.9, 30, 60].map((p) => categoryOf(p, t))).toEqual(['very_low', 'low', 'low', 'medium', 'high']);
  });

  it.each([
    [{ low: 50, medium: 25, high: 75 }, 'THRESHOLDS_NOT_ASCENDING'],
    [{ low: 25, medium: 25, high: 75 }, 'THRESHOLDS_NOT_ASCENDING'],
    [{ low: -1, medium: 25, high: 75 }, 'THRESHOLD_OUT_OF_RANGE'],
    [{ low: 25, medium: 50, high: 101 }, 'THRESHOLD_OUT_OF_RANGE'],
    [{ low: 25, medium: Number.NaN, high: 75 }, 'THRESHOLD_OUT_OF_RANGE'],
  ])('refuses thresholds %o (%s)', (t, code) => {
    expect(validateCategoryThresholds(t)?.code).toBe(code);
    expect(() => categoryOf(30, t)).toThrow(SettingError);
  });

  it('accepts the edges 0 and 100', () => {
    expect(validateCategoryThresholds({ low: 0, medium: 50, high: 100 })).toBeNull();
  });
});

describe('ageBandOf', () => {
  it.each([
    [14, null],
    [15, '15-24'],
    [24, '15-24'],
    [25, '25-34'],
    [44, '35-44'],
    [45, '45-54'],
    [64, '55-64'],
    [65, '65+'],
    [97, '65+'],
  ])('%i → %s', (age, band) => expect(ageBandOf(age)).toBe(band));

  it('bands are contiguous from 15 up', () => {
    AGE_BANDS.slice(1).forEach((band, i) => expect(band.min).toBe((AGE_BANDS[i]!.max ?? Infinity) + 1));
  });
});

describe('suppressSmall', () => {
  it.each([
    [0, null], // 0 hidden too: see the comment in coverage-figures.ts
    [1, null],
    [4, null],
    [5, 5],
    [1234, 1234],
  ])('%i → %s', (count, shown) => expect(suppressSmall(count)).toBe(shown));

  it('takes another minimum', () => {
    expect(suppressSmall(9, 10)).toBeNull();
    expect(suppressSmall(10, 10)).toBe(10);
  });
});

describe('suppressRow', () => {
  it.each([
    // cells, options, expected cells, expected total
    // nothing small: all shown, total 10+20+30 = 60
    [[10, 20, 30], {}, [10, 20, 30], 60],
    // one small cell (3): 40 − 12 − 25 would give it back, so the smallest shown (12) goes too
    [[3, 12, 25], {}, [null, null, 25], 40],
    // two small cells already hide each other: 2 and 4 only add up to 6 = 30 − 24
    [[2, 4, 24], {}, [null, null, 24], 30],
    // a zero counts as small; the next smallest is 7 (ties would take the first in row order)
    [[9, 0, 7, 7], {}, [9, null, null, 7], 23],
    // total itself below 5: everything hidden
    [[1, 2], {}, [null, null], null],
    // total not shown (small), one cell small: nothing can be subtracted, nothing more to hide
    [[3, 6], { total: 4 }, [null, 6], null],
    // a given total wider than the cells (an "other" category not shown) is still treated as shown
    [[3, 12, 25], { total: 45 }, [null, null, 25], 45],
    // another minimum: 9 < 10, next smallest shown is 15
    [[9, 15, 40], { min: 10 }, [null, null, 40], 64],
  ])('%o %o → %o, total %s', (cells, options, expectedCells, expectedTotal) => {
    expect(suppressRow(cells, options)).toEqual({ cells: expectedCells, total: expectedTotal });
  });

  it('never leaves exactly one hidden cell beside a shown total', () => {
    for (const row of [[1, 5], [4, 100, 100], [0, 6, 7, 8], [5, 5, 0]]) {
      const { cells, total } = suppressRow(row);
      if (total !== null) expect(cells.filter((c) => c === null).length).not.toBe(1);
    }
  });
});
