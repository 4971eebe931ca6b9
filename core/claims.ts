/**
 * Rules of a benefit claim (shared/domain.md, "Benefits"): the legal order of heirs, the documents each
 * claim needs, the payment deadline with its late interest, whether the worker was protected on the day
 * of the event, the workflow's statuses, overdue warnings and the scholarship schedule. Pure; the claims
 * domain on the server and the web pages use the very same rules.
 */
import { scholarshipDueOn } from './benefits.ts';
import { addDays, daysBetween } from './dates.ts';
import { PROGRAMS, paidThroughIn, programStatusOn, type Participation, type Program, type ProgramStatus } from './coverage.ts';
import { formatRupiah } from './money.ts';
import { addMonths, dateLabel, monthLabel, monthOf } from './months.ts';

// ---- Heirs ---------------------------------------------------------------------------------------

/** Relations of an heir to the participant, in the order of PP 44/2015 art. 37(5) (rank 1 first). */
export const HEIR_RELATIONS = [
  { code: 'spouse', label: 'Suami/istri (janda/duda)', rank: 1 },
  { code: 'child', label: 'Anak', rank: 1 },
  { code: 'parent', label: 'Orang tua', rank: 2 },
  { code: 'grandchild', label: 'Cucu', rank: 2 },
  { code: 'grandparent', label: 'Kakek/nenek', rank: 2 },
  { code: 'sibling', label: 'Saudara kandung', rank: 3 },
  { code: 'parent_in_law', label: 'Mertua', rank: 4 },
  { code: 'will', label: 'Pihak yang ditunjuk dalam wasiat', rank: 5 },
] as const;
export type HeirRelation = (typeof HEIR_RELATIONS)[number]['code'];
export const HEIR_RELATION_CODES = HEIR_RELATIONS.map((r) => r.code) as [HeirRelation, ...HeirRelation[]];

/** "Suami/istri (janda/duda)" for `spouse`; an unknown code as it is. */
export function heirRelationLabel(code: string): string {
  return HEIR_RELATIONS.find((r) => r.code === code)?.label ?? code;
}

export function heirRank(relation: HeirRelation): number {
  return HEIR_RELATIONS.find((r) => r.code === relation)!.rank;
}

/** The heirs entitled to the benefit: those of the first rank anyone holds (the others wait behind them). */
export function entitledHeirs<H extends { relation: HeirRelation }>(heirs: readonly H[]): H[] {
  if (heirs.length === 0) return [];
  const first = Math.min(...heirs.map((h) => heirRank(h.relation)));
  return heirs.filter((h) => heirRank(h.relation) === first);
}

// ---- Documents -----------------------------------------------------------------------------------

export const CLAIM_TYPES = ['jkm_death', 'jkk_death', 'jkk_injury', 'scholarship'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export interface ClaimDocument {
  code: string;
  label: string;
}

const JKM_DOCUMENTS: ClaimDocument[] = [
  { code: 'kpj_card', label: 'Kartu peserta (KPJ)' },
  { code: 'ktp_participant', label: 'KTP peserta' },
  { code: 'ktp_heir', label: 'KTP ahli waris' },
  { code: 'death_certificate', label: 'Akta/surat keterangan kematian' },
  { code: 'family_card', label: 'Kartu keluarga (KK)' },
  { code: 'heir_statement', label: 'Surat keterangan ahli waris' },
  { code: 'heir_savings_book', label: 'Buku tabungan ahli waris' },
];
const MARRIAGE_BOOK: ClaimDocument = { code: 'marriage_book', label: 'Buku nikah (ahli waris suami/istri)' };
const POLICE_REPORT: ClaimDocument = { code: 'police_report', label: 'Laporan polisi (kecelakaan lalu lintas)' };
const ACCIDENT_REPORT: ClaimDocument = { code: 'accident_report', label: 'Laporan kecelakaan kerja (formulir tahap I dan II)' };
const INJURY_DOCUMENTS: ClaimDocument[] = [
  { code: 'kpj_card', label: 'Kartu peserta (KPJ)' },
  { code: 'ktp_participant', label: 'KTP peserta' },
  ACCIDENT_REPORT,
  { code: 'medical_statement', label: 'Surat keterangan dokter' },
  { code: 'savings_book', label: 'Buku tabungan peserta' },
];
const SCHOLARSHIP_DOCUMENTS: ClaimDocument[] = [
  { code: 'claim_form', label: 'Formulir klaim beasiswa' },
  { code: 'birth_certificate', label: 'Akta kelahiran anak' },
  { code: 'family_card', label: 'Kartu keluarga (KK)' },
  { code: 'school_letter', label: 'Surat keterangan masih sekolah/kuliah' },
  { code: 'report_card', label: 'Rapor atau kartu hasil studi terakhir' },
  { code: 'savings_book', label: 'Buku tabungan anak atau wali' },
  { code: 'ktp_guardian', label: 'KTP wali' },
];

/** The documents a claim needs; a spouse heir adds the marriage book, a traffic accident the police report. */
export function requiredDocuments(type: ClaimType, options: { heirIsSpouse?: boolean; trafficAccident?: boolean } = {}): ClaimDocument[] {
  const list =
    type === 'scholarship' ? [...SCHOLARSHIP_DOCUMENTS] : type === 'jkk_injury' ? [...INJURY_DOCUMENTS] : type === 'jkk_death' ? [...JKM_DOCUMENTS, ACCIDENT_REPORT] : [...JKM_DOCUMENTS];
  if (options.heirIsSpouse && (type === 'jkm_death' || type === 'jkk_death')) list.push(MARRIAGE_BOOK);
  if (options.trafficAccident && type !== 'scholarship') list.push(POLICE_REPORT);
  return list;
}

/** What is still missing before the claim can be submitted to BPJS (empty: complete). */
export function missingDocuments(required: readonly ClaimDocument[], receivedCodes: Iterable<string>): ClaimDocument[] {
  const received = new Set(receivedCodes);
  return required.filter((d) => !received.has(d.code));
}

// ---- Payment deadline ----------------------------------------------------------------------------

/** Working days BPJS has to pay a complete JKK claim; each day later adds 1% (PP 44/2015 art. 37). */
export const JKK_PAYMENT_WORKING_DAYS = 7;
export const JKK_LATE_PERCENT_PER_DAY = 1;

function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The day `n` working days after `day` (weekends and the given public holidays skipped). */
export function addWorkingDays(day: string, n: number, holidays: Iterable<string> = []): string {
  const skip = new Set(holidays);
  let current = day;
  for (let added = 0; added < n; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, skip)) added += 1;
  }
  return current;
}

/**
 * Lateness of a complete JKK claim on `asOf` (the payment day, or today while unpaid): the due date, the
 * calendar days late and the interest accrued at 1% of the benefit per day late (whole Rupiah, rounded down).
 */
export function jkkLateness(completeOn: string, asOf: string, benefit: number, holidays: Iterable<string> = []): { dueOn: string; daysLate: number; interest: number } {
  const dueOn = addWorkingDays(completeOn, JKK_PAYMENT_WORKING_DAYS, holidays);
  const daysLate = Math.max(0, daysBetween(dueOn, asOf));
  return { dueOn, daysLate, interest: Math.floor((benefit * JKK_LATE_PERCENT_PER_DAY * daysLate) / 100) };
}

// ---- Events, claim types and programmes ------------------------------------------------------------

/** What the village reports: a death (natural or after a work accident) or a work accident with injury. */
export const CLAIM_EVENTS = ['death_natural', 'death_work_accident', 'work_accident_injury'] as const;
export type ClaimEvent = (typeof CLAIM_EVENTS)[number];

export const CLAIM_EVENT_LABELS: Record<ClaimEvent, string> = {
  death_natural: 'Meninggal dunia (bukan karena kecelakaan kerja)',
  death_work_accident: 'Meninggal dunia karena kecelakaan kerja',
  work_accident_injury: 'Kecelakaan kerja dengan luka/cedera',
};

/** After a work accident with injury: off work for a while (STMB), or permanently and totally disabled. */
export const INJURY_OUTCOMES = ['temporary', 'permanent_disability'] as const;
export type InjuryOutcome = (typeof INJURY_OUTCOMES)[number];

export const CLAIM_TYPE_LABELS: Record<ClaimType, string> = {
  jkm_death: 'JKM — santunan kematian',
  jkk_death: 'JKK — kematian karena kecelakaan kerja',
  jkk_injury: 'JKK — kecelakaan kerja',
  scholarship: 'Beasiswa anak',
};

/** A natural death is paid by JKM; a death or injury from a work accident by JKK (never both). */
export function claimTypeOf(event: ClaimEvent): Exclude<ClaimType, 'scholarship'> {
  return event === 'death_natural' ? 'jkm_death' : event === 'death_work_accident' ? 'jkk_death' : 'jkk_injury';
}

export function programOf(type: Exclude<ClaimType, 'scholarship'>): 'JKM' | 'JKK' {
  return type === 'jkm_death' ? 'JKM' : 'JKK';
}

export function isDeathEvent(event: ClaimEvent): boolean {
  return event !== 'work_accident_injury';
}

// ---- Protection on the event date --------------------------------------------------------------------

export interface ProgramProtection {
  program: Program;
  status: ProgramStatus | 'not_enrolled';
  /** Active or within the grace months: the programme pays for an event on that day. */
  protected: boolean;
  /** The last month paid for as seen from the event's month (null: nothing paid before it). */
  paidUntil: string | null;
  startMonth: string | null;
}

const STATUS_RANK: Record<ProgramStatus, number> = { active: 0, grace: 1, lapsed: 2, not_started: 3, ended: 4 };

/**
 * Whether each programme protected the worker on a day, from the participations and payments on record:
 * the best of its participations (one may have ended and another begun).
 */
export function protectionOn(participations: readonly Participation[], day: string, graceMonths: number): ProgramProtection[] {
  return PROGRAMS.map((program) => {
    const best = participations
      .filter((p) => p.program === program)
      .map((p) => ({ p, status: programStatusOn(p, day, graceMonths) }))
      .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status])[0];
    if (!best) return { program, status: 'not_enrolled', protected: false, paidUntil: null, startMonth: null };
    return {
      program,
      status: best.status,
      protected: best.status === 'active' || best.status === 'grace',
      paidUntil: paidThroughIn(best.p, monthOf(day)),
      startMonth: best.p.startMonth,
    };
  });
}

export interface ClaimEligibility {
  eligible: boolean;
  program: 'JKM' | 'JKK';
  /** Why not, in words a village operator can pass on to the family. */
  reason?: string;
}

/** Whether the programme that pays for this event protected the worker on its day, and if not, why. */
export function claimEligibility(event: ClaimEvent, protection: readonly ProgramProtection[], eventDate: string, graceMonths: number): ClaimEligibility {
  const program = programOf(claimTypeOf(event));
  const p = protection.find((x) => x.program === program)!;
  if (p.protected) return { eligible: true, program };
  const day = dateLabel(eventDate);
  const reasons: Record<ProgramProtection['status'], string> = {
    not_enrolled: `Pada ${day} pekerja ini tidak terdaftar sebagai peserta ${program}.`,
    not_started: `Kepesertaan ${program} baru mulai ${p.startMonth ? monthLabel(p.startMonth) : '—'}, sesudah tanggal kejadian (${day}).`,
    ended: `Kepesertaan ${program} sudah diakhiri sebelum tanggal kejadian (${day}).`,
    lapsed: `Pada ${day} kepesertaan ${program} nonaktif: iuran ${p.paidUntil ? `terakhir dibayar untuk ${monthLabel(p.paidUntil)}` : 'belum pernah dibayar'}; perlindungan berhenti setelah ${graceMonths} bulan tanpa iuran.`,
    active: '',
    grace: '',
  };
  let reason = `${reasons[p.status]} Tidak ada manfaat ${program} untuk kejadian ini.`;
  const other = protection.find((x) => x.program === (program === 'JKM' ? 'JKK' : 'JKM'));
  if (other?.protected) {
    reason +=
      program === 'JKM'
        ? ' JKK pekerja ini aktif, tetapi JKK hanya membayar kematian atau cedera karena kecelakaan kerja.'
        : ' JKM pekerja ini aktif: bila kematian bukan karena kecelakaan kerja, laporkan sebagai meninggal dunia biasa.';
  }
  return { eligible: false, program, reason };
}

/**
 * Months of contributions to a programme up to a month (inclusive): every month some participation of it
 * was paid for, counted once. The JKM scholarship needs 36 of them.
 */
export function contributionMonths(participations: readonly Participation[], program: Program, uptoMonth: string): number {
  const months = new Set<string>();
  for (const p of participations.filter((x) => x.program === program)) {
    const ranges = p.paidRanges ?? (p.paidUntil ? [{ from: p.startMonth, to: p.paidUntil }] : []);
    for (const range of ranges) {
      const to = range.to < uptoMonth ? range.to : uptoMonth;
      for (let m = range.from; m <= to; m = addMonths(m, 1)) months.add(m);
    }
  }
  return months.size;
}

// ---- Workflow ------------------------------------------------------------------------------------

/**
 * reported → documents_complete (when the checklist is complete; back to reported if a document is
 * withdrawn) → submitted to BPJS → approved / rejected → paid (when the payments reach the approved
 * amount). An unprotected worker's claim is `not_eligible`; a claim reported in error is `cancelled`.
 */
export const CLAIM_STATUSES = ['reported', 'documents_complete', 'submitted', 'approved', 'rejected', 'paid', 'not_eligible', 'cancelled'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  reported: 'Dilaporkan',
  documents_complete: 'Dokumen lengkap',
  submitted: 'Diajukan ke BPJS',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  paid: 'Dibayar',
  not_eligible: 'Tidak berhak',
  cancelled: 'Dibatalkan',
};

/** Before the claim goes to BPJS: the event's facts and the checklist may still change, and protection be re-checked. */
export const BEFORE_SUBMISSION_STATUSES: readonly ClaimStatus[] = ['reported', 'documents_complete', 'not_eligible'];

/** Until BPJS decides: what BPJS holds (contribution months, income) and an injury's outcome may still be recorded. */
export const UNDECIDED_STATUSES: readonly ClaimStatus[] = [...BEFORE_SUBMISSION_STATUSES, 'submitted'];

/** Claims still moving: they appear in worklists and overdue warnings. */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = ['reported', 'documents_complete', 'submitted', 'approved'];

/** Steps a person takes; the others (documents complete, paid) follow from the checklist and the payments. */
export const CLAIM_ACTIONS = ['submit', 'approve', 'reject', 'cancel', 'reopen'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export const CLAIM_TRANSITIONS: Record<ClaimAction, { from: readonly ClaimStatus[]; to: ClaimStatus }> = {
  submit: { from: ['documents_complete'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  cancel: { from: ['reported', 'documents_complete', 'not_eligible'], to: 'cancelled' },
  reopen: { from: ['rejected'], to: 'reported' },
};

export function canTransition(action: ClaimAction, status: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[action].from.includes(status);
}

/** The status that follows from the checklist for a claim waiting on documents. */
export function documentsStatus(status: ClaimStatus, complete: boolean): ClaimStatus {
  if (status === 'reported' && complete) return 'documents_complete';
  if (status === 'documents_complete' && !complete) return 'reported';
  return status;
}

/** The status that follows from the payments of an approved claim. */
export function paymentStatus(status: ClaimStatus, paid: number, approved: number | null): ClaimStatus {
  if (status === 'approved' && approved !== null && paid >= approved) return 'paid';
  if (status === 'paid' && approved !== null && paid < approved) return 'approved';
  return status;
}

// ---- Payments to heirs ---------------------------------------------------------------------------

export const CLAIM_PAYMENT_KINDS = [
  'lump_sum',
  'income_multiple',
  'periodic',
  'funeral',
  'temporary_incapacity',
  'medical',
  'scholarship',
  'late_interest',
] as const;
export type ClaimPaymentKind = (typeof CLAIM_PAYMENT_KINDS)[number];

export const CLAIM_PAYMENT_KIND_LABELS: Record<ClaimPaymentKind, string> = {
  lump_sum: 'Santunan sekaligus',
  income_multiple: 'Santunan (kelipatan penghasilan)',
  periodic: 'Santunan berkala',
  funeral: 'Biaya pemakaman',
  temporary_incapacity: 'Santunan sementara tidak mampu bekerja (STMB)',
  medical: 'Perawatan dan pengobatan',
  scholarship: 'Beasiswa',
  late_interest: 'Bunga keterlambatan (1% per hari)',
};

// ---- Overdue warnings ----------------------------------------------------------------------------

export interface ClaimDeadlines {
  /** Calendar days a reported claim may wait for its documents before it is flagged. */
  documentsDays: number;
  /** Working days BPJS has to decide a submitted claim before it is flagged. */
  decisionWorkingDays: number;
  /** Working days an approved claim may wait for its payment before it is flagged. */
  paymentWorkingDays: number;
  /** Public holidays (YYYY-MM-DD) skipped when counting working days. */
  holidays: readonly string[];
}

export const DEFAULT_CLAIM_DEADLINES: ClaimDeadlines = { documentsDays: 14, decisionWorkingDays: 7, paymentWorkingDays: 7, holidays: [] };

export interface ClaimWarning {
  code: 'documents_pending' | 'decision_pending' | 'jkk_payment_late' | 'payment_pending' | 'scholarship_due';
  message: string;
  dueOn?: string;
  daysLate?: number;
  /** Late interest accrued so far (JKK), whole Rupiah. */
  interest?: number;
}

export interface ClaimForWarnings {
  type: ClaimType;
  status: ClaimStatus;
  reportedOn: string;
  submittedOn: string | null;
  decidedOn: string | null;
  /** The approved amount, else the estimate: what late interest is a share of. */
  benefit: number;
  missing: readonly ClaimDocument[];
}

/**
 * Whether a complete JKK claim was paid late: BPJS must pay within 7 working days of receiving it complete
 * (the day it was submitted), else 1% of the benefit per day late (PP 44/2015 art. 37). Measured to the
 * payment day, or to today while unpaid. Null for claims the rule does not cover or not yet submitted.
 */
export function jkkLatenessOf(claim: Pick<ClaimForWarnings, 'type' | 'submittedOn' | 'benefit'>, asOf: string, holidays: readonly string[]): ReturnType<typeof jkkLateness> | null {
  if ((claim.type !== 'jkk_death' && claim.type !== 'jkk_injury') || !claim.submittedOn) return null;
  return jkkLateness(claim.submittedOn, asOf, claim.benefit, holidays);
}

/** What needs someone's attention on a claim today, with the deadline it missed. */
export function claimWarnings(claim: ClaimForWarnings, today: string, deadlines: ClaimDeadlines = DEFAULT_CLAIM_DEADLINES): ClaimWarning[] {
  const warnings: ClaimWarning[] = [];
  if (claim.status === 'reported' && claim.missing.length > 0) {
    const dueOn = addDays(claim.reportedOn, deadlines.documentsDays);
    if (today > dueOn) {
      warnings.push({
        code: 'documents_pending',
        dueOn,
        daysLate: daysBetween(dueOn, today),
        message: `Dokumen belum lengkap ${daysBetween(claim.reportedOn, today)} hari sejak dilaporkan (${dateLabel(claim.reportedOn)}). Masih kurang: ${claim.missing.map((d) => d.label).join(', ')}.`,
      });
    }
  }
  if (claim.status === 'submitted' || claim.status === 'approved') {
    const late = jkkLatenessOf(claim, today, deadlines.holidays);
    if (late && late.daysLate > 0) {
      warnings.push({
        code: 'jkk_payment_late',
        dueOn: late.dueOn,
        daysLate: late.daysLate,
        interest: late.interest,
        message: `Klaim JKK lengkap sejak ${dateLabel(claim.submittedOn!)} belum dibayar; batas 7 hari kerja jatuh pada ${dateLabel(late.dueOn)}. Terlambat ${late.daysLate} hari: bunga 1% per hari = ${formatRupiah(late.interest)} menjadi hak ahli waris (PP 44/2015 pasal 37).`,
      });
    }
  }
  if (claim.status === 'submitted' && claim.submittedOn && !warnings.some((w) => w.code === 'jkk_payment_late')) {
    const dueOn = addWorkingDays(claim.submittedOn, deadlines.decisionWorkingDays, deadlines.holidays);
    if (today > dueOn) {
      warnings.push({
        code: 'decision_pending',
        dueOn,
        daysLate: daysBetween(dueOn, today),
        message: `Diajukan ke BPJS ${dateLabel(claim.submittedOn)} dan belum ada keputusan setelah ${deadlines.decisionWorkingDays} hari kerja (${dateLabel(dueOn)}).`,
      });
    }
  }
  if (claim.status === 'approved' && claim.decidedOn && !warnings.some((w) => w.code === 'jkk_payment_late')) {
    const dueOn = addWorkingDays(claim.decidedOn, deadlines.paymentWorkingDays, deadlines.holidays);
    if (today > dueOn) {
      warnings.push({
        code: 'payment_pending',
        dueOn,
        daysLate: daysBetween(dueOn, today),
        message: `Disetujui ${dateLabel(claim.decidedOn)} tetapi belum dibayar penuh setelah ${deadlines.paymentWorkingDays} hari kerja (${dateLabel(dueOn)}).`,
      });
    }
  }
  return warnings;
}

/**
 * The first day `claimWarnings` has anything to say about this claim, as long as it does not change (null:
 * never). Every warning is "today is past a deadline", and a deadline is a fixed day — so a list of the
 * claims needing action can be read from a stored day instead of deriving every claim's warnings.
 */
export function firstWarningDay(claim: ClaimForWarnings, deadlines: ClaimDeadlines = DEFAULT_CLAIM_DEADLINES): string | null {
  const days: string[] = [];
  if (claim.status === 'reported' && claim.missing.length > 0) days.push(addDays(addDays(claim.reportedOn, deadlines.documentsDays), 1));
  if ((claim.status === 'submitted' || claim.status === 'approved') && claim.submittedOn) {
    const late = jkkLatenessOf(claim, claim.submittedOn, deadlines.holidays);
    if (late) days.push(addDays(late.dueOn, 1));
  }
  if (claim.status === 'submitted' && claim.submittedOn) {
    days.push(addDays(addWorkingDays(claim.submittedOn, deadlines.decisionWorkingDays, deadlines.holidays), 1));
  }
  if (claim.status === 'approved' && claim.decidedOn) {
    days.push(addDays(addWorkingDays(claim.decidedOn, deadlines.paymentWorkingDays, deadlines.holidays), 1));
  }
  return days.sort()[0] ?? null;
}

// ---- Scholarship schedule ------------------------------------------------------------------------

/** Days before a school year's claim is due that the reminder starts. */
export const SCHOLARSHIP_REMINDER_DAYS = 30;

/** The first day a child's next school year is reminded of (due soon, then due). */
export function scholarshipReminderDay(dueOn: string): string {
  return addDays(dueOn, -SCHOLARSHIP_REMINDER_DAYS);
}

export type ScholarshipYearState = 'paid' | 'claimed' | 'due' | 'due_soon' | 'upcoming';

export interface ScholarshipClaimOfYear {
  claimId: string;
  year: number;
  level: string;
  amount: number;
  status: ClaimStatus;
}

export interface ScholarshipScheduleEntry {
  year: number;
  level: string;
  amount: number;
  dueOn: string;
  state: ScholarshipYearState;
  claimId: string | null;
  claimStatus: ClaimStatus | null;
}

export interface ScholarshipScheduleSummary {
  entries: ScholarshipScheduleEntry[];
  claimedYears: number;
  paidYears: number;
  paidAmount: number;
  dueYears: number;
  remainingYears: number;
  remainingAmount: number;
  /** The first school year not claimed yet, with its due day; null when every year is claimed. */
  next: { year: number; dueOn: string; state: ScholarshipYearState } | null;
}

/**
 * A child's scholarship years: each predicted year (from the child's level at the event) or claimed year,
 * with its state today — paid, claimed (in progress), due (its school year has begun and nobody claimed
 * it), due soon (within 30 days), upcoming. A rejected or cancelled claim leaves its year open.
 */
export function scholarshipSchedule(
  predicted: readonly { year: number; level: string; amount: number; dueOn: string }[],
  claims: readonly ScholarshipClaimOfYear[],
  today: string,
  eventDate: string,
): ScholarshipScheduleSummary {
  const live = claims.filter((c) => c.status !== 'rejected' && c.status !== 'cancelled');
  const years = new Map<number, ScholarshipScheduleEntry>();
  for (const p of predicted) years.set(p.year, { ...p, state: 'upcoming', claimId: null, claimStatus: null });
  for (const c of live) {
    const dueOn = years.get(c.year)?.dueOn ?? scholarshipDueOn(c.year, eventDate);
    years.set(c.year, { year: c.year, level: c.level, amount: c.amount, dueOn, state: c.status === 'paid' ? 'paid' : 'claimed', claimId: c.claimId, claimStatus: c.status });
  }
  const soon = addDays(today, SCHOLARSHIP_REMINDER_DAYS);
  const entries = [...years.values()]
    .sort((a, b) => a.year - b.year)
    .map((e) => (e.claimId ? e : { ...e, state: (e.dueOn <= today ? 'due' : e.dueOn <= soon ? 'due_soon' : 'upcoming') as ScholarshipYearState }));
  const open = entries.filter((e) => !e.claimId);
  const next = open[0] ?? null;
  return {
    entries,
    claimedYears: entries.filter((e) => e.claimId).length,
    paidYears: entries.filter((e) => e.state === 'paid').length,
    paidAmount: entries.filter((e) => e.state === 'paid').reduce((s, e) => s + e.amount, 0),
    dueYears: open.filter((e) => e.state === 'due').length,
    remainingYears: open.length,
    remainingAmount: open.reduce((s, e) => s + e.amount, 0),
    next: next ? { year: next.year, dueOn: next.dueOn, state: next.state } : null,
  };
}

/** What each kind of claim pays out, so a payment cannot be booked under the wrong benefit. */
export const PAYMENT_KINDS_BY_TYPE: Record<ClaimType, readonly ClaimPaymentKind[]> = {
  jkm_death: ['lump_sum', 'periodic', 'funeral'],
  jkk_death: ['income_multiple', 'periodic', 'funeral', 'late_interest'],
  jkk_injury: ['temporary_incapacity', 'income_multiple', 'medical', 'late_interest'],
  scholarship: ['scholarship'],
};
