/**
 * Pure helpers of the coverage dashboard: percentages in Indonesian form, the ranking and sorting of
 * region rows, which region a user starts on, and the month-by-month rows the trend chart draws.
 */
import type { CoverageCategory } from '../../../core/coverage-figures.ts';
import type { CoverageRow, Target, TrendResponse } from '../../../core/coverage.schema.ts';
import { addMonths, MONTH_PATTERN } from '../../../core/months.ts';
import { regionLevelOf } from '../../../core/regions.ts';
import type { Role } from '../../../core/roles.ts';

const percentFormat = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A percentage with one decimal and a comma: `78.4` → `78,4%`; null (no denominator) → `–`. */
export function formatCoveragePercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${percentFormat.format(value)}%`;
}

/** A month as an axis tick: `2026-11` → `Nov 2026` (`Nov 2026` in English too, `Agu 2026` for August). */
export function formatMonthShort(month: string, lang: 'id' | 'en' = 'id'): string {
  if (!MONTH_PATTERN.test(month)) return month;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1, 1));
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date).replace('.', '');
}

export const CATEGORY_COLORS: Record<CoverageCategory, string> = {
  very_low: 'red',
  low: 'orange',
  medium: 'yellow',
  high: 'green',
};

/** Where the dashboard opens: the user's own region; regency-wide roles scoped wider than the regency get the regency. */
export function defaultRegionFor(user: { role: Role; regionCode: string }, regencyCode: string): string {
  const level = regionLevelOf(user.regionCode);
  if (level === 'province' && ['admin', 'viewer', 'bpjs'].includes(user.role)) return regencyCode;
  return user.regionCode;
}

/** Whether the viewer may open this region: the region lies in their scope (the server checks too). */
export function isInScope(code: string, scope: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}

/** The ancestors of `code` from the user's scope down, without `code` itself (`52.03`, `52.03.01`). */
export function breadcrumbCodes(code: string, scope: string): string[] {
  const parts = code.split('.');
  const codes: string[] = [];
  for (let depth = 1; depth < parts.length; depth++) {
    const ancestor = parts.slice(0, depth).join('.');
    if (ancestor.length >= scope.length) codes.push(ancestor);
  }
  return codes;
}

/** An official denominator's source as shown after its number, with the year when the source does not name it. */
export function officialSourceLabel(official: { source: string; year: number }): string {
  return official.source.includes(String(official.year)) ? official.source : `${official.source} ${official.year}`;
}

export const SORT_KEYS = ['rank', 'name', 'workers', 'covered', 'grace', 'lapsed', 'coverageRegister', 'coverageOfficial'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export type RankedRow = CoverageRow & { rank: number | null };

/**
 * Ranks rows by the percentage that decides the category, highest first; equal figures share a rank
 * (1, 2, 2, 4) and rows without a figure get none.
 */
export function rankRows(rows: readonly CoverageRow[], basis: 'register' | 'official'): RankedRow[] {
  const valueOf = (r: CoverageRow) => (basis === 'official' ? r.coverageOfficial : r.coverageRegister);
  const ordered = [...rows].filter((r) => valueOf(r) !== null).sort((a, b) => (valueOf(b) ?? 0) - (valueOf(a) ?? 0));
  const ranks = new Map<string, number>();
  ordered.forEach((row, index) => {
    const previous = ordered[index - 1];
    const rank = previous && valueOf(previous) === valueOf(row) ? (ranks.get(previous.code) ?? index + 1) : index + 1;
    ranks.set(row.code, rank);
  });
  return rows.map((r) => ({ ...r, rank: ranks.get(r.code) ?? null }));
}

/**
 * Rows sorted by one column. Missing figures (null) always go last, whichever the direction; names
 * compare the Indonesian way; ties keep the name order so the table never jumps.
 */
export function sortRows<T extends RankedRow>(rows: readonly T[], key: SortKey, dir: SortDir): T[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'id');
  return [...rows].sort((a, b) => {
    if (key === 'name') return dir === 'asc' ? byName(a, b) : byName(b, a);
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const diff = dir === 'asc' ? x - y : y - x;
    return diff !== 0 ? diff : byName(a, b);
  });
}

/** The direction a column starts in when first clicked: names A–Z, ranks 1 first, figures highest first. */
export function defaultDirFor(key: SortKey): SortDir {
  return key === 'name' || key === 'rank' ? 'asc' : 'desc';
}

/** One month of the trend chart: actual percentages, the year's target, the national path, the projection. */
export interface TrendChartRow {
  month: string;
  register: number | null;
  official: number | null;
  target: number | null;
  national: number | null;
  projected: number | null;
}

/** The region's target for a year; with two (one per basis), the one on `basis`. */
export function targetForYear(targets: readonly Target[], year: number, basis: 'register' | 'official'): Target | null {
  const ofYear = targets.filter((t) => t.year === year);
  return ofYear.find((t) => t.basis === basis) ?? ofYear[0] ?? null;
}

/**
 * The national percentage for a month: each year's figure at its December, straight lines in between,
 * nothing before the first or after the last year given.
 */
export function nationalForMonth(points: readonly { year: number; percent: number }[], month: string): number | null {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return null;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const at = year + (m - 12) / 12;
  if (at < first.year - 11 / 12 || at > last.year) return null;
  if (at <= first.year) return first.percent;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (at <= b.year) return Math.round((a.percent + ((b.percent - a.percent) * (at - a.year)) / (b.year - a.year)) * 100) / 100;
  }
  return last.percent;
}

/** Months of projection drawn at most, so a rate that takes decades does not squash the actual months. */
export const MAX_PROJECTION_MONTHS = 60;

/**
 * The rows of the trend chart: every month with data, then the projected months. The projected line
 * starts at the last actual month so the dashed line continues the solid one.
 */
export function buildTrendRows(trend: TrendResponse): TrendChartRow[] {
  const basis = trend.projection?.basis ?? 'register';
  const percentOn = (p: { coverageRegister: number | null; coverageOfficial: number | null }) =>
    basis === 'official' ? p.coverageOfficial : p.coverageRegister;
  const rows: TrendChartRow[] = trend.months.map((p) => ({
    month: p.month,
    register: p.coverageRegister,
    official: p.coverageOfficial,
    target: targetForYear(trend.targets, Number(p.month.slice(0, 4)), basis)?.percent ?? null,
    national: nationalForMonth(trend.national.points, p.month),
    projected: null,
  }));
  const last = rows[rows.length - 1];
  const lastPoint = trend.months[trend.months.length - 1];
  if (!trend.projection || !last || !lastPoint) return rows;
  const path = trend.projection.path.filter((p) => p.month > last.month).slice(0, MAX_PROJECTION_MONTHS);
  if (path.length === 0) return rows;
  last.projected = percentOn(lastPoint);
  let expected = addMonths(last.month, 1);
  for (const p of path) {
    // The path should be consecutive; a gap is filled with empty months so the axis stays even.
    while (expected < p.month) {
      rows.push({ month: expected, register: null, official: null, target: targetForYear(trend.targets, Number(expected.slice(0, 4)), basis)?.percent ?? null, national: nationalForMonth(trend.national.points, expected), projected: null });
      expected = addMonths(expected, 1);
    }
    rows.push({
      month: p.month,
      register: null,
      official: null,
      target: targetForYear(trend.targets, Number(p.month.slice(0, 4)), basis)?.percent ?? null,
      national: nationalForMonth(trend.national.points, p.month),
      projected: p.percent,
    });
    expected = addMonths(p.month, 1);
  }
  return rows;
}

/** Workers of a breakdown row in no protection at all: neither covered, in grace nor lapsed. */
export function notEnrolledOf(row: { workers: number; covered: number; grace: number; lapsed: number }): number {
  return Math.max(0, row.workers - row.covered - row.grace - row.lapsed);
}

/** Schema issues as `{ 'thresholds.low': message }`, the first message of each field kept. */
export function issueMap(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}
