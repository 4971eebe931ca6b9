/**
 * A worker's protection month by month, as a few spans instead of one row per month: the shape the
 * coverage history is built from. Each month's status is the status on its last day (payments are per
 * month; an end date inside a month ends that month). Derived from the same rules as everything else
 * (core/coverage.ts) with the grace rule in force in each month, so a history computed today equals the
 * status each day had — and a newly installed regency with old payment records sees its past.
 */
import type { Participation } from './coverage.ts';
import { addMonths, monthOf } from './months.ts';
import type { GraceRule } from './premiums.ts';

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

/** `YYYY-MM` as a month number, so the timeline walks integers instead of strings. */
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthAtIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const ACTIVE = 0;
const GRACE = 1;
const LAPSED = 2;
const STATUS_NAMES: readonly MonthStatus[] = ['covered', 'grace', 'lapsed'];

/** A participation prepared for month-by-month questions: its paid ranges merged into runs once. */
interface PreparedParticipation {
  program: 'JKK' | 'JKM';
  start: number;
  /** First month it no longer counts (the month of its end date), or Infinity. */
  end: number;
  /** Merged runs of paid months, oldest first; null: only `paidUntil` is known (it counts for every month). */
  runs: { from: number; to: number }[] | null;
  paidUntil: number | null;
}

function prepare(p: Participation): PreparedParticipation {
  let runs: PreparedParticipation['runs'] = null;
  if (p.paidRanges) {
    runs = [];
    // Same merge as core/coverage.ts paidThroughIn: a range touching or overlapping the run extends it.
    for (const r of [...p.paidRanges].sort((a, b) => a.from.localeCompare(b.from))) {
      const from = monthIndex(r.from);
      const to = monthIndex(r.to);
      const last = runs.at(-1);
      if (last && from <= last.to + 1) last.to = Math.max(last.to, to);
      else runs.push({ from, to });
    }
  }
  return {
    program: p.program as 'JKK' | 'JKM',
    start: monthIndex(p.startMonth),
    end: p.endedOn ? monthIndex(p.endedOn.slice(0, 7)) : Number.POSITIVE_INFINITY,
    runs,
    paidUntil: p.paidUntil ? monthIndex(p.paidUntil) : null,
  };
}

/** core/coverage.ts programStatusOn for a month's last day, on prepared data: ACTIVE, GRACE or LAPSED. */
function programStatusIn(p: PreparedParticipation, month: number, graceMonths: number): number {
  let lastPaid: number | null = p.paidUntil;
  if (p.runs) {
    lastPaid = null;
    for (const run of p.runs) {
      if (run.from > month) break;
      lastPaid = run.to;
    }
  }
  const unpaid = month - (lastPaid ?? p.start - 1);
  if (unpaid <= 0) return ACTIVE;
  return unpaid <= graceMonths ? GRACE : LAPSED;
}

/**
 * Spans of covered / grace / lapsed months from the first JKK or JKM start month on. Months in which
 * the worker holds no current JKK and JKM participation (before the start, after an end) have no span.
 * The last span is open-ended. Month by month it is exactly core/coverage.ts coverageOn on the month's
 * last day with the grace rule in force that month (a property test holds the two together); it runs on
 * month numbers because a rebuild walks every month of a million workers.
 */
export function statusTimeline(participations: readonly Participation[], graceRules: readonly GraceRule[], fallbackGrace = 2): StatusSpan[] {
  const relevant = participations.filter((p) => p.program === 'JKK' || p.program === 'JKM');
  if (relevant.length === 0) return [];
  const prepared = relevant.map(prepare);
  const first = Math.min(...prepared.map((p) => p.start));
  const horizon = monthIndex(horizonOf(relevant, graceRules));
  const rules = [...graceRules].sort((a, b) => a.validFrom.localeCompare(b.validFrom)).map((r) => ({ from: monthIndex(r.validFrom), months: r.months }));
  const spans: StatusSpan[] = [];
  let open: { status: number; from: number } | null = null;
  const close = (lastMonth: number) => {
    if (open) spans.push({ status: STATUS_NAMES[open.status]!, from: monthAtIndex(open.from), to: monthAtIndex(lastMonth) });
    open = null;
  };
  for (let month = first; month <= horizon; month += 1) {
    let grace = fallbackGrace;
    for (const r of rules) if (r.from <= month) grace = r.months;
    let worst = ACTIVE;
    let enrolled = true;
    for (const program of ['JKK', 'JKM'] as const) {
      let best = -1;
      for (const p of prepared) {
        if (p.program !== program || month < p.start || month >= p.end) continue;
        const status = programStatusIn(p, month, grace);
        if (best === -1 || status < best) best = status;
      }
      if (best === -1) {
        enrolled = false;
        break;
      }
      if (best > worst) worst = best;
    }
    if (!enrolled) {
      close(month - 1);
      continue;
    }
    const current = open as { status: number; from: number } | null;
    if (current && current.status === worst) continue;
    close(month - 1);
    open = { status: worst, from: month };
  }
  const last = open as { status: number; from: number } | null;
  if (last) spans.push({ status: STATUS_NAMES[last.status]!, from: monthAtIndex(last.from), to: null });
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
