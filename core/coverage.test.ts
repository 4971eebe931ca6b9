import { describe, expect, it } from 'vitest';
import { coverageOn, programStatusOn, type Participation } from './coverage.ts';
import { addMonths, monthsBetween } from './months.ts';

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
