/**
 * Premium arithmetic for informal (BPU) participants, from a dated rate table (never constants): each
 * month is priced with the rate in force that month. Money is whole Rupiah.
 */
import { addMonths, monthsBetween } from './months.ts';
import type { Program } from './coverage.ts';

export interface PremiumRate {
  program: Program;
  /** Share of declared income in basis points (100 = 1%); null for a flat rate. */
  percentBp: number | null;
  flatAmount: number | null;
  /** Declared income is raised to this before the share is taken. */
  minIncome: number | null;
  /** First month (YYYY-MM) the rate applies to. */
  validFrom: string;
  regulation: string;
}

export interface GraceRule {
  months: number;
  validFrom: string;
  regulation: string;
}

/** The informal-worker package: every participant holds at least these two together (shared/domain.md). */
export const REQUIRED_PROGRAMS = ['JKK', 'JKM'] as const satisfies readonly Program[];
export const PROGRAM_ORDER: readonly Program[] = ['JKK', 'JKM', 'JHT'];

/** The row of a dated table in force in `month`: the latest `validFrom` on or before it. */
export function ruleInForce<T extends { validFrom: string }>(rows: readonly T[], month: string): T | undefined {
  let best: T | undefined;
  for (const row of rows) if (row.validFrom <= month && (!best || row.validFrom > best.validFrom)) best = row;
  return best;
}

export function rateInForce(rates: readonly PremiumRate[], program: Program, month: string): PremiumRate | undefined {
  return ruleInForce(
    rates.filter((r) => r.program === program),
    month,
  );
}

/** Unpaid months that still protect, on a month, from the dated grace rules. */
export function graceMonthsIn(rules: readonly GraceRule[], month: string, fallback = 2): number {
  return ruleInForce(rules, month)?.months ?? fallback;
}

/** One programme's premium for one month at a declared income (already raised to the minimum). */
export function monthlyPremium(rate: PremiumRate, declaredIncome: number): number {
  if (rate.flatAmount !== null) return rate.flatAmount;
  const income = Math.max(declaredIncome, rate.minIncome ?? 0);
  // Basis points of whole Rupiah, rounded half up to whole Rupiah.
  return Math.round((income * (rate.percentBp ?? 0)) / 10_000);
}

export interface QuoteInput {
  income: number;
  programs: Program[];
  months: number;
  startMonth: string;
}

export interface QuoteMonth {
  month: string;
  amounts: Partial<Record<Program, number>>;
  total: number;
}

export interface Quote {
  /** The income asked about. */
  income: number;
  /** The income premiums are computed on: raised to the minimum when below it. */
  declaredIncome: number;
  incomeRaised: boolean;
  minimumIncome: number | null;
  startMonth: string;
  endMonth: string;
  months: QuoteMonth[];
  /** Per programme: the amount in the first month and over the whole period, with the rate used first. */
  programs: { program: Program; monthlyAmount: number; totalAmount: number; regulation: string; changesDuringPeriod: boolean }[];
  monthlyTotal: number;
  total: number;
}

export type QuoteProblem =
  | { code: 'PROGRAMS_INCOMPLETE'; field: 'programs'; missing: Program[] }
  | { code: 'RATE_MISSING'; field: 'startMonth'; program: Program; month: string };

/**
 * Prices `months` months from `startMonth`. A quote without both JKK and JKM is refused (informal
 * participants hold both together); an income under the minimum is raised to it and the answer says so.
 */
export function quotePremiums(rates: readonly PremiumRate[], input: QuoteInput): { ok: true; quote: Quote } | { ok: false; problem: QuoteProblem } {
  const missing = REQUIRED_PROGRAMS.filter((p) => !input.programs.includes(p));
  if (missing.length > 0) return { ok: false, problem: { code: 'PROGRAMS_INCOMPLETE', field: 'programs', missing } };
  const programs = PROGRAM_ORDER.filter((p) => input.programs.includes(p));
  const months: QuoteMonth[] = [];
  let minimumIncome: number | null = null;
  for (let i = 0; i < input.months; i++) {
    const month = addMonths(input.startMonth, i);
    const amounts: Partial<Record<Program, number>> = {};
    let total = 0;
    for (const program of programs) {
      const rate = rateInForce(rates, program, month);
      if (!rate) return { ok: false, problem: { code: 'RATE_MISSING', field: 'startMonth', program, month } };
      if (rate.minIncome !== null) minimumIncome = Math.max(minimumIncome ?? 0, rate.minIncome);
      amounts[program] = monthlyPremium(rate, input.income);
      total += amounts[program];
    }
    months.push({ month, amounts, total });
  }
  const first = months[0];
  return {
    ok: true,
    quote: {
      income: input.income,
      declaredIncome: Math.max(input.income, minimumIncome ?? 0),
      incomeRaised: minimumIncome !== null && input.income < minimumIncome,
      minimumIncome,
      startMonth: input.startMonth,
      endMonth: addMonths(input.startMonth, input.months - 1),
      months,
      programs: programs.map((program) => ({
        program,
        monthlyAmount: first?.amounts[program] ?? 0,
        totalAmount: months.reduce((sum, m) => sum + (m.amounts[program] ?? 0), 0),
        regulation: rateInForce(rates, program, input.startMonth)?.regulation ?? '',
        changesDuringPeriod: months.some((m) => m.amounts[program] !== first?.amounts[program]),
      })),
      monthlyTotal: first?.total ?? 0,
      total: months.reduce((sum, m) => sum + m.total, 0),
    },
  };
}

/** Inclusive number of months from `from` to `to`. */
export function monthCount(from: string, to: string): number {
  return monthsBetween(from, to) + 1;
}
