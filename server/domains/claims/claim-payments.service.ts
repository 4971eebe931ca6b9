/**
 * Money to families: each payment of a claim (to an heir, the participant, or a provider for medical care)
 * with its day and reference, never edited — a correction is a reversing entry. And each school year's
 * scholarship claim of a child, checked against the child's entitlement.
 */
import { randomUUID } from 'node:crypto';
import { benefitRatesOn, scholarshipDueOn, schoolYearLabel, schoolYearOf } from '../../../core/benefits.ts';
import { CLAIM_PAYMENT_KIND_LABELS, PAYMENT_KINDS_BY_TYPE, SCHOLARSHIP_REMINDER_DAYS } from '../../../core/claims.ts';
import type { ClaimDetailDto, ClaimPaymentCreateInput } from '../../../core/claims.schema.ts';
import { addDays, ageOn } from '../../../core/dates.ts';
import { formatRupiah } from '../../../core/money.ts';
import { dateLabel } from '../../../core/months.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../workers/workers.repo.ts';
import { loadBenefitRates } from './benefit-rates.ts';
import { assertCanFile, assertCanProcess, assertReadable, benefitPaid, childrenOf, estimateFor, hasScholarships, type ClaimContext } from './claim-view.ts';
import { refreshAttention } from './claim-attention.ts';
import { claimDetail, recordStep, settlePayments } from './claims.service.ts';
import {
  findChildClaims,
  findClaimById,
  findClaimPaymentById,
  findClaimPayments,
  findHeirs,
  insertClaim,
  insertClaimPayment,
  nextClaimNumber,
} from './claims.repo.ts';

/** POST /api/claims/:id/payments — an amount paid out of an approved claim; the claim is paid once they reach the approved amount. */
export async function recordClaimPayment(db: Db, ctx: ClaimContext, claimId: string, input: ClaimPaymentCreateInput): Promise<ClaimDetailDto> {
  const claim = await findClaimById(db, claimId);
  assertReadable(ctx, claim);
  assertCanProcess(ctx, claim.villageCode);
  if (claim.status !== 'approved' && claim.status !== 'paid') {
    throw new AppError('conflict', 'CLAIM_NOT_APPROVED', `Klaim ${claim.number} belum disetujui BPJS; pembayaran dicatat sesudah klaim disetujui.`);
  }
  const allowed = PAYMENT_KINDS_BY_TYPE[claim.type];
  if (!allowed.includes(input.kind)) {
    throw new AppError(
      'validation',
      'PAYMENT_KIND_NOT_ALLOWED',
      `Klaim ini tidak membayar "${CLAIM_PAYMENT_KIND_LABELS[input.kind]}". Pilih salah satu: ${allowed.map((k) => CLAIM_PAYMENT_KIND_LABELS[k]).join(', ')}.`,
      'kind',
    );
  }
  if (input.paidOn > ctx.today) throw new AppError('validation', 'DATE_IN_FUTURE', 'Tanggal bayar tidak boleh setelah hari ini.', 'paidOn');
  if (input.paidOn < claim.eventDate) throw new AppError('validation', 'DATE_BEFORE_EVENT', `Tanggal bayar tidak boleh sebelum tanggal kejadian (${dateLabel(claim.eventDate)}).`, 'paidOn');
  const heirs = await findHeirs(db, [claim.parentClaimId ?? claim.id]);
  const heirId = input.heirId ?? (claim.type === 'scholarship' ? claim.heirId : null);
  if (heirId && !heirs.some((h) => h.id === heirId)) throw new AppError('validation', 'HEIR_UNKNOWN', 'Penerima bukan ahli waris klaim ini.', 'heirId');
  if (!heirId && (claim.type === 'jkm_death' || claim.type === 'jkk_death')) {
    throw new AppError('validation', 'HEIR_REQUIRED', 'Pilih ahli waris yang menerima pembayaran ini.', 'heirId');
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    // Locked: two officers booking the last instalment at once cannot both pass the check below.
    const locked = (await findClaimById(tx, claimId, true))!;
    const paid = benefitPaid(await findClaimPayments(tx, [claimId]));
    if (input.kind !== 'late_interest' && paid + input.amount > (locked.approvedAmount ?? 0)) {
      const left = Math.max(0, (locked.approvedAmount ?? 0) - paid);
      throw new AppError(
        'conflict',
        'PAYMENT_EXCEEDS_APPROVED',
        `Jumlah melebihi manfaat yang disetujui: yang belum dibayar tinggal ${formatRupiah(left)} dari ${formatRupiah(locked.approvedAmount ?? 0)}.`,
        'amount',
      );
    }
    await insertClaimPayment(tx, {
      id,
      claimId,
      heirId,
      kind: input.kind,
      amount: input.amount,
      paidOn: input.paidOn,
      reference: input.reference,
      note: input.note ?? null,
      createdBy: ctx.actor.id,
      createdByUsername: ctx.actor.username,
    });
    await settlePayments(tx, ctx, claimId, input.paidOn);
    await recordAudit(tx, ctx, {
      action: 'create',
      entity: 'claim_payment',
      entityId: id,
      regionCode: claim.villageCode,
      changes: {
        claimId: { before: null, after: claimId },
        kind: { before: null, after: input.kind },
        amount: { before: null, after: input.amount },
        paidOn: { before: null, after: input.paidOn },
        reference: { before: null, after: input.reference },
        heirId: { before: null, after: heirId },
      },
    });
  });
  return claimDetail(db, ctx, (await findClaimById(db, claimId))!);
}

/** POST /api/claims/:id/payments/:paymentId/reverse — a payment booked by mistake: a negative entry; neither counts any more. */
export async function reverseClaimPayment(db: Db, ctx: ClaimContext, claimId: string, paymentId: string, reason: string): Promise<ClaimDetailDto> {
  const claim = await findClaimById(db, claimId);
  assertReadable(ctx, claim);
  assertCanProcess(ctx, claim.villageCode);
  const payment = await findClaimPaymentById(db, paymentId);
  if (!payment || payment.claimId !== claimId) throw errors.notFound('Pembayaran');
  if (payment.reversesPaymentId) throw new AppError('conflict', 'PAYMENT_IS_REVERSAL', 'Ini sudah entri koreksi; catat pembayaran baru bila perlu.');
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await insertClaimPayment(tx, {
        id,
        claimId,
        heirId: payment.heirId,
        kind: payment.kind,
        amount: -payment.amount,
        paidOn: ctx.today,
        reference: `Koreksi ${payment.reference}`,
        note: reason,
        reversesPaymentId: payment.id,
        createdBy: ctx.actor.id,
        createdByUsername: ctx.actor.username,
      });
      await recordStep(tx, ctx, claimId, 'payment_reversed', ctx.today, `${CLAIM_PAYMENT_KIND_LABELS[payment.kind]} ${formatRupiah(payment.amount)} (${payment.reference}) dikoreksi: ${reason}`);
      await settlePayments(tx, ctx, claimId, ctx.today);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'claim_payment',
        entityId: id,
        regionCode: claim.villageCode,
        changes: { reversesPaymentId: { before: null, after: payment.id }, amount: { before: null, after: -payment.amount }, reason: { before: null, after: reason } },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'PAYMENT_ALREADY_REVERSED', 'Pembayaran ini sudah dikoreksi sebelumnya.');
    throw err;
  }
  return claimDetail(db, ctx, (await findClaimById(db, claimId))!);
}

/** How far ahead of a school year its scholarship may be claimed. */
const SCHOLARSHIP_CLAIM_AHEAD_DAYS = 2 * SCHOLARSHIP_REMINDER_DAYS;

/**
 * POST /api/claims/:id/scholarships — one school year's scholarship for one child of a deceased (or
 * permanently disabled) participant: the parent claim must carry scholarships (JKM: 3 years of
 * contributions), the child must be among the two eligible, under the age limit when the year is claimed,
 * within the years of the level and the per-child maximum.
 */
export async function createScholarshipClaim(
  db: Db,
  ctx: ClaimContext,
  parentId: string,
  input: { heirId: string; year: number; schoolLevel: 'TK' | 'SD' | 'SMP' | 'SMA' | 'PT' },
): Promise<ClaimDetailDto> {
  const parent = await findClaimById(db, parentId);
  assertReadable(ctx, parent);
  assertCanFile(ctx, parent.villageCode);
  if (parent.type === 'scholarship' || !hasScholarships(parent)) {
    throw new AppError('conflict', 'SCHOLARSHIP_NOT_APPLICABLE', 'Beasiswa hanya untuk anak peserta yang meninggal dunia atau cacat total tetap.');
  }
  if (['not_eligible', 'cancelled', 'rejected'].includes(parent.status)) {
    throw new AppError('conflict', 'SCHOLARSHIP_NOT_ELIGIBLE', `Klaim ${parent.number} tidak berhak atau dibatalkan/ditolak; beasiswa tidak dapat diklaim darinya.`);
  }
  const [heirs, rates] = await Promise.all([findHeirs(db, [parent.id]), loadBenefitRates(db)]);
  const kids = childrenOf(heirs);
  const index = kids.findIndex((k) => k.heir.id === input.heirId);
  if (index < 0) throw new AppError('validation', 'HEIR_NOT_CHILD', 'Pilih anak peserta yang tercatat sebagai ahli waris klaim ini.', 'heirId');
  const child = kids[index]!.heir;
  const estimate = estimateFor(parent, heirs, rates)!;
  if (!estimate.scholarship.eligible) throw new AppError('conflict', 'SCHOLARSHIP_NOT_ELIGIBLE', estimate.scholarship.reason ?? 'Beasiswa tidak berlaku untuk klaim ini.');
  const path = estimate.scholarship.children[index]!;
  if (path.schedule.length === 0) throw new AppError('conflict', 'SCHOLARSHIP_CHILD_NOT_ELIGIBLE', path.reason ?? `${child.name} tidak berhak atas beasiswa.`, 'heirId');

  const rateRow = benefitRatesOn(parent.eventDate, rates)!;
  const level = rateRow.scholarship.levels.find((l) => l.level === input.schoolLevel)!;
  if (input.year < schoolYearOf(parent.eventDate)) {
    throw new AppError('validation', 'SCHOLARSHIP_YEAR_BEFORE_EVENT', `Beasiswa dimulai tahun ajaran kejadian (${schoolYearLabel(schoolYearOf(parent.eventDate))}).`, 'year');
  }
  const dueOn = scholarshipDueOn(input.year, parent.eventDate);
  if (dueOn > addDays(ctx.today, SCHOLARSHIP_CLAIM_AHEAD_DAYS)) {
    throw new AppError('validation', 'SCHOLARSHIP_TOO_EARLY', `Beasiswa tahun ajaran ${schoolYearLabel(input.year)} baru dapat diklaim menjelang ${dateLabel(dueOn)}.`, 'year');
  }
  const age = ageOn(child.birthDate, dueOn);
  if (age >= rateRow.scholarship.ageLimit) {
    throw new AppError('conflict', 'SCHOLARSHIP_AGE_LIMIT', `${child.name} berusia ${age} tahun pada ${dateLabel(dueOn)}; beasiswa hanya untuk anak di bawah ${rateRow.scholarship.ageLimit} tahun.`, 'year');
  }
  const previous = (await findChildClaims(db, [parent.id])).filter((c) => c.heirId === child.id && c.status !== 'cancelled' && c.status !== 'rejected');
  if (previous.some((c) => c.schoolYear === input.year)) {
    throw new AppError('conflict', 'SCHOLARSHIP_YEAR_CLAIMED', `Beasiswa ${child.name} tahun ajaran ${schoolYearLabel(input.year)} sudah diklaim.`, 'year');
  }
  const atLevel = previous.filter((c) => c.schoolLevel === input.schoolLevel).length;
  if (atLevel >= level.years) {
    throw new AppError('conflict', 'SCHOLARSHIP_LEVEL_USED_UP', `Beasiswa jenjang ${input.schoolLevel} dibayar paling lama ${level.years} tahun; ${child.name} sudah mengklaim ${atLevel} tahun.`, 'schoolLevel');
  }
  const claimed = previous.reduce((s, c) => s + (c.approvedAmount ?? c.estimatedAmount), 0);
  const amount = Math.min(level.yearlyAmount, rateRow.scholarship.maxPerChild - claimed);
  if (amount <= 0) {
    throw new AppError('conflict', 'SCHOLARSHIP_MAXIMUM_REACHED', `Beasiswa ${child.name} sudah mencapai batas ${formatRupiah(rateRow.scholarship.maxPerChild)} per anak.`);
  }
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      const number = await nextClaimNumber(tx, ctx.today.slice(0, 4));
      await insertClaim(tx, {
        id,
        number,
        type: 'scholarship',
        program: parent.program,
        event: parent.event,
        parentClaimId: parent.id,
        workerId: parent.workerId,
        villageCode: parent.villageCode,
        districtCode: parent.districtCode,
        eventDate: parent.eventDate,
        place: `Beasiswa tahun ajaran ${schoolYearLabel(input.year)}`,
        description: `${child.name}, jenjang ${input.schoolLevel}`,
        status: 'reported',
        eligible: true,
        protection: parent.protection,
        graceMonths: parent.graceMonths,
        contributionMonths: parent.contributionMonths,
        contributionMonthsBpjs: parent.contributionMonthsBpjs,
        declaredIncome: parent.declaredIncome,
        declaredIncomeBpjs: parent.declaredIncomeBpjs,
        estimate: null,
        estimatedAmount: amount,
        heirId: child.id,
        schoolYear: input.year,
        schoolLevel: input.schoolLevel,
        reportedOn: ctx.today,
        reportedBy: ctx.actor.id,
      });
      await recordStep(tx, ctx, id, 'reported', ctx.today, `${child.name}, ${schoolYearLabel(input.year)}, ${input.schoolLevel}: ${formatRupiah(amount)}`);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'claim',
        entityId: id,
        regionCode: parent.villageCode,
        changes: {
          number: { before: null, after: number },
          type: { before: null, after: 'scholarship' },
          parentClaimId: { before: null, after: parent.id },
          heirId: { before: null, after: child.id },
          schoolYear: { before: null, after: input.year },
          schoolLevel: { before: null, after: input.schoolLevel },
          estimatedAmount: { before: null, after: amount },
        },
      });
      await refreshAttention(tx, [id]);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'SCHOLARSHIP_YEAR_CLAIMED', `Beasiswa ${child.name} tahun ajaran ${schoolYearLabel(input.year)} baru saja diklaim.`, 'year');
    throw err;
  }
  return claimDetail(db, ctx, (await findClaimById(db, id))!);
}
