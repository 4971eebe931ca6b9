/**
 * Claims: reporting a death or work accident (protection on the day checked at once), the claim's own
 * facts, re-checking eligibility, and the workflow steps. Every write and its audit entry share one
 * transaction; every read of a claim (heirs' NIKs and the family's story) is audited.
 */
import { randomUUID } from 'node:crypto';
import {
  BEFORE_SUBMISSION_STATUSES,
  CLAIM_STATUS_LABELS,
  CLAIM_TRANSITIONS,
  canTransition,
  claimTypeOf,
  documentsStatus,
  entitledHeirs,
  isDeathEvent,
  missingDocuments,
  paymentStatus,
  type ClaimAction,
  type ClaimStatus,
  UNDECIDED_STATUSES,
} from '../../../core/claims.ts';
import type {
  ClaimActionBody,
  ClaimCheckDto,
  ClaimCreateInput,
  ClaimDetailDto,
  ClaimListQuery,
  ClaimPatchInput,
  ClaimSettings,
  claimListSchema,
} from '../../../core/claims.schema.ts';
import { claimCreateSchema, claimListQuerySchema } from '../../../core/claims.schema.ts';
import { addDays } from '../../../core/dates.ts';
import { dateLabel } from '../../../core/months.ts';
import { formatRupiah } from '../../../core/money.ts';
import { canReadRegion, canProcessClaims } from '../../../core/roles.ts';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { endOpenEnrolmentsOfWorker, refreshProtection, reopenEnrolments } from '../enrolment/enrolment.repo.ts';
import { saveSetting } from '../ucj/coverage.repo.ts';
import { findWorkerById, isUniqueViolation, type WorkerRow } from '../workers/workers.repo.ts';
import { loadBenefitRates, presentEstimate } from './benefit-rates.ts';
import { refreshAllAttention, refreshAttention } from './claim-attention.ts';
import {
  CLAIM_SETTINGS_KEY,
  assertCanFile,
  assertCanProcess,
  assertReadable,
  benefitPaid,
  checklistHeirs,
  estimateFor,
  eventFacts,
  loadBundle,
  loadClaimSettings,
  presentDetail,
  presentSummary,
  requiredFor,
  type ClaimContext,
  type EventFacts,
} from './claim-view.ts';
import { prepareHeirs } from './heir-values.ts';
import {
  findClaimById,
  findClaimPayments,
  findClaimsAll,
  findClaimsPage,
  findChildClaims,
  findDeathClaimOfWorker,
  findDocuments,
  findHeirs,
  insertClaim,
  insertClaimEvent,
  insertHeirs,
  nextClaimNumber,
  setWorkerDeceased,
  updateClaimRow,
  type ClaimRow,
  type HeirRow,
} from './claims.repo.ts';

export type { ClaimContext } from './claim-view.ts';

// ---- Reading -------------------------------------------------------------------------------------

/** One claim as the detail page shows it (its parent too, for a scholarship claim). */
export async function claimDetail(db: Db, ctx: ClaimContext, claim: ClaimRow): Promise<ClaimDetailDto> {
  const parent = claim.parentClaimId ? await findClaimById(db, claim.parentClaimId) : undefined;
  const bundle = await loadBundle(db, parent ? [claim, parent] : [claim], await loadBenefitRates(db));
  return presentDetail(db, claim, bundle, ctx, parent);
}

/** GET /api/claims/:id — audited: it shows heirs' NIKs, the family's story and payments. */
export async function getClaim(db: Db, ctx: ClaimContext, id: string): Promise<ClaimDetailDto> {
  const claim = await findClaimById(db, id);
  assertReadable(ctx, claim);
  await recordAudit(db, ctx, { action: 'read', entity: 'claim', entityId: claim.id, regionCode: claim.villageCode });
  return claimDetail(db, ctx, claim);
}

type ClaimList = z.infer<typeof claimListSchema>;

/** Claims of the caller's region (or a region inside it), filtered; warnings are derived per claim. */
export async function listClaims(db: Db, ctx: ClaimContext, rawQuery: ClaimListQuery): Promise<ClaimList> {
  const query = claimListQuerySchema.parse(rawQuery);
  const regionCode = query.region ?? ctx.actor.regionCode;
  if (!canReadRegion(ctx.actor, regionCode)) throw errors.forbidden('Anda hanya dapat melihat klaim di wilayah Anda sendiri.');
  const filter = { regionCode, status: query.status, type: query.type, q: query.q || undefined, workerId: query.workerId };
  const rates = await loadBenefitRates(db);
  if (query.warning && query.warning !== 'any') {
    // One kind of warning: derived for the claims whose first day of attention has come, then filtered.
    const rows = await findClaimsAll(db, { ...filter, attentionBy: ctx.today });
    const bundle = await loadBundle(db, rows, rates, false);
    const items = rows.map((row) => presentSummary(row, bundle, ctx)).filter((s) => s.warnings.some((w) => w.code === query.warning));
    return { items: items.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
  }
  // Any warning: exactly the claims whose first day of attention has come (claim-attention.ts), a page at
  // a time, the longest-waiting first.
  const { rows, total } = await findClaimsPage(db, query.warning === 'any' ? { ...filter, attentionBy: ctx.today } : filter, query.page, query.pageSize);
  const bundle = await loadBundle(db, rows, rates, false);
  return { items: rows.map((row) => presentSummary(row, bundle, ctx)), total, page: query.page, pageSize: query.pageSize };
}

// ---- Reporting -----------------------------------------------------------------------------------

async function loadWorkerForClaim(db: Db, ctx: ClaimContext, workerId: string): Promise<WorkerRow> {
  const worker = await findWorkerById(db, workerId);
  if (!worker || !canReadRegion(ctx.actor, worker.villageCode)) throw errors.notFound('Data pekerja');
  assertCanFile(ctx, worker.villageCode);
  return worker;
}

function checkEventDate(worker: WorkerRow, eventDate: string, today: string): void {
  if (eventDate > today) throw new AppError('validation', 'EVENT_IN_FUTURE', 'Tanggal kejadian tidak boleh setelah hari ini.', 'eventDate');
  if (eventDate < worker.birthDate) throw new AppError('validation', 'EVENT_BEFORE_BIRTH', 'Tanggal kejadian sebelum tanggal lahir pekerja. Periksa tanggalnya.', 'eventDate');
}

/** The fields a new claim takes from its event and from what the records said about that day. */
function claimBasis(
  event: { event: ClaimRow['event']; eventDate: string; injuryOutcome?: ClaimRow['injuryOutcome'] | undefined; incapacityDays?: number | null | undefined },
  facts: EventFacts,
) {
  const injury = event.event === 'work_accident_injury';
  return {
    type: claimTypeOf(event.event),
    program: facts.eligibility.program,
    eventDate: event.eventDate,
    injuryOutcome: injury ? (event.injuryOutcome ?? 'temporary') : null,
    incapacityDays: injury ? (event.incapacityDays ?? null) : null,
    eligible: facts.eligibility.eligible,
    ineligibleReason: facts.eligibility.reason ?? null,
    protection: facts.protection,
    graceMonths: facts.graceMonths,
    contributionMonths: facts.contributionMonths,
    contributionMonthsBpjs: null,
    declaredIncome: facts.declaredIncome,
    declaredIncomeBpjs: null,
  } as const;
}

function deathExists(existing: ClaimRow): AppError {
  return new AppError(
    'conflict',
    'CLAIM_DEATH_EXISTS',
    `Kematian pekerja ini sudah dilaporkan (klaim ${existing.number}, ${CLAIM_STATUS_LABELS[existing.status].toLowerCase()}). Buka klaim itu untuk melanjutkan.`,
    'workerId',
  );
}

/** GET /api/claims/check — before reporting: was the worker protected that day, and what would the claim pay? */
export async function checkEvent(db: Db, ctx: ClaimContext, query: { workerId: string; event: ClaimRow['event']; eventDate: string }): Promise<ClaimCheckDto> {
  const worker = await loadWorkerForClaim(db, ctx, query.workerId);
  checkEventDate(worker, query.eventDate, ctx.today);
  const facts = await eventFacts(db, worker, query.event, query.eventDate);
  const basis = claimBasis(query, facts);
  const estimate = estimateFor(basis, [], await loadBenefitRates(db));
  const existing = isDeathEvent(query.event) ? await findDeathClaimOfWorker(db, worker.id) : undefined;
  await recordAudit(db, ctx, { action: 'read', entity: 'worker', entityId: worker.id, regionCode: worker.villageCode, changes: { part: 'claim_check', eventDate: query.eventDate } });
  return {
    event: query.event,
    eventDate: query.eventDate,
    type: basis.type,
    eligible: facts.eligibility.eligible,
    program: facts.eligibility.program,
    reason: facts.eligibility.reason ?? null,
    protection: facts.protection,
    graceMonths: facts.graceMonths,
    contributionMonths: facts.contributionMonths,
    declaredIncome: facts.declaredIncome,
    estimate: estimate ? presentEstimate(estimate) : null,
    existingDeathClaim: existing ? { id: existing.id, number: existing.number } : null,
  };
}

/**
 * POST /api/claims — reports an event. The worker's protection on that day is checked at once from the
 * enrolments and payments; an unprotected worker's claim is recorded too, as not eligible with the
 * reason. A death also ends the worker's open participations from the next day and marks the worker
 * deceased (they leave the register coverage is counted against), all in one transaction.
 */
export async function createClaim(db: Db, ctx: ClaimContext, raw: ClaimCreateInput): Promise<ClaimDetailDto> {
  const input = claimCreateSchema.parse(raw);
  const worker = await loadWorkerForClaim(db, ctx, input.workerId);
  checkEventDate(worker, input.eventDate, ctx.today);
  const death = isDeathEvent(input.event);
  if (death) {
    const existing = await findDeathClaimOfWorker(db, worker.id);
    if (existing) throw deathExists(existing);
  } else if (worker.deceasedOn && input.eventDate > worker.deceasedOn) {
    throw new AppError('validation', 'WORKER_DECEASED', `Pekerja ini meninggal dunia pada ${dateLabel(worker.deceasedOn)}; kecelakaan sesudahnya tidak dapat dilaporkan.`, 'eventDate');
  }
  const heirs = prepareHeirs(ctx, worker, input.heirs ?? [], []);
  const facts = await eventFacts(db, worker, input.event, input.eventDate);
  const basis = claimBasis(input, facts);
  const { type } = basis;
  const id = randomUUID();
  const status: ClaimStatus = facts.eligibility.eligible ? 'reported' : 'not_eligible';
  const heirRows = heirs.map((h, i) => ({ ...h, id: randomUUID(), claimId: id, position: i + 1 }));
  const estimate = estimateFor(basis, heirRows, await loadBenefitRates(db));
  try {
    await db.transaction(async (tx) => {
      const number = await nextClaimNumber(tx, ctx.today.slice(0, 4));
      const endedEnrolmentIds = death ? await markDeath(tx, ctx, { workerId: worker.id, villageCode: worker.villageCode, number }, input.eventDate) : [];
      await insertClaim(tx, {
        ...basis,
        id,
        number,
        event: input.event,
        workerId: worker.id,
        villageCode: worker.villageCode,
        districtCode: worker.districtCode,
        place: input.place,
        description: input.description,
        trafficAccident: input.trafficAccident,
        status,
        reportedOn: ctx.today,
        reportedBy: ctx.actor.id,
        estimate,
        estimatedAmount: estimate?.total ?? 0,
        endedEnrolmentIds,
      });
      await insertHeirs(tx, heirRows);
      await recordStep(tx, ctx, id, status, ctx.today, facts.eligibility.reason ?? null);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'claim',
        entityId: id,
        regionCode: worker.villageCode,
        changes: {
          number: { before: null, after: number },
          type: { before: null, after: type },
          workerId: { before: null, after: worker.id },
          eventDate: { before: null, after: input.eventDate },
          status: { before: null, after: status },
          heirs: { before: null, after: heirRows.map((h) => h.id) },
        },
      });
      await refreshAttention(tx, [id]);
    });
  } catch (err) {
    if (isUniqueViolation(err) && death) {
      const existing = await findDeathClaimOfWorker(db, worker.id);
      if (existing) throw deathExists(existing);
    }
    throw err;
  }
  return claimDetail(db, ctx, (await findClaimById(db, id))!);
}

// ---- Changing a claim ----------------------------------------------------------------------------

export function claimLocked(claim: ClaimRow, what: string): AppError {
  return new AppError(
    'conflict',
    'CLAIM_LOCKED',
    `Klaim ${claim.number} sudah ${CLAIM_STATUS_LABELS[claim.status].toLowerCase()}; ${what} tidak dapat diubah lagi.`,
  );
}

/** A claim's heirs (its parent's, for a scholarship) and the documents of its checklist still missing. */
async function checklistOf(db: Db, claim: ClaimRow): Promise<{ heirs: HeirRow[]; missing: ReturnType<typeof missingDocuments> }> {
  const heirs = await findHeirs(db, [claim.parentClaimId ?? claim.id]);
  const documents = await findDocuments(db, [claim.id]);
  return { heirs, missing: missingDocuments(requiredFor(claim, checklistHeirs(claim, heirs)), documents.map((d) => d.code)) };
}

/** Appends a workflow step (who, when, why). */
export async function recordStep(db: Db, ctx: ClaimContext, claimId: string, step: string, onDate: string, note: string | null = null): Promise<void> {
  await insertClaimEvent(db, { claimId, step, onDate, actorId: ctx.actor.id, actorUsername: ctx.actor.username, note });
}

/**
 * After heirs, documents or the event's facts change: the estimate (children's scholarships, the JKK
 * income, the injury outcome) and the status that follows from the checklist. Inside the caller's transaction.
 */
export async function settleClaim(tx: Db, ctx: ClaimContext, claimId: string): Promise<ClaimRow> {
  const claim = (await findClaimById(tx, claimId, true))!;
  const { heirs, missing } = await checklistOf(tx, claim);
  const patch: Partial<ClaimRow> = {};
  if (claim.type !== 'scholarship') {
    const estimate = estimateFor(claim, heirs, await loadBenefitRates(tx));
    patch.estimate = estimate;
    patch.estimatedAmount = estimate?.total ?? 0;
  }
  if (claim.eligible) {
    const next = documentsStatus(claim.status, missing.length === 0);
    if (next !== claim.status) {
      patch.status = next;
      await recordStep(tx, ctx, claim.id, next === 'documents_complete' ? 'documents_complete' : 'documents_incomplete', ctx.today);
    }
  }
  await updateClaimRow(tx, claim.id, patch);
  await refreshAttention(tx, [claim.id]);
  return { ...claim, ...patch } as ClaimRow;
}

/** PATCH /api/claims/:id — the event's facts (before submission), what BPJS holds (officers), the injury's outcome. */
export async function updateClaim(db: Db, ctx: ClaimContext, id: string, patch: ClaimPatchInput): Promise<ClaimDetailDto> {
  const current = await findClaimById(db, id);
  assertReadable(ctx, current);
  assertCanFile(ctx, current.villageCode);
  const touchesFacts = patch.eventDate !== undefined || patch.place !== undefined || patch.description !== undefined || patch.trafficAccident !== undefined;
  const touchesBpjs = patch.contributionMonthsBpjs !== undefined || patch.declaredIncomeBpjs !== undefined;
  const touchesInjury = patch.injuryOutcome !== undefined || patch.incapacityDays !== undefined;
  if (current.type === 'scholarship' && (touchesFacts || touchesBpjs || touchesInjury)) {
    throw new AppError('validation', 'SCHOLARSHIP_FIXED', 'Data kejadian klaim beasiswa mengikuti klaim induknya; ubah di sana.');
  }
  if (touchesFacts && !BEFORE_SUBMISSION_STATUSES.includes(current.status)) throw claimLocked(current, 'data kejadiannya');
  if ((touchesBpjs || touchesInjury) && !UNDECIDED_STATUSES.includes(current.status)) {
    throw claimLocked(current, 'masa iur, upah dan akibat kecelakaannya');
  }
  if (touchesBpjs && !canProcessClaims(ctx.actor, current.villageCode)) {
    throw errors.forbidden('Masa iur dan upah menurut BPJS hanya dicatat oleh petugas BPJS Ketenagakerjaan atau admin Disnakertrans.');
  }
  if (touchesInjury && current.type !== 'jkk_injury') {
    throw new AppError('validation', 'NOT_AN_INJURY', 'Akibat kecelakaan dan lama tidak mampu bekerja hanya untuk klaim kecelakaan kerja.', patch.injuryOutcome !== undefined ? 'injuryOutcome' : 'incapacityDays');
  }
  const worker = (await findWorkerById(db, current.workerId))!;
  if (patch.eventDate !== undefined) checkEventDate(worker, patch.eventDate, ctx.today);

  const after: Partial<ClaimRow> = {};
  if (patch.place !== undefined) after.place = patch.place;
  if (patch.description !== undefined) after.description = patch.description;
  if (patch.trafficAccident !== undefined) after.trafficAccident = patch.trafficAccident;
  if (patch.injuryOutcome !== undefined) after.injuryOutcome = patch.injuryOutcome ?? 'temporary';
  if (patch.incapacityDays !== undefined) after.incapacityDays = patch.incapacityDays ?? null;
  if (patch.contributionMonthsBpjs !== undefined) after.contributionMonthsBpjs = patch.contributionMonthsBpjs ?? null;
  if (patch.declaredIncomeBpjs !== undefined) after.declaredIncomeBpjs = patch.declaredIncomeBpjs ?? null;
  const moved = patch.eventDate !== undefined && patch.eventDate !== current.eventDate;
  if (moved) after.eventDate = patch.eventDate;
  const changes = Object.fromEntries(
    Object.entries(after)
      .filter(([key, value]) => current[key as keyof ClaimRow] !== value)
      .map(([key, value]) => [key, { before: current[key as keyof ClaimRow] ?? null, after: value ?? null }]),
  );
  if (Object.keys(changes).length === 0) return claimDetail(db, ctx, current);

  await db.transaction(async (tx) => {
    if (moved) {
      // A new day: protection is checked again, and a death's end date follows it.
      const facts = await eventFacts(tx, worker, current.event, patch.eventDate!);
      Object.assign(after, eligibilityPatch(current, facts));
      if (isDeathEvent(current.event)) {
        await unmarkDeath(tx, ctx, current, `Tanggal kematian pada klaim ${current.number} dikoreksi`);
        after.endedEnrolmentIds = await markDeath(tx, ctx, current, patch.eventDate!);
      }
    }
    await updateClaimRow(tx, id, after);
    if (after.status && after.status !== current.status) await recordStep(tx, ctx, id, after.status === 'not_eligible' ? 'not_eligible' : 'rechecked', ctx.today, after.ineligibleReason ?? null);
    await settleClaim(tx, ctx, id);
    await recordAudit(tx, ctx, { action: 'update', entity: 'claim', entityId: id, regionCode: current.villageCode, changes });
  });
  return claimDetail(db, ctx, (await findClaimById(db, id))!);
}

/** The fields that follow a fresh check of protection: eligible or not, why, and the status. */
function eligibilityPatch(claim: ClaimRow, facts: Awaited<ReturnType<typeof eventFacts>>): Partial<ClaimRow> {
  const patch: Partial<ClaimRow> = {
    eligible: facts.eligibility.eligible,
    ineligibleReason: facts.eligibility.reason ?? null,
    protection: facts.protection,
    graceMonths: facts.graceMonths,
    contributionMonths: facts.contributionMonths,
    declaredIncome: facts.declaredIncome,
    checkedAt: new Date(),
  };
  if (!facts.eligibility.eligible && claim.status !== 'not_eligible') patch.status = 'not_eligible';
  if (facts.eligibility.eligible && claim.status === 'not_eligible') patch.status = 'reported';
  return patch;
}

/**
 * POST /api/claims/:id/recheck — checks protection on the event day again (payments or a BPJS file may
 * have arrived since the report): a claim becomes eligible, or not, with the reason.
 */
export async function recheckClaim(db: Db, ctx: ClaimContext, id: string): Promise<ClaimDetailDto> {
  const current = await findClaimById(db, id);
  assertReadable(ctx, current);
  if (!canProcessClaims(ctx.actor, current.villageCode)) assertCanFile(ctx, current.villageCode);
  if (current.type === 'scholarship' || !BEFORE_SUBMISSION_STATUSES.includes(current.status)) throw claimLocked(current, 'hasil pemeriksaan kepesertaannya');
  const worker = (await findWorkerById(db, current.workerId)) ?? { id: current.workerId, monthlyIncome: null };
  const facts = await eventFacts(db, worker, current.event, current.eventDate);
  const patch = eligibilityPatch(current, facts);
  await db.transaction(async (tx) => {
    await updateClaimRow(tx, id, patch);
    const note = facts.eligibility.eligible ? `Terlindungi ${facts.eligibility.program} pada ${dateLabel(current.eventDate)}.` : (facts.eligibility.reason ?? null);
    await recordStep(tx, ctx, id, patch.status === 'not_eligible' ? 'not_eligible' : 'rechecked', ctx.today, note);
    await settleClaim(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'claim',
      entityId: id,
      regionCode: current.villageCode,
      changes: { eligible: { before: current.eligible, after: facts.eligibility.eligible }, status: { before: current.status, after: patch.status ?? current.status } },
    });
  });
  return claimDetail(db, ctx, (await findClaimById(db, id))!);
}

// ---- Workflow steps ------------------------------------------------------------------------------

const ACTION_VERBS: Record<ClaimAction, string> = {
  submit: 'diajukan ke BPJS',
  approve: 'disetujui',
  reject: 'ditolak',
  cancel: 'dibatalkan',
  reopen: 'dibuka kembali',
};

/** POST /api/claims/:id/:action — submit, approve, reject, cancel or reopen, each with who, when and why. */
export async function runClaimAction(db: Db, ctx: ClaimContext, id: string, action: ClaimAction, body: ClaimActionBody): Promise<ClaimDetailDto> {
  const current = await findClaimById(db, id);
  assertReadable(ctx, current);
  if (action === 'cancel') assertCanFile(ctx, current.villageCode);
  else assertCanProcess(ctx, current.villageCode);
  const on = body.on ?? ctx.today;
  if (on > ctx.today) throw new AppError('validation', 'DATE_IN_FUTURE', 'Tanggal tidak boleh setelah hari ini.', 'on');
  if (on < current.eventDate) throw new AppError('validation', 'DATE_BEFORE_EVENT', `Tanggal tidak boleh sebelum tanggal kejadian (${dateLabel(current.eventDate)}).`, 'on');
  if ((action === 'reject' || action === 'cancel' || action === 'reopen') && !body.reason) {
    throw new AppError('validation', 'REASON_REQUIRED', 'Tulis alasannya (paling sedikit 3 huruf).', 'reason');
  }

  await db.transaction(async (tx) => {
    const claim = (await findClaimById(tx, id, true))!;
    if (!canTransition(action, claim.status)) throw await transitionRefusal(tx, claim, action);
    const patch: Partial<ClaimRow> = { status: CLAIM_TRANSITIONS[action].to };
    if (action === 'submit') {
      if (claim.type !== 'scholarship' && claim.type !== 'jkk_injury') {
        const heirs = await findHeirs(tx, [claim.id]);
        if (entitledHeirs(heirs).length === 0) {
          throw new AppError('conflict', 'HEIRS_MISSING', 'Catat ahli waris (paling sedikit satu, sesuai surat keterangan ahli waris) sebelum klaim diajukan ke BPJS.', 'heirs');
        }
      }
      patch.submittedOn = on;
    }
    if (action === 'approve') {
      const amount = body.approvedAmount ?? claim.estimatedAmount;
      if (amount <= 0) throw new AppError('validation', 'APPROVED_AMOUNT_REQUIRED', 'Tulis jumlah manfaat yang disetujui BPJS (Rupiah).', 'approvedAmount');
      patch.approvedAmount = amount;
      patch.decidedOn = on;
    }
    if (action === 'reject') patch.decidedOn = on;
    if (action === 'reopen') Object.assign(patch, { submittedOn: null, decidedOn: null, approvedAmount: null });
    if (action === 'cancel' && isDeathEvent(claim.event) && claim.type !== 'scholarship') {
      const live = (await findChildClaims(tx, [claim.id])).filter((c) => c.status !== 'cancelled');
      if (live.length > 0) throw new AppError('conflict', 'CLAIM_HAS_SCHOLARSHIPS', 'Batalkan dulu klaim beasiswa di bawah klaim ini.');
      await unmarkDeath(tx, ctx, claim, `Laporan kematian ${claim.number} dibatalkan`);
    }
    await updateClaimRow(tx, id, patch);
    const note = action === 'approve' ? [`Disetujui ${formatRupiah(patch.approvedAmount!)}`, body.note].filter(Boolean).join('. ') : (body.reason ?? body.note ?? null);
    await recordStep(tx, ctx, id, action === 'reopen' ? 'reopened' : patch.status!, on, note);
    // Reopened, the checklist decides the status again (settling also keeps the attention day).
    if (action === 'reopen') await settleClaim(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'claim',
      entityId: id,
      regionCode: claim.villageCode,
      changes: {
        status: { before: claim.status, after: patch.status },
        ...(patch.approvedAmount !== undefined ? { approvedAmount: { before: claim.approvedAmount, after: patch.approvedAmount } } : {}),
        ...(body.reason ? { reason: { before: null, after: body.reason } } : {}),
        on: { before: null, after: on },
      },
    });
    if (action !== 'reopen') await refreshAttention(tx, [id]);
  });
  return claimDetail(db, ctx, (await findClaimById(db, id))!);
}

/** Why a step cannot be taken now, in words that say what to do first. */
async function transitionRefusal(db: Db, claim: ClaimRow, action: ClaimAction): Promise<AppError> {
  if (action === 'submit' && claim.status === 'reported') {
    const { missing } = await checklistOf(db, claim);
    return new AppError(
      'conflict',
      'DOCUMENTS_INCOMPLETE',
      `Klaim belum dapat diajukan: dokumen belum lengkap. Masih kurang: ${missing.map((d) => d.label).join(', ')}.`,
      'documents',
      { fields: missing.map((d) => ({ field: `documents.${d.code}`, code: 'DOCUMENT_MISSING', message: `${d.label} belum diterima.` })) },
    );
  }
  if (claim.status === 'not_eligible') {
    return new AppError(
      'conflict',
      'CLAIM_NOT_ELIGIBLE',
      `Klaim ${claim.number} tidak berhak: ${claim.ineligibleReason ?? ''} Bila BPJS mencatat iuran yang belum ada di Jaring, perbarui kepesertaan lalu periksa ulang.`,
    );
  }
  return new AppError(
    'conflict',
    'CLAIM_STEP_NOT_ALLOWED',
    `Klaim ${claim.number} berstatus "${CLAIM_STATUS_LABELS[claim.status]}" sehingga tidak dapat ${ACTION_VERBS[action]}.`,
  );
}

/**
 * A death on `day`: the worker's open participations end the next day (the day itself stays protected) and
 * the worker is marked deceased, each change audited; protection and coverage history follow. Returns the
 * participations ended, kept on the claim so that a cancelled or corrected report can reopen them.
 */
async function markDeath(tx: Db, ctx: ClaimContext, claim: Pick<ClaimRow, 'workerId' | 'villageCode' | 'number'>, day: string): Promise<string[]> {
  const endedOn = addDays(day, 1);
  const ended = await endOpenEnrolmentsOfWorker(tx, claim.workerId, endedOn);
  await setWorkerDeceased(tx, claim.workerId, day, ctx.actor.id);
  await refreshProtection(tx, [claim.workerId]);
  for (const e of ended) {
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'enrolment',
      entityId: e.id,
      regionCode: claim.villageCode,
      changes: { endedOn: { before: null, after: endedOn }, reason: { before: null, after: `Peserta meninggal dunia (klaim ${claim.number})` } },
    });
  }
  await recordAudit(tx, ctx, { action: 'update', entity: 'worker', entityId: claim.workerId, regionCode: claim.villageCode, changes: { deceasedOn: { before: null, after: day } } });
  return ended.map((e) => e.id);
}

/** The reverse of markDeath (a report cancelled or its day corrected): the participations it ended reopen. */
async function unmarkDeath(tx: Db, ctx: ClaimContext, claim: ClaimRow, reason: string): Promise<void> {
  const endedOn = addDays(claim.eventDate, 1);
  const reopened = await reopenEnrolments(tx, claim.endedEnrolmentIds, endedOn);
  await setWorkerDeceased(tx, claim.workerId, null, ctx.actor.id);
  await refreshProtection(tx, [claim.workerId]);
  for (const enrolmentId of reopened) {
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'enrolment',
      entityId: enrolmentId,
      regionCode: claim.villageCode,
      changes: { endedOn: { before: endedOn, after: null }, reason: { before: null, after: reason } },
    });
  }
  await recordAudit(tx, ctx, { action: 'update', entity: 'worker', entityId: claim.workerId, regionCode: claim.villageCode, changes: { deceasedOn: { before: claim.eventDate, after: null } } });
}

/** Moves an approved claim to paid (or back) as its payments reach (or fall below) the approved amount. */
export async function settlePayments(tx: Db, ctx: ClaimContext, claimId: string, paidOn: string): Promise<void> {
  const claim = (await findClaimById(tx, claimId, true))!;
  const paid = benefitPaid(await findClaimPayments(tx, [claimId]));
  const next = paymentStatus(claim.status, paid, claim.approvedAmount);
  if (next === claim.status) return;
  await updateClaimRow(tx, claimId, { status: next, paidOn: next === 'paid' ? paidOn : null });
  await recordStep(tx, ctx, claimId, next === 'paid' ? 'paid' : 'approved', paidOn, next === 'paid' ? `Dibayar ${formatRupiah(paid)}` : 'Pembayaran dikoreksi; belum lunas');
  await refreshAttention(tx, [claimId]);
}

// ---- Settings ------------------------------------------------------------------------------------

export async function getClaimSettings(db: Db): Promise<ClaimSettings> {
  return loadClaimSettings(db);
}

/** Deadlines behind the overdue warnings and the public holidays working days skip (admin only; audited). */
export async function saveClaimSettings(db: Db, ctx: ClaimContext, input: ClaimSettings): Promise<ClaimSettings> {
  if (ctx.actor.role !== 'admin') throw errors.forbidden('Hanya admin Disnakertrans yang dapat mengubah batas waktu klaim dan hari libur.');
  const before = await loadClaimSettings(db);
  const holidays = [...new Map(input.holidays.map((h) => [h.date, h])).values()].sort((a, b) => a.date.localeCompare(b.date));
  const value = { ...input, holidays };
  await db.transaction(async (tx) => {
    await saveSetting(tx, CLAIM_SETTINGS_KEY, value, ctx.actor.id);
    await refreshAllAttention(tx);
    await recordAudit(tx, ctx, { action: 'update', entity: 'claim_settings', changes: { settings: { before, after: value } } });
  });
  return value;
}
