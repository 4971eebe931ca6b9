import { describe, expect, it } from 'vitest';
import { BenefitError, benefitRatesOn, estimateBenefits, type BenefitInput } from './benefits.ts';

const base: BenefitInput = { program: 'JKM', event: 'death', declaredIncome: 1_000_000, contributionMonths: 48, eventDate: '2026-08-10', children: [] };

describe('death and disability benefits (domain.md, PP 82/2019)', () => {
  it('JKM death: Rp42.000.000 as lump sum, periodic and funeral', () => {
    const e = estimateBenefits(base);
    expect(e.items.map((i) => [i.code, i.amount])).toEqual([
      ['lump_sum', 20_000_000],
      ['periodic', 12_000_000],
      ['funeral', 10_000_000],
    ]);
    expect(e.total).toBe(42_000_000);
    expect(e.regulation).toContain('PP 82/2019');
  });

  it.each([
    [1_000_000, 48_000_000 + 22_000_000],
    [2_500_000, 120_000_000 + 22_000_000],
    // Declared below the minimum: counted at Rp1.000.000.
    [800_000, 48_000_000 + 22_000_000],
  ])('JKK death at a declared income of %i: 48 × income + periodic + funeral = %i', (declaredIncome, total) => {
    expect(estimateBenefits({ ...base, program: 'JKK', declaredIncome }).total).toBe(total);
  });

  it('JKK permanent total disability: 56 × income, no periodic or funeral part', () => {
    const e = estimateBenefits({ ...base, program: 'JKK', event: 'permanent_disability', declaredIncome: 1_500_000 });
    expect(e.items).toEqual([expect.objectContaining({ code: 'income_multiple', amount: 84_000_000 })]);
    expect(e.total).toBe(84_000_000);
  });

  it('refuses JKM for a disability and an event before the recorded rates', () => {
    expect(() => estimateBenefits({ ...base, event: 'permanent_disability' })).toThrow(BenefitError);
    expect(() => estimateBenefits({ ...base, eventDate: '2019-01-01' })).toThrow(/belum dicatat/);
    expect(benefitRatesOn('2019-12-02')?.jkmLumpSum).toBe(20_000_000);
  });
});

describe('scholarships', () => {
  const child = (birthDate: string, schoolLevel: BenefitInput['children'][number]['schoolLevel']) => ({ birthDate, schoolLevel });

  it('JKM needs three years of contributions; JKK none', () => {
    const children = [child('2015-03-01', 'SD')];
    const short = estimateBenefits({ ...base, contributionMonths: 35, children });
    expect(short.scholarship).toMatchObject({ eligible: false, children: [{ yearlyAmount: 0, totalEntitlement: 0 }] });
    expect(short.scholarship.reason).toContain('36 bulan');
    expect(estimateBenefits({ ...base, contributionMonths: 36, children }).scholarship.eligible).toBe(true);
    expect(estimateBenefits({ ...base, program: 'JKK', contributionMonths: 2, children }).scholarship.eligible).toBe(true);
  });

  it('pays each level by the year for its full duration: a newborn can reach Rp87.000.000', () => {
    const [baby] = estimateBenefits({ ...base, children: [child('2026-01-01', 'none')] }).scholarship.children;
    // Kindergarten 2 × 1,5 + primary 6 × 1,5 + junior 3 × 2 + senior 3 × 3 + university 5 × 12 = 87 million.
    expect(baby).toMatchObject({ yearlyAmount: 0, totalEntitlement: 87_000_000 });
    expect(baby!.schedule[0]).toEqual({ year: 2030, level: 'TK', amount: 1_500_000, dueOn: '2030-07-01' });
    expect(baby!.reason).toContain('masuk sekolah');
  });

  it('a pupil gets the current level onward; the age limit of 23 cuts the last years', () => {
    const [smp, student] = estimateBenefits({ ...base, children: [child('2013-05-01', 'SMP'), child('2006-02-01', 'PT')] }).scholarship.children;
    // Aged 13 at the event: ten school years before 23 — SMP 3 × 2 + SMA 3 × 3 + PT 4 of 5 years × 12.
    expect(smp).toMatchObject({ yearlyAmount: 2_000_000, totalEntitlement: 63_000_000 });
    expect(smp!.schedule).toHaveLength(10);
    // Aged 20 at the event: ages 20, 21 and 22 only.
    expect(student).toMatchObject({ yearlyAmount: 12_000_000, totalEntitlement: 36_000_000 });
  });

  it('at most two children; a third gets nothing with the reason, an over-age child takes no place', () => {
    const e = estimateBenefits({
      ...base,
      children: [child('2000-01-01', 'PT'), child('2016-01-01', 'SD'), child('2018-01-01', 'TK'), child('2020-01-01', 'TK')],
    });
    const [adult, first, second, third] = e.scholarship.children;
    expect(adult).toMatchObject({ yearlyAmount: 0, totalEntitlement: 0 });
    expect(adult!.reason).toContain('di bawah 23');
    expect(first!.yearlyAmount).toBe(1_500_000);
    expect(second!.yearlyAmount).toBe(1_500_000);
    expect(third).toMatchObject({ yearlyAmount: 0, totalEntitlement: 0 });
    expect(third!.reason).toContain('2 anak');
    expect(e.total).toBe(42_000_000);
  });
});
