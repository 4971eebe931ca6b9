/**
 * Request and response shapes of coverage figures, trend, targets, leaderboard, award rounds, reports and
 * the public page: one file shared by the server (validation, OpenAPI) and the browser (types).
 * Percentages have one decimal (null when the denominator is 0 or missing); months are YYYY-MM.
 */
import { z } from 'zod';
import { AWARD_CRITERIA } from './awards.ts';
import { COVERAGE_CATEGORIES } from './coverage-figures.ts';
import { MONTH_PATTERN } from './months.ts';
import { isoDateSchema } from './workers.schema.ts';

const regionCodeSchema = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'Kode wilayah ditulis seperti 52.03 atau 52.03.01.2001.');
const percentSchema = z.number().nullable();
const categorySchema = z.enum(COVERAGE_CATEGORIES).nullable();
const yearSchema = z.coerce
  .number({ error: 'Tahun ditulis empat angka, misalnya 2026.' })
  .int('Tahun ditulis empat angka, misalnya 2026.')
  .min(2000, 'Tahun paling awal 2000.')
  .max(2100, 'Tahun paling akhir 2100.');

export const COVERAGE_GROUPINGS = ['district', 'village'] as const;
export type CoverageGrouping = (typeof COVERAGE_GROUPINGS)[number];

/** An official denominator as entered by an admin (e.g. BPS Sakernas informal workers), with where it comes from. */
export const officialDenominatorSchema = z.object({ value: z.number().int(), source: z.string(), year: z.number().int() });

/** Counts and percentages of one region on one date. `notEnrolled` = workers − covered − grace − lapsed. */
export const coverageRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'regency', 'district', 'village']),
  workers: z.number().int(),
  covered: z.number().int(),
  grace: z.number().int(),
  lapsed: z.number().int(),
  notEnrolled: z.number().int(),
  /** Workers never enrolled up to this date (notEnrolled also holds those whose participation ended or starts later). */
  neverEnrolled: z.number().int(),
  /** covered ÷ workers in the register × 100. */
  coverageRegister: percentSchema,
  /** covered ÷ the official denominator × 100; null without one. */
  coverageOfficial: percentSchema,
  official: officialDenominatorSchema.nullable(),
  category: categorySchema,
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const thresholdsSchema = z.object({
  low: z.number({ error: 'Batas ditulis sebagai angka persen.' }).min(0, 'Batas 0–100.').max(100, 'Batas 0–100.'),
  medium: z.number({ error: 'Batas ditulis sebagai angka persen.' }).min(0, 'Batas 0–100.').max(100, 'Batas 0–100.'),
  high: z.number({ error: 'Batas ditulis sebagai angka persen.' }).min(0, 'Batas 0–100.').max(100, 'Batas 0–100.'),
});

export const DENOMINATOR_KINDS = ['register', 'official'] as const;

export const coverageQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  date: isoDateSchema.optional(),
  by: z.enum(COVERAGE_GROUPINGS, { error: 'Pengelompokan harus district atau village.' }).optional(),
});

export const coverageResponseSchema = z.object({
  /** The date asked for (default today). Figures are those of its month: payments are monthly. */
  date: z.string(),
  month: z.string(),
  region: coverageRowSchema,
  by: z.enum(COVERAGE_GROUPINGS).nullable(),
  rows: z.array(coverageRowSchema),
  /** What each percentage is measured against, in words (shown beside every figure). */
  denominators: z.object({ register: z.string(), official: z.string() }),
  categoryBasis: z.enum(DENOMINATOR_KINDS),
  thresholds: thresholdsSchema,
});
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

// ---- Headline and breakdown ------------------------------------------------------------------------

export const headlineResponseSchema = z.object({
  date: z.string(),
  region: coverageRowSchema,
  /** Workers in the register not covered today (grace, lapsed, never or no longer enrolled). */
  uncovered: z.number().int(),
  /** Covered or in grace today whose protection ends within 30 days unless paid. */
  lapsingWithin30Days: z.number().int(),
  /** Benefits paid to workers and heirs; null until claims are recorded. */
  benefitsPaid: z.object({ amount: z.number().int(), claims: z.number().int() }).nullable(),
});
export type HeadlineResponse = z.infer<typeof headlineResponseSchema>;

export const breakdownRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  workers: z.number().int(),
  covered: z.number().int(),
  grace: z.number().int(),
  lapsed: z.number().int(),
  coverageRegister: percentSchema,
});
export const breakdownResponseSchema = z.object({
  date: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  occupation: z.array(breakdownRowSchema),
  sex: z.array(breakdownRowSchema),
  ageBand: z.array(breakdownRowSchema),
  /** Covered and grace workers by who pays the month (the funding source committed for it; SELF otherwise). */
  fundingSource: z.array(z.object({ key: z.string(), label: z.string(), covered: z.number().int(), grace: z.number().int() })),
});
export type BreakdownResponse = z.infer<typeof breakdownResponseSchema>;

// ---- Trend, targets, projection --------------------------------------------------------------------

export const trendPointSchema = z.object({
  month: z.string(),
  workers: z.number().int(),
  covered: z.number().int(),
  grace: z.number().int(),
  lapsed: z.number().int(),
  coverageRegister: percentSchema,
  coverageOfficial: percentSchema,
});
export const targetSchema = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  percent: z.number(),
  basis: z.enum(DENOMINATOR_KINDS),
  note: z.string().nullable(),
});
export type Target = z.infer<typeof targetSchema>;

export const projectionSchema = z.object({
  basis: z.enum(DENOMINATOR_KINDS),
  denominator: z.number().int(),
  targetYear: z.number().int(),
  targetPercent: z.number(),
  /** Covered workers the target needs against the denominator. */
  targetCovered: z.number().int(),
  /** Average net change of covered workers per month over the last `lastMonths` months. */
  lastMonths: z.number().int(),
  ratePerMonth: z.number().nullable(),
  /** 'already', a month YYYY-MM, or null when it will never be reached at this rate. */
  monthReached: z.string().nullable(),
  /** Net new covered workers per month needed to reach the target by the end of its year. */
  requiredPerMonth: z.number().int().nullable(),
  /** Projected covered workers month by month up to the target month, at the current rate. */
  path: z.array(z.object({ month: z.string(), covered: z.number().int(), percent: percentSchema })),
});

export const trendQuerySchema = z.object({ region: regionCodeSchema.optional(), months: z.coerce.number().int().min(1).max(36).optional() });
export const trendResponseSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  /** From the first month with data up to this month. */
  months: z.array(trendPointSchema),
  targets: z.array(targetSchema),
  /** The national UCJ path from domain.md, a reference line (not this region's target). */
  national: z.object({ source: z.string(), points: z.array(z.object({ year: z.number().int(), percent: z.number() })) }),
  projection: projectionSchema.nullable(),
});
export type TrendResponse = z.infer<typeof trendResponseSchema>;

export const targetPutSchema = z.object({
  percent: z.number({ error: 'Target ditulis sebagai angka persen, misalnya 60.' }).gt(0, 'Target harus lebih dari 0%.').max(100, 'Target paling tinggi 100%.'),
  basis: z.enum(DENOMINATOR_KINDS, { error: 'Dasar target harus register atau official.' }).default('register'),
  note: z.string().trim().max(300).optional(),
});
export const denominatorPutSchema = z.object({
  value: z.number({ error: 'Isi jumlah pekerja sebagai angka.' }).int('Isi jumlah pekerja sebagai bilangan bulat.').min(1, 'Jumlah pekerja paling sedikit 1.').max(300_000_000),
  source: z.string({ error: 'Sebutkan sumbernya, misalnya "BPS Sakernas Agustus 2025".' }).trim().min(3, 'Sebutkan sumbernya, misalnya "BPS Sakernas Agustus 2025".').max(300),
});
export const denominatorSchema = z.object({ regionCode: z.string(), regionName: z.string(), year: z.number().int(), value: z.number().int(), source: z.string(), updatedAt: z.string() });
export const regionYearParamsSchema = z.object({ region: regionCodeSchema, year: yearSchema });

export const coverageSettingsSchema = z.object({
  thresholds: thresholdsSchema,
  categoryBasis: z.enum(DENOMINATOR_KINDS),
  /** The net enrolment rate of the last N months drives the projection. */
  projectionMonths: z.number().int().min(1, 'Paling sedikit 1 bulan.').max(24, 'Paling banyak 24 bulan.'),
});
export type CoverageSettings = z.infer<typeof coverageSettingsSchema>;

// ---- Leaderboard and award rounds ------------------------------------------------------------------

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
export const periodSchema = z
  .string({ error: 'Periode wajib diisi: TTTT, TTTT-Qn atau TTTT-BB (misalnya 2026, 2026-Q3, 2026-09).' })
  .regex(PERIOD_PATTERN, 'Periode ditulis TTTT, TTTT-Qn atau TTTT-BB (misalnya 2026, 2026-Q3, 2026-09).');
export const LEADERBOARD_ORDERS = ['coverage', 'growth', 'covered'] as const;

export const periodInfoSchema = z.object({
  period: z.string(),
  label: z.string(),
  /** First and last month of the period; `endMonth` stops at this month while the period runs. */
  fromMonth: z.string(),
  toMonth: z.string(),
  endMonth: z.string(),
  /** The month before the period: growth counts participants covered at `endMonth` and not here. */
  baseMonth: z.string(),
});
export type PeriodInfo = z.infer<typeof periodInfoSchema>;

export const leaderboardRowSchema = z.object({
  rank: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  workers: z.number().int(),
  covered: z.number().int(),
  coverageRegister: percentSchema,
  coveredAtStart: z.number().int(),
  /** Participants covered at the end of the period who were not at its start (short enrolments never count). */
  growth: z.number().int(),
  /** covered − coveredAtStart: can be negative when participants lapsed. */
  netChange: z.number().int(),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;
export const leaderboardQuerySchema = z.object({
  /** Default: the current year. */
  period: periodSchema.optional(),
  by: z.enum(LEADERBOARD_ORDERS, { error: 'Urutan harus coverage, growth atau covered.' }).default('coverage'),
  region: regionCodeSchema.optional(),
});
export const leaderboardResponseSchema = z.object({
  period: periodInfoSchema,
  by: z.enum(LEADERBOARD_ORDERS),
  region: z.object({ code: z.string(), name: z.string() }),
  rows: z.array(leaderboardRowSchema),
});
export type LeaderboardResponse = z.infer<typeof leaderboardResponseSchema>;

const weightSchema = z.number({ error: 'Bobot ditulis sebagai angka.' }).min(0, 'Bobot tidak boleh negatif.').max(100, 'Bobot paling besar 100.');
export const awardRoundCreateSchema = z.object({
  name: z.string({ error: 'Nama putaran wajib diisi.' }).trim().min(3, 'Nama putaran paling sedikit 3 huruf.').max(200),
  period: periodSchema,
  criteria: z.object({ coverage: weightSchema, growth: weightSchema, covered: weightSchema }),
  winners: z.number({ error: 'Jumlah pemenang ditulis sebagai angka.' }).int('Jumlah pemenang bilangan bulat.').min(1, 'Paling sedikit 1 pemenang.').max(100),
  region: regionCodeSchema.optional(),
});
export const awardEntrySchema = leaderboardRowSchema.omit({ rank: true }).extend({
  rank: z.number().int(),
  score: z.number(),
  parts: z.object(Object.fromEntries(AWARD_CRITERIA.map((c) => [c, z.number()])) as Record<(typeof AWARD_CRITERIA)[number], z.ZodNumber>),
  isWinner: z.boolean(),
});
export type AwardEntryDto = z.infer<typeof awardEntrySchema>;
export const awardRoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  period: periodInfoSchema,
  region: z.object({ code: z.string(), name: z.string() }),
  criteria: z.object({ coverage: z.number(), growth: z.number(), covered: z.number() }),
  winners: z.number().int(),
  winnerCount: z.number().int(),
  tiedAtCutoff: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  entries: z.array(awardEntrySchema),
});
export type AwardRoundDto = z.infer<typeof awardRoundSchema>;
export const awardRoundListSchema = z.object({
  items: z.array(awardRoundSchema.omit({ entries: true }).extend({ winnerNames: z.array(z.string()) })),
});

// ---- Public page (no login; small counts suppressed) ----------------------------------------------

/** A public count: null when 1–4 (could identify a person) or when it would reveal a suppressed cell. */
const publicCount = z.number().int().nullable();
export const publicCoverageRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  workers: publicCount,
  covered: publicCount,
  grace: publicCount,
  lapsed: publicCount,
  coverageRegister: percentSchema,
  category: categorySchema,
  suppressed: z.boolean(),
});
export const publicCoverageResponseSchema = z.object({
  date: z.string(),
  region: publicCoverageRowSchema,
  by: z.enum(COVERAGE_GROUPINGS),
  rows: z.array(publicCoverageRowSchema),
  minCount: z.number().int(),
  denominators: z.object({ register: z.string() }),
  /** Benefits paid to families of the region (net of corrections); null while fewer than `minCount` claims were paid. */
  benefitsPaid: z.object({ amount: z.number().int(), claims: z.number().int() }).nullable(),
});
export const publicTrendResponseSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  months: z.array(z.object({ month: z.string(), workers: publicCount, covered: publicCount, coverageRegister: percentSchema })),
});
export const publicAwardResponseSchema = z.object({
  round: z
    .object({
      name: z.string(),
      period: periodInfoSchema,
      createdAt: z.string(),
      winners: z.array(z.object({ rank: z.number().int(), code: z.string(), name: z.string(), districtName: z.string(), coverageRegister: percentSchema, score: z.number() })),
    })
    .nullable(),
});

export const monthParamSchema = z.string().regex(MONTH_PATTERN);
export { regionCodeSchema, yearSchema };

export const targetListSchema = z.object({ items: z.array(targetSchema) });
export const denominatorListSchema = z.object({ items: z.array(denominatorSchema) });
export const optionalRegionQuerySchema = z.object({ region: regionCodeSchema.optional() });
export const dateRegionQuerySchema = z.object({ region: regionCodeSchema.optional(), date: isoDateSchema.optional() });
export const paritranaQuerySchema = z.object({ year: yearSchema.optional() });
