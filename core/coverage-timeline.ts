/**
 * A worker's protection month by month, as a few spans instead of one row per month: the shape the
 * coverage history is built from. Each month's status is the status on its last day (payments are per
 * month; an end date inside a month ends that month). Derived from the same rules as everything else
 * (core/coverage.ts) with the grace rule in force in each month, so a history computed today equals the
 * status each day had — and a newly installed regency with old payment records sees its past.
 */
import { coverageOn, lastDayOfMonth, type Participation } from './coverage.ts';
import { addMonths, monthOf } from './months.ts';
import { graceMonthsIn, type GraceRule } from './premiums.ts';

export type MonthStatus = 'covered' | 'grace' | 'lapsed';

/** `from`..`to` inclusive; `to` null: the status holds from then on (until new data changes it). */
export interface StatusSpan {
  status: MonthStatus;
  from: string;
  to: string | null;
}

/** The months after which nothing in the data can change a status any more. */
function horizonOf(participations: readonly Participation[], graceRules: readonly GraceRule[]): string {
  const months: string[] = [];
  for (const p of participations) {
    months.push(p.startMonth);
    if (p.paidUntil) months.push(p.paidUntil);
    for (const r of p.paidRanges ?? []) months.push(r.to);
    if (p.endedOn) months.push(monthOf(p.endedOn));
  }
  for (const rule of graceRules) months.push(rule.validFrom);
  const latest = months.sort().at(-1)!;
  const longestGrace = Math.max(2, ...graceRules.map((r) => r.months));
  return addMonths(latest, longestGrace + 1);
}

/**
 * Spans of covered / grace / lapsed months from the first JKK or JKM start month on. Months in which
 * the worker holds no current JKK and JKM participation (before the start, after an end) have no span.
 * The last span is open-ended.
 */
export function statusTimeline(participations: readonly Participation[], graceRules: readonly GraceRule[], fallbackGrace = 2): StatusSpan[] {
  const relevant = participations.filter((p) => p.program === 'JKK' || p.program === 'JKM');
  if (relevant.length === 0) return [];
  const first = relevant.map((p) => p.startMonth).sort()[0]!;
  const horizon = horizonOf(relevant, graceRules);
  const spans: StatusSpan[] = [];
  for (let month = first; month <= horizon; month = addMonths(month, 1)) {
    const { status } = coverageOn([...relevant], lastDayOfMonth(month), graceMonthsIn(graceRules, month, fallbackGrace));
    const last = spans.at(-1);
    if (status === 'not_enrolled') {
      if (last && last.to === null) last.to = addMonths(month, -1);
      continue;
    }
    if (last && last.to === null && last.status === status) continue;
    if (last && last.to === null) last.to = addMonths(month, -1);
    spans.push({ status, from: month, to: null });
  }
  return spans;
}

/** The status of a month from a worker's spans, or null when not enrolled then. */
export function statusIn(spans: readonly StatusSpan[], month: string): MonthStatus | null {
  return spans.find((s) => s.from <= month && (s.to === null || month <= s.to))?.status ?? null;
}

export interface StatusDelta {
  month: string;
  status: MonthStatus;
  delta: 1 | -1;
}

/**
 * Spans as +1 at their first month and −1 after their last: summing the deltas of all workers up to a
 * month gives that month's counts, so a change to one worker's history is a handful of deltas to add
 * (its new spans) and take away (its old ones) in a per-village table.
 */
export function spanDeltas(spans: readonly StatusSpan[]): StatusDelta[] {
  return spans.flatMap((s) => [
    { month: s.from, status: s.status, delta: 1 as const },
    ...(s.to === null ? [] : [{ month: addMonths(s.to, 1), status: s.status, delta: -1 as const }]),
  ]);
}
