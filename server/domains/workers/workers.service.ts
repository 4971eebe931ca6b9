/**
 * The worker register: rules for adding, changing, removing and reading workers, with the caller's
 * region scope checked on every call and every write (and every full read) audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { ageOn } from '../../../core/dates.ts';
import { birthDateFromNik, maskNik, parseNik, type NikProblem } from '../../../core/nik.ts';
import type { OccupationCode } from '../../../core/occupations.ts';
import { ancestorCodeAt } from '../../../core/regions.ts';
import { canReadRegion, canWriteWorkers, mayReadPersonalDetail, mustMaskNik } from '../../../core/roles.ts';
import { WORKER_FIELDS, workerCreateSchema, type WorkerCreateInput, type WorkerPatchInput } from '../../../core/workers.schema.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors, fieldErrorsFromIssues, validationError } from '../../errors.ts';
import { type AuditContext, createdChanges, diffRecords, recordAudit, writeWithAudit } from '../audit/audit.service.ts';
import { coverageOfWorkers, type WorkerCoverage } from '../enrolment/enrolment.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import {
  findWorkerById,
  findWorkerByNik,
  insertWorkerStatement,
  isUniqueViolation,
  searchWorkers,
  updateWorkerRow,
  type WorkerRow,
} from './workers.repo.ts';
import type { z } from 'zod';
import type { WorkerDetailDto, WorkerListQuery, workerListSchema, WorkerSummaryDto } from './workers.schemas.ts';

export interface WorkerContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
  /** Today in the regency's calendar, YYYY-MM-DD (injected so tests do not depend on the clock). */
  today: string;
}

const EDITABLE_FIELDS = WORKER_FIELDS;

type WorkerValues = Pick<WorkerRow, (typeof EDITABLE_FIELDS)[number]>;

const NOT_ENROLLED: WorkerCoverage = { status: 'not_enrolled', paidUntil: null, programs: [], enrolments: [] };

function presentSummary(row: WorkerRow, ctx: WorkerContext, coverage: WorkerCoverage = NOT_ENROLLED): WorkerSummaryDto {
  const masked = mustMaskNik(ctx.actor.role);
  return {
    id: row.id,
    nik: masked ? maskNik(row.nik) : row.nik,
    nikMasked: masked,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, ctx.today),
    villageCode: row.villageCode,
    villageName: ctx.regions.get(row.villageCode)?.name ?? row.villageCode,
    districtCode: row.districtCode,
    districtName: ctx.regions.get(row.districtCode)?.name ?? row.districtCode,
    hamlet: row.hamlet,
    rt: row.rt,
    rw: row.rw,
    occupation: row.occupation as OccupationCode,
    coverage: { status: coverage.status, paidUntil: coverage.paidUntil },
    deceasedOn: row.deceasedOn,
  };
}

/** `coverage` is looked up unless known (a worker registered a moment ago has no enrolment yet). */
async function presentDetail(
  db: Db,
  row: WorkerRow,
  ctx: WorkerContext,
  warnings: NikProblem<string>[] = [],
  known?: WorkerCoverage,
): Promise<WorkerDetailDto> {
  const personal = mayReadPersonalDetail(ctx.actor.role);
  const coverage = known ?? (await coverageOfWorkers(db, [row.id], ctx.today)).get(row.id) ?? NOT_ENROLLED;
  const summary = presentSummary(row, ctx, coverage);
  return {
    ...summary,
    ...(personal ? {} : { nik: maskNik(row.nik), nikMasked: true }),
    phone: personal ? row.phone : null,
    monthlyIncome: row.monthlyIncome,
    dependants: row.dependants,
    notes: row.notes,
    nikDistrictCode: `${row.nik.slice(0, 2)}.${row.nik.slice(2, 4)}.${row.nik.slice(4, 6)}`,
    programs: coverage.programs,
    enrolments: coverage.enrolments,
    familyCardNumber: personal ? row.familyCardNumber : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    warnings,
  };
}

/** Turns checked input into the values stored: derives sex and birth date from the NIK, blanks become null. */
function normalizeValues(input: WorkerCreateInput, ctx: WorkerContext): { values: WorkerValues; warnings: NikProblem<string>[] } {
  const nikResult = parseNik(input.nik, ctx.regions);
  if (!nikResult.ok) throw new AppError('validation', nikResult.error.code, nikResult.error.message, 'nik');
  const village = ctx.regions.village(input.villageCode);
  if (!village) {
    throw new AppError(
      'validation',
      'VILLAGE_UNKNOWN',
      `Desa dengan kode ${input.villageCode} tidak ada di ${ctx.regions.served.name}. Pilih desa dari daftar.`,
      'villageCode',
    );
  }
  const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
  const padded = (v: string | null | undefined) => (blank(v) === null ? null : blank(v)!.padStart(3, '0'));
  return {
    values: {
      nik: input.nik,
      name: input.name.replace(/\s+/g, ' '),
      birthDate: input.birthDate ?? birthDateFromNik(nikResult.info, ctx.today),
      sex: input.sex ?? nikResult.info.sex,
      villageCode: input.villageCode,
      hamlet: blank(input.hamlet),
      rt: padded(input.rt),
      rw: padded(input.rw),
      phone: blank(input.phone),
      occupation: input.occupation,
      monthlyIncome: input.monthlyIncome ?? null,
      dependants: input.dependants ?? null,
      notes: blank(input.notes),
    },
    warnings: nikResult.warnings,
  };
}

async function assertNikFree(db: Db, nik: string, ctx: WorkerContext, exceptId?: string): Promise<void> {
  const existing = await findWorkerByNik(db, nik);
  if (existing && existing.id !== exceptId) throw nikTaken(existing, ctx);
}

/** A 409 that points to the existing worker only when the caller may see it; otherwise it reveals nothing. */
function nikTaken(existing: WorkerRow | undefined, ctx: WorkerContext): AppError {
  if (existing && canReadRegion(ctx.actor, existing.villageCode)) {
    const village = ctx.regions.get(existing.villageCode)?.name ?? existing.villageCode;
    return new AppError(
      'conflict',
      'NIK_ALREADY_REGISTERED',
      `NIK ini sudah terdaftar atas nama ${existing.name} di ${village}. Buka data yang sudah ada, jangan didaftarkan dua kali.`,
      'nik',
      { existingWorkerId: existing.id },
    );
  }
  return new AppError(
    'conflict',
    'NIK_ALREADY_REGISTERED',
    'NIK ini sudah terdaftar di wilayah lain. Hubungi Disnakertrans bila orang ini sudah pindah ke desa Anda.',
    'nik',
  );
}

/** Who may write a worker of a village: the register's rule, or the census's when an entry arrives from the field. */
export type WorkerWriteRule = (actor: SessionUser, villageCode: string) => boolean;

function assertCanWrite(ctx: WorkerContext, villageCode: string, authorize: WorkerWriteRule = canWriteWorkers): void {
  if (!authorize(ctx.actor, villageCode)) {
    throw errors.forbidden(
      ctx.actor.role === 'village' || ctx.actor.role === 'admin'
        ? 'Anda hanya dapat mengubah data pekerja di wilayah Anda sendiri.'
        : 'Peran Anda hanya dapat membaca data pekerja, tidak mengubahnya.',
    );
  }
}

export async function createWorker(
  db: Db,
  ctx: WorkerContext,
  input: WorkerCreateInput,
  authorize: WorkerWriteRule = canWriteWorkers,
): Promise<WorkerDetailDto> {
  const { values, warnings } = normalizeValues(input, ctx);
  assertCanWrite(ctx, values.villageCode, authorize);
  // No look-up first: the unique index refuses a registered NIK, and the catch below explains it.
  const now = new Date();
  const row: WorkerRow = {
    id: randomUUID(),
    ...values,
    districtCode: ancestorCodeAt(values.villageCode, 'district')!,
    // Household grouping comes from census files and resident exports; the form does not ask for it.
    familyCardNumber: null,
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.actor.id,
    updatedBy: ctx.actor.id,
    deceasedOn: null,
    deletedAt: null,
  };
  try {
    await writeWithAudit(db, insertWorkerStatement(db, row), ctx, {
      action: 'create',
      entity: 'worker',
      entityId: row.id,
      regionCode: row.villageCode,
      changes: createdChanges(row, EDITABLE_FIELDS),
    });
    return presentDetail(db, row, ctx, warnings, NOT_ENROLLED);
  } catch (err) {
    if (isUniqueViolation(err)) throw nikTaken(await findWorkerByNik(db, values.nik), ctx);
    throw err;
  }
}

async function loadReadable(db: Db, ctx: WorkerContext, id: string): Promise<WorkerRow> {
  const row = await findWorkerById(db, id);
  if (!row) throw errors.notFound('Data pekerja');
  if (!canReadRegion(ctx.actor, row.villageCode)) {
    throw errors.forbidden('Data pekerja ini berada di luar wilayah Anda.');
  }
  return row;
}

/** One worker's full record; every such read is written to the audit trail (UU PDP). */
export async function getWorker(db: Db, ctx: WorkerContext, id: string): Promise<WorkerDetailDto> {
  const row = await loadReadable(db, ctx, id);
  await recordAudit(db, ctx, { action: 'read', entity: 'worker', entityId: row.id, regionCode: row.villageCode });
  const nik = parseNik(row.nik, ctx.regions);
  return presentDetail(db, row, ctx, nik.ok ? nik.warnings : []);
}

export async function updateWorker(
  db: Db,
  ctx: WorkerContext,
  id: string,
  patch: WorkerPatchInput,
  authorize: WorkerWriteRule = canWriteWorkers,
): Promise<WorkerDetailDto> {
  const before = await loadReadable(db, ctx, id);
  assertCanWrite(ctx, before.villageCode, authorize);
  if (patch.villageCode && patch.villageCode !== before.villageCode) assertCanWrite(ctx, patch.villageCode, authorize);

  const nikChanged = patch.nik !== undefined && patch.nik !== before.nik;
  const merged = {
    ...before,
    // A new NIK brings its own sex and birth date unless the patch states them.
    ...(nikChanged ? { sex: undefined, birthDate: undefined } : {}),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  const checked = workerCreateSchema.safeParse(merged);
  if (!checked.success) {
    // The same codes and messages as a refused POST: the merged record is checked as a new one would be.
    throw validationError(fieldErrorsFromIssues(checked.error.issues, 'body', merged));
  }
  const { values, warnings } = normalizeValues(checked.data, ctx);
  if (nikChanged) await assertNikFree(db, values.nik, ctx, id);
  const changes = diffRecords(before as WorkerValues, values, EDITABLE_FIELDS);
  if (Object.keys(changes).length === 0) return presentDetail(db, before, ctx, warnings);
  try {
    const row = await db.transaction(async (tx) => {
      const updated = await updateWorkerRow(tx, id, {
        ...values,
        districtCode: ancestorCodeAt(values.villageCode, 'district')!,
        updatedAt: new Date(),
        updatedBy: ctx.actor.id,
      });
      await recordAudit(tx, ctx, { action: 'update', entity: 'worker', entityId: id, regionCode: updated.villageCode, changes });
      return updated;
    });
    return presentDetail(db, row, ctx, warnings);
  } catch (err) {
    if (isUniqueViolation(err)) throw nikTaken(await findWorkerByNik(db, values.nik), ctx);
    throw err;
  }
}

/** Removes a worker from the register; the row stays (soft delete) for the audit trail and later claims. */
export async function deleteWorker(db: Db, ctx: WorkerContext, id: string): Promise<void> {
  const before = await loadReadable(db, ctx, id);
  assertCanWrite(ctx, before.villageCode);
  await db.transaction(async (tx) => {
    await updateWorkerRow(tx, id, { deletedAt: new Date(), updatedBy: ctx.actor.id });
    await recordAudit(tx, ctx, {
      action: 'delete',
      entity: 'worker',
      entityId: id,
      regionCode: before.villageCode,
      changes: Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, { before: before[f], after: null }])),
    });
  });
}

export async function listWorkers(
  db: Db,
  ctx: WorkerContext,
  query: WorkerListQuery,
): Promise<z.infer<typeof workerListSchema>> {
  const regionCodes = [ctx.actor.regionCode];
  for (const code of [query.district, query.village]) {
    if (!code) continue;
    // A filter outside the caller's scope is refused, not silently emptied: the UI must not pretend.
    if (!canReadRegion(ctx.actor, code)) throw errors.forbidden('Wilayah yang diminta berada di luar wilayah Anda.');
    regionCodes.push(code);
  }
  const { rows, total, totalIsCapped } = await searchWorkers(db, {
    regionCodes,
    q: query.q || undefined,
    coverage: query.coverage,
    today: ctx.today,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const coverage = await coverageOfWorkers(db, rows.map((r) => r.id), ctx.today);
  return {
    items: rows.map((r) => presentSummary(r, ctx, coverage.get(r.id))),
    total,
    totalIsCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}
