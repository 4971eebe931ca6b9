import { describe, expect, it } from 'vitest';
import {
  buildPeriod,
  certificatePath,
  formatCreatedDay,
  formatPercent1,
  formatPublicCount,
  formatScore,
  formatSigned,
  leaderboardXlsxPath,
  paritranaPath,
  parsePeriod,
  periodLabel,
  periodStart,
  recentYears,
  roundBody,
  roundFormProblems,
  sharedRanks,
  shortMonth,
  weightShares,
  type RoundForm,
} from './award-rules.ts';

describe('periods', () => {
  it.each([
    [{ year: 2026, quarter: null, month: null }, '2026'],
    [{ year: 2026, quarter: 3, month: null }, '2026-Q3'],
    [{ year: 2026, quarter: null, month: 9 }, '2026-09'],
    [{ year: 2026, quarter: null, month: 12 }, '2026-12'],
  ] as const)('builds %o as %s and reads it back', (parts, period) => {
    expect(buildPeriod(parts)).toBe(period);
    expect(parsePeriod(period)).toEqual(parts);
  });

  it('finds the first month of a period', () => {
    expect(periodStart({ year: 2026, quarter: null, month: null })).toBe('2026-01');
    expect(periodStart({ year: 2026, quarter: 3, month: null })).toBe('2026-07');
    expect(periodStart({ year: 2026, quarter: null, month: 11 })).toBe('2026-11');
  });

  it('lets a month win over a quarter', () => {
    expect(buildPeriod({ year: 2026, quarter: 2, month: 9 })).toBe('2026-09');
  });

  it.each(['', '26', '2026-Q5', '2026-13', '2026-00', '2026-9', 'abc'])('refuses %s', (bad) => {
    expect(parsePeriod(bad)).toBeNull();
  });

  it('names periods in either language', () => {
    expect(periodLabel('2026', 'id')).toBe('2026');
    expect(periodLabel('2026-Q3', 'id')).toBe('Triwulan III 2026');
    expect(periodLabel('2026-Q3', 'en')).toBe('Q3 2026');
    expect(periodLabel('2026-09', 'id')).toBe('September 2026');
    expect(periodLabel('2026-08', 'id')).toBe('Agustus 2026');
    expect(periodLabel('2026-08', 'en')).toBe('August 2026');
    expect(periodLabel('whatever', 'id')).toBe('whatever');
  });
});

describe('figures', () => {
  it('writes percentages with one decimal and a comma', () => {
    expect(formatPercent1(78.43)).toBe('78,4%');
    expect(formatPercent1(78.46)).toBe('78,5%');
    expect(formatPercent1(100)).toBe('100,0%');
    expect(formatPercent1(0)).toBe('0,0%');
    expect(formatPercent1(null)).toBe('–');
  });

  it('writes scores with two decimals', () => {
    expect(formatScore(87.5)).toBe('87,50');
    expect(formatScore(100)).toBe('100,00');
  });

  it('signs changes and groups thousands', () => {
    expect(formatSigned(12)).toBe('+12');
    expect(formatSigned(-3)).toBe('−3');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(1204)).toBe('+1.204');
  });

  it('shows a suppressed public count as hidden, not as a number', () => {
    expect(formatPublicCount(null)).toBe('•');
    expect(formatPublicCount(0)).toBe('0');
    expect(formatPublicCount(12345)).toBe('12.345');
  });

  it('writes short months for a chart axis', () => {
    expect(shortMonth('2026-11', 'en')).toBe('Nov 26');
    expect(shortMonth('2026-08', 'id')).toMatch(/^Agu.? 26$/);
  });
});

describe('ties', () => {
  it('finds the ranks held by more than one row', () => {
    expect([...sharedRanks([{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }])]).toEqual([2]);
    expect([...sharedRanks([{ rank: 1 }, { rank: 1 }, { rank: 3 }, { rank: 3 }, { rank: 3 }])]).toEqual([1, 3]);
    expect(sharedRanks([{ rank: 1 }, { rank: null }, { rank: null }]).size).toBe(0);
  });
});

describe('weights', () => {
  it('divides each weight by their sum', () => {
    expect(weightShares({ coverage: 50, growth: 30, covered: 20 })).toEqual({ coverage: 50, growth: 30, covered: 20 });
    expect(weightShares({ coverage: 1, growth: 1, covered: 2 })).toEqual({ coverage: 25, growth: 25, covered: 50 });
    expect(weightShares({ coverage: 0, growth: 0, covered: 0 })).toEqual({ coverage: null, growth: null, covered: null });
  });
});

describe('report addresses', () => {
  it('carries the same query as the table', () => {
    expect(leaderboardXlsxPath({ period: '2026-Q3', by: 'growth' })).toBe('/api/reports/leaderboard.xlsx?period=2026-Q3&by=growth');
    expect(leaderboardXlsxPath({ period: '2026', by: 'coverage', region: '52.03.01' })).toBe(
      '/api/reports/leaderboard.xlsx?period=2026&by=coverage&region=52.03.01',
    );
    expect(certificatePath('abc', '52.03.01.2001')).toBe('/api/reports/awards/abc/certificates/52.03.01.2001.pdf');
    expect(paritranaPath(2026, 'pdf')).toBe('/api/reports/paritrana.pdf?year=2026');
  });
});

describe('the round form', () => {
  const valid: RoundForm = { name: 'Penghargaan 2026', period: '2026', weights: { coverage: 50, growth: 30, covered: 20 }, winners: 3 };

  it('accepts a sensible round and builds its body', () => {
    expect(roundFormProblems(valid)).toEqual({});
    expect(roundBody({ ...valid, name: '  Penghargaan 2026 ' })).toEqual({
      name: 'Penghargaan 2026',
      period: '2026',
      criteria: { coverage: 50, growth: 30, covered: 20 },
      winners: 3,
    });
  });

  it('names each problem on its field', () => {
    expect(roundFormProblems({ ...valid, name: ' ab ' })).toEqual({ name: 'nameTooShort' });
    expect(roundFormProblems({ ...valid, weights: { coverage: '', growth: 101, covered: 20 } })).toEqual({
      'criteria.coverage': 'weightInvalid',
      'criteria.growth': 'weightInvalid',
    });
    expect(roundFormProblems({ ...valid, weights: { coverage: 0, growth: 0, covered: 0 } })).toEqual({ criteria: 'allZero' });
    expect(roundFormProblems({ ...valid, winners: 0 })).toEqual({ winners: 'winnersInvalid' });
    expect(roundFormProblems({ ...valid, winners: 2.5 })).toEqual({ winners: 'winnersInvalid' });
    expect(roundFormProblems({ ...valid, winners: '' })).toEqual({ winners: 'winnersInvalid' });
  });
});

describe('years and days', () => {
  it('offers the last five years, newest first, plus a chosen older one', () => {
    expect(recentYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(recentYears(2026, 2019)).toEqual([2026, 2025, 2024, 2023, 2022, 2019]);
  });

  it('writes a creation day in full', () => {
    expect(formatCreatedDay('2026-11-25', 'id')).toBe('25 November 2026');
    expect(formatCreatedDay('2026-08-10T12:00:00Z', 'id')).toBe('10 Agustus 2026');
    expect(formatCreatedDay('not a date', 'id')).toBe('not a date');
  });
});
