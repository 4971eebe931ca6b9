/**
 * Ranking periods: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`). A period still running
 * is measured up to the current month; growth is measured from the month before it begins.
 */
import type { PeriodInfo } from './coverage.schema.ts';
import { addMonths, monthLabel } from './months.ts';

const QUARTER_NAMES = ['I', 'II', 'III', 'IV'] as const;

export class PeriodError extends Error {
  constructor(
    readonly code: 'PERIOD_INVALID' | 'PERIOD_IN_FUTURE',
    message: string,
  ) {
    super(message);
    this.name = 'PeriodError';
  }
}

/** The months of a period, as seen from `currentMonth` (YYYY-MM). Throws PeriodError. */
export function parsePeriod(period: string, currentMonth: string): PeriodInfo {
  let fromMonth: string;
  let toMonth: string;
  let label: string;
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (/^\d{4}$/.test(period)) {
    fromMonth = `${year}-01`;
    toMonth = `${year}-12`;
    label = `Tahun ${year}`;
  } else if (quarter) {
    const q = Number(quarter[1]);
    fromMonth = `${year}-${String(q * 3 - 2).padStart(2, '0')}`;
    toMonth = addMonths(fromMonth, 2);
    label = `Triwulan ${QUARTER_NAMES[q - 1]} ${year}`;
  } else if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    fromMonth = period;
    toMonth = period;
    label = monthLabel(period);
  } else {
    throw new PeriodError('PERIOD_INVALID', 'Periode ditulis TTTT, TTTT-Qn atau TTTT-BB (misalnya 2026, 2026-Q3, 2026-09).');
  }
  if (fromMonth > currentMonth) {
    throw new PeriodError('PERIOD_IN_FUTURE', `${label} belum dimulai; pilih periode yang sudah berjalan.`);
  }
  const endMonth = toMonth < currentMonth ? toMonth : currentMonth;
  return { period, label, fromMonth, toMonth, endMonth, baseMonth: addMonths(fromMonth, -1) };
}
