/**
 * Coverage figures for a region on a date: the percentage, the denominator it is measured against, the
 * category it falls in, age bands for breakdowns, and small-count suppression for public pages.
 * Pure rules: the server counts workers, these turn counts into figures (shared/domain.md, "Coverage").
 */

/** A setting an administrator entered is unusable; the server maps this to a validation AppError. */
export class SettingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SettingError';
  }
}

function assertCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${field} must be a non-negative integer, got ${value}`);
}

/**
 * Covered ÷ denominator × 100, rounded to one decimal half up (12.25 → 12.3, 12.24 → 12.2); null when
 * the denominator is 0 or absent. Computed on integers (tenths of a percent) so no binary-fraction drift
 * moves a half across the rounding line. Not capped at 100: a register larger than an official estimate
 * is a sign the estimate is stale, and capping would hide it.
 */
export function coveragePercent(covered: number, denominator: number | null | undefined): number | null {
  assertCount(covered, 'covered');
  if (denominator === null || denominator === undefined || denominator === 0) return null;
  assertCount(denominator, 'denominator');
  // round(covered * 1000 / d) half up = floor((2000 * covered + d) / (2d)); both operands are integers.
  return Math.floor((2000 * covered + denominator) / (2 * denominator)) / 10;
}

/**
 * What a percentage is measured against: the workers in the register, or an official figure (e.g. the
 * BPS Sakernas count of informal workers) entered per region with its source and year.
 */
export type Denominator = { kind: 'register' } | { kind: 'official'; value: number; source: string; year: number };

/** The denominator as shown beside a figure, so every figure says what it is measured against. */
export interface DenominatorUsed {
  kind: Denominator['kind'];
  value: number;
  source?: string;
  year?: number;
}

export interface CoverageFigure {
  covered: number;
  /** Null when the denominator is 0 (no workers in the register, or no official figure). */
  percent: number | null;
  denominator: DenominatorUsed;
}

/** A coverage figure against the chosen denominator; `registered` is the count of workers in the register. */
export function coverageFigure(counts: { covered: number; registered: number }, denominator: Denominator): CoverageFigure {
  assertCount(counts.registered, 'registered');
  const used: DenominatorUsed =
    denominator.kind === 'register'
      ? { kind: 'register', value: counts.registered }
      : { kind: 'official', value: denominator.value, source: denominator.source, year: denominator.year };
  return { covered: counts.covered, percent: coveragePercent(counts.covered, used.value), denominator: used };
}

export const COVERAGE_CATEGORIES = ['very_low', 'low', 'medium', 'high'] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];

/** Lower bounds (percent, inclusive) of the `low`, `medium` and `high` categories; below `low` is `very_low`. */
export interface CategoryThresholds {
  low: number;
  medium: number;
  high: number;
}

/**
 * Default category bounds: < 25 very low, 25–< 50 low, 50–< 75 medium, ≥ 75 high. A setting, not a rule:
 * regencies classify differently (shared/domain.md), so an administrator overrides these per regency.
 */
export const DEFAULT_CATEGORY_THRESHOLDS: CategoryThresholds = { low: 25, medium: 50, high: 75 };

/** Why thresholds are unusable (strictly ascending, each within 0..100), or null when they are fine. */
export function validateCategoryThresholds(t: CategoryThresholds): SettingError | null {
  for (const field of ['low', 'medium', 'high'] as const) {
    const v = t[field];
    if (!Number.isFinite(v) || v < 0 || v > 100) {
      return new SettingError('THRESHOLD_OUT_OF_RANGE', `Batas kategori "${field}" harus antara 0 dan 100.`, field);
    }
  }
  if (!(t.low < t.medium && t.medium < t.high)) {
    return new SettingError('THRESHOLDS_NOT_ASCENDING', 'Batas kategori harus naik: rendah < sedang < tinggi.', 'medium');
  }
  return null;
}

/**
 * The category of a percentage (use the rounded figure that is shown, so label and number agree);
 * null when there is no percentage. Throws SettingError on unusable thresholds.
 */
export function categoryOf(percent: number | null, thresholds: CategoryThresholds = DEFAULT_CATEGORY_THRESHOLDS): CoverageCategory | null {
  const problem = validateCategoryThresholds(thresholds);
  if (problem) throw problem;
  if (percent === null) return null;
  if (percent >= thresholds.high) return 'high';
  if (percent >= thresholds.medium) return 'medium';
  if (percent >= thresholds.low) return 'low';
  return 'very_low';
}

/** Age bands for breakdowns, in completed years; working age starts at 15 (BPS labour-force convention). */
export const AGE_BANDS = [
  { key: '15-24', min: 15, max: 24 },
  { key: '25-34', min: 25, max: 34 },
  { key: '35-44', min: 35, max: 44 },
  { key: '45-54', min: 45, max: 54 },
  { key: '55-64', min: 55, max: 64 },
  { key: '65+', min: 65, max: null },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['key'];

/** The band of an age in completed years; null under 15 (not of working age). */
export function ageBandOf(age: number): AgeBand | null {
  assertCount(age, 'age');
  for (const band of AGE_BANDS) {
    if (age >= band.min && (band.max === null || age <= band.max)) return band.key;
  }
  return null;
}

/** Counts below this are never shown on a public page. */
export const MIN_PUBLIC_COUNT = 5;

/**
 * A count fit for a public page, or null ("fewer than 5", shown as "<5"). Zero is suppressed too: a
 * shown 0 tells a reader something about every member of the group ("no covered fishers in desa X"
 * reveals each fisher's status to a neighbour who knows them), and showing 0 but hiding 1–4 would tell
 * the reader that a hidden cell holds at least one person. Hiding 0..4 alike is the safer choice.
 */
export function suppressSmall(count: number, min = MIN_PUBLIC_COUNT): number | null {
  assertCount(count, 'count');
  return count < min ? null : count;
}

export interface SuppressedRow {
  cells: (number | null)[];
  total: number | null;
}

/**
 * Suppresses a row of a breakdown (e.g. covered workers by age band in one village) for a public page.
 * Primary: every cell under `min` (0 included). Secondary: when the total is shown and exactly one cell
 * is suppressed, it could be recovered as total − the other cells, so the smallest shown cell is
 * suppressed too (ties: the first in row order). `total` defaults to the sum of the cells. Protects the
 * row only: a table that also shows column totals must have its columns checked the same way.
 */
export function suppressRow(cells: readonly number[], options: { total?: number; min?: number } = {}): SuppressedRow {
  const min = options.min ?? MIN_PUBLIC_COUNT;
  const total = options.total ?? cells.reduce((sum, c) => sum + c, 0);
  const shown: (number | null)[] = cells.map((c) => suppressSmall(c, min));
  const shownTotal = suppressSmall(total, min);
  const hidden = shown.filter((c) => c === null).length;
  if (shownTotal !== null && hidden === 1) {
    let smallest = -1;
    shown.forEach((c, i) => {
      if (c !== null && (smallest === -1 || c < (shown[smallest] as number))) smallest = i;
    });
    if (smallest !== -1) shown[smallest] = null;
  }
  return { cells: shown, total: shownTotal };
}
