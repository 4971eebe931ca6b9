/** Months are `YYYY-MM` strings everywhere (premiums are paid per month). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months `to` lies after `from` (`2026-01` → `2026-03` is 2; negative when before). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm);
}

const MONTH_NAMES_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `2026-11` → "November 2026", for messages a village operator reads. */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES_ID[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}

/** "November 2026" or "November 2026 s.d. Desember 2026". */
export function monthSpanLabel(from: string, to: string): string {
  return from === to ? monthLabel(from) : `${monthLabel(from)} s.d. ${monthLabel(to)}`;
}

/** `2026-11-20` → "20 November 2026". */
export function dateLabel(isoDate: string): string {
  return `${Number(isoDate.slice(8, 10))} ${monthLabel(isoDate.slice(0, 7))}`;
}
