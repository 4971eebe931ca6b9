/**
 * A claim's file: the heirs (legal order, children's schooling, who is paid) and the documents checklist.
 * Each change settles the claim in the same transaction: the estimate follows the children, the status
 * follows the checklist (complete → "documents complete", a document withdrawn → back to "reported").
 */
import { randomUUID } from 'node:crypto';
import { BEFORE_SUBMISSION_STATUSES, requiredDocuments } from '../../../core/claims.ts';
import { heirInputSchema, type HeirInput } from '../../../core/claims.schema.ts';
import type { z } from 'zod';
import type { heirPatchSchema } from '../../../core/claims.schema.ts';
import type { ClaimDetailDto } from '../../../core/claims.schema.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors, fieldErrorsFromIssues, validationError } from '../../errors.ts';
import { createdChanges, diffRecords, recordAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../workers/workers.repo.ts';
import { assertCanFile, assertReadable, type ClaimContext } from './claim-view.ts';
import { claimDetail, claimLocked, settleClaim } from './claims.service.ts';
import { HEIR_FIELDS, prepareHeirs } from './heir-values.ts';
import {
  clearPayees,
  findClaimWorkers,
  deleteDocument,
  deleteHeirRow,
  findClaimById,
  findHeirById,
  findHeirs,
  insertHeirs,
  isHeirReferenced,
  updateHeirRow,
  upsertDocument,
  type ClaimRow,
  type HeirRow,
} from './claims.repo.ts';

/** The claim whose file the caller may change now (heirs until paid; a scholarship claim's child is its parent's). */
async function loadFileClaim(db: Db, ctx: ClaimContext, id: string, what: 'heirs' | 'documents'): Promise<ClaimRow> {
  const claim = await findClaimById(db, id);
  assertReadable(ctx, claim);
  assertCanFile(ctx, claim.villageCode);
  if (what === 'heirs') {
    if (claim.type === 'scholarship') throw new AppError('validation', 'SCHOLARSHIP_FIXED', 'Data anak klaim beasiswa diubah pada klaim induknya.');
    if (['paid', 'cancelled', 'rejected'].includes(claim.status)) throw claimLocked(claim, 'ahli warisnya');
  } else if (!BEFORE_SUBMISSION_STATUSES.includes(claim.status)) {
    throw claimLocked(claim, 'daftar dokumennya');
  }
  return claim;
}

async function workerNik(db: Db, workerId: string): Promise<string> {
  return (await findClaimWorkers(db, [workerId])).get(workerId)?.nik ?? '';
}

function heirConflict(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('conflict', 'HEIR_EXISTS', 'Ahli waris dengan NIK ini sudah tercatat pada klaim ini.', 'nik');
  throw err;
}

/** POST /api/claims/:id/heirs */
export async function addHeir(db: Db, ctx: ClaimContext, claimId: string, input: HeirInput): Promise<ClaimDetailDto> {
  const claim = await loadFileClaim(db, ctx, claimId, 'heirs');
  const existing = await findHeirs(db, [claim.id]);
  const [values] = prepareHeirs(ctx, { nik: await workerNik(db, claim.workerId) }, [input], existing, '');
  const row = { ...values!, id: randomUUID(), claimId: claim.id, position: Math.max(0, ...existing.map((h) => h.position)) + 1 };
  try {
    await db.transaction(async (tx) => {
      if (row.isPayee) await clearPayees(tx, claim.id);
      await insertHeirs(tx, [row]);
      await settleClaim(tx, ctx, claim.id);
      await recordAudit(tx, ctx, { action: 'create', entity: 'claim_heir', entityId: row.id, regionCode: claim.villageCode, changes: { claimId: { before: null, after: claim.id }, ...createdChanges(row, HEIR_FIELDS) } });
    });
  } catch (err) {
    heirConflict(err);
  }
  return claimDetail(db, ctx, (await findClaimById(db, claim.id))!);
}

async function loadHeir(db: Db, claim: ClaimRow, heirId: string): Promise<HeirRow> {
  const heir = await findHeirById(db, heirId);
  if (!heir || heir.claimId !== claim.id) throw errors.notFound('Ahli waris');
  return heir;
}

/** PATCH /api/claims/:id/heirs/:heirId — the merged record is checked as a whole again. */
export async function updateHeir(db: Db, ctx: ClaimContext, claimId: string, heirId: string, patch: z.infer<typeof heirPatchSchema>): Promise<ClaimDetailDto> {
  const claim = await loadFileClaim(db, ctx, claimId, 'heirs');
  const heir = await loadHeir(db, claim, heirId);
  const merged = {
    nik: heir.nik,
    name: heir.name,
    relation: heir.relation,
    birthDate: heir.birthDate,
    sex: heir.sex,
    phone: heir.phone,
    schoolLevel: heir.schoolLevel as HeirInput['schoolLevel'],
    married: heir.married,
    working: heir.working,
    isPayee: heir.isPayee,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  // A new NIK brings its own birth date and sex unless they were given too.
  if (patch.nik !== undefined && patch.nik !== heir.nik) {
    if (patch.birthDate === undefined) delete (merged as Partial<typeof merged>).birthDate;
    if (patch.sex === undefined) delete (merged as Partial<typeof merged>).sex;
  }
  const checked = heirInputSchema.safeParse(merged);
  if (!checked.success) throw validationError(fieldErrorsFromIssues(checked.error.issues, 'body', merged));
  const others = (await findHeirs(db, [claim.id])).filter((h) => h.id !== heir.id);
  const [values] = prepareHeirs(ctx, { nik: await workerNik(db, claim.workerId) }, [checked.data], others, '');
  const changes = diffRecords(heir as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>, HEIR_FIELDS);
  if (Object.keys(changes).length === 0) return claimDetail(db, ctx, claim);
  try {
    await db.transaction(async (tx) => {
      if (values!.isPayee && !heir.isPayee) await clearPayees(tx, claim.id);
      await updateHeirRow(tx, heir.id, values!);
      await settleClaim(tx, ctx, claim.id);
      await recordAudit(tx, ctx, { action: 'update', entity: 'claim_heir', entityId: heir.id, regionCode: claim.villageCode, changes });
    });
  } catch (err) {
    heirConflict(err);
  }
  return claimDetail(db, ctx, (await findClaimById(db, claim.id))!);
}

/** DELETE /api/claims/:id/heirs/:heirId — refused once a payment or a scholarship claim names the heir. */
export async function removeHeir(db: Db, ctx: ClaimContext, claimId: string, heirId: string): Promise<ClaimDetailDto> {
  const claim = await loadFileClaim(db, ctx, claimId, 'heirs');
  const heir = await loadHeir(db, claim, heirId);
  if (await isHeirReferenced(db, heir.id)) {
    throw new AppError('conflict', 'HEIR_IN_USE', `${heir.name} sudah menerima pembayaran atau punya klaim beasiswa; data ini tidak dapat dihapus. Ubah datanya bila keliru.`);
  }
  await db.transaction(async (tx) => {
    await deleteHeirRow(tx, heir.id);
    await settleClaim(tx, ctx, claim.id);
    await recordAudit(tx, ctx, {
      action: 'delete',
      entity: 'claim_heir',
      entityId: heir.id,
      regionCode: claim.villageCode,
      changes: Object.fromEntries(HEIR_FIELDS.map((f) => [f, { before: heir[f], after: null }])),
    });
  });
  return claimDetail(db, ctx, (await findClaimById(db, claim.id))!);
}

/** PUT /api/claims/:id/documents/:code — a checklist item received on a day. */
export async function receiveDocument(db: Db, ctx: ClaimContext, claimId: string, code: string, input: { receivedOn: string; note?: string | null }): Promise<ClaimDetailDto> {
  const claim = await loadFileClaim(db, ctx, claimId, 'documents');
  // Every document this kind of claim can ask for (the marriage book and police report only sometimes).
  const known = requiredDocuments(claim.type, { heirIsSpouse: true, trafficAccident: true });
  const document = known.find((d) => d.code === code);
  if (!document) {
    throw new AppError('validation', 'DOCUMENT_UNKNOWN', `Dokumen "${code}" bukan bagian dari daftar dokumen klaim ini.`, 'code');
  }
  if (input.receivedOn > ctx.today) throw new AppError('validation', 'DATE_IN_FUTURE', 'Tanggal diterima tidak boleh setelah hari ini.', 'receivedOn');
  await db.transaction(async (tx) => {
    await upsertDocument(tx, { claimId: claim.id, code, receivedOn: input.receivedOn, receivedBy: ctx.actor.id, receivedByUsername: ctx.actor.username, note: input.note ?? null });
    await settleClaim(tx, ctx, claim.id);
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'claim',
      entityId: claim.id,
      regionCode: claim.villageCode,
      changes: { [`document.${code}`]: { before: null, after: input.receivedOn } },
    });
  });
  return claimDetail(db, ctx, (await findClaimById(db, claim.id))!);
}

/** DELETE /api/claims/:id/documents/:code — marked by mistake; a complete claim goes back to "reported". */
export async function withdrawDocument(db: Db, ctx: ClaimContext, claimId: string, code: string): Promise<ClaimDetailDto> {
  const claim = await loadFileClaim(db, ctx, claimId, 'documents');
  await db.transaction(async (tx) => {
    const removed = await deleteDocument(tx, claim.id, code);
    if (!removed) throw errors.notFound('Dokumen');
    await settleClaim(tx, ctx, claim.id);
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'claim',
      entityId: claim.id,
      regionCode: claim.villageCode,
      changes: { [`document.${code}`]: { before: removed.receivedOn, after: null } },
    });
  });
  return claimDetail(db, ctx, (await findClaimById(db, claim.id))!);
}
