/**
 * Protection status, always derived from dates, never stored by hand. "Covered" means JKK and JKM both
 * active on that day. A participant whose premiums stop stays protected for a grace period; after
 * `GRACE_MONTHS` unpaid months (3 consecutive unpaid months = lapsed, shared/domain.md) protection stops.
 */
import { addDays, daysInMonth } from './dates.ts';
import { addMonths, monthOf, monthsBetween } from './months.ts';

/** Unpaid months that still leave a participant protected. A dated rule table replaces this constant with the financing work. */
export const DEFAULT_GRACE_MONTHS = 2;

export const PROGRAMS = ['JKK', 'JKM', 'JHT'] as const;
export type Program = (typeof PROGRAMS)[number];

export type ProgramStatus = 'active' | 'grace' | 'lapsed' | 'ended' | 'not_started';
export type CoverageStatus = 'covered' | 'grace' | 'lapsed' | 'not_enrolled';

/** Months paid for, `from`..`to` inclusive (YYYY-MM). */
export interface PaidRange {
  from: string;
  to: string;
}

export interface Participation {
  program: Program;
  startMonth: string;
  /** Last month paid for (from payments), or null when nothing was paid yet. */
  paidUntil: string | null;
  endedOn: string | null;
  /**
   * Every month range paid for (payments that count, and the BPJS file's "paid until" as a range from the
   * start). When given, a month no range covers is unpaid even if a later month is paid in advance: a
   * participant who lapsed is not protected again until the months paid for begin.
   */
  paidRanges?: readonly PaidRange[];
}

/**
 * The month a participation is paid through as seen from `month`: the end of the unbroken run of paid
 * months covering it, else the last month paid before it (null: nothing paid before it). Without
 * `paidRanges`, simply `paidUntil`.
 */
export function paidThroughIn(p: Participation, month: string): string | null {
  if (!p.paidRanges) return p.paidUntil;
  const ranges = [...p.paidRanges].sort((a, b) => a.from.localeCompare(b.from));
  let runEnd: string | null = null;
  for (const range of ranges) {
    // A range that touches or overlaps the current run extends it, wherever it ends.
    if (runEnd !== null && range.from <= addMonths(runEnd, 1)) {
      if (range.to > runEnd) runEnd = range.to;
      continue;
    }
    // A run that only starts after the month asked about does not protect in it.
    if (range.from > month) break;
    runEnd = range.to;
  }
  return runEnd;
}

/** The status of one programme on a day (YYYY-MM-DD). */
export function programStatusOn(p: Participation, day: string, graceMonths = DEFAULT_GRACE_MONTHS): ProgramStatus {
  if (p.endedOn && p.endedOn <= day) return 'ended';
  const month = monthOf(day);
  if (monthsBetween(p.startMonth, month) < 0) return 'not_started';
  // With nothing paid yet, the participation is unpaid from its first month.
  const lastPaid = paidThroughIn(p, month) ?? addMonths(p.startMonth, -1);
  const unpaid = monthsBetween(lastPaid, month);
  if (unpaid <= 0) return 'active';
  return unpaid <= graceMonths ? 'grace' : 'lapsed';
}

/** The last day of a month (`2028-02` → `2028-02-29`). */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/**
 * The last day a participation protects if nothing more is paid: the end of the grace months after the
 * last month paid (or, never paid, after the month before it started); the day before an end date when
 * earlier. Seen from `month` (default: from the last month paid), so months paid in advance after a
 * lapse do not count before they begin.
 */
export function protectedUntilOf(p: Participation, graceMonths = DEFAULT_GRACE_MONTHS, month?: string): string {
  const lastPaid = (month ? paidThroughIn(p, month) : p.paidUntil) ?? addMonths(p.startMonth, -1);
  const until = lastDayOfMonth(addMonths(lastPaid, graceMonths));
  if (p.endedOn) {
    const dayBefore = addDays(p.endedOn, -1);
    if (dayBefore < until) return dayBefore;
  }
  return until;
}

const RANK: Record<Exclude<CoverageStatus, 'not_enrolled'>, number> = { covered: 0, grace: 1, lapsed: 2 };

export interface WorkerCoverageSummary {
  status: CoverageStatus;
  /** The earlier of the JKK and JKM paid-until months of the current participations: protection runs out from there. */
  paidUntil: string | null;
}

/**
 * A worker's protection on a day: covered only when both JKK and JKM are active; in grace when both still
 * protect but one is behind; lapsed when either stopped. Ended (or not yet started) participations do
 * not count: a worker with none left is not enrolled.
 */
export function coverageOn(participations: Participation[], day: string, graceMonths = DEFAULT_GRACE_MONTHS): WorkerCoverageSummary {
  let worst: Exclude<CoverageStatus, 'not_enrolled'> = 'covered';
  const paidUntil: string[] = [];
  for (const program of ['JKK', 'JKM'] as const) {
    const current = participations
      .filter((p) => p.program === program)
      .map((p) => ({ p, status: programStatusOn(p, day, graceMonths) }))
      .filter(({ status }) => status !== 'not_started' && status !== 'ended');
    if (current.length === 0) return { status: 'not_enrolled', paidUntil: null };
    const statuses = current.map(({ status }) => status);
    const status: Exclude<CoverageStatus, 'not_enrolled'> = statuses.includes('active')
      ? 'covered'
      : statuses.includes('grace')
        ? 'grace'
        : 'lapsed';
    if (RANK[status] > RANK[worst]) worst = status;
    // The best-paid current participation of this programme is the one that protects.
    paidUntil.push(current.map(({ p }) => paidThroughIn(p, monthOf(day)) ?? '').sort().at(-1) ?? '');
  }
  return { status: worst, paidUntil: paidUntil.sort()[0] || null };
}
