/**
 * Targets and projections: the national target path as a reference line, the net enrolment rate of the
 * last months, the month a target is reached at that rate, and the rate it takes to reach it in time.
 * Months are `YYYY-MM` (core/months.ts). Percentages are compared in hundredths of a percent, the
 * precision targets are published in (32.15%), so float products never decide "reached or not".
 */
import { SettingError } from './coverage-figures.ts';
import { MONTH_PATTERN, addMonths, monthsBetween } from './months.ts';

export interface TargetPoint {
  year: number;
  percent: number;
}

/**
 * National UCJ target path, a REFERENCE line only: medium-term targets 32.15% (2025) → 43.92% (2029),
 * long-term 99.5% by 2045 (shared/domain.md, "Coverage", confidence M — published figures disagree).
 * The regency's own targets, and any correction of these, come from settings and override this path.
 */
export const NATIONAL_TARGET_PATH: readonly TargetPoint[] = [
  { year: 2025, percent: 32.15 },
  { year: 2029, percent: 43.92 },
  { year: 2045, percent: 99.5 },
];

/** Where NATIONAL_TARGET_PATH comes from, to show beside the reference line. */
export const NATIONAL_TARGET_SOURCE = 'Target nasional Universal Coverage Jamsostek (jangka menengah 2025–2029, jangka panjang 2045); acuan, bukan target kabupaten';

/** Why a target path is unusable (a year twice, a percent outside 0..100), or null when it is fine. */
export function validateTargetPath(path: readonly TargetPoint[]): SettingError | null {
  const years = new Set<number>();
  for (const point of path) {
    if (!Number.isInteger(point.year)) return new SettingError('TARGET_YEAR_INVALID', 'Tahun target harus bilangan bulat.', 'year');
    if (years.has(point.year)) return new SettingError('TARGET_YEAR_DUPLICATE', `Tahun ${point.year} muncul dua kali pada jalur target.`, 'year');
    years.add(point.year);
    if (!Number.isFinite(point.percent) || point.percent < 0 || point.percent > 100) {
      return new SettingError('TARGET_PERCENT_OUT_OF_RANGE', 'Persentase target harus antara 0 dan 100.', 'percent');
    }
  }
  return null;
}

/**
 * The target for a year, linear between the two points around it (in any order given); null before the
 * first point or after the last (a path says nothing there, and extrapolating could pass 100%).
 */
export function interpolateTarget(path: readonly TargetPoint[], year: number): number | null {
  const problem = validateTargetPath(path);
  if (problem) throw problem;
  const points = [...path].sort((a, b) => a.year - b.year);
  for (let i = 0; i < points.length; i += 1) {
    const here = points[i]!;
    if (year === here.year) return here.percent;
    const next = points[i + 1];
    if (next && year > here.year && year < next.year) {
      return here.percent + ((next.percent - here.percent) * (year - here.year)) / (next.year - here.year);
    }
  }
  return null;
}

export interface CoveredAt {
  month: string;
  covered: number;
}

/**
 * Average net change in covered workers per month over the last `lastN` months of `history`: from the
 * earliest point within `lastN` months of the latest, to the latest (gaps allowed). Null with fewer
 * than 2 points in that window. Not rounded: it is a rate, not a count.
 */
export function netRatePerMonth(history: readonly CoveredAt[], lastN: number): number | null {
  if (!Number.isInteger(lastN) || lastN < 1) throw new RangeError(`lastN must be a positive integer, got ${lastN}`);
  const points = [...history].sort((a, b) => a.month.localeCompare(b.month));
  for (let i = 1; i < points.length; i += 1) {
    if (points[i]!.month === points[i - 1]!.month) throw new RangeError(`month ${points[i]!.month} appears twice in the history`);
  }
  const latest = points.at(-1);
  if (!latest) return null;
  const windowStart = addMonths(latest.month, -lastN);
  const first = points.find((p) => p.month >= windowStart)!;
  if (first === latest) return null;
  return (latest.covered - first.covered) / monthsBetween(first.month, latest.month);
}

/** A target percent in hundredths of a percent (32.15 → 3215), the precision targets are published in. */
function basisPoints(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new RangeError(`target percent must be within 0..100, got ${percent}`);
  return Math.round(percent * 100);
}

/** The fewest covered workers that reach `targetPercent` of `denominator` (targets read to 0.01%). */
export function coveredNeeded(denominator: number, targetPercent: number): number {
  if (!Number.isInteger(denominator) || denominator < 0) throw new RangeError(`denominator must be a non-negative integer, got ${denominator}`);
  // ceil(bp × d / 10,000) on integers: the division result is at least 1/10,000 away from the next integer.
  return Math.floor((basisPoints(targetPercent) * denominator + 9_999) / 10_000);
}

export interface ProjectionInput {
  /** The month `covered` was counted in (YYYY-MM). */
  currentMonth: string;
  covered: number;
  denominator: number;
  targetPercent: number;
}

function assertMonth(month: string, field: string): void {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`${field} must be YYYY-MM, got ${month}`);
}

// A rate such as 100/3 per month may give 2.9999999999999996 or 3.0000000000000004 months; this slack
// keeps ceil from adding a whole month for a float artefact.
const MONTH_EPSILON = 1e-9;

/**
 * The month the target is reached at `ratePerMonth` net new covered workers a month: 'already' when it
 * is reached now, else the first month whose projected count reaches it; null when the rate is absent,
 * zero or negative (never reached at that pace) or there is no denominator.
 */
export function monthTargetReached(input: ProjectionInput & { ratePerMonth: number | null }): 'already' | string | null {
  assertMonth(input.currentMonth, 'currentMonth');
  if (input.denominator === 0) return null;
  const gap = coveredNeeded(input.denominator, input.targetPercent) - input.covered;
  if (gap <= 0) return 'already';
  if (input.ratePerMonth === null || !Number.isFinite(input.ratePerMonth) || input.ratePerMonth <= 0) return null;
  const months = Math.ceil(gap / input.ratePerMonth - MONTH_EPSILON);
  return addMonths(input.currentMonth, months);
}

/**
 * Net new covered workers needed each month, from `currentMonth` to `targetMonth`, to reach the target
 * by then (rounded up: a fraction of a worker cannot enrol); 0 when already reached; null when the
 * target month is not after the current month or there is no denominator.
 */
export function requiredNetPerMonth(input: ProjectionInput & { targetMonth: string }): number | null {
  assertMonth(input.currentMonth, 'currentMonth');
  assertMonth(input.targetMonth, 'targetMonth');
  if (input.denominator === 0) return null;
  const gap = coveredNeeded(input.denominator, input.targetPercent) - input.covered;
  if (gap <= 0) return 0;
  const months = monthsBetween(input.currentMonth, input.targetMonth);
  if (months <= 0) return null;
  return Math.ceil(gap / months);
}
