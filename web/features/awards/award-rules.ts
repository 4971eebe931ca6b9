/** Pure helpers of the leaderboard, award rounds and public page: periods, figures, ties, report addresses, the round form. */
import { withQuery } from '../../api/client.ts';
import { formatDate, formatMonth, type Lang } from '../../lib/format.ts';

export type Quarter = 1 | 2 | 3 | 4;

/** A period as the picker holds it: a year, and at most one of a quarter or a month (1–12). */
export interface PeriodParts {
  year: number;
  quarter: Quarter | null;
  month: number | null;
}

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** `{2026}` → `2026`, `{2026, Q3}` → `2026-Q3`, `{2026, month 9}` → `2026-09` (a month wins over a quarter). */
export function buildPeriod({ year, quarter, month }: PeriodParts): string {
  if (month !== null) return `${year}-${String(month).padStart(2, '0')}`;
  if (quarter !== null) return `${year}-Q${quarter}`;
  return String(year);
}

/** The reverse of buildPeriod; null for anything that is not `TTTT`, `TTTT-Qn` or `TTTT-BB`. */
export function parsePeriod(period: string | null | undefined): PeriodParts | null {
  const match = PERIOD.exec(period ?? '');
  if (!match) return null;
  return {
    year: Number(match[1]),
    quarter: match[2] ? (Number(match[2]) as Quarter) : null,
    month: match[3] ? Number(match[3]) : null,
  };
}

/** The first month of a period (`2026-Q3` → `2026-07`), to tell whether it has begun. */
export function periodStart({ year, quarter, month }: PeriodParts): string {
  const first = month ?? (quarter === null ? 1 : quarter * 3 - 2);
  return `${year}-${String(first).padStart(2, '0')}`;
}

/** Years offered: the last five up to this one, and whatever the value holds. */
export function recentYears(thisYear: number, value?: number): number[] {
  const years = [0, 1, 2, 3, 4].map((n) => thisYear - n);
  if (value !== undefined && !years.includes(value)) years.push(value);
  return years.sort((a, b) => b - a);
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** `2026`, `Triwulan III 2026` / `Q3 2026`, `September 2026`; anything unreadable as it is. */
export function periodLabel(period: string, lang: Lang): string {
  const parts = parsePeriod(period);
  if (!parts) return period;
  if (parts.month !== null) return formatMonth(period, lang);
  if (parts.quarter !== null) return lang === 'id' ? `Triwulan ${ROMAN[parts.quarter - 1]} ${parts.year}` : `Q${parts.quarter} ${parts.year}`;
  return String(parts.year);
}

/** The roman numeral of a quarter, as Indonesian reports write it (`Triwulan III`). */
export function quarterNumeral(quarter: Quarter): string {
  return ROMAN[quarter - 1] ?? String(quarter);
}

const oneDecimal = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('id-ID');

/** A percentage 0..100 with one decimal: `78.43` → `78,4%`; null (no denominator) → `–`. */
export function formatPercent1(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${oneDecimal.format(value)}%`;
}

/** A score or normalised part 0..100 with two decimals: `87.5` → `87,50`. */
export function formatScore(value: number): string {
  return twoDecimals.format(value);
}

/** A change with its sign: `12` → `+12`, `-3` → `−3`, `0` → `0`; thousands grouped (`+1.204`). */
export function formatSigned(value: number): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${whole.format(Math.abs(value))}`;
}

/** How a hidden count is written on the public page. */
export const HIDDEN_MARK = '•';

/** A public count: null means suppressed (under 5, or a figure that would reveal one) → `•`. */
export function formatPublicCount(value: number | null): string {
  // A hidden count is not always under 5 (some are hidden because they would reveal one that is): no "< 5".
  return value === null ? HIDDEN_MARK : whole.format(value);
}

/** The ranks held by more than one row, so a table can mark them as shared ("1, 2, 2, 4" → {2}). */
export function sharedRanks(rows: readonly { rank: number | null }[]): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const { rank } of rows) {
    if (rank === null) continue;
    if (seen.has(rank)) shared.add(rank);
    seen.add(rank);
  }
  return shared;
}

export const CRITERIA = ['coverage', 'growth', 'covered'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Weights = Record<Criterion, number>;

/** Each weight's share of their sum, 0..100; null for all when the sum is 0 (nothing to divide by). */
export function weightShares(weights: Weights): Record<Criterion, number | null> {
  const total = CRITERIA.reduce((sum, c) => sum + (Number.isFinite(weights[c]) ? weights[c] : 0), 0);
  return Object.fromEntries(CRITERIA.map((c) => [c, total > 0 ? (weights[c] / total) * 100 : null])) as Record<Criterion, number | null>;
}

// ---- Report addresses ----------------------------------------------------------------------------

export type LeaderboardOrder = 'coverage' | 'growth' | 'covered';

export interface LeaderboardQuery {
  period: string;
  by: LeaderboardOrder;
  region?: string;
}

export function leaderboardPath(query: LeaderboardQuery): string {
  return withQuery('/api/leaderboard', { ...query });
}

export function leaderboardXlsxPath(query: LeaderboardQuery): string {
  return withQuery('/api/reports/leaderboard.xlsx', { ...query });
}

export function roundXlsxPath(roundId: string): string {
  return `/api/reports/awards/${encodeURIComponent(roundId)}/ranking.xlsx`;
}

export function certificatePath(roundId: string, villageCode: string): string {
  return `/api/reports/awards/${encodeURIComponent(roundId)}/certificates/${encodeURIComponent(villageCode)}.pdf`;
}

export function paritranaPath(year: number, format: 'pdf' | 'xlsx'): string {
  return withQuery(`/api/reports/paritrana.${format}`, { year });
}

// ---- The round form ------------------------------------------------------------------------------

/** The form as typed: a NumberInput gives `''` while empty. */
export interface RoundForm {
  name: string;
  period: string;
  weights: Record<Criterion, number | ''>;
  winners: number | '';
}

export type RoundFormProblem = 'nameTooShort' | 'weightInvalid' | 'allZero' | 'winnersInvalid';

/**
 * What stops the form from being sent, per field (`name`, `criteria.coverage`…, `criteria`, `winners`),
 * mirroring awardRoundCreateSchema so the admin hears it before the server does.
 */
export function roundFormProblems(form: RoundForm): Partial<Record<string, RoundFormProblem>> {
  const problems: Partial<Record<string, RoundFormProblem>> = {};
  if (form.name.trim().length < 3) problems.name = 'nameTooShort';
  for (const c of CRITERIA) {
    const w = form.weights[c];
    if (w === '' || !Number.isFinite(w) || w < 0 || w > 100) problems[`criteria.${c}`] = 'weightInvalid';
  }
  if (CRITERIA.every((c) => form.weights[c] === 0 || form.weights[c] === '')) problems.criteria = 'allZero';
  if (form.winners === '' || !Number.isInteger(form.winners) || form.winners < 1 || form.winners > 100) problems.winners = 'winnersInvalid';
  return problems;
}

/** The request body of a valid form (see roundFormProblems first). */
export function roundBody(form: RoundForm): { name: string; period: string; criteria: Weights; winners: number } {
  return {
    name: form.name.trim(),
    period: form.period,
    criteria: { coverage: Number(form.weights.coverage), growth: Number(form.weights.growth), covered: Number(form.weights.covered) },
    winners: Number(form.winners),
  };
}

/** A short month for a chart axis: `2026-11` → `Nov 26`. */
export function shortMonth(month: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(date);
}

/** When something was created, as a day: `25 November 2026` (a bare date as it is, a timestamp in the reader's clock). */
export function formatCreatedDay(iso: string, lang: Lang): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso, lang);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
