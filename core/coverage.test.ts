import { describe, expect, it } from 'vitest';
import { coverageOn, lastDayOfMonth, paidThroughIn, programStatusOn, protectedUntilOf, type Participation } from './coverage.ts';
import { addMonths, monthOf, monthsBetween } from './months.ts';
import { graceMonthsIn } from './premiums.ts';

const jkk = (paidUntil: string | null, extra: Partial<Participation> = {}): Participation => ({
  program: 'JKK',
  startMonth: '2025-01',
  paidUntil,
  endedOn: null,
  ...extra,
});

describe('programme status on a day', () => {
  it.each([
    ['2026-11', '2026-11-24', 'active', 'paid through this month'],
    ['2027-04', '2026-11-24', 'active', 'paid ahead'],
    ['2026-10', '2026-11-24', 'grace', '1 month unpaid'],
    ['2026-09', '2026-11-24', 'grace', '2 months unpaid'],
    ['2026-08', '2026-11-24', 'lapsed', '3 consecutive unpaid months'],
    [null, '2025-01-10', 'grace', 'enrolled, first month not yet paid'],
    [null, '2025-04-01', 'lapsed', 'never paid'],
  ] as const)('paid until %s, on %s → %s (%s)', (paidUntil, day, expected, _why) => {
    expect(programStatusOn(jkk(paidUntil), day)).toBe(expected);
  });

  it('is ended from the end date on, and not started before the start month', () => {
    expect(programStatusOn(jkk('2030-01', { endedOn: '2026-06-30' }), '2026-06-30')).toBe('ended');
    expect(programStatusOn(jkk('2030-01', { endedOn: '2026-06-30' }), '2026-06-29')).toBe('active');
    expect(programStatusOn(jkk(null, { startMonth: '2027-01' }), '2026-11-24')).toBe('not_started');
  });
});

describe('worker coverage', () => {
  const jkm = (paidUntil: string | null, extra: Partial<Participation> = {}): Participation => ({ ...jkk(paidUntil, extra), program: 'JKM' });
  it.each([
    [[jkk('2026-11'), jkm('2026-11')], 'covered', '2026-11'],
    [[jkk('2026-12'), jkm('2026-10')], 'grace', '2026-10'],
    [[jkk('2026-11'), jkm('2026-07')], 'lapsed', '2026-07'],
    [[jkk('2026-11')], 'not_enrolled', null],
    [[], 'not_enrolled', null],
    // Ended participations no longer count; a re-enrolment replaces an old, unpaid one.
    [[jkk('2026-03', { endedOn: '2026-04-30' }), jkm('2026-03', { endedOn: '2026-04-30' })], 'not_enrolled', null],
    [[jkk('2026-03', { endedOn: '2026-04-30' }), jkk('2026-12'), jkm('2026-12')], 'covered', '2026-12'],
  ] as const)('%j → %s, paid until %s', (participations, status, paidUntil) => {
    expect(coverageOn([...participations], '2026-11-24')).toEqual({ status, paidUntil });
  });
});

describe('months', () => {
  it('adds and counts across years', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
  });
});

describe('status across month and year boundaries', () => {
  it.each([
    ['2025-12', '2025-12-31', 'active'],
    ['2025-12', '2026-01-01', 'grace'],
    ['2025-12', '2026-02-28', 'grace'],
    ['2025-12', '2026-03-01', 'lapsed'],
    // A leap year: February has 29 days.
    ['2028-01', '2028-02-29', 'grace'],
    ['2028-01', '2028-03-31', 'grace'],
    ['2028-01', '2028-04-01', 'lapsed'],
  ] as const)('paid until %s, on %s → %s', (paidUntil, day, expected) => {
    expect(programStatusOn(jkk(paidUntil), day)).toBe(expected);
  });

  it('is not started before the first month, ended on and after the end date', () => {
    expect(programStatusOn(jkk('2026-03', { startMonth: '2026-01' }), '2025-12-31')).toBe('not_started');
    expect(programStatusOn(jkk('2026-03', { startMonth: '2026-01' }), '2026-01-01')).toBe('active');
    expect(programStatusOn(jkk('2026-12', { endedOn: '2026-05-15' }), '2026-05-14')).toBe('active');
    expect(programStatusOn(jkk('2026-12', { endedOn: '2026-05-15' }), '2026-05-15')).toBe('ended');
    expect(programStatusOn(jkk('2026-12', { endedOn: '2026-05-15' }), '2027-01-01')).toBe('ended');
  });

  it('follows a grace rule that changes on a date', () => {
    const rules = [
      { months: 2, validFrom: '2015-07', regulation: 'lama' },
      { months: 1, validFrom: '2027-01', regulation: 'baru' },
    ];
    const on = (day: string) => programStatusOn(jkk('2026-11'), day, graceMonthsIn(rules, monthOf(day)));
    expect(on('2026-12-31')).toBe('grace'); // 1 unpaid month, 2 allowed
    expect(on('2027-01-01')).toBe('lapsed'); // 2 unpaid months, 1 allowed from 2027
    const p = jkk('2026-12');
    expect(programStatusOn(p, '2027-01-20', graceMonthsIn(rules, '2027-01'))).toBe('grace');
    expect(programStatusOn(p, '2027-02-01', graceMonthsIn(rules, '2027-02'))).toBe('lapsed');
    expect(coverageOn([p, { ...p, program: 'JKM' }], '2027-01-20', graceMonthsIn(rules, '2027-01')).status).toBe('grace');
  });
});

describe('protected until', () => {
  it.each([
    [jkk('2025-12'), 2, '2026-02-28'],
    [jkk('2028-01'), 2, '2028-03-31'],
    [jkk('2027-11'), 2, '2028-01-31'],
    [jkk('2026-11'), 1, '2026-12-31'],
    [jkk(null, { startMonth: '2026-11' }), 2, '2026-12-31'],
    [jkk('2026-12', { endedOn: '2026-06-01' }), 2, '2026-05-31'],
    [jkk('2026-01', { endedOn: '2026-06-01' }), 2, '2026-03-31'],
  ] as const)('%j with %i grace months → %s', (p, grace, expected) => {
    expect(protectedUntilOf(p, grace)).toBe(expected);
  });

  it('knows the last day of February', () => {
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  });
});

describe('months paid in advance after a gap', () => {
  // Paid January–August 2026, nothing for September–December, then all of 2027 paid in advance.
  const gap: Participation = {
    program: 'JKK',
    startMonth: '2026-01',
    paidUntil: '2027-12',
    endedOn: null,
    paidRanges: [
      { from: '2026-01', to: '2026-08' },
      { from: '2027-01', to: '2027-12' },
    ],
  };

  it.each([
    ['2026-08-31', 'active', '2026-08'],
    ['2026-09-15', 'grace', '2026-08'],
    ['2026-10-31', 'grace', '2026-08'],
    // Three unpaid months: not protected, even though 2027 is already paid.
    ['2026-11-01', 'lapsed', '2026-08'],
    ['2026-12-31', 'lapsed', '2026-08'],
    ['2027-01-01', 'active', '2027-12'],
  ] as const)('on %s the participation is %s, paid through %s', (day, status, through) => {
    expect(programStatusOn(gap, day, 2)).toBe(status);
    expect(paidThroughIn(gap, day.slice(0, 7))).toBe(through);
  });

  it('touching and overlapping ranges make one run, in any order', () => {
    const p: Participation = { ...gap, paidRanges: [{ from: '2026-04', to: '2026-06' }, { from: '2026-01', to: '2026-03' }, { from: '2026-05', to: '2026-09' }] };
    expect(paidThroughIn(p, '2026-02')).toBe('2026-09');
    expect(paidThroughIn(p, '2026-12')).toBe('2026-09');
    expect(paidThroughIn({ ...p, paidRanges: [] }, '2026-12')).toBeNull();
  });

  it('protection seen from a month in the gap ends with the grace months after the earlier run', () => {
    expect(protectedUntilOf(gap, 2, '2026-11')).toBe('2026-10-31');
    expect(protectedUntilOf(gap, 2, '2027-03')).toBe('2028-02-29');
  });

  it('a worker with both programmes in the gap is lapsed, not covered', () => {
    const jkm: Participation = { ...gap, program: 'JKM' };
    expect(coverageOn([gap, jkm], '2026-11-20', 2)).toEqual({ status: 'lapsed', paidUntil: '2026-08' });
    expect(coverageOn([gap, jkm], '2027-02-01', 2)).toEqual({ status: 'covered', paidUntil: '2027-12' });
  });
});
