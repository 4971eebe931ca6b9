/**
 * What the claims services share: the caller's context and access checks, the facts of an event derived
 * from enrolments and payments, the estimate, the checklist, and turning claim rows into API answers.
 */
import { schoolYearLabel, type BenefitChild, type BenefitEstimate, type BenefitRates } from '../../../core/benefits.ts';
import {
  BEFORE_SUBMISSION_STATUSES,
  CLAIM_ACTIONS,
  CLAIM_EVENT_LABELS,
  CLAIM_PAYMENT_KIND_LABELS,
  CLAIM_STATUS_LABELS,
  CLAIM_TYPE_LABELS,
  DEFAULT_CLAIM_DEADLINES,
  OPEN_CLAIM_STATUSES,
  canTransition,
  claimEligibility,
  claimWarnings,
  contributionMonths,
  entitledHeirs,
  firstWarningDay,
  heirRank,
  heirRelationLabel,
  jkkLatenessOf,
  missingDocuments,
  protectionOn,
  requiredDocuments,
  scholarshipReminderDay,
  scholarshipSchedule,
  type ClaimDeadlines,
  type ClaimEligibility,
  type ClaimEvent,
  type ClaimWarning,
  type ProgramProtection,
} from '../../../core/claims.ts';
import type { ClaimDetailDto, ClaimSettings, ClaimSummaryDto, HeirDto, ScholarshipChildDto } from '../../../core/claims.schema.ts';
import { ageOn } from '../../../core/dates.ts';
import { dateLabel, monthOf } from '../../../core/months.ts';
import { canFileClaims, canProcessClaims, canReadRegion, mayReadPersonalDetail, mustMaskNik, nikFor } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { errors } from '../../errors.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { findEnrolmentsOfWorker, findParticipations } from '../enrolment/enrolment.repo.ts';
import { graceMonthsOn } from '../enrolment/enrolment.service.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { findSetting } from '../ucj/coverage.repo.ts';
import { estimateOrRefuse, presentEstimate } from './benefit-rates.ts';
import {
  findChildClaims,
  findClaimEvents,
  findClaimPayments,
  findClaimWorkers,
  findDocuments,
  findHandoversOfClaim,
  findHeirs,
  paidAmounts,
  type ClaimListRow,
  type ClaimPaymentRow,
  type ClaimRow,
  type ClaimWorker,
  type DocumentRow,
  type HeirRow,
} from './claims.repo.ts';

export interface ClaimContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: string;
}

// ---- Settings ------------------------------------------------------------------------------------

const SETTINGS_KEY = 'claims';

export const DEFAULT_CLAIM_SETTINGS: ClaimSettings = {
  documentsDays: DEFAULT_CLAIM_DEADLINES.documentsDays,
  decisionWorkingDays: DEFAULT_CLAIM_DEADLINES.decisionWorkingDays,
  paymentWorkingDays: DEFAULT_CLAIM_DEADLINES.paymentWorkingDays,
  holidays: [],
};

export async function loadClaimSettings(db: Db): Promise<ClaimSettings> {
  return { ...DEFAULT_CLAIM_SETTINGS, ...(await findSetting<ClaimSettings>(db, SETTINGS_KEY)) };
}

export const CLAIM_SETTINGS_KEY = SETTINGS_KEY;

export function deadlinesOf(settings: ClaimSettings): ClaimDeadlines {
  return { ...settings, holidays: settings.holidays.map((h) => h.date) };
}

// ---- Access --------------------------------------------------------------------------------------

/** A claim the caller may read; otherwise "not found" (a claim elsewhere is not revealed). */
export function assertReadable(ctx: ClaimContext, claim: ClaimRow | undefined): asserts claim is ClaimRow {
  if (!claim || !canReadRegion(ctx.actor, claim.villageCode)) throw errors.notFound('Klaim');
}

export function assertCanFile(ctx: ClaimContext, villageCode: string): void {
  if (!canFileClaims(ctx.actor, villageCode)) {
    throw errors.forbidden(
      ctx.actor.role === 'district' || ctx.actor.role === 'viewer'
        ? 'Peran Anda hanya dapat membaca klaim, tidak melaporkan atau mengubahnya.'
        : 'Anda hanya dapat mengurus klaim pekerja di wilayah Anda sendiri.',
    );
  }
}

export function assertCanProcess(ctx: ClaimContext, villageCode: string): void {
  if (!canProcessClaims(ctx.actor, villageCode)) {
    throw errors.forbidden('Hanya petugas BPJS Ketenagakerjaan atau admin Disnakertrans yang dapat mengajukan, memutus dan mencatat pembayaran klaim.');
  }
}

// ---- Facts of an event ---------------------------------------------------------------------------

export interface EventFacts {
  protection: ProgramProtection[];
  graceMonths: number;
  eligibility: ClaimEligibility;
  contributionMonths: number;
  declaredIncome: number;
}

/**
 * Whether the worker was protected on the event day, by which programme, with how many months of
 * contributions and at what declared income — from the enrolments and the payments made by that day (and
 * what the BPJS participant file reports as paid, BPJS's own record).
 */
export async function eventFacts(db: Db, worker: { id: string; monthlyIncome: number | null }, event: ClaimEvent, eventDate: string): Promise<EventFacts> {
  // One query after another: this runs inside transactions, where a connection takes one query at a time.
  // What was paid by the day of the event counts: premiums paid afterwards do not cover it.
  const participations = await findParticipations(db, [worker.id], eventDate);
  const graceMonths = await graceMonthsOn(db, eventDate);
  const enrolmentRows = await findEnrolmentsOfWorker(db, worker.id);
  const list = participations.get(worker.id) ?? [];
  const protection = protectionOn(list, eventDate, graceMonths);
  const eligibility = claimEligibility(event, protection, eventDate, graceMonths);
  // The JKK participation holding on the day decides the income the JKK benefit multiplies.
  const month = monthOf(eventDate);
  const jkk = enrolmentRows
    .filter((e) => e.program === 'JKK' && e.startMonth <= month && (e.endedOn === null || e.endedOn > eventDate))
    .sort((a, b) => b.startMonth.localeCompare(a.startMonth))[0];
  return {
    protection,
    graceMonths,
    eligibility,
    contributionMonths: contributionMonths(list, eligibility.program, month),
    declaredIncome: jkk?.declaredIncome ?? worker.monthlyIncome ?? 0,
  };
}

/** What of an heir the estimate reads (a row to be inserted will do). */
type HeirForEstimate = Pick<HeirRow, 'relation' | 'birthDate' | 'schoolLevel' | 'married' | 'working'>;

/** The child heirs as the calculator takes them, in the order entered (the first two eligible get a scholarship). */
export function childrenOf<H extends HeirForEstimate>(heirs: readonly H[]): { heir: H; child: BenefitChild }[] {
  return heirs
    .filter((h) => h.relation === 'child')
    .map((heir) => ({ heir, child: { birthDate: heir.birthDate, schoolLevel: heir.schoolLevel ?? 'none', married: heir.married, working: heir.working } }));
}

type EstimateInputs = Pick<
  ClaimRow,
  'type' | 'program' | 'eventDate' | 'injuryOutcome' | 'incapacityDays' | 'contributionMonths' | 'contributionMonthsBpjs' | 'declaredIncome' | 'declaredIncomeBpjs' | 'eligible'
>;

/** What a death or injury claim pays, with each child's scholarship path (null when not eligible). */
export function estimateFor(claim: EstimateInputs, heirs: readonly HeirForEstimate[], rates: readonly BenefitRates[]): BenefitEstimate | null {
  if (!claim.eligible || claim.type === 'scholarship') return null;
  return estimateOrRefuse(
    {
      program: claim.program,
      event: claim.type === 'jkk_injury' ? (claim.injuryOutcome === 'permanent_disability' ? 'permanent_disability' : 'temporary_incapacity') : 'death',
      declaredIncome: claim.declaredIncomeBpjs ?? claim.declaredIncome,
      contributionMonths: claim.contributionMonthsBpjs ?? claim.contributionMonths,
      eventDate: claim.eventDate,
      incapacityDays: claim.incapacityDays ?? 0,
      children: childrenOf(heirs).map((c) => c.child),
    },
    rates,
  );
}

/** The checklist of a claim: the marriage book when a spouse is an heir, the police report after a traffic accident. */
export function requiredFor(claim: Pick<ClaimRow, 'type' | 'trafficAccident'>, heirs: readonly HeirRow[]) {
  return requiredDocuments(claim.type, { heirIsSpouse: heirs.some((h) => h.relation === 'spouse'), trafficAccident: claim.trafficAccident });
}

/** Whether a main claim's scholarships can ever be paid (death, or permanent total disability). */
export function hasScholarships(claim: Pick<ClaimRow, 'type' | 'injuryOutcome'>): boolean {
  return claim.type === 'jkm_death' || claim.type === 'jkk_death' || (claim.type === 'jkk_injury' && claim.injuryOutcome === 'permanent_disability');
}

/** The payments that count: neither a reversal nor reversed (the JS twin of claims.repo countingClaimPayment). */
export function countedPayments(payments: readonly ClaimPaymentRow[]): ClaimPaymentRow[] {
  const reversed = new Set(payments.filter((p) => p.reversesPaymentId).map((p) => p.reversesPaymentId));
  return payments.filter((p) => !p.reversesPaymentId && !reversed.has(p.id));
}

/** What was paid towards the approved amount (late interest comes on top of it). */
export function benefitPaid(payments: readonly ClaimPaymentRow[]): number {
  return countedPayments(payments)
    .filter((p) => p.kind !== 'late_interest')
    .reduce((s, p) => s + p.amount, 0);
}

// ---- Presentation --------------------------------------------------------------------------------

/** Everything the list and detail answers need about a set of claims, loaded in a few queries. */
export interface ClaimBundle {
  workers: Map<string, ClaimWorker>;
  /** Heirs of the claims and of the parents of scholarship claims. */
  heirs: Map<string, HeirRow[]>;
  documents: Map<string, DocumentRow[]>;
  /** What was paid towards each claim's benefit, net of reversals. */
  paid: Map<string, number>;
  /** Every payment row of each claim (detail pages; lists leave it empty). */
  payments: Map<string, ClaimPaymentRow[]>;
  children: Map<string, ClaimRow[]>;
  rates: readonly BenefitRates[];
  settings: ClaimSettings;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/**
 * Loads what presenting `rows` needs. Lists (`withPayments` false) get each claim's paid sum from SQL
 * instead of every payment row: a regency's "needs action" list looks at thousands of claims.
 */
export async function loadBundle(db: Db, rows: readonly ClaimListRow[], rates: readonly BenefitRates[], withPayments = true): Promise<ClaimBundle> {
  const ids = rows.map((r) => r.id);
  const heirOwners = [...new Set(rows.map((r) => r.parentClaimId ?? r.id))];
  // One query after another: this also runs inside transactions (claim-attention.ts), where a connection
  // takes one query at a time.
  const workers = await findClaimWorkers(db, rows.map((r) => r.workerId));
  const heirs = await findHeirs(db, heirOwners);
  const documents = await findDocuments(db, ids);
  const payments = withPayments ? await findClaimPayments(db, ids) : [];
  const paid = withPayments ? undefined : await paidAmounts(db, ids);
  const children = await findChildClaims(db, rows.filter((r) => r.type !== 'scholarship').map((r) => r.id));
  const settings = await loadClaimSettings(db);
  const paymentsByClaim = groupBy(payments, (p) => p.claimId);
  return {
    workers,
    heirs: groupBy(heirs, (h) => h.claimId),
    documents: groupBy(documents, (d) => d.claimId),
    paid: paid ?? new Map(ids.map((id) => [id, benefitPaid(paymentsByClaim.get(id) ?? [])])),
    payments: paymentsByClaim,
    children: groupBy(children, (c) => c.parentClaimId!),
    rates,
    settings,
  };
}

/**
 * The heirs a claim's checklist looks at, out of those of the claim that owns them (`ownerHeirs`: its own,
 * or its parent's for a scholarship): all of them, or for a scholarship the child alone.
 */
export function checklistHeirs(claim: Pick<ClaimRow, 'type' | 'heirId'>, ownerHeirs: readonly HeirRow[]): HeirRow[] {
  return claim.type === 'scholarship' ? ownerHeirs.filter((h) => h.id === claim.heirId) : [...ownerHeirs];
}

function heirsFor(claim: ClaimListRow, bundle: ClaimBundle): HeirRow[] {
  return checklistHeirs(claim, bundle.heirs.get(claim.parentClaimId ?? claim.id) ?? []);
}

export function missingFor(claim: ClaimListRow, bundle: ClaimBundle) {
  return missingDocuments(
    requiredFor(claim, heirsFor(claim, bundle)),
    (bundle.documents.get(claim.id) ?? []).map((d) => d.code),
  );
}

/** Each eligible child's scholarship years today (main claims of a death or permanent disability). */
export function scholarshipChildren(claim: ClaimListRow, bundle: ClaimBundle, today: string): ScholarshipChildDto[] {
  if (!hasScholarships(claim) || !claim.eligible || claim.status === 'cancelled') return [];
  const heirs = bundle.heirs.get(claim.id) ?? [];
  const estimate = estimateFor(claim, heirs, bundle.rates);
  if (!estimate) return [];
  const kids = childrenOf(heirs);
  const claimsOfChildren = bundle.children.get(claim.id) ?? [];
  return kids.map(({ heir }, i) => {
    const path = estimate.scholarship.children[i]!;
    const reason = estimate.scholarship.eligible ? (path.schedule.length === 0 ? (path.reason ?? null) : null) : (estimate.scholarship.reason ?? null);
    const predicted = estimate.scholarship.eligible ? path.schedule : [];
    const summary = scholarshipSchedule(
      predicted,
      claimsOfChildren
        .filter((c) => c.heirId === heir.id)
        .map((c) => ({ claimId: c.id, year: c.schoolYear!, level: c.schoolLevel!, amount: c.approvedAmount ?? c.estimatedAmount, status: c.status })),
      today,
      claim.eventDate,
    );
    return {
      heirId: heir.id,
      name: heir.name,
      eligible: predicted.length > 0,
      reason,
      totalEntitlement: estimate.scholarship.eligible ? path.totalEntitlement : 0,
      claimedYears: summary.claimedYears,
      paidYears: summary.paidYears,
      paidAmount: summary.paidAmount,
      dueYears: summary.dueYears,
      remainingYears: summary.remainingYears,
      remainingAmount: summary.remainingAmount,
      next: summary.next ? { ...summary.next, schoolYear: schoolYearLabel(summary.next.year) } : null,
      entries: summary.entries.map((e) => ({ ...e, schoolYear: schoolYearLabel(e.year) })),
    };
  });
}

/** The documents still missing that count for warnings and lists: none for a claim that is not eligible. */
function missingIfEligible(claim: ClaimListRow, bundle: ClaimBundle) {
  return claim.eligible ? missingFor(claim, bundle) : [];
}

function warningInput(claim: ClaimListRow, bundle: ClaimBundle, missing = missingIfEligible(claim, bundle)) {
  return {
    type: claim.type,
    status: claim.status,
    reportedOn: claim.reportedOn,
    submittedOn: claim.submittedOn,
    decidedOn: claim.decidedOn,
    benefit: claim.approvedAmount ?? claim.estimatedAmount,
    missing,
  };
}

/** Claims that can carry warnings at all: those still moving, and paid ones (scholarship years to come). */
function mayNeedAttention(claim: ClaimListRow): boolean {
  return OPEN_CLAIM_STATUSES.includes(claim.status) || claim.status === 'paid';
}

/** Overdue steps, late JKK payments and scholarship years coming due. */
export function warningsFor(claim: ClaimListRow, bundle: ClaimBundle, today: string, missing = missingIfEligible(claim, bundle)): ClaimWarning[] {
  if (!mayNeedAttention(claim)) return [];
  const warnings = claimWarnings(warningInput(claim, bundle, missing), today, deadlinesOf(bundle.settings));
  for (const child of scholarshipChildren(claim, bundle, today)) {
    if (child.next && (child.next.state === 'due' || child.next.state === 'due_soon')) {
      warnings.push({
        code: 'scholarship_due',
        dueOn: child.next.dueOn,
        message:
          child.next.state === 'due'
            ? `Beasiswa ${child.name} tahun ajaran ${child.next.schoolYear} sudah dapat diklaim (sejak ${dateLabel(child.next.dueOn)}) dan belum diajukan.`
            : `Beasiswa ${child.name} tahun ajaran ${child.next.schoolYear} dapat diklaim mulai ${dateLabel(child.next.dueOn)}; siapkan surat keterangan sekolah dan rapor.`,
      });
    }
  }
  return warnings;
}

/**
 * The first day `warningsFor` has anything to say about the claim as it stands (null: nothing ahead): the
 * earliest missed deadline, or 30 days before a child's next school year. Stored in `claims.attention_on`
 * with every write, so "needs action" reads an index.
 */
export function attentionDayOf(claim: ClaimListRow, bundle: ClaimBundle): string | null {
  if (!mayNeedAttention(claim)) return null;
  const days: string[] = [];
  const first = firstWarningDay(warningInput(claim, bundle), deadlinesOf(bundle.settings));
  if (first) days.push(first);
  // The next school year of each child does not depend on the day asked; its state does.
  for (const child of scholarshipChildren(claim, bundle, claim.reportedOn)) if (child.next) days.push(scholarshipReminderDay(child.next.dueOn));
  return days.sort()[0] ?? null;
}

export function presentSummary(claim: ClaimListRow, bundle: ClaimBundle, ctx: ClaimContext): ClaimSummaryDto {
  const worker = bundle.workers.get(claim.workerId)!;
  const name = (code: string) => ctx.regions.get(code)?.name ?? code;
  const child = claim.type === 'scholarship' ? heirsFor(claim, bundle)[0] : undefined;
  const missing = missingIfEligible(claim, bundle);
  return {
    id: claim.id,
    number: claim.number,
    type: claim.type,
    program: claim.program,
    event: claim.event,
    eventDate: claim.eventDate,
    status: claim.status,
    eligible: claim.eligible,
    worker: {
      id: worker.id,
      name: worker.name,
      nik: nikFor(ctx.actor.role, worker.nik),
      nikMasked: mustMaskNik(ctx.actor.role),
      villageCode: worker.villageCode,
      villageName: name(worker.villageCode),
      districtCode: worker.districtCode,
      districtName: name(worker.districtCode),
    },
    villageCode: claim.villageCode,
    villageName: name(claim.villageCode),
    districtCode: claim.districtCode,
    districtName: name(claim.districtCode),
    reportedOn: claim.reportedOn,
    estimatedAmount: claim.estimatedAmount,
    approvedAmount: claim.approvedAmount,
    paidAmount: bundle.paid.get(claim.id) ?? 0,
    missingDocuments: missing.length,
    warnings: warningsFor(claim, bundle, ctx.today, missing),
    parentClaimId: claim.parentClaimId,
    year: claim.schoolYear,
    childName: child?.name ?? null,
  };
}

export function presentHeir(heir: HeirRow, entitledIds: ReadonlySet<string>, ctx: ClaimContext): HeirDto {
  return {
    id: heir.id,
    position: heir.position,
    nik: nikFor(ctx.actor.role, heir.nik),
    nikMasked: mustMaskNik(ctx.actor.role),
    name: heir.name,
    relation: heir.relation,
    relationLabel: heirRelationLabel(heir.relation),
    rank: heirRank(heir.relation),
    entitled: entitledIds.has(heir.id),
    birthDate: heir.birthDate,
    age: ageOn(heir.birthDate, ctx.today),
    sex: heir.sex,
    phone: mayReadPersonalDetail(ctx.actor.role) ? heir.phone : null,
    schoolLevel: heir.schoolLevel,
    married: heir.married,
    working: heir.working,
    isPayee: heir.isPayee,
  };
}

const STEP_LABELS: Record<string, string> = {
  ...CLAIM_STATUS_LABELS,
  documents_incomplete: 'Dokumen kembali belum lengkap',
  reopened: 'Dibuka kembali',
  rechecked: 'Kepesertaan diperiksa ulang',
  payment_reversed: 'Pembayaran dikoreksi',
};

/** What the caller may do with the claim now (the server checks again on every write). */
function allowedFor(claim: ClaimRow, bundle: ClaimBundle, ctx: ClaimContext): ClaimDetailDto['can'] {
  const file = canFileClaims(ctx.actor, claim.villageCode);
  const process = canProcessClaims(ctx.actor, claim.villageCode);
  const liveChildren = (bundle.children.get(claim.id) ?? []).some((c) => c.status !== 'cancelled');
  const actions = CLAIM_ACTIONS.filter((action) => {
    if (!canTransition(action, claim.status)) return false;
    if (action === 'cancel') return file && !liveChildren;
    return process;
  });
  return {
    edit: file && !['paid', 'cancelled', 'rejected'].includes(claim.status),
    process,
    actions,
    recordPayment: process && (claim.status === 'approved' || claim.status === 'paid'),
    recheck: (file || process) && claim.type !== 'scholarship' && BEFORE_SUBMISSION_STATUSES.includes(claim.status),
    claimScholarship: file && claim.type !== 'scholarship' && hasScholarships(claim) && !['not_eligible', 'cancelled', 'rejected'].includes(claim.status),
  };
}

export async function presentDetail(db: Db, claim: ClaimRow, bundle: ClaimBundle, ctx: ClaimContext, parent?: ClaimRow): Promise<ClaimDetailDto> {
  const [events, handovers] = await Promise.all([findClaimEvents(db, claim.id), findHandoversOfClaim(db, claim.id)]);
  const heirs = heirsFor(claim, bundle);
  const entitled = new Set(entitledHeirs(heirs).map((h) => h.id));
  const required = requiredFor(claim, heirs);
  const received = new Map((bundle.documents.get(claim.id) ?? []).map((d) => [d.code, d]));
  const documents = [
    ...required.map((d) => ({ ...d, required: true })),
    // Documents received that are no longer required (a spouse heir removed, say) stay visible.
    ...[...received.keys()].filter((code) => !required.some((d) => d.code === code)).map((code) => ({ code, label: code, required: false })),
  ].map((d) => {
    const row = received.get(d.code);
    return { ...d, received: Boolean(row), receivedOn: row?.receivedOn ?? null, receivedBy: row?.receivedByUsername ?? null, note: row?.note ?? null };
  });
  const payments = bundle.payments.get(claim.id) ?? [];
  const reversed = new Set(payments.filter((p) => p.reversesPaymentId).map((p) => p.reversesPaymentId!));
  const heirName = new Map((bundle.heirs.get(claim.parentClaimId ?? claim.id) ?? []).map((h) => [h.id, h.name]));
  const worker = bundle.workers.get(claim.workerId)!;
  const estimate = estimateFor(claim, heirs, bundle.rates);
  const latenessAsOf = claim.paidOn ?? ctx.today;
  const lateness = jkkLatenessOf({ type: claim.type, submittedOn: claim.submittedOn, benefit: claim.approvedAmount ?? claim.estimatedAmount }, latenessAsOf, deadlinesOf(bundle.settings).holidays);
  return {
    ...presentSummary(claim, bundle, ctx),
    typeLabel: CLAIM_TYPE_LABELS[claim.type],
    eventLabel: CLAIM_EVENT_LABELS[claim.event],
    place: claim.place,
    description: claim.description,
    trafficAccident: claim.trafficAccident,
    injuryOutcome: claim.injuryOutcome,
    incapacityDays: claim.incapacityDays,
    ineligibleReason: claim.ineligibleReason,
    protection: claim.protection,
    graceMonths: claim.graceMonths,
    checkedAt: claim.checkedAt.toISOString(),
    contributionMonths: claim.contributionMonths,
    contributionMonthsBpjs: claim.contributionMonthsBpjs,
    declaredIncome: claim.declaredIncome,
    declaredIncomeBpjs: claim.declaredIncomeBpjs,
    estimate: estimate ? presentEstimate(estimate) : null,
    heirs: heirs.map((h) => presentHeir(h, entitled, ctx)),
    documents,
    missing: claim.eligible ? missingDocuments(required, received.keys()).map(({ code, label }) => ({ code, label })) : [],
    timeline: events.map((e) => ({
      step: e.step,
      label: STEP_LABELS[e.step] ?? e.step,
      on: e.onDate,
      at: e.at.toISOString(),
      actor: e.actorUsername,
      note: e.note,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      kindLabel: CLAIM_PAYMENT_KIND_LABELS[p.kind],
      amount: p.amount,
      paidOn: p.paidOn,
      reference: p.reference,
      heirId: p.heirId,
      recipient: p.heirId ? (heirName.get(p.heirId) ?? '—') : claim.type === 'jkk_injury' || p.kind === 'medical' ? worker.name : '—',
      note: p.note,
      reversesPaymentId: p.reversesPaymentId,
      reversed: p.reversesPaymentId !== null || reversed.has(p.id),
      recordedBy: p.createdByUsername,
      createdAt: p.createdAt.toISOString(),
    })),
    lateness: lateness ? { ...lateness, asOf: latenessAsOf } : null,
    scholarships: scholarshipChildren(claim, bundle, ctx.today),
    scholarshipClaims: (bundle.children.get(claim.id) ?? []).map((c) => ({
      id: c.id,
      number: c.number,
      heirId: c.heirId!,
      year: c.schoolYear!,
      status: c.status,
      amount: c.approvedAmount ?? c.estimatedAmount,
    })),
    parent: parent ? { id: parent.id, number: parent.number } : null,
    schoolLevel: claim.schoolLevel,
    handovers: handovers.map((h) => ({ id: h.id, name: h.name, heldOn: h.heldOn })),
    can: allowedFor(claim, bundle, ctx),
  };
}
