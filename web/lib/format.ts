/**
 * How Jaring shows dates, money and counts. Numbers and Rupiah always use Indonesian grouping
 * (`3.073`, `Rp1.500.000`); dates use the month names of the chosen language.
 */
import { MONTH_PATTERN } from '../../core/months.ts';

export type Lang = 'id' | 'en';

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

const numberFormat = new Intl.NumberFormat('id-ID');
const percentFormat = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 0 });
const sizeFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const rupiahFormat = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/** `3073` → `3.073`. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A share 0..1 as a whole percentage: `0.874` → `87%`. */
export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

/** A file size with Indonesian decimals: `1572864` → `1,5 MB`, `860` → `860 B`. */
export function formatFileSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sizeFormat.format(unit === 0 ? Math.round(value) : value)} ${units[unit]}`;
}

/** `1500000` → `Rp1.500.000` (whole Rupiah, no space, as on Indonesian price tags). */
export function formatRupiah(value: number): string {
  return rupiahFormat.format(value).replace(/^(-?)Rp\s/u, '$1Rp');
}

/** A calendar day `1985-07-01` → `1 Juli 1985` (or `1 July 1985`); no time zone can shift it. */
export function formatDate(isoDate: string, lang: Lang = 'id'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A month `2026-11` → `November 2026` (or the English name); anything else is returned as it is. */
export function formatMonth(month: string, lang: Lang = 'id'): string {
  if (!MONTH_PATTERN.test(month)) return month;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1, 1));
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A moment (ISO timestamp) in the reader's clock: `25 Nov 2026, 08.15`. */
export function formatDateTime(iso: string, lang: Lang = 'id'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** `Dusun Lauk, RT 001/RW 002`; missing parts are left out, an empty address gives `–`. */
export function formatAddress(parts: { hamlet: string | null; rt: string | null; rw: string | null }): string {
  const rtRw = [parts.rt && `RT ${parts.rt}`, parts.rw && `RW ${parts.rw}`].filter(Boolean).join('/');
  return [parts.hamlet, rtRw].filter(Boolean).join(', ') || '–';
}

/** `5203014107850001` → `5203 0141 0785 0001`: easier to compare with a KTP when read aloud. */
export function groupNik(nik: string): string {
  return nik.replace(/(.{4})(?=.)/g, '$1 ');
}
