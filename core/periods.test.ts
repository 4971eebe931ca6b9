import { describe, expect, it } from 'vitest';
import { parsePeriod, PeriodError } from './periods.ts';

describe('parsePeriod', () => {
  it.each([
    ['2025', { label: 'Tahun 2025', fromMonth: '2025-01', toMonth: '2025-12', endMonth: '2025-12', baseMonth: '2024-12' }],
    ['2026-Q3', { label: 'Triwulan III 2026', fromMonth: '2026-07', toMonth: '2026-09', endMonth: '2026-09', baseMonth: '2026-06' }],
    ['2026-01', { label: 'Januari 2026', fromMonth: '2026-01', toMonth: '2026-01', endMonth: '2026-01', baseMonth: '2025-12' }],
    // A running period is measured up to the current month.
    ['2026', { label: 'Tahun 2026', fromMonth: '2026-01', toMonth: '2026-12', endMonth: '2026-11', baseMonth: '2025-12' }],
    ['2026-Q4', { label: 'Triwulan IV 2026', fromMonth: '2026-10', toMonth: '2026-12', endMonth: '2026-11', baseMonth: '2026-09' }],
  ])('%s', (period, expected) => {
    expect(parsePeriod(period, '2026-11')).toEqual({ period, ...expected });
  });

  it('refuses a period that has not begun and a malformed one', () => {
    expect(() => parsePeriod('2027', '2026-11')).toThrow(PeriodError);
    expect(() => parsePeriod('2026-12', '2026-11')).toThrow(/belum dimulai/);
    expect(() => parsePeriod('2026-Q5', '2026-11')).toThrow(/TTTT-Qn/);
  });
});
