import { describe, expect, it } from 'vitest';
import type { Program } from './coverage.ts';
import { graceMonthsIn, monthlyPremium, quotePremiums, rateInForce, ruleInForce, type PremiumRate } from './premiums.ts';

const REG = 'PP 44/2015 jo. PP 82/2019';
/** The seeded rates (migrations/0005_financing.sql). */
const RATES: PremiumRate[] = [
  { program: 'JKK', percentBp: 100, flatAmount: null, minIncome: 1_000_000, validFrom: '2015-07', regulation: REG },
  { program: 'JKM', percentBp: null, flatAmount: 6_800, minIncome: null, validFrom: '2015-07', regulation: REG },
  { program: 'JHT', percentBp: 200, flatAmount: null, minIncome: 1_000_000, validFrom: '2015-07', regulation: 'PP 46/2015' },
];

function quoteOk(rates: PremiumRate[], income: number, programs: Program[], months: number, startMonth = '2026-11') {
  const result = quotePremiums(rates, { income, programs, months, startMonth });
  if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
  return result.quote;
}

describe('one month of one programme', () => {
  const [jkk, jkm, jht] = RATES as [PremiumRate, PremiumRate, PremiumRate];
  it.each([
    [jkk, 800_000, 10_000, 'raised to the minimum income'],
    [jkk, 1_000_000, 10_000, 'at the minimum'],
    [jkk, 1_500_000, 15_000, '1% of 1.5m'],
    [jkk, 1_234_567, 12_346, '12,345.67 rounds half up'],
    [jkk, 1_234_450, 12_345, '12,344.50 rounds half up'],
    [jkm, 5_000_000, 6_800, 'flat whatever the income'],
    [jht, 1_500_000, 30_000, '2% of 1.5m'],
  ] as const)('%j at %i → %i (%s)', (rate, income, expected, _why) => {
    expect(monthlyPremium(rate, income)).toBe(expected);
  });
});

describe('a quote', () => {
  it('raises an income under the minimum and says so', () => {
    const q = quoteOk(RATES, 800_000, ['JKK', 'JKM'], 1);
    expect(q).toMatchObject({ income: 800_000, declaredIncome: 1_000_000, incomeRaised: true, minimumIncome: 1_000_000 });
  });

  it('prices the basic package at 16,800 a month and 201,600 a year', () => {
    const q = quoteOk(RATES, 1_000_000, ['JKM', 'JKK'], 12, '2026-01');
    expect(q.incomeRaised).toBe(false);
    expect(q.monthlyTotal).toBe(16_800);
    expect(q.total).toBe(201_600);
    expect(q.endMonth).toBe('2026-12');
    expect(q.programs.map((p) => [p.program, p.monthlyAmount, p.totalAmount])).toEqual([
      ['JKK', 10_000, 120_000],
      ['JKM', 6_800, 81_600],
    ]);
  });

  it('adds JHT at 2% of the declared income', () => {
    const q = quoteOk(RATES, 1_500_000, ['JKK', 'JKM', 'JHT'], 1);
    expect(q.months[0]).toEqual({ month: '2026-11', amounts: { JKK: 15_000, JKM: 6_800, JHT: 30_000 }, total: 51_800 });
  });

  it('prices each month with the rate in force that month', () => {
    const rates: PremiumRate[] = [...RATES, { program: 'JKM', percentBp: null, flatAmount: 8_000, minIncome: null, validFrom: '2027-01', regulation: 'PP baru' }];
    const q = quoteOk(rates, 1_000_000, ['JKK', 'JKM'], 3, '2026-12');
    expect(q.months.map((m) => [m.month, m.amounts.JKM, m.total])).toEqual([
      ['2026-12', 6_800, 16_800],
      ['2027-01', 8_000, 18_000],
      ['2027-02', 8_000, 18_000],
    ]);
    expect(q.total).toBe(52_800);
    const jkm = q.programs.find((p) => p.program === 'JKM')!;
    expect(jkm).toMatchObject({ monthlyAmount: 6_800, totalAmount: 22_800, changesDuringPeriod: true, regulation: REG });
    expect(q.programs.find((p) => p.program === 'JKK')!.changesDuringPeriod).toBe(false);
  });

  it.each([
    [['JKK'], ['JKM']],
    [['JKM'], ['JKK']],
    [['JHT'], ['JKK', 'JKM']],
  ] as const)('refuses %j without %j', (programs, missing) => {
    expect(quotePremiums(RATES, { income: 1_000_000, programs: [...programs], months: 1, startMonth: '2026-11' })).toEqual({
      ok: false,
      problem: { code: 'PROGRAMS_INCOMPLETE', field: 'programs', missing },
    });
  });

  it('refuses a month no rate covers', () => {
    const result = quotePremiums(RATES, { income: 1_000_000, programs: ['JKK', 'JKM'], months: 1, startMonth: '2015-06' });
    expect(result).toEqual({ ok: false, problem: { code: 'RATE_MISSING', field: 'startMonth', program: 'JKK', month: '2015-06' } });
  });
});

describe('dated rules', () => {
  const rows = [
    { validFrom: '2015-07', v: 'a' },
    { validFrom: '2027-01', v: 'c' },
    { validFrom: '2020-03', v: 'b' },
  ];
  it.each([
    ['2015-06', undefined],
    ['2015-07', 'a'],
    ['2020-02', 'a'],
    ['2020-03', 'b'],
    ['2026-12', 'b'],
    ['2027-01', 'c'],
  ] as const)('in %s the row in force is %s', (month, expected) => {
    expect(ruleInForce(rows, month)?.v).toBe(expected);
  });

  it('picks a programme’s own rate', () => {
    expect(rateInForce(RATES, 'JHT', '2026-11')?.percentBp).toBe(200);
  });

  it('reads the grace months of a month, with a fallback before any rule', () => {
    const rules = [
      { months: 2, validFrom: '2015-07', regulation: 'x' },
      { months: 1, validFrom: '2027-01', regulation: 'y' },
    ];
    expect(graceMonthsIn(rules, '2026-12')).toBe(2);
    expect(graceMonthsIn(rules, '2027-01')).toBe(1);
    expect(graceMonthsIn([], '2027-01')).toBe(2);
  });
});
