/**
 * Request and response shapes of claims and benefits: one file shared by the server (validation, OpenAPI)
 * and the browser (forms, types). Money is whole Rupiah, days YYYY-MM-DD, school years by the year they
 * start (2026 = 2026/2027).
 */
import { z } from 'zod';
import { BENEFIT_EVENTS, BENEFIT_ITEM_CODES, BENEFIT_PROGRAMS, SCHOOL_LEVELS, benefitAmountsSchema } from './benefits.ts';
import {
  CLAIM_ACTIONS,
  CLAIM_EVENTS,
  CLAIM_PAYMENT_KINDS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  HEIR_RELATION_CODES,
  INJURY_OUTCOMES,
} from './claims.ts';
import { PROGRAMS } from './coverage.ts';
import { reasonSchema, rupiahSchema } from './financing.schema.ts';
import { checkWorkerAgainstNik, isoDateSchema, nikSchema, phoneSchema } from './workers.schema.ts';

const uuidSchema = (what: string) => z.string({ error: `${what} wajib dipilih.` }).uuid(`${what} tidak valid.`);
const noteSchema = z.string().trim().max(500, 'Catatan paling panjang 500 huruf.').nullish();
const dateField = (label: string) => z.string({ error: `${label} wajib diisi (TTTT-BB-HH).` }).pipe(isoDateSchema);
const schoolLevelEnum = z.enum(SCHOOL_LEVELS, { error: 'Jenjang sekolah harus none, TK, SD, SMP, SMA atau PT.' });

// ---- Benefit estimate (POST /api/benefits/estimate) ------------------------------------------------

export const benefitChildSchema = z.object({
  birthDate: dateField('Tanggal lahir anak'),
  schoolLevel: schoolLevelEnum,
  married: z.boolean().optional(),
  working: z.boolean().optional(),
});

export const benefitEstimateRequestSchema = z.object({
  program: z.enum(BENEFIT_PROGRAMS, { error: 'Program harus JKM atau JKK.' }),
  event: z.enum(BENEFIT_EVENTS, { error: 'Kejadian harus death, permanent_disability atau temporary_incapacity.' }),
  declaredIncome: rupiahSchema.describe('Declared monthly income; raised to the minimum when below it'),
  contributionMonths: z
    .number({ error: 'Masa iur ditulis dalam bulan, misalnya 36.' })
    .int('Masa iur ditulis dalam bulan utuh.')
    .min(0, 'Masa iur tidak boleh negatif.')
    .max(1200, 'Masa iur paling banyak 1200 bulan.'),
  eventDate: dateField('Tanggal kejadian'),
  incapacityDays: z.number().int().min(0).max(3650, 'Paling banyak 3650 hari.').optional().describe('Days off work (temporary incapacity)'),
  children: z.array(benefitChildSchema).max(10, 'Paling banyak 10 anak.').default([]),
});
export type BenefitEstimateRequest = z.input<typeof benefitEstimateRequestSchema>;

export const scholarshipYearSchema = z.object({
  year: z.number().int(),
  /** "2026/2027". */
  schoolYear: z.string(),
  level: z.string(),
  amount: z.number().int(),
  dueOn: z.string(),
});

export const benefitEstimateSchema = z.object({
  items: z.array(z.object({ code: z.enum(BENEFIT_ITEM_CODES), label: z.string(), amount: z.number().int() })),
  /** The sum of `items`; scholarships are listed apart (paid year by year). */
  total: z.number().int(),
  regulation: z.string(),
  notes: z.array(z.string()),
  scholarship: z.object({
    eligible: z.boolean(),
    reason: z.string().optional(),
    children: z.array(
      z.object({
        yearlyAmount: z.number().int(),
        totalEntitlement: z.number().int(),
        reason: z.string().optional(),
        schedule: z.array(scholarshipYearSchema),
      }),
    ),
  }),
});
export type BenefitEstimateDto = z.infer<typeof benefitEstimateSchema>;

// ---- Benefit rates (dated rows) ----------------------------------------------------------------------

export const benefitRateSchema = z.object({
  id: z.string(),
  validFrom: z.string(),
  /** The day before the next row starts; null while in force. */
  validUntil: z.string().nullable(),
  regulation: z.string(),
  note: z.string().nullable(),
  amounts: benefitAmountsSchema,
  createdAt: z.string(),
});
export const benefitRateListSchema = z.object({ items: z.array(benefitRateSchema) });
export const benefitRateCreateSchema = z.object({
  validFrom: dateField('Tanggal berlaku'),
  regulation: z.string({ error: 'Dasar hukum wajib diisi.' }).trim().min(3, 'Tulis peraturan dasar besaran manfaat ini.').max(300),
  note: noteSchema,
  amounts: benefitAmountsSchema,
});
export type BenefitRateCreateInput = z.infer<typeof benefitRateCreateSchema>;

// ---- Heirs ---------------------------------------------------------------------------------------

const heirFields = z.object({
  nik: nikSchema,
  name: z
    .string({ error: 'Nama ahli waris wajib diisi sesuai KTP/KK.' })
    .trim()
    .min(2, 'Nama minimal 2 huruf, tulis sesuai KTP/KK.')
    .max(100, 'Nama paling panjang 100 huruf.')
    .regex(/^[\p{L}][\p{L}\p{M} .,'`-]*$/u, 'Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung.'),
  relation: z.enum(HEIR_RELATION_CODES, { error: 'Hubungan dengan peserta wajib dipilih dari daftar.' }),
  birthDate: isoDateSchema.optional().describe('YYYY-MM-DD; derived from the NIK when left out'),
  sex: z.enum(['M', 'F'], { error: "Jenis kelamin harus 'M' atau 'F'." }).optional(),
  phone: phoneSchema.nullish(),
  /** Children: the level of school at the event (decides the scholarship path). */
  schoolLevel: schoolLevelEnum.nullish(),
  married: z.boolean().optional(),
  working: z.boolean().optional(),
  /** The heir the benefit is paid to (their savings book is among the documents). */
  isPayee: z.boolean().optional(),
});
export const heirInputSchema = heirFields.superRefine(checkWorkerAgainstNik);
export type HeirInput = z.infer<typeof heirInputSchema>;
export const heirPatchSchema = heirFields.partial();

export const heirSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  /** Masked for roles that may not see full NIKs. */
  nik: z.string(),
  nikMasked: z.boolean(),
  name: z.string(),
  relation: z.enum(HEIR_RELATION_CODES),
  relationLabel: z.string(),
  /** Legal order (PP 44/2015 art. 37(5)); only the first rank present is entitled. */
  rank: z.number().int(),
  entitled: z.boolean(),
  birthDate: z.string(),
  age: z.number().int(),
  sex: z.enum(['M', 'F']),
  phone: z.string().nullable(),
  schoolLevel: z.enum(SCHOOL_LEVELS).nullable(),
  married: z.boolean(),
  working: z.boolean(),
  isPayee: z.boolean(),
});
export type HeirDto = z.infer<typeof heirSchema>;

// ---- Claims: requests ----------------------------------------------------------------------------

const eventFields = {
  event: z.enum(CLAIM_EVENTS, { error: 'Jenis kejadian wajib dipilih: meninggal dunia (biasa atau karena kecelakaan kerja) atau kecelakaan kerja.' }),
  eventDate: dateField('Tanggal kejadian'),
};

export const claimCheckQuerySchema = z.object({ workerId: uuidSchema('Pekerja'), ...eventFields });

export const claimCreateSchema = z.object({
  workerId: uuidSchema('Pekerja'),
  ...eventFields,
  place: z.string({ error: 'Tempat kejadian wajib diisi.' }).trim().min(2, 'Tulis tempat kejadian (dusun, desa, jalan, sawah…).').max(200),
  description: z.string({ error: 'Uraian singkat wajib diisi.' }).trim().min(3, 'Tulis uraian singkat kejadian.').max(2000, 'Uraian paling panjang 2000 huruf.'),
  trafficAccident: z.boolean().default(false).describe('A traffic accident also needs a police report'),
  injuryOutcome: z.enum(INJURY_OUTCOMES).nullish().describe('Work accident with injury: temporary (off work) or permanent_disability'),
  incapacityDays: z.number().int().min(0).max(3650, 'Paling banyak 3650 hari.').nullish(),
  heirs: z.array(heirInputSchema).max(20).optional(),
});
export type ClaimCreateInput = z.input<typeof claimCreateSchema>;

export const claimPatchSchema = z.object({
  eventDate: dateField('Tanggal kejadian').optional(),
  place: z.string().trim().min(2, 'Tulis tempat kejadian.').max(200).optional(),
  description: z.string().trim().min(3, 'Tulis uraian singkat kejadian.').max(2000).optional(),
  trafficAccident: z.boolean().optional(),
  injuryOutcome: z.enum(INJURY_OUTCOMES).nullish(),
  incapacityDays: z.number().int().min(0).max(3650).nullish(),
  /** What BPJS holds when it differs from Jaring's records (BPJS officers and admin only); null clears it. */
  contributionMonthsBpjs: z.number().int().min(0).max(1200).nullish(),
  declaredIncomeBpjs: rupiahSchema.nullish(),
});
export type ClaimPatchInput = z.infer<typeof claimPatchSchema>;

export const documentReceiveSchema = z.object({ receivedOn: dateField('Tanggal diterima'), note: noteSchema });

export const claimActionBodySchema = z.object({
  /** The day it happened (default today): the day submitted to BPJS, the day BPJS decided. */
  on: isoDateSchema.optional(),
  note: noteSchema,
  /** reject, cancel, reopen: why. */
  reason: reasonSchema.optional(),
  /** approve: the amount BPJS approved (default the estimate). */
  approvedAmount: rupiahSchema.optional(),
});
export type ClaimActionBody = z.infer<typeof claimActionBodySchema>;

export const claimPaymentCreateSchema = z.object({
  kind: z.enum(CLAIM_PAYMENT_KINDS, { error: 'Jenis pembayaran wajib dipilih dari daftar.' }),
  amount: rupiahSchema.refine((n) => n > 0, 'Jumlah harus lebih dari nol.'),
  paidOn: dateField('Tanggal bayar'),
  reference: z.string({ error: 'Nomor bukti/referensi wajib diisi.' }).trim().min(1, 'Tulis nomor bukti transfer atau referensi BPJS.').max(100),
  heirId: z.string().uuid('Ahli waris tidak valid.').nullish().describe('Who received it (null: the participant)'),
  note: noteSchema,
});
export type ClaimPaymentCreateInput = z.infer<typeof claimPaymentCreateSchema>;
export const claimPaymentReverseSchema = z.object({ reason: reasonSchema });

export const scholarshipClaimCreateSchema = z.object({
  heirId: uuidSchema('Anak'),
  year: z.number({ error: 'Tahun ajaran wajib diisi (tahun mulai, misalnya 2026 untuk 2026/2027).' }).int().min(2000).max(2200),
  schoolLevel: z.enum(['TK', 'SD', 'SMP', 'SMA', 'PT'], { error: 'Jenjang sekolah tahun itu wajib dipilih.' }),
});

export const claimListQuerySchema = z.object({
  region: z.string().regex(/^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/, 'Kode wilayah tidak valid.').optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  type: z.enum(CLAIM_TYPES).optional(),
  /** Claims with an overdue warning (any, or one kind). */
  warning: z.enum(['any', 'documents_pending', 'decision_pending', 'jkk_payment_late', 'payment_pending', 'scholarship_due']).optional(),
  /** Worker's name or the claim number. */
  q: z.string().trim().max(100).optional(),
  workerId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ClaimListQuery = Omit<z.output<typeof claimListQuerySchema>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

// ---- Claims: answers -----------------------------------------------------------------------------

export const claimWarningSchema = z.object({
  code: z.enum(['documents_pending', 'decision_pending', 'jkk_payment_late', 'payment_pending', 'scholarship_due']),
  message: z.string(),
  dueOn: z.string().optional(),
  daysLate: z.number().int().optional(),
  interest: z.number().int().optional(),
});

export const programProtectionSchema = z.object({
  program: z.enum(PROGRAMS),
  status: z.enum(['active', 'grace', 'lapsed', 'ended', 'not_started', 'not_enrolled']),
  protected: z.boolean(),
  paidUntil: z.string().nullable(),
  startMonth: z.string().nullable(),
});

const claimWorkerSchema = z.object({
  id: z.string(),
  name: z.string(),
  nik: z.string(),
  nikMasked: z.boolean(),
  villageCode: z.string(),
  villageName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
});

export const claimSummarySchema = z.object({
  id: z.string(),
  /** "KLM-2026-00012": what families and officers quote. */
  number: z.string(),
  type: z.enum(CLAIM_TYPES),
  program: z.enum(BENEFIT_PROGRAMS),
  event: z.enum(CLAIM_EVENTS),
  eventDate: z.string(),
  status: z.enum(CLAIM_STATUSES),
  eligible: z.boolean(),
  worker: claimWorkerSchema,
  villageCode: z.string(),
  villageName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  reportedOn: z.string(),
  estimatedAmount: z.number().int(),
  approvedAmount: z.number().int().nullable(),
  /** Net of reversals. */
  paidAmount: z.number().int(),
  missingDocuments: z.number().int(),
  warnings: z.array(claimWarningSchema),
  parentClaimId: z.string().nullable(),
  /** Scholarship claims: the school year and the child. */
  year: z.number().int().nullable(),
  childName: z.string().nullable(),
});
export type ClaimSummaryDto = z.infer<typeof claimSummarySchema>;

export const claimListSchema = z.object({ items: z.array(claimSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const claimDocumentSchema = z.object({
  code: z.string(),
  label: z.string(),
  required: z.boolean(),
  received: z.boolean(),
  receivedOn: z.string().nullable(),
  receivedBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const claimStepSchema = z.object({
  step: z.string(),
  label: z.string(),
  on: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
  note: z.string().nullable(),
});

export const claimPaymentSchema = z.object({
  id: z.string(),
  kind: z.enum(CLAIM_PAYMENT_KINDS),
  kindLabel: z.string(),
  amount: z.number().int(),
  paidOn: z.string(),
  reference: z.string(),
  heirId: z.string().nullable(),
  recipient: z.string(),
  note: z.string().nullable(),
  reversesPaymentId: z.string().nullable(),
  /** This payment was reversed (or is a reversal): neither counts. */
  reversed: z.boolean(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ClaimPaymentDto = z.infer<typeof claimPaymentSchema>;

export const scholarshipChildSchema = z.object({
  heirId: z.string(),
  name: z.string(),
  eligible: z.boolean(),
  reason: z.string().nullable(),
  totalEntitlement: z.number().int(),
  claimedYears: z.number().int(),
  paidYears: z.number().int(),
  paidAmount: z.number().int(),
  dueYears: z.number().int(),
  remainingYears: z.number().int(),
  remainingAmount: z.number().int(),
  next: z.object({ year: z.number().int(), schoolYear: z.string(), dueOn: z.string(), state: z.string() }).nullable(),
  entries: z.array(
    z.object({
      year: z.number().int(),
      schoolYear: z.string(),
      level: z.string(),
      amount: z.number().int(),
      dueOn: z.string(),
      state: z.enum(['paid', 'claimed', 'due', 'due_soon', 'upcoming']),
      claimId: z.string().nullable(),
      claimStatus: z.enum(CLAIM_STATUSES).nullable(),
    }),
  ),
});
export type ScholarshipChildDto = z.infer<typeof scholarshipChildSchema>;

export const claimDetailSchema = claimSummarySchema.extend({
  typeLabel: z.string(),
  eventLabel: z.string(),
  place: z.string(),
  description: z.string(),
  trafficAccident: z.boolean(),
  injuryOutcome: z.enum(INJURY_OUTCOMES).nullable(),
  incapacityDays: z.number().int().nullable(),
  ineligibleReason: z.string().nullable(),
  /** Each programme on the event date, from enrolments and payments (at report time, or the latest re-check). */
  protection: z.array(programProtectionSchema),
  graceMonths: z.number().int(),
  checkedAt: z.string(),
  contributionMonths: z.number().int(),
  contributionMonthsBpjs: z.number().int().nullable(),
  declaredIncome: z.number().int(),
  declaredIncomeBpjs: z.number().int().nullable(),
  /** What the claim pays (null for an unprotected worker); scholarship claims: the year's amount. */
  estimate: benefitEstimateSchema.nullable(),
  heirs: z.array(heirSchema),
  documents: z.array(claimDocumentSchema),
  missing: z.array(z.object({ code: z.string(), label: z.string() })),
  timeline: z.array(claimStepSchema),
  payments: z.array(claimPaymentSchema),
  /** JKK: the 7-working-day deadline and the late interest, to the payment day or today. */
  lateness: z.object({ dueOn: z.string(), daysLate: z.number().int(), interest: z.number().int(), asOf: z.string() }).nullable(),
  scholarships: z.array(scholarshipChildSchema),
  scholarshipClaims: z.array(z.object({ id: z.string(), number: z.string(), heirId: z.string(), year: z.number().int(), status: z.enum(CLAIM_STATUSES), amount: z.number().int() })),
  parent: z.object({ id: z.string(), number: z.string() }).nullable(),
  schoolLevel: z.string().nullable(),
  handovers: z.array(z.object({ id: z.string(), name: z.string(), heldOn: z.string() })),
  /** What the caller may do now. */
  can: z.object({
    edit: z.boolean(),
    process: z.boolean(),
    actions: z.array(z.enum(CLAIM_ACTIONS)),
    recordPayment: z.boolean(),
    recheck: z.boolean(),
    /** A school year's scholarship may be claimed under this claim (also once it is paid). */
    claimScholarship: z.boolean(),
  }),
});
export type ClaimDetailDto = z.infer<typeof claimDetailSchema>;

export const claimCheckSchema = z.object({
  event: z.enum(CLAIM_EVENTS),
  eventDate: z.string(),
  type: z.enum(CLAIM_TYPES),
  eligible: z.boolean(),
  program: z.enum(BENEFIT_PROGRAMS),
  reason: z.string().nullable(),
  protection: z.array(programProtectionSchema),
  graceMonths: z.number().int(),
  contributionMonths: z.number().int(),
  declaredIncome: z.number().int(),
  estimate: benefitEstimateSchema.nullable(),
  /** An earlier death claim of this worker (a person dies once). */
  existingDeathClaim: z.object({ id: z.string(), number: z.string() }).nullable(),
});
export type ClaimCheckDto = z.infer<typeof claimCheckSchema>;

// ---- Totals --------------------------------------------------------------------------------------

export const CLAIM_TOTAL_GROUPS = ['program', 'kind', 'district', 'village', 'month', 'year'] as const;
export const claimTotalsQuerySchema = z.object({
  region: z.string().regex(/^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/, 'Kode wilayah tidak valid.').optional(),
  from: isoDateSchema.optional().describe('First payment day counted (default: the first on record)'),
  to: isoDateSchema.optional().describe('Last payment day counted (default: today)'),
  by: z.enum(CLAIM_TOTAL_GROUPS).default('program'),
});
export type ClaimTotalsQuery = z.input<typeof claimTotalsQuerySchema>;

export const claimTotalsSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  from: z.string().nullable(),
  to: z.string(),
  by: z.enum(CLAIM_TOTAL_GROUPS),
  /** Net of reversals: every payment line counted once. */
  total: z.number().int(),
  claims: z.number().int(),
  payments: z.number().int(),
  /** Families (deceased participants) and participants who received anything. */
  participants: z.number().int(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), amount: z.number().int(), claims: z.number().int(), payments: z.number().int() })),
  /** The other side of the figure: claims approved and not yet paid in full. */
  outstanding: z.object({ claims: z.number().int(), amount: z.number().int() }),
});
export type ClaimTotalsDto = z.infer<typeof claimTotalsSchema>;

// ---- Hand-over ceremonies ------------------------------------------------------------------------

export const handoverCreateSchema = z.object({
  name: z.string({ error: 'Nama acara wajib diisi.' }).trim().min(3, 'Tulis nama acara, misalnya "Penyerahan santunan JKM Kecamatan Keruak".').max(200),
  heldOn: dateField('Tanggal acara'),
  place: z.string({ error: 'Tempat acara wajib diisi.' }).trim().min(2, 'Tulis tempat acara.').max(200),
  note: noteSchema,
  claimIds: z.array(z.string().uuid('Klaim tidak valid.')).min(1, 'Pilih paling sedikit satu klaim yang sudah dibayar.').max(1000, 'Paling banyak 1000 klaim per acara.'),
});
export type HandoverCreateInput = z.infer<typeof handoverCreateSchema>;
export const handoverClaimsSchema = handoverCreateSchema.pick({ claimIds: true });

export const handoverRecipientSchema = z.object({
  claimId: z.string(),
  claimNumber: z.string(),
  villageName: z.string(),
  districtName: z.string(),
  participantName: z.string(),
  /** The heirs the benefit went to (the participant for an injury). */
  recipients: z.array(z.object({ name: z.string(), relation: z.string() })),
  benefit: z.string(),
  amount: z.number().int(),
  paidOn: z.string().nullable(),
});

export const handoverSchema = z.object({
  id: z.string(),
  name: z.string(),
  heldOn: z.string(),
  place: z.string(),
  note: z.string().nullable(),
  regionCode: z.string(),
  claims: z.number().int(),
  amount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export const handoverDetailSchema = handoverSchema.extend({ recipients: z.array(handoverRecipientSchema) });
export const handoverListSchema = z.object({ items: z.array(handoverSchema) });
export type HandoverDto = z.infer<typeof handoverSchema>;
export type HandoverDetailDto = z.infer<typeof handoverDetailSchema>;

// ---- Settings ------------------------------------------------------------------------------------

export const claimSettingsSchema = z.object({
  documentsDays: z.number().int().min(1).max(365),
  decisionWorkingDays: z.number().int().min(1).max(120),
  paymentWorkingDays: z.number().int().min(1).max(120),
  holidays: z
    .array(z.object({ date: isoDateSchema, name: z.string().trim().min(2, 'Tulis nama hari libur.').max(100) }))
    .max(400, 'Paling banyak 400 hari libur.'),
});
export type ClaimSettings = z.infer<typeof claimSettingsSchema>;
