import { describe, expect, it } from 'vitest';
import {
  BENEFIT_RATES,
  BenefitError,
  benefitAmountsSchema,
  benefitRatesOn,
  estimateBenefits,
  scholarshipDueOn,
  schoolYearLabel,
  schoolYearOf,
  type BenefitInput,
} from './benefits.ts';

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

describe('school years, temporary incapacity and children who no longer qualify', () => {
  it('counts school years from July: an event in March belongs to the school year begun the July before', () => {
    expect(schoolYearOf('2026-03-01')).toBe(2025);
    expect(schoolYearOf('2026-07-01')).toBe(2026);
    expect(schoolYearLabel(2026)).toBe('2026/2027');
    expect(scholarshipDueOn(2025, '2026-03-01')).toBe('2026-03-01');
    expect(scholarshipDueOn(2026, '2026-03-01')).toBe('2026-07-01');
    const [pupil] = estimateBenefits({ ...base, eventDate: '2026-03-01', children: [{ birthDate: '2018-01-01', schoolLevel: 'SD' }] }).scholarship.children;
    expect(pupil!.schedule.slice(0, 2)).toEqual([
      { year: 2025, level: 'SD', amount: 1_500_000, dueOn: '2026-03-01' },
      { year: 2026, level: 'SD', amount: 1_500_000, dueOn: '2026-07-01' },
    ]);
  });

  it('stops a child’s path at the school year claimed on or after the 23rd birthday', () => {
    // Born 1 June 2005, in university at the event: 21 on 1 July 2026, 22 on 1 July 2027, 23 on 1 July 2028.
    const [student] = estimateBenefits({ ...base, eventDate: '2026-08-10', children: [{ birthDate: '2005-06-01', schoolLevel: 'PT' }] }).scholarship.children;
    expect(student!.schedule.map((y) => y.year)).toEqual([2026, 2027]);
    expect(student!.totalEntitlement).toBe(24_000_000);
  });

  it('a married or working child gets nothing and takes no place among the two', () => {
    const e = estimateBenefits({
      ...base,
      children: [
        { birthDate: '2004-01-01', schoolLevel: 'PT', married: true },
        { birthDate: '2005-01-01', schoolLevel: 'SMA', working: true },
        { birthDate: '2012-01-01', schoolLevel: 'SMP' },
        { birthDate: '2014-01-01', schoolLevel: 'SD' },
      ],
    });
    const [married, working, first, second] = e.scholarship.children;
    expect(married).toMatchObject({ yearlyAmount: 0, totalEntitlement: 0 });
    expect(married!.reason).toContain('menikah');
    expect(working!.reason).toContain('bekerja');
    expect(first!.yearlyAmount).toBe(2_000_000);
    expect(second!.yearlyAmount).toBe(1_500_000);
  });

  it.each([
    // days, declared income, amount: 100% for the first 12 months (360 days), then 50%.
    [30, 1_000_000, 1_000_000],
    [45, 2_000_000, 3_000_000],
    [360, 1_000_000, 12_000_000],
    [420, 1_000_000, 12_000_000 + 1_000_000],
    [0, 1_000_000, 0],
  ])('JKK temporary incapacity: %i days at Rp%i pays Rp%i, no scholarship', (days, declaredIncome, amount) => {
    const e = estimateBenefits({ ...base, program: 'JKK', event: 'temporary_incapacity', declaredIncome, incapacityDays: days, children: [{ birthDate: '2015-01-01', schoolLevel: 'SD' }] });
    expect(e.items).toEqual([expect.objectContaining({ code: 'temporary_incapacity', amount })]);
    expect(e.total).toBe(amount);
    expect(e.notes.join(' ')).toContain('tanpa batas biaya');
    expect(e.scholarship.eligible).toBe(false);
  });

  it('the dated table decides: a later row applies from its day, the earlier one before it', () => {
    const later = { ...BENEFIT_RATES[0]!, validFrom: '2027-01-01', regulation: 'PP uji 2027', jkmLumpSum: 25_000_000 };
    const table = [BENEFIT_RATES[0]!, later];
    expect(estimateBenefits({ ...base, eventDate: '2026-12-31' }, table).total).toBe(42_000_000);
    expect(estimateBenefits({ ...base, eventDate: '2027-01-01' }, table)).toMatchObject({ total: 47_000_000, regulation: 'PP uji 2027' });
  });

  it('the stored amounts schema accepts the seeded row and refuses levels out of order', () => {
    const { validFrom: _from, regulation: _regulation, ...amounts } = BENEFIT_RATES[0]!;
    expect(benefitAmountsSchema.safeParse(amounts).success).toBe(true);
    const swapped = { ...amounts, scholarship: { ...amounts.scholarship, levels: [...amounts.scholarship.levels].reverse() } };
    expect(benefitAmountsSchema.safeParse(swapped).success).toBe(false);
  });
});
