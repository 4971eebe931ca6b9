import { describe, expect, it } from 'vitest';
import { canSeeCommitments, canSeePlan, canTickForPayment, defaultPeriod, monthRange, paymentGroupKey, tickedTotal } from './financing-rules.ts';

describe('financing page rules', () => {
  it('plans from this month to December in the current year, the whole year ahead', () => {
    expect(defaultPeriod(2026, '2026-11')).toEqual({ fromMonth: '2026-11', toMonth: '2026-12' });
    expect(defaultPeriod(2027, '2026-11')).toEqual({ fromMonth: '2027-01', toMonth: '2027-12' });
    expect(defaultPeriod(2025, '2026-11')).toEqual({ fromMonth: '2025-01', toMonth: '2025-12' });
  });

  it('lists months across a year end', () => {
    expect(monthRange('2026-11', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('adds up the ticked candidates against the budget', () => {
    const candidates = [
      { workerId: 'a', cost: 33_600 },
      { workerId: 'b', cost: 33_600 },
      { workerId: 'c', cost: 33_600 },
    ];
    expect(tickedTotal(candidates, new Set(['a', 'c']), 67_200)).toEqual({ total: 67_200, count: 2, overBudget: false, left: 0 });
    expect(tickedTotal(candidates, new Set(['a', 'b', 'c']), 67_200).overBudget).toBe(true);
  });

  it('keeps the dashboard viewer and BPJS officers out of village plans', () => {
    expect(canSeePlan('village')).toBe(true);
    expect(canSeePlan('viewer')).toBe(false);
    expect(canSeePlan('bpjs')).toBe(false);
  });

  it('ticks commitments for one payment only from one source and one period, unpaid and standing', () => {
    const base = { sourceId: 's1', fromMonth: '2026-11', toMonth: '2026-12', paidAmount: 0, cancelledAt: null };
    const key = paymentGroupKey(base);
    expect(canTickForPayment(base, true, null)).toBe(true);
    expect(canTickForPayment(base, true, key)).toBe(true);
    expect(canTickForPayment({ ...base, toMonth: '2027-01' }, true, key)).toBe(false);
    expect(canTickForPayment({ ...base, sourceId: 's2' }, true, key)).toBe(false);
    expect(canTickForPayment({ ...base, paidAmount: 33_600 }, true, null)).toBe(false);
    expect(canTickForPayment({ ...base, cancelledAt: '2026-11-02T00:00:00.000Z' }, true, null)).toBe(false);
    expect(canTickForPayment(base, false, null)).toBe(false);
    expect(canSeeCommitments('viewer')).toBe(false);
    expect(canSeeCommitments('village')).toBe(true);
  });
});
