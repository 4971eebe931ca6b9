/**
 * Indonesian number, percentage, money and date formats for the documents Jaring prints (certificates,
 * rankings, the Paritrana summary). Written out by hand rather than with Intl so a server built without
 * full ICU still prints `1.234` and `78,4%`.
 */
import type { CoverageCategory } from '../../../core/coverage-figures.ts';
import { formatRupiah } from '../../../core/money.ts';
import { dateLabel } from '../../../core/months.ts';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal with Indonesian separators: 1234.5 (1 digit) → "1.234,5"; never "-0". */
export function formatDecimalId(n: number, digits: number): string {
  const fixed = Math.abs(n).toFixed(digits);
  const [whole = '0', fraction] = fixed.split('.');
  const isNegative = n < 0 && Number(fixed) !== 0;
  return `${isNegative ? '-' : ''}${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

/** A whole number: 1234 → "1.234". */
export function formatNumberId(n: number): string {
  return formatDecimalId(Math.round(n), 0);
}

/** A change with its sign: 120 → "+120", -5 → "-5", 0 → "0". */
export function formatSignedNumberId(n: number): string {
  return n > 0 ? `+${formatNumberId(n)}` : formatNumberId(n);
}

/** A percentage 0..100 with one decimal: 78.44 → "78,4%"; null (no denominator) → "—". */
export function formatPercentId(p: number | null, digits = 1): string {
  return p === null || !Number.isFinite(p) ? '—' : `${formatDecimalId(p, digits)}%`;
}

/** A change in percentage points: 3.25 → "+3,3 poin"; null → "—". */
export function formatPointsId(points: number | null): string {
  if (points === null || !Number.isFinite(points)) return '—';
  const text = formatDecimalId(points, 1);
  return `${points > 0 && text !== '0,0' ? '+' : ''}${text} poin`;
}

/** Whole Rupiah: 1500000 → "Rp1.500.000". */
export function formatRupiahId(amount: number): string {
  return formatRupiah(amount);
}

/** A calendar day `2026-11-25` → "25 November 2026". */
export function formatDateId(isoDate: string): string {
  return dateLabel(isoDate);
}

const CATEGORY_LABELS: Record<CoverageCategory, string> = {
  very_low: 'Sangat rendah',
  low: 'Rendah',
  medium: 'Sedang',
  high: 'Tinggi',
};

/** `very_low|low|medium|high` → "Sangat rendah/Rendah/Sedang/Tinggi"; null or unknown → "—". */
export function categoryLabel(key: string | null): string {
  return key !== null && key in CATEGORY_LABELS ? CATEGORY_LABELS[key as CoverageCategory] : '—';
}

/** "Kabupaten Lombok Timur" → "Lombok Timur" (for "Bupati Lombok Timur" and the place of signing). */
export function regencyShortName(regencyName: string): string {
  return regencyName.replace(/^(Kabupaten|Kota)\s+/i, '');
}
