import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageOn, lastDayOfMonth, type Participation } from './coverage.ts';
import { addMonths } from './months.ts';
import { graceMonthsIn } from './premiums.ts';
import { spanDeltas, statusIn, statusTimeline, type StatusSpan } from './coverage-timeline.ts';
import type { GraceRule } from './premiums.ts';

const GRACE_2: GraceRule[] = [{ months: 2, validFrom: '2015-07', regulation: 'test' }];

function pair(ranges: { from: string; to: string }[], startMonth = '2026-01', endedOn: string | null = null): Participation[] {
  const paidUntil = ranges.map((r) => r.to).sort().at(-1) ?? null;
  return (['JKK', 'JKM'] as const).map((program) => ({ program, startMonth, paidUntil, endedOn, paidRanges: ranges }));
}

describe('a worker’s protection as spans of months', () => {
  it('paid January–March: covered, two months of grace, then lapsed from June on', () => {
    expect(statusTimeline(pair([{ from: '2026-01', to: '2026-03' }]), GRACE_2)).toEqual<StatusSpan[]>([
      { status: 'covered', from: '2026-01', to: '2026-03' },
      { status: 'grace', from: '2026-04', to: '2026-05' },
      { status: 'lapsed', from: '2026-06', to: null },
    ]);
  });

  it('resuming by paying again: lapsed months stay lapsed, then covered again across the year end', () => {
    const spans = statusTimeline(pair([{ from: '2026-01', to: '2026-03' }, { from: '2026-08', to: '2026-12' }]), GRACE_2);
    expect(spans).toEqual<StatusSpan[]>([
      { status: 'covered', from: '2026-01', to: '2026-03' },
      { status: 'grace', from: '2026-04', to: '2026-05' },
      { status: 'lapsed', from: '2026-06', to: '2026-07' },
      { status: 'covered', from: '2026-08', to: '2026-12' },
      { status: 'grace', from: '2027-01', to: '2027-02' },
      { status: 'lapsed', from: '2027-03', to: null },
    ]);
    expect(statusIn(spans, '2026-07')).toBe('lapsed');
    expect(statusIn(spans, '2027-02')).toBe('grace');
    expect(statusIn(spans, '2030-01')).toBe('lapsed');
    expect(statusIn(spans, '2025-12')).toBeNull();
  });

  it('never paid: grace from the start month, lapsed after the grace months', () => {
    expect(statusTimeline(pair([], '2026-05'), GRACE_2)).toEqual<StatusSpan[]>([
      { status: 'grace', from: '2026-05', to: '2026-06' },
      { status: 'lapsed', from: '2026-07', to: null },
    ]);
  });

  it('an end date inside a month ends that month: no span from then on', () => {
    expect(statusTimeline(pair([{ from: '2026-01', to: '2026-12' }], '2026-01', '2026-05-10'), GRACE_2)).toEqual<StatusSpan[]>([
      { status: 'covered', from: '2026-01', to: '2026-04' },
    ]);
  });

  it('a grace rule that changes takes effect in its month', () => {
    const rules: GraceRule[] = [...GRACE_2, { months: 1, validFrom: '2026-05', regulation: 'test' }];
    // Paid to March: April is grace under the 2-month rule; in May the 1-month rule makes it lapsed.
    expect(statusTimeline(pair([{ from: '2026-01', to: '2026-03' }]), rules)).toEqual<StatusSpan[]>([
      { status: 'covered', from: '2026-01', to: '2026-03' },
      { status: 'grace', from: '2026-04', to: '2026-04' },
      { status: 'lapsed', from: '2026-05', to: null },
    ]);
  });

  it('covered needs both programmes: JKM paid for fewer months turns the worker to grace', () => {
    const jkk: Participation = { program: 'JKK', startMonth: '2026-01', paidUntil: '2026-06', endedOn: null, paidRanges: [{ from: '2026-01', to: '2026-06' }] };
    const jkm: Participation = { program: 'JKM', startMonth: '2026-01', paidUntil: '2026-04', endedOn: null, paidRanges: [{ from: '2026-01', to: '2026-04' }] };
    expect(statusTimeline([jkk, jkm], GRACE_2)).toEqual<StatusSpan[]>([
      { status: 'covered', from: '2026-01', to: '2026-04' },
      { status: 'grace', from: '2026-05', to: '2026-06' },
      { status: 'lapsed', from: '2026-07', to: null },
    ]);
  });

  it('deltas summed up to a month give that month’s counts', () => {
    const workers = [
      statusTimeline(pair([{ from: '2026-01', to: '2026-03' }]), GRACE_2),
      statusTimeline(pair([{ from: '2026-02', to: '2026-12' }], '2026-02'), GRACE_2),
      statusTimeline(pair([], '2026-04'), GRACE_2),
    ];
    const deltas = workers.flatMap(spanDeltas);
    const countsIn = (month: string) => {
      const counts = { covered: 0, grace: 0, lapsed: 0 };
      for (const d of deltas) if (d.month <= month) counts[d.status] += d.delta;
      return counts;
    };
    for (const month of ['2026-01', '2026-03', '2026-04', '2026-06', '2026-12', '2027-06']) {
      const byHand = { covered: 0, grace: 0, lapsed: 0 };
      for (const spans of workers) {
        const status = statusIn(spans, month);
        if (status) byHand[status] += 1;
      }
      expect(countsIn(month), month).toEqual(byHand);
    }
    // By hand for April 2026: worker 1 in grace, worker 2 covered, worker 3 in grace (never paid).
    expect(countsIn('2026-04')).toEqual({ covered: 1, grace: 2, lapsed: 0 });
  });
});

describe('the timeline is coverageOn month by month', () => {
  // The reference: the status rule itself, asked on the last day of every month.
  function reference(participations: Participation[], rules: GraceRule[], months: string[]): (string | null)[] {
    return months.map((month) => {
      const { status } = coverageOn(participations, lastDayOfMonth(month), graceMonthsIn(rules, month));
      return status === 'not_enrolled' ? null : status;
    });
  }

  const month = fc.integer({ min: 0, max: 35 }).map((i) => addMonths('2025-01', i));
  const range = fc.tuple(month, fc.integer({ min: 0, max: 8 })).map(([from, n]) => ({ from, to: addMonths(from, n) }));
  const participation = fc.record({
    program: fc.constantFrom('JKK' as const, 'JKM' as const, 'JHT' as const),
    startMonth: month,
    endedOn: fc.option(fc.tuple(month, fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${m}-${String(d).padStart(2, '0')}`), { nil: null }),
    paidRanges: fc.array(range, { maxLength: 4 }),
    withRanges: fc.boolean(),
  });
  // One rule per first month, as the database enforces.
  const rules = fc.uniqueArray(fc.record({ months: fc.integer({ min: 0, max: 4 }), validFrom: month, regulation: fc.constant('uji') }), { maxLength: 3, selector: (r) => r.validFrom });

  it('for random participations, payments, ends and grace rules', () => {
    fc.assert(
      fc.property(fc.array(participation, { minLength: 1, maxLength: 5 }), rules, (raw, graceRules) => {
        const participations: Participation[] = raw.map(({ withRanges, paidRanges, ...p }) => ({
          ...p,
          paidUntil: paidRanges.map((r) => r.to).sort().at(-1) ?? null,
          ...(withRanges ? { paidRanges } : {}),
        }));
        const months = Array.from({ length: 60 }, (_, i) => addMonths('2024-12', i));
        const spans = statusTimeline(participations, graceRules);
        expect(months.map((m) => statusIn(spans, m))).toEqual(reference(participations, graceRules, months));
      }),
      { numRuns: 500 },
    );
  });
});
