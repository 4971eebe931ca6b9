import { describe, expect, it } from 'vitest';
import type { CoverageRow, TrendResponse } from '../../../core/coverage.schema.ts';
import {
  breadcrumbCodes,
  buildTrendRows,
  defaultRegionFor,
  formatCoveragePercent,
  formatMonthShort,
  issueMap,
  nationalForMonth,
  notEnrolledOf,
  officialSourceLabel,
  rankRows,
  sortRows,
  targetForYear,
} from './coverage-format.ts';

function row(code: string, name: string, coverageRegister: number | null, extra: Partial<CoverageRow> = {}): CoverageRow {
  return {
    code,
    name,
    level: 'district',
    workers: 100,
    covered: 50,
    grace: 5,
    lapsed: 5,
    notEnrolled: 40,
    neverEnrolled: 40,
    coverageRegister,
    coverageOfficial: null,
    official: null,
    category: null,
    ...extra,
  };
}

describe('coverage formats', () => {
  it('writes percentages with one decimal and a comma, a dash without a denominator', () => {
    expect(formatCoveragePercent(78.4)).toBe('78,4%');
    expect(formatCoveragePercent(100)).toBe('100,0%');
    expect(formatCoveragePercent(0)).toBe('0,0%');
    expect(formatCoveragePercent(1234.5)).toBe('1.234,5%');
    expect(formatCoveragePercent(null)).toBe('–');
    expect(formatCoveragePercent(undefined)).toBe('–');
  });

  it('shortens months for the chart axis', () => {
    expect(formatMonthShort('2026-11')).toBe('Nov 2026');
    expect(formatMonthShort('2026-08')).toMatch(/^Agu/);
    expect(formatMonthShort('2026-08', 'en')).toMatch(/^Aug/);
    expect(formatMonthShort('bad')).toBe('bad');
  });

  it('names the year of an official source only when the source does not', () => {
    expect(officialSourceLabel({ source: 'BPS Sakernas', year: 2025 })).toBe('BPS Sakernas 2025');
    expect(officialSourceLabel({ source: 'BPS Sakernas Agustus 2025', year: 2025 })).toBe('BPS Sakernas Agustus 2025');
  });

  it('counts workers in no protection at all, never below zero', () => {
    expect(notEnrolledOf({ workers: 10, covered: 4, grace: 2, lapsed: 1 })).toBe(3);
    expect(notEnrolledOf({ workers: 1, covered: 4, grace: 0, lapsed: 0 })).toBe(0);
  });

  it('keeps the first schema message of each field', () => {
    expect(
      issueMap([
        { path: ['thresholds', 'low'], message: 'a' },
        { path: ['thresholds', 'low'], message: 'b' },
        { path: ['percent'], message: 'c' },
      ]),
    ).toEqual({ 'thresholds.low': 'a', percent: 'c' });
  });
});

describe('where the dashboard opens', () => {
  it('opens on the user’s own region, the regency for province-wide roles', () => {
    expect(defaultRegionFor({ role: 'village', regionCode: '52.03.01.2001' }, '52.03')).toBe('52.03.01.2001');
    expect(defaultRegionFor({ role: 'district', regionCode: '52.03.01' }, '52.03')).toBe('52.03.01');
    expect(defaultRegionFor({ role: 'admin', regionCode: '52.03' }, '52.03')).toBe('52.03');
    expect(defaultRegionFor({ role: 'viewer', regionCode: '52' }, '52.03')).toBe('52.03');
  });

  it('lists breadcrumbs from the user’s scope down, without the region itself', () => {
    expect(breadcrumbCodes('52.03.01.2001', '52.03')).toEqual(['52.03', '52.03.01']);
    expect(breadcrumbCodes('52.03.01.2001', '52.03.01')).toEqual(['52.03.01']);
    expect(breadcrumbCodes('52.03', '52.03')).toEqual([]);
    expect(breadcrumbCodes('52.03.01', '52')).toEqual(['52', '52.03']);
  });
});

describe('ranking and sorting', () => {
  const rows = [row('a', 'Aikmel', 40), row('b', 'Sakra', 60.5), row('c', 'Jerowaru', null), row('d', 'Keruak', 40), row('e', 'Labuhan Haji', 12)];

  it('ranks by the basis percentage, ties share a rank, no figure no rank', () => {
    const ranked = Object.fromEntries(rankRows(rows, 'register').map((r) => [r.code, r.rank]));
    expect(ranked).toEqual({ b: 1, a: 2, d: 2, e: 4, c: null });
  });

  it('ranks on the official percentage when that decides the category', () => {
    const official = [row('a', 'A', 90, { coverageOfficial: 10 }), row('b', 'B', 10, { coverageOfficial: 20 })];
    expect(rankRows(official, 'official').map((r) => r.rank)).toEqual([2, 1]);
  });

  it('sorts either way with missing figures last and names breaking ties', () => {
    const ranked = rankRows(rows, 'register');
    expect(sortRows(ranked, 'coverageRegister', 'desc').map((r) => r.code)).toEqual(['b', 'a', 'd', 'e', 'c']);
    expect(sortRows(ranked, 'coverageRegister', 'asc').map((r) => r.code)).toEqual(['e', 'a', 'd', 'b', 'c']);
    expect(sortRows(ranked, 'rank', 'asc').map((r) => r.code)).toEqual(['b', 'a', 'd', 'e', 'c']);
    expect(sortRows(ranked, 'name', 'asc').map((r) => r.name)).toEqual(['Aikmel', 'Jerowaru', 'Keruak', 'Labuhan Haji', 'Sakra']);
    expect(sortRows(ranked, 'name', 'desc')[0]?.name).toBe('Sakra');
  });
});

describe('trend chart rows', () => {
  const national = [
    { year: 2025, percent: 32.15 },
    { year: 2029, percent: 43.92 },
  ];

  it('draws the national path through each December, straight in between', () => {
    expect(nationalForMonth(national, '2025-12')).toBe(32.15);
    expect(nationalForMonth(national, '2025-03')).toBe(32.15);
    expect(nationalForMonth(national, '2029-12')).toBe(43.92);
    expect(nationalForMonth(national, '2027-12')).toBeCloseTo(38.035, 1);
    expect(nationalForMonth(national, '2024-12')).toBeNull();
    expect(nationalForMonth(national, '2030-01')).toBeNull();
    expect(nationalForMonth([], '2026-01')).toBeNull();
  });

  it('picks the year’s target on the projection basis', () => {
    const targets = [
      { regionCode: '52.03', year: 2026, percent: 40, basis: 'official' as const, note: null },
      { regionCode: '52.03', year: 2026, percent: 60, basis: 'register' as const, note: null },
      { regionCode: '52.03', year: 2027, percent: 45, basis: 'official' as const, note: null },
    ];
    expect(targetForYear(targets, 2026, 'register')?.percent).toBe(60);
    expect(targetForYear(targets, 2027, 'register')?.percent).toBe(45);
    expect(targetForYear(targets, 2028, 'register')).toBeNull();
  });

  it('continues the actual line with the projection, month by month', () => {
    const point = (month: string, pct: number) => ({ month, workers: 100, covered: pct, grace: 0, lapsed: 0, coverageRegister: pct, coverageOfficial: null });
    const trend: TrendResponse = {
      region: { code: '52.03', name: 'Lombok Timur' },
      months: [point('2026-10', 50), point('2026-11', 52)],
      targets: [{ regionCode: '52.03', year: 2027, percent: 60, basis: 'register', note: null }],
      national: { source: 'RPJMN', points: national },
      projection: {
        basis: 'register',
        denominator: 100,
        targetYear: 2027,
        targetPercent: 60,
        targetCovered: 60,
        lastMonths: 6,
        ratePerMonth: 2,
        monthReached: '2027-03',
        requiredPerMonth: 1,
        path: [
          { month: '2026-11', covered: 52, percent: 52 },
          { month: '2026-12', covered: 54, percent: 54 },
          { month: '2027-02', covered: 58, percent: 58 },
        ],
      },
    };
    const rows = buildTrendRows(trend);
    expect(rows.map((r) => r.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02']);
    expect(rows.map((r) => r.register)).toEqual([50, 52, null, null, null]);
    expect(rows.map((r) => r.projected)).toEqual([null, 52, 54, null, 58]);
    expect(rows.map((r) => r.target)).toEqual([null, null, null, 60, 60]);
    expect(rows[0]?.national).not.toBeNull();
  });

  it('draws nothing for a region without months', () => {
    const empty: TrendResponse = { region: { code: '52.03', name: 'X' }, months: [], targets: [], national: { source: '', points: [] }, projection: null };
    expect(buildTrendRows(empty)).toEqual([]);
  });
});
