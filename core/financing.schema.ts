/**
 * Request and response shapes of enrolment, premiums, funding, payments and worklists: one file shared by
 * the server (validation, OpenAPI) and the browser (forms, types). Money is whole Rupiah, months YYYY-MM.
 */
import { z } from 'zod';
import { PROGRAMS } from './coverage.ts';
import { FUNDING_KINDS } from './funding.ts';
import { MONTH_PATTERN } from './months.ts';
import { priorityRulesSchema } from './prioritise.ts';
import { isoDateSchema } from './workers.schema.ts';

export const monthSchema = z.string({ error: 'Bulan wajib diisi (format TTTT-BB, misalnya 2026-01).' }).regex(MONTH_PATTERN, 'Bulan ditulis TTTT-BB, misalnya 2026-01.');
export const rupiahSchema = z
  .number({ error: 'Jumlah ditulis sebagai angka Rupiah tanpa titik, misalnya 201600.' })
  .int('Jumlah ditulis dalam Rupiah utuh, tanpa sen.')
  .min(0, 'Jumlah tidak boleh negatif.')
  .max(1_000_000_000_000, 'Jumlah terlalu besar; periksa jumlah nol.');
const programEnum = z.enum(PROGRAMS, { error: 'Program harus JKK, JKM atau JHT.' });
export const programsSchema = z.array(programEnum).min(1, 'Pilih program: paling sedikit JKK dan JKM.').max(3);
const fundingKindEnum = z.enum(FUNDING_KINDS, { error: 'Sumber dana harus salah satu dari APBD, ADD, DBHCHT, CSR, SELF, DD.' });
const uuidSchema = z.string().uuid('Pengenal tidak valid.');
export const reasonSchema = z.string({ error: 'Alasan wajib diisi.' }).trim().min(3, 'Tulis alasannya (paling sedikit 3 huruf).').max(500, 'Alasan paling panjang 500 huruf.');

// ---- Rates and rules ------------------------------------------------------------------------------

export const premiumRateSchema = z.object({
  id: z.string(),
  program: z.enum(PROGRAMS),
  percentBp: z.number().int().nullable(),
  flatAmount: z.number().int().nullable(),
  minIncome: z.number().int().nullable(),
  validFrom: z.string(),
  /** The month before the next row of the same programme starts; null while in force. */
  validUntil: z.string().nullable(),
  regulation: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const graceRuleSchema = z.object({
  id: z.string(),
  months: z.number().int(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  regulation: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const ratesResponseSchema = z.object({ rates: z.array(premiumRateSchema), graceRules: z.array(graceRuleSchema) });

/** A new rate row: either `percent` (of declared income, e.g. 1 or 0.24) or `flatAmount`. */
export const premiumRateCreateSchema = z
  .object({
    program: programEnum,
    percent: z.number().min(0).max(100).multipleOf(0.01, 'Persentase paling banyak dua angka di belakang koma.').nullish(),
    flatAmount: rupiahSchema.nullish(),
    minIncome: rupiahSchema.nullish(),
    validFrom: monthSchema,
    regulation: z.string({ error: 'Dasar hukum wajib diisi.' }).trim().min(3, 'Tulis peraturan dasar tarif ini.').max(300),
    note: z.string().trim().max(500).nullish(),
  })
  .superRefine((v, ctx) => {
    if ((v.percent == null) === (v.flatAmount == null))
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'Isi salah satu: persentase dari penghasilan atau iuran tetap (Rupiah).' });
  });
export type PremiumRateCreateInput = z.infer<typeof premiumRateCreateSchema>;

export const graceRuleCreateSchema = z.object({
  months: z.number({ error: 'Lama masa tenggang ditulis dalam bulan.' }).int().min(0).max(12),
  validFrom: monthSchema,
  regulation: z.string({ error: 'Dasar hukum wajib diisi.' }).trim().min(3).max(300),
  note: z.string().trim().max(500).nullish(),
});

// ---- Quote ------------------------------------------------------------------------------------------

export const quoteRequestSchema = z.object({
  income: rupiahSchema.describe('Declared monthly income; raised to the minimum when below it'),
  programs: programsSchema,
  months: z.number({ error: 'Jumlah bulan wajib diisi.' }).int().min(1, 'Paling sedikit 1 bulan.').max(120, 'Paling banyak 120 bulan.'),
  startMonth: monthSchema.optional().describe('YYYY-MM; this month when left out'),
});
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;

export const quoteResponseSchema = z.object({
  income: z.number().int(),
  declaredIncome: z.number().int(),
  incomeRaised: z.boolean(),
  minimumIncome: z.number().int().nullable(),
  /** Indonesian sentence when the income was raised to the minimum. */
  notice: z.string().nullable(),
  startMonth: z.string(),
  endMonth: z.string(),
  programs: z.array(
    z.object({ program: z.enum(PROGRAMS), monthlyAmount: z.number().int(), totalAmount: z.number().int(), regulation: z.string(), changesDuringPeriod: z.boolean() }),
  ),
  months: z.array(z.object({ month: z.string(), amounts: z.record(z.string(), z.number().int()), total: z.number().int() })),
  monthlyTotal: z.number().int(),
  total: z.number().int(),
});
export type QuoteResponse = z.infer<typeof quoteResponseSchema>;

// ---- Enrolments -------------------------------------------------------------------------------------

export const kpjSchema = z.string().trim().regex(/^\d{8,13}$/, 'Nomor KPJ berisi 8 sampai 13 angka.');

export const enrolmentCreateSchema = z.object({
  programs: programsSchema,
  kpj: kpjSchema.nullish(),
  startMonth: monthSchema,
  declaredIncome: rupiahSchema,
  fundingSource: fundingKindEnum.describe('Who pays by default'),
});
export type EnrolmentCreateInput = z.infer<typeof enrolmentCreateSchema>;

export const enrolmentPatchSchema = z.object({ kpj: kpjSchema.nullish(), declaredIncome: rupiahSchema.optional() });
export const enrolmentEndSchema = z.object({ endedOn: isoDateSchema, reason: reasonSchema });

export const paymentLineSchema = z.object({
  paymentId: z.string().nullable(),
  fromMonth: z.string(),
  toMonth: z.string(),
  amount: z.number().int(),
  sourceKind: z.string(),
  sourceName: z.string().nullable(),
  paidOn: z.string(),
  reference: z.string().nullable(),
  /** This line was reversed (or is itself a reversal) and no longer counts. */
  reversed: z.boolean(),
});

export const enrolmentDetailSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  program: z.enum(PROGRAMS),
  kpj: z.string().nullable(),
  startMonth: z.string(),
  declaredIncome: z.number().int(),
  fundingSource: z.string(),
  endedOn: z.string().nullable(),
  paidUntil: z.string().nullable(),
  /** Derived on the day asked: active, grace, lapsed, ended or not_started. */
  status: z.enum(['active', 'grace', 'lapsed', 'ended', 'not_started']),
  /** The last day the participant is protected if nothing more is paid (end of the grace months). */
  protectedUntil: z.string().nullable(),
  bpjsStatus: z.enum(['active', 'non_active']).nullable(),
  bpjsReportedOn: z.string().nullable(),
  payments: z.array(paymentLineSchema),
});
export type EnrolmentDetail = z.infer<typeof enrolmentDetailSchema>;
export const enrolmentListSchema = z.object({ items: z.array(enrolmentDetailSchema) });

// ---- Funding sources and budgets ----------------------------------------------------------------------

export const fundingSourceCreateSchema = z.object({
  kind: fundingKindEnum,
  /** Village code for ADD and DD; the regency for the others (defaults to the served regency). */
  regionCode: z.string().regex(/^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/, 'Kode wilayah tidak valid.').optional(),
  name: z.string().trim().min(2, 'Nama sumber dana minimal 2 huruf.').max(120).optional().describe('e.g. the CSR company; defaults to the kind and region'),
});
export const budgetPutSchema = z.object({
  amount: rupiahSchema,
  budgetLine: z.string().trim().max(200).nullish(),
  legalBasis: z.string().trim().max(300).nullish(),
});

export const fundingSourceSchema = z.object({
  id: z.string(),
  kind: z.enum(FUNDING_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  /** The caller may change its budget, commitments and payments. */
  canManage: z.boolean(),
  /** The figures of the fiscal year asked (this year by default). */
  fiscalYear: z.number().int(),
  budget: z
    .object({ amount: z.number().int(), budgetLine: z.string().nullable(), legalBasis: z.string().nullable(), updatedAt: z.string() })
    .nullable(),
  committed: z.number().int(),
  paid: z.number().int(),
  /** Budget minus committed; null without a budget (self-paid). */
  remaining: z.number().int().nullable(),
  workersFunded: z.number().int(),
});
export type FundingSourceDto = z.infer<typeof fundingSourceSchema>;
export const fundingSourceListSchema = z.object({ items: z.array(fundingSourceSchema) });

// ---- Commitments (assigning workers to a source) ---------------------------------------------------------

export const commitmentCreateSchema = z.object({
  sourceId: uuidSchema,
  workerIds: z.array(uuidSchema).min(1, 'Pilih paling sedikit satu pekerja.').max(5000, 'Paling banyak 5.000 pekerja sekali simpan.'),
  fromMonth: monthSchema,
  toMonth: monthSchema,
  programs: programsSchema.default(['JKK', 'JKM']),
  /** After this period the worker pays for themself; a reminder comes a month before it ends. */
  handoverToSelf: z.boolean().default(false),
});
export type CommitmentCreateInput = z.infer<typeof commitmentCreateSchema>;

export const commitmentSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceKind: z.enum(FUNDING_KINDS),
  sourceName: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  nik: z.string(),
  villageCode: z.string(),
  fiscalYear: z.number().int(),
  fromMonth: z.string(),
  toMonth: z.string(),
  programs: z.array(z.enum(PROGRAMS)),
  declaredIncome: z.number().int(),
  totalAmount: z.number().int(),
  /** Paid so far for this worker and period by this source. */
  paidAmount: z.number().int(),
  handoverToSelf: z.boolean(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export const commitmentListSchema = z.object({ items: z.array(commitmentSchema), total: z.number().int(), totalAmount: z.number().int() });
export const commitmentCreateResponseSchema = z.object({
  items: z.array(commitmentSchema),
  totalAmount: z.number().int(),
  /** Workers enrolled (JKK+JKM) by this commitment because they were not yet. */
  enrolledWorkers: z.number().int(),
});
export const commitmentCancelSchema = z.object({ reason: reasonSchema });

// ---- Payments --------------------------------------------------------------------------------------

export const paymentCreateSchema = z.object({
  sourceId: uuidSchema,
  workerIds: z.array(uuidSchema).min(1, 'Pilih paling sedikit satu pekerja.').max(5000, 'Paling banyak 5.000 pekerja sekali bayar.'),
  fromMonth: monthSchema,
  toMonth: monthSchema,
  amount: rupiahSchema,
  paidOn: isoDateSchema,
  reference: z.string().trim().max(120).nullish().describe('Transfer or receipt number'),
  note: z.string().trim().max(500).nullish(),
  /** Record even though the amount differs from the quoted cost (the difference is kept and shown). */
  acceptDifference: z.boolean().default(false),
});
export type PaymentCreateInput = z.infer<typeof paymentCreateSchema>;
export const paymentReverseSchema = z.object({ reason: reasonSchema, paidOn: isoDateSchema.optional() });

export const paymentSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceKind: z.enum(FUNDING_KINDS),
  sourceName: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  workerCount: z.number().int(),
  amount: z.number().int(),
  expectedAmount: z.number().int(),
  /** amount − expectedAmount (0 when they agree). */
  difference: z.number().int(),
  paidOn: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  reversesPaymentId: z.string().nullable(),
  reversedByPaymentId: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentDto = z.infer<typeof paymentSchema>;
export const paymentListSchema = z.object({ items: z.array(paymentSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const paymentDetailSchema = paymentSchema.extend({
  workers: z.array(z.object({ workerId: z.string(), name: z.string(), nik: z.string(), villageCode: z.string(), amount: z.number().int(), programs: z.array(z.enum(PROGRAMS)) })),
});

// ---- Plan and proposals ---------------------------------------------------------------------------------

export const planResponseSchema = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  fiscalYear: z.number().int(),
  /** Month the "rest of the year" starts from (the current month, or January of a future year). */
  restFromMonth: z.string(),
  /** Cost of one worker at the minimum income (JKK+JKM) from restFromMonth to December. */
  costPerWorkerRestOfYear: z.number().int(),
  sources: z.array(
    fundingSourceSchema.extend({
      /** Workers of this village funded by the source this year (regency sources: only this village's). */
      villageWorkers: z.number().int(),
      villageCommitted: z.number().int(),
      villagePaid: z.number().int(),
      /** How many more workers the remaining budget covers for the rest of the year. */
      moreWorkersCoverable: z.number().int().nullable(),
    }),
  ),
  workers: z.object({ total: z.number().int(), covered: z.number().int(), funded: z.number().int(), uncovered: z.number().int() }),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

export const proposalRequestSchema = z.object({
  sourceId: uuidSchema,
  villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa harus berbentuk 52.03.01.2001.'),
  fromMonth: monthSchema,
  toMonth: monthSchema,
  /** Defaults to what remains of the source's budget for the year. */
  budget: rupiahSchema.optional(),
  programs: programsSchema.default(['JKK', 'JKM']),
  rules: priorityRulesSchema.default(priorityRulesSchema.parse({})),
});
export type ProposalRequest = z.infer<typeof proposalRequestSchema>;

export const proposalResponseSchema = z.object({
  budget: z.number().int(),
  costPerWorker: z.number().int(),
  selectedCount: z.number().int(),
  selectedCost: z.number().int(),
  rules: priorityRulesSchema,
  candidates: z.array(
    z.object({
      workerId: z.string(),
      name: z.string(),
      nik: z.string(),
      age: z.number().int(),
      occupation: z.string(),
      hazardous: z.boolean(),
      dependants: z.number().int().nullable(),
      fundedBy: z.string().nullable(),
      coveredForPeriod: z.boolean(),
      eligible: z.boolean(),
      score: z.number().int(),
      reasons: z.array(z.string()),
      cost: z.number().int(),
      selected: z.boolean(),
      cumulativeCost: z.number().int(),
    }),
  ),
});
export type ProposalResponse = z.infer<typeof proposalResponseSchema>;

// ---- Worklists -----------------------------------------------------------------------------------------

export const WORKLIST_KINDS = ['ending30', 'ending60', 'grace', 'lapsed', 'year_end', 'handover'] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export const worklistQuerySchema = z.object({
  kind: z.enum(WORKLIST_KINDS, { error: 'Jenis daftar: ending30, ending60, grace, lapsed, year_end atau handover.' }),
  region: z.string().optional().describe('Region code; the caller’s own region by default'),
  sourceId: uuidSchema.optional(),
  /** Months the renewal cost is computed for (default 12). */
  renewMonths: z.coerce.number().int().min(1).max(24).default(12),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

export const worklistItemSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  nik: z.string(),
  nikMasked: z.boolean(),
  villageCode: z.string(),
  villageName: z.string(),
  occupation: z.string(),
  paidUntil: z.string().nullable(),
  /** Last day of the last paid month. */
  paidThrough: z.string().nullable(),
  /** Last day protected if nothing more is paid (end of the grace months). */
  protectedUntil: z.string().nullable(),
  status: z.enum(['active', 'grace', 'lapsed', 'not_started']),
  sourceId: z.string().nullable(),
  sourceKind: z.string().nullable(),
  sourceName: z.string().nullable(),
  handoverToSelf: z.boolean(),
  renewalCost: z.number().int(),
});
export const worklistResponseSchema = z.object({
  kind: z.enum(WORKLIST_KINDS),
  today: z.string(),
  graceMonths: z.number().int(),
  items: z.array(worklistItemSchema),
  total: z.number().int(),
  /** Cost to renew every worker on the list for `renewMonths` months at their declared income. */
  totalRenewalCost: z.number().int(),
  renewMonths: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type WorklistResponse = z.infer<typeof worklistResponseSchema>;
