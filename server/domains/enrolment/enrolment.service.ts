/**
 * Workers' participations (enrolments) and their protection status, derived on the day asked from
 * enrolments, premium payments and the dated grace rule. Enrolling, correcting and ending participations
 * write the change, the protection projection and the audit entry in one transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  coverageOn,
  programStatusOn,
  protectedUntilOf,
  type CoverageStatus,
  type Program,
  type ProgramStatus,
} from '../../../core/coverage.ts';
import type { EnrolmentCreateInput, EnrolmentDetail, enrolmentEndSchema, enrolmentPatchSchema } from '../../../core/financing.schema.ts';
import { fundingRefusal } from '../../../core/funding.ts';
import { dateLabel, monthOf, monthsBetween } from '../../../core/months.ts';
import { graceMonthsIn, PROGRAM_ORDER, rateInForce, REQUIRED_PROGRAMS, type PremiumRate } from '../../../core/premiums.ts';
import { canReadRegion, canWriteEnrolment } from '../../../core/roles.ts';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { type AuditContext, createdChanges, diffRecords, recordAudit } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { findGraceRules, findRates } from '../premiums/premiums.repo.ts';
import { incomeRaisedNotice, programsIncomplete } from '../premiums/premiums.service.ts';
import { findWorkerById, isUniqueViolation } from '../workers/workers.repo.ts';
import type { WorkerRow } from '../workers/workers.repo.ts';
import {
  endEnrolmentRow,
  findEnrolmentById,
  findEnrolmentsOfWorker,
  findParticipations,
  findPaymentLines,
  insertEnrolmentRows,
  refreshProtection,
  updateEnrolmentRow,
  type EnrolmentRow,
} from './enrolment.repo.ts';

export interface WorkerCoverage {
  status: CoverageStatus;
  paidUntil: string | null;
  programs: {
    program: Program;
    kpj: string | null;
    startMonth: string;
    paidUntil: string | null;
    fundingSource: string;
    status: ProgramStatus;
    bpjsStatus: 'active' | 'non_active' | null;
    bpjsReportedOn: string | null;
  }[];
  /** Per programme, as BPJS reported it (reconciliation) or as derived from Jaring's own payments. */
  enrolments: WorkerEnrolment[];
}

export interface WorkerEnrolment {
  program: Program;
  kpj: string | null;
  /** The BPJS file's status when the participation came from it; otherwise the status derived today. */
  status: 'active' | 'non_active' | ProgramStatus;
  /** The status derived today from the paid-until month (grace and lapse included). */
  statusToday: ProgramStatus;
  paidUntil: string | null;
  source: 'bpjs' | 'jaring';
  reportedOn: string | null;
}

/** Unpaid months that still protect on a day, from the dated grace rules (a handful of rows). */
export async function graceMonthsOn(db: Db, day: string): Promise<number> {
  return graceMonthsIn(await findGraceRules(db), monthOf(day));
}

export async function coverageOfWorkers(db: Db, workerIds: string[], day: string): Promise<Map<string, WorkerCoverage>> {
  const [participations, grace] = await Promise.all([findParticipations(db, workerIds), graceMonthsOn(db, day)]);
  const out = new Map<string, WorkerCoverage>();
  for (const id of workerIds) {
    const list = participations.get(id) ?? [];
    out.set(id, {
      ...coverageOn(list, day, grace),
      programs: list
        .map((p) => ({
          program: p.program,
          kpj: p.kpj,
          startMonth: p.startMonth,
          paidUntil: p.paidUntil,
          fundingSource: p.fundingSource,
          status: programStatusOn(p, day, grace),
          bpjsStatus: p.bpjsStatus,
          bpjsReportedOn: p.bpjsReportedOn,
        }))
        .sort((a, b) => a.program.localeCompare(b.program)),
      enrolments: list
        .map((p) => {
          const statusToday = programStatusOn(p, day, grace);
          return {
            program: p.program,
            kpj: p.kpj,
            status: p.bpjsStatus ?? statusToday,
            statusToday,
            paidUntil: p.paidUntil,
            source: p.bpjsStatus ? ('bpjs' as const) : ('jaring' as const),
            reportedOn: p.bpjsReportedOn,
          };
        })
        .sort((a, b) => a.program.localeCompare(b.program)),
    });
  }
  return out;
}

// ---- Enrolments -------------------------------------------------------------------------------------

export interface EnrolmentContext extends AuditContext {
  actor: SessionUser;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: string;
}

type EnrolmentPatchInput = z.infer<typeof enrolmentPatchSchema>;
type EnrolmentEndInput = z.infer<typeof enrolmentEndSchema>;

/** Open participations first, then by programme, newest first. */
function byDisplayOrder(a: EnrolmentRow, b: EnrolmentRow): number {
  if ((a.endedOn === null) !== (b.endedOn === null)) return a.endedOn === null ? -1 : 1;
  const order = PROGRAM_ORDER.indexOf(a.program) - PROGRAM_ORDER.indexOf(b.program);
  if (order !== 0) return order;
  return b.startMonth.localeCompare(a.startMonth) || (b.endedOn ?? '').localeCompare(a.endedOn ?? '');
}

async function presentEnrolments(db: Db, rows: EnrolmentRow[], today: string): Promise<EnrolmentDetail[]> {
  const [lines, grace] = await Promise.all([findPaymentLines(db, rows.map((r) => r.id)), graceMonthsOn(db, today)]);
  const month = monthOf(today);
  return [...rows].sort(byDisplayOrder).map((row) => {
    // Months paid by lines that still count, and by BPJS up to the month it reports as paid.
    const paidRanges = lines.filter((l) => l.enrolmentId === row.id && !l.reversed).map((l) => ({ from: l.fromMonth, to: l.toMonth }));
    if (row.bpjsPaidUntil && row.bpjsPaidUntil >= row.startMonth) paidRanges.push({ from: row.startMonth, to: row.bpjsPaidUntil });
    const participation = { ...row, paidRanges };
    return {
      id: row.id,
      workerId: row.workerId,
      program: row.program,
      kpj: row.kpj,
      startMonth: row.startMonth,
      declaredIncome: row.declaredIncome,
      fundingSource: row.fundingSource,
      endedOn: row.endedOn,
      paidUntil: row.paidUntil,
      status: programStatusOn(participation, today, grace),
      protectedUntil: protectedUntilOf(participation, grace, month),
      bpjsStatus: row.bpjsStatus,
      bpjsReportedOn: row.bpjsReportedOn,
      payments: lines
        .filter((l) => l.enrolmentId === row.id)
        .map(({ enrolmentId: _enrolment, ...line }) => line),
    };
  });
}

/** The worker, when the caller may read it; otherwise "not found" (a worker elsewhere is not revealed). */
async function loadReadableWorker(db: Db, ctx: EnrolmentContext, workerId: string): Promise<WorkerRow> {
  const worker = await findWorkerById(db, workerId);
  if (!worker || !canReadRegion(ctx.actor, worker.villageCode)) throw errors.notFound('Data pekerja');
  return worker;
}

/** The worker, when it exists; a caller who may not enrol workers of its village is refused. */
async function loadWritableWorker(db: Db, ctx: EnrolmentContext, workerId: string): Promise<WorkerRow> {
  const worker = await findWorkerById(db, workerId);
  if (!worker) throw errors.notFound('Data pekerja');
  if (!canWriteEnrolment(ctx.actor, worker.villageCode)) {
    throw errors.forbidden(
      ctx.actor.role === 'village' || ctx.actor.role === 'admin' || ctx.actor.role === 'bpjs'
        ? 'Anda hanya dapat mendaftarkan kepesertaan pekerja di wilayah Anda sendiri.'
        : 'Peran Anda hanya dapat membaca kepesertaan, tidak mengubahnya.',
    );
  }
  return worker;
}

async function loadWritableEnrolment(db: Db, ctx: EnrolmentContext, id: string): Promise<{ enrolment: EnrolmentRow; worker: WorkerRow }> {
  const enrolment = await findEnrolmentById(db, id);
  if (!enrolment) throw errors.notFound('Data kepesertaan');
  // Scoped like enrolling: the worker's village decides who may change it.
  return { enrolment, worker: await loadWritableWorker(db, ctx, enrolment.workerId) };
}

/** All participations of a worker, open and ended, with their payment lines. The read is audited (KPJ is personal). */
export async function listEnrolments(db: Db, ctx: EnrolmentContext, workerId: string): Promise<{ items: EnrolmentDetail[] }> {
  const worker = await loadReadableWorker(db, ctx, workerId);
  await recordAudit(db, ctx, { action: 'read', entity: 'worker', entityId: worker.id, regionCode: worker.villageCode, changes: { part: 'enrolments' } });
  return { items: await presentEnrolments(db, await findEnrolmentsOfWorker(db, worker.id), ctx.today) };
}

const PROGRAM_LIST = (programs: readonly string[]) => programs.join(' dan ');

/** The highest minimum income among the rates in force for these programmes in a month (null without one). */
function minimumIncomeFor(rates: readonly PremiumRate[], programs: readonly Program[], month: string): number | null {
  let min: number | null = null;
  for (const program of programs) {
    const rate = rateInForce(rates, program, month);
    if (!rate) {
      throw new AppError(
        'validation',
        'RATE_MISSING',
        `Belum ada tarif ${program} yang berlaku untuk bulan ${month}. Minta admin Disnakertrans mencatat tarifnya lebih dulu.`,
        'startMonth',
      );
    }
    if (rate.minIncome !== null) min = Math.max(min ?? 0, rate.minIncome);
  }
  return min;
}

/**
 * Enrols a worker in programmes from a month. Informal participants hold JKK and JKM together, so both
 * are required unless the worker already holds them; a programme already open is refused, as is Dana Desa
 * for months from 2024 on. An income under the minimum is raised to it (and the answer says so).
 */
export async function createEnrolments(
  db: Db,
  ctx: EnrolmentContext,
  workerId: string,
  input: EnrolmentCreateInput,
): Promise<{ items: EnrolmentDetail[]; notice: string | null }> {
  const worker = await loadWritableWorker(db, ctx, workerId);
  if (worker.deceasedOn) {
    throw new AppError('conflict', 'WORKER_DECEASED', `Pekerja ini meninggal dunia pada ${dateLabel(worker.deceasedOn)}; kepesertaan baru tidak dapat didaftarkan.`, 'programs');
  }
  const programs = PROGRAM_ORDER.filter((p) => input.programs.includes(p));
  const existing = await findEnrolmentsOfWorker(db, worker.id);
  const open = existing.filter((e) => e.endedOn === null);
  const already = programs.filter((p) => open.some((e) => e.program === p));
  if (already.length > 0) {
    throw new AppError(
      'conflict',
      'ENROLMENT_EXISTS',
      `Pekerja ini sudah terdaftar di ${PROGRAM_LIST(already)} dan kepesertaannya belum diakhiri. Hapus ${PROGRAM_LIST(already)} dari pilihan, atau akhiri kepesertaan lama lebih dulu.`,
      'programs',
    );
  }
  const missing = REQUIRED_PROGRAMS.filter((p) => !programs.includes(p) && !open.some((e) => e.program === p));
  if (missing.length > 0) throw programsIncomplete(missing);
  const refusal = fundingRefusal(input.fundingSource, input.startMonth, input.startMonth);
  if (refusal) throw new AppError('validation', 'DD_NOT_ALLOWED', refusal, 'fundingSource');
  if (monthsBetween(monthOf(ctx.today), input.startMonth) > 12) {
    throw new AppError('validation', 'START_TOO_LATE', 'Bulan mulai paling lambat 12 bulan dari bulan ini. Periksa tahunnya.', 'startMonth');
  }

  const minimum = minimumIncomeFor(await findRates(db), programs, input.startMonth);
  const declaredIncome = Math.max(input.declaredIncome, minimum ?? 0);
  const notice = declaredIncome > input.declaredIncome ? incomeRaisedNotice(input.declaredIncome, declaredIncome) : null;
  // KPJ is the person's participant number: an open participation's number carries over when none is given.
  const kpj = input.kpj ?? open.find((e) => e.kpj)?.kpj ?? null;
  const rows = programs.map((program) => ({
    id: randomUUID(),
    workerId: worker.id,
    program,
    kpj,
    startMonth: input.startMonth,
    declaredIncome,
    fundingSource: input.fundingSource,
  }));
  try {
    await db.transaction(async (tx) => {
      await insertEnrolmentRows(tx, rows);
      await refreshProtection(tx, [worker.id]);
      for (const row of rows) {
        await recordAudit(tx, ctx, {
          action: 'create',
          entity: 'enrolment',
          entityId: row.id,
          regionCode: worker.villageCode,
          changes: createdChanges(row, ['workerId', 'program', 'kpj', 'startMonth', 'declaredIncome', 'fundingSource']),
        });
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', 'ENROLMENT_EXISTS', 'Kepesertaan program ini baru saja didaftarkan oleh pengguna lain. Muat ulang halaman.', 'programs');
    }
    throw err;
  }
  return { items: await presentEnrolments(db, await findEnrolmentsOfWorker(db, worker.id), ctx.today), notice };
}

async function presentOne(db: Db, id: string, today: string): Promise<EnrolmentDetail> {
  const row = await findEnrolmentById(db, id);
  return (await presentEnrolments(db, [row!], today))[0]!;
}

/** Corrects the KPJ number or the declared income (raised to the minimum in force); audited before/after. */
export async function updateEnrolment(
  db: Db,
  ctx: EnrolmentContext,
  id: string,
  patch: EnrolmentPatchInput,
): Promise<EnrolmentDetail & { notice: string | null }> {
  const { enrolment, worker } = await loadWritableEnrolment(db, ctx, id);
  let notice: string | null = null;
  const after = { kpj: enrolment.kpj, declaredIncome: enrolment.declaredIncome };
  if (patch.kpj !== undefined) after.kpj = patch.kpj ?? null;
  if (patch.declaredIncome !== undefined) {
    if (enrolment.endedOn !== null) {
      throw new AppError(
        'conflict',
        'ENROLMENT_ENDED',
        'Kepesertaan ini sudah diakhiri; penghasilannya tidak dapat diubah lagi. Daftarkan kepesertaan baru bila pekerja ikut kembali.',
        'declaredIncome',
      );
    }
    const month = [monthOf(ctx.today), enrolment.startMonth].sort()[1]!;
    const minimum = minimumIncomeFor(await findRates(db), [enrolment.program], month);
    after.declaredIncome = Math.max(patch.declaredIncome, minimum ?? 0);
    if (after.declaredIncome > patch.declaredIncome) notice = incomeRaisedNotice(patch.declaredIncome, after.declaredIncome);
  }
  const changes = diffRecords({ kpj: enrolment.kpj, declaredIncome: enrolment.declaredIncome }, after, ['kpj', 'declaredIncome']);
  if (Object.keys(changes).length > 0) {
    await db.transaction(async (tx) => {
      await updateEnrolmentRow(tx, id, after);
      // The projection carries the declared income worklists price renewals with.
      await refreshProtection(tx, [worker.id]);
      await recordAudit(tx, ctx, { action: 'update', entity: 'enrolment', entityId: id, regionCode: worker.villageCode, changes });
    });
  }
  return { ...(await presentOne(db, id, ctx.today)), notice };
}

/** Ends a participation on a day (from then on it no longer protects); the reason goes to the audit trail. */
export async function endEnrolment(db: Db, ctx: EnrolmentContext, id: string, input: EnrolmentEndInput): Promise<EnrolmentDetail> {
  const { enrolment, worker } = await loadWritableEnrolment(db, ctx, id);
  const alreadyEnded = () =>
    new AppError('conflict', 'ENROLMENT_ALREADY_ENDED', `Kepesertaan ${enrolment.program} ini sudah diakhiri. Muat ulang halaman untuk melihat datanya.`);
  if (enrolment.endedOn !== null) throw alreadyEnded();
  if (input.endedOn < `${enrolment.startMonth}-01`) {
    throw new AppError('validation', 'ENDED_BEFORE_START', `Tanggal berakhir tidak boleh sebelum bulan mulai kepesertaan (${enrolment.startMonth}).`, 'endedOn');
  }
  if (input.endedOn > ctx.today) {
    throw new AppError('validation', 'ENDED_IN_FUTURE', 'Tanggal berakhir tidak boleh setelah hari ini. Akhiri kepesertaan pada hari itu tiba.', 'endedOn');
  }
  await db.transaction(async (tx) => {
    if (!(await endEnrolmentRow(tx, id, input.endedOn))) throw alreadyEnded();
    await refreshProtection(tx, [worker.id]);
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'enrolment',
      entityId: id,
      regionCode: worker.villageCode,
      changes: { endedOn: { before: null, after: input.endedOn }, reason: { before: null, after: input.reason } },
    });
  });
  return presentOne(db, id, ctx.today);
}
