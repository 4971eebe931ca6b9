import { describe, expect, it } from 'vitest';
import { formatRupiah } from './money.ts';
import { dateLabel, monthLabel, monthSpanLabel } from './months.ts';

describe('messages in Indonesian formats', () => {
  it.each([
    [0, 'Rp0'],
    [6_800, 'Rp6.800'],
    [201_600, 'Rp201.600'],
    [2_970_000_000, 'Rp2.970.000.000'],
    [-4_000, '-Rp4.000'],
  ])('formatRupiah(%i) = %s', (amount, text) => expect(formatRupiah(amount)).toBe(text));

  it('names months', () => {
    expect(monthLabel('2026-01')).toBe('Januari 2026');
    expect(monthSpanLabel('2026-11', '2026-12')).toBe('November 2026 s.d. Desember 2026');
    expect(monthSpanLabel('2027-02', '2027-02')).toBe('Februari 2027');
    expect(dateLabel('2026-11-05')).toBe('5 November 2026');
  });
});
