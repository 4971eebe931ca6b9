/**
 * Recording premium payments from a funding source, reversing them, and the BPJS exchange files. A
 * payment is never edited: a correction is a reversing payment, after which neither counts towards a
 * worker's paid-until month. Every write refreshes worker_protection and is audited in its transaction.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Program } from '../../../core/coverage.ts';
import { daysInMonth } from '../../../core/dates.ts';
import type { paymentCreateSchema, paymentDetailSchema, paymentListSchema, paymentReverseSchema, PaymentDto } from '../../../core/financing.schema.ts';
import { canManageSource, fiscalYearOf, FUNDING_KIND_LABELS, fundingRefusal, UNBUDGETED_KINDS } from '../../../core/funding.ts';
import { addMonths, dateLabel, monthLabel, monthSpanLabel, monthsBetween } from '../../../core/months.ts';
import { occupationLabel } from '../../../core/occupations.ts';
import { PROGRAM_ORDER, quotePremiums } from '../../../core/premiums.ts';
import { isWithinRegion } from '../../../core/regions.ts';
import { canReadRegion, mustMaskNik, nikFor } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { refreshProtection } from '../enrolment/enrolment.repo.ts';
import { findRates } from '../premiums/premiums.repo.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { isUniqueViolation } from '../workers/workers.repo.ts';
import { exchangeFile, type Cell, type ExchangeColumn, type ExchangeFile, type ExchangeFormat } from './exchange-files.ts';
import {
  findCountingLines,
  findExportLines,
  findOpenEnrolments,
  findOverlappingCommitments,
  findPayment,
  findPaymentLines,
  findRegistrationRows,
  findSource,
  insertPayment,
  insertPaymentLines,
  lockWorkers,
  searchPayments,
  type PaymentLineInsert,
  type PaymentWithSource,
  type SourceRow,
} from './payments.repo.ts';
import { formatRupiah } from '../../../core/money.ts';

export interface PaymentContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: string;
}

export type PaymentCreateInput = z.output<typeof paymentCreateSchema>;
export type PaymentReverseInput = z.output<typeof paymentReverseSchema>;
export type PaymentDetailDto = z.infer<typeof paymentDetailSchema>;
export type PaymentListDto = z.infer<typeof paymentListSchema>;

export interface PaymentListQuery {
  sourceId?: string;
  village?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}




function presentPayment(row: PaymentWithSource): PaymentDto {
  return {
    id: row.id,
    sourceId: row.sourceId,
    sourceKind: row.sourceKind,
    sourceName: row.sourceName,
    fromMonth: row.fromMonth,
    toMonth: row.toMonth,
    workerCount: row.workerCount,
    amount: row.amount,
    expectedAmount: row.expectedAmount,
    difference: row.amount - row.expectedAmount,
    paidOn: row.paidOn,
    reference: row.reference,
    note: row.note,
    reversesPaymentId: row.reversesPaymentId,
    reversedByPaymentId: row.reversedByPaymentId,
    createdAt: row.createdAt.toISOString(),
  };
}

async function presentDetail(db: Db, ctx: PaymentContext, row: PaymentWithSource): Promise<PaymentDetailDto> {
  const lines = await findPaymentLines(db, row.id);
  const byWorker = new Map<string, PaymentDetailDto['workers'][number]>();
  for (const line of lines) {
    // A village sees only its own workers on a regency payment.
    if (!canReadRegion(ctx.actor, line.villageCode)) continue;
    let worker = byWorker.get(line.workerId);
    if (!worker) {
      worker = { workerId: line.workerId, name: line.name, nik: nikFor(ctx.actor.role, line.nik), villageCode: line.villageCode, amount: 0, programs: [] };
      byWorker.set(line.workerId, worker);
    }
    worker.amount += line.amount;
    if (!worker.programs.includes(line.program)) worker.programs.push(line.program);
  }
  for (const worker of byWorker.values()) worker.programs.sort((a, b) => PROGRAM_ORDER.indexOf(a) - PROGRAM_ORDER.indexOf(b));
  return { ...presentPayment(row), workers: [...byWorker.values()] };
}

function sourceLabel(source: Pick<SourceRow, 'kind' | 'name'>): string {
  return source.name || FUNDING_KIND_LABELS[source.kind].id;
}

/** A YYYY-MM or YYYY-MM-DD bound as a date: a month starts on its first day, or ends on its last. */
function dateBound(value: string | undefined, end: boolean): string | undefined {
  if (!value) return undefined;
  if (value.length === 10) return value;
  const [y, m] = value.split('-').map(Number) as [number, number];
  return end ? `${value}-${String(daysInMonth(y, m)).padStart(2, '0')}` : `${value}-01`;
}

function errorWithDetails(kind: 'validation' | 'conflict', code: string, message: string, field: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(kind, code, message, field, extra as ConstructorParameters<typeof AppError>[4]);
}

/** Records a payment from a source for workers and months, with its lines, in one transaction. */
export async function createPayment(db: Db, ctx: PaymentContext, input: PaymentCreateInput): Promise<PaymentDetailDto> {
  if (monthsBetween(input.fromMonth, input.toMonth) < 0) {
    throw new AppError('validation', 'MONTH_RANGE_INVALID', `Bulan akhir (${input.toMonth}) tidak boleh sebelum bulan awal (${input.fromMonth}).`, 'toMonth');
  }
  if (input.paidOn > ctx.today) {
    throw new AppError('validation', 'PAID_ON_IN_FUTURE', `Tanggal bayar ${input.paidOn} belum terjadi. Catat pembayaran setelah uang ditransfer.`, 'paidOn');
  }
  const workerIds = [...new Set(input.workerIds)];

  return db.transaction(async (tx) => {
    const source = await findSource(tx, input.sourceId);
    if (!source) throw new AppError('notFound', 'NOT_FOUND', 'Sumber dana tidak ditemukan. Muat ulang daftar sumber dana.', 'sourceId');
    if (!canManageSource(ctx.actor, source)) {
      throw errors.forbidden(`Anda tidak berwenang mencatat pembayaran dari ${sourceLabel(source)}.`);
    }
    const refusal = fundingRefusal(source.kind, input.fromMonth, input.toMonth);
    if (refusal) throw new AppError('validation', 'DD_NOT_ALLOWED', refusal, 'sourceId');

    const found = await lockWorkers(tx, workerIds);
    const reachable = found.filter((w) => canReadRegion(ctx.actor, w.villageCode) && isWithinRegion(w.villageCode, source.regionCode));
    if (reachable.length < workerIds.length) {
      const missing = workerIds.length - reachable.length;
      throw new AppError(
        'validation',
        'WORKER_NOT_FOUND',
        `${missing} pekerja tidak ditemukan, sudah dihapus, atau berada di luar wilayah Anda atau wilayah sumber dana ini. Muat ulang daftar pekerja lalu pilih lagi.`,
        'workerIds',
      );
    }
    const byId = new Map(reachable.map((w) => [w.id, w]));
    const ordered = workerIds.map((id) => byId.get(id)!);

    const open = await findOpenEnrolments(tx, workerIds);
    const enrolmentsOf = new Map<string, typeof open>();
    for (const e of open) enrolmentsOf.set(e.workerId, [...(enrolmentsOf.get(e.workerId) ?? []), e]);
    const notEnrolled = ordered.filter((w) => {
      const programs = (enrolmentsOf.get(w.id) ?? []).map((e) => e.program);
      return !programs.includes('JKK') || !programs.includes('JKM');
    });
    if (notEnrolled.length > 0) {
      const who = notEnrolled.length === 1 ? notEnrolled[0]!.name : `${notEnrolled.length} pekerja (antara lain ${notEnrolled[0]!.name})`;
      throw new AppError(
        'validation',
        'NOT_ENROLLED',
        `${who} belum terdaftar sebagai peserta JKK dan JKM. Daftarkan kepesertaannya dulu, atau keluarkan dari pembayaran ini.`,
        'workerIds',
      );
    }

    // One worker-month, one source: months committed to another source would be paid twice.
    const commitments = await findOverlappingCommitments(tx, workerIds, input.fromMonth, input.toMonth);
    const conflicts = commitments
      .filter((c) => c.sourceId !== source.id)
      .map((c) => ({
        workerId: c.workerId,
        sourceId: c.sourceId,
        sourceKind: c.sourceKind,
        sourceName: c.sourceName,
        fromMonth: c.fromMonth > input.fromMonth ? c.fromMonth : input.fromMonth,
        toMonth: c.toMonth < input.toMonth ? c.toMonth : input.toMonth,
      }));
    if (conflicts.length > 0) {
      const first = conflicts[0]!;
      const more = conflicts.length > 1 ? ` (dan ${conflicts.length - 1} bentrokan lain)` : '';
      throw errorWithDetails(
        'conflict',
        'DOUBLE_FUNDING',
        `${byId.get(first.workerId)!.name} sudah dibiayai ${first.sourceName} untuk ${monthSpanLabel(first.fromMonth, first.toMonth)}${more}. ` +
          'Satu bulan tidak boleh dibayar dari dua sumber: keluarkan pekerja itu dari pembayaran atau pilih bulan lain.',
        'workerIds',
        { conflicts: conflicts.slice(0, 100) },
      );
    }

    if (!UNBUDGETED_KINDS.includes(source.kind)) {
      const own = commitments.filter((c) => c.sourceId === source.id);
      const gaps: { name: string; month: string }[] = [];
      for (const worker of ordered) {
        for (let m = input.fromMonth; monthsBetween(m, input.toMonth) >= 0; m = addMonths(m, 1)) {
          if (!own.some((c) => c.workerId === worker.id && c.fromMonth <= m && c.toMonth >= m)) {
            gaps.push({ name: worker.name, month: m });
            break;
          }
        }
      }
      if (gaps.length > 0) {
        const who = gaps.length === 1 ? gaps[0]!.name : `${gaps.length} pekerja (antara lain ${gaps[0]!.name})`;
        throw new AppError(
          'validation',
          'NOT_COMMITTED',
          `${who} belum dianggarkan dari sumber ini untuk ${monthLabel(gaps[0]!.month)}; simpan rencana pembiayaan dulu.`,
          'workerIds',
        );
      }
    }

    const paid = await findCountingLines(tx, workerIds, input.fromMonth, input.toMonth);
    if (paid.length > 0) {
      const first = paid[0]!;
      const from = first.fromMonth > input.fromMonth ? first.fromMonth : input.fromMonth;
      const to = first.toMonth < input.toMonth ? first.toMonth : input.toMonth;
      throw new AppError(
        'conflict',
        'ALREADY_PAID',
        `${byId.get(first.workerId)!.name} sudah dibayar untuk ${monthSpanLabel(from, to)} (pembayaran ${first.reference ? `nomor ${first.reference} ` : ''}tanggal ${dateLabel(first.paidOn)}). ` +
          'Pilih bulan lain, atau batalkan pembayaran itu dulu bila salah.',
        'workerIds',
      );
    }

    // Each participation is priced at its own declared income with the rates in force each month.
    const rates = await findRates(tx);
    const months = monthsBetween(input.fromMonth, input.toMonth) + 1;
    const paymentId = randomUUID();
    const lines: PaymentLineInsert[] = [];
    let expectedAmount = 0;
    const budgeted = !UNBUDGETED_KINDS.includes(source.kind);
    for (const worker of ordered) {
      // A sponsor pays the programmes it committed to (JHT only when the plan included it); a
      // self-paying worker pays every open participation.
      const committed = new Set(
        commitments.filter((c) => c.workerId === worker.id && c.sourceId === source.id).flatMap((c) => c.programs.split(',')),
      );
      for (const enrolment of enrolmentsOf.get(worker.id)!.filter((e) => !budgeted || committed.has(e.program))) {
        const programs: Program[] = enrolment.program === 'JHT' ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'];
        const quoted = quotePremiums(rates, { income: enrolment.declaredIncome, programs, months, startMonth: input.fromMonth });
        if (!quoted.ok) {
          const problem = quoted.problem;
          throw new AppError(
            'validation',
            'RATE_MISSING',
            problem.code === 'RATE_MISSING'
              ? `Tarif iuran ${problem.program} untuk ${problem.month} belum dicatat. Minta admin Disnakertrans mencatat tarifnya dulu.`
              : 'Program JKK dan JKM wajib dibayar bersama.',
            'fromMonth',
          );
        }
        const amount = quoted.quote.programs.find((p) => p.program === enrolment.program)?.totalAmount ?? 0;
        expectedAmount += amount;
        lines.push({
          id: randomUUID(),
          enrolmentId: enrolment.id,
          fromMonth: input.fromMonth,
          toMonth: input.toMonth,
          amount,
          fundingSource: source.kind,
          paymentId,
          paidOn: input.paidOn,
          reference: input.reference ?? null,
        });
      }
    }

    const difference = input.amount - expectedAmount;
    if (difference !== 0 && !input.acceptDifference) {
      throw errorWithDetails(
        'validation',
        'PAYMENT_AMOUNT_MISMATCH',
        `Jumlah pembayaran ${formatRupiah(input.amount)} berbeda dari iuran yang dihitung ${formatRupiah(expectedAmount)} ` +
          `(selisih ${formatRupiah(difference)}). Periksa jumlah, atau centang 'catat dengan selisih'.`,
        'amount',
        { expectedAmount, difference },
      );
    }

    await insertPayment(tx, {
      id: paymentId,
      sourceId: source.id,
      fromMonth: input.fromMonth,
      toMonth: input.toMonth,
      workerCount: workerIds.length,
      amount: input.amount,
      expectedAmount,
      paidOn: input.paidOn,
      reference: input.reference ?? null,
      note: input.note ?? null,
      reversesPaymentId: null,
      createdBy: ctx.actor.id,
    });
    await insertPaymentLines(tx, lines);
    await refreshProtection(tx, workerIds);
    await recordAudit(tx, ctx, {
      action: 'create',
      entity: 'payment',
      entityId: paymentId,
      regionCode: source.regionCode,
      changes: {
        sourceId: source.id,
        workers: workerIds.length,
        fromMonth: input.fromMonth,
        toMonth: input.toMonth,
        amount: input.amount,
        expectedAmount,
      },
    });
    const row = await findPayment(tx, paymentId, source.regionCode);
    return presentDetail(tx, ctx, row!);
  });
}

/** Reverses a payment: a new payment with negative amount and mirrored lines; neither counts afterwards. */
export async function reversePayment(db: Db, ctx: PaymentContext, id: string, input: PaymentReverseInput): Promise<PaymentDetailDto> {
  const paidOn = input.paidOn ?? ctx.today;
  if (paidOn > ctx.today) {
    throw new AppError('validation', 'PAID_ON_IN_FUTURE', `Tanggal pembatalan ${paidOn} belum terjadi. Isi tanggal hari ini atau sebelumnya.`, 'paidOn');
  }
  try {
    return await db.transaction(async (tx) => {
      const original = await findPayment(tx, id, ctx.actor.regionCode);
      if (!original) throw errors.notFound('Pembayaran');
      if (!canManageSource(ctx.actor, { kind: original.sourceKind, regionCode: original.sourceRegionCode })) {
        throw errors.forbidden(`Anda tidak berwenang membatalkan pembayaran dari ${original.sourceName}.`);
      }
      if (original.reversesPaymentId) {
        throw new AppError('validation', 'CANNOT_REVERSE_REVERSAL', 'Ini adalah pembatalan; pembatalan tidak dapat dibatalkan lagi. Catat pembayaran baru bila perlu.');
      }
      if (original.reversedByPaymentId) throw alreadyReversed();
      if (paidOn < original.paidOn) {
        throw new AppError('validation', 'PAID_ON_BEFORE_PAYMENT', `Tanggal pembatalan tidak boleh sebelum tanggal pembayaran (${original.paidOn}).`, 'paidOn');
      }
      const lines = await findPaymentLines(tx, original.id);
      const reversalId = randomUUID();
      await insertPayment(tx, {
        id: reversalId,
        sourceId: original.sourceId,
        fromMonth: original.fromMonth,
        toMonth: original.toMonth,
        workerCount: original.workerCount,
        amount: -original.amount,
        expectedAmount: -original.expectedAmount,
        paidOn,
        reference: original.reference,
        note: input.reason,
        reversesPaymentId: original.id,
        createdBy: ctx.actor.id,
      });
      await insertPaymentLines(
        tx,
        lines.map((line) => ({
          id: randomUUID(),
          enrolmentId: line.enrolmentId,
          fromMonth: line.fromMonth,
          toMonth: line.toMonth,
          amount: -line.amount,
          fundingSource: line.fundingSource,
          paymentId: reversalId,
          paidOn,
          reference: line.reference,
        })),
      );
      await refreshProtection(tx, [...new Set(lines.map((l) => l.workerId))]);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'payment',
        entityId: reversalId,
        regionCode: original.sourceRegionCode,
        changes: {
          reversesPaymentId: original.id,
          sourceId: original.sourceId,
          workers: original.workerCount,
          fromMonth: original.fromMonth,
          toMonth: original.toMonth,
          amount: -original.amount,
        },
      });
      const row = await findPayment(tx, reversalId, original.sourceRegionCode);
      return presentDetail(tx, ctx, row!);
    });
  } catch (err) {
    // Two reversals at once: the unique index on reverses_payment_id lets only one through.
    if (isUniqueViolation(err)) throw alreadyReversed();
    throw err;
  }
}

function alreadyReversed(): AppError {
  return new AppError('conflict', 'ALREADY_REVERSED', 'Pembayaran ini sudah dibatalkan. Muat ulang halaman untuk melihat pembatalannya.');
}

export async function listPayments(db: Db, ctx: PaymentContext, query: PaymentListQuery): Promise<PaymentListDto> {
  if (query.village && !canReadRegion(ctx.actor, query.village)) throw errors.forbidden('Desa ini berada di luar wilayah Anda.');
  const { rows, total } = await searchPayments(db, {
    scope: ctx.actor.regionCode,
    sourceId: query.sourceId,
    villageCode: query.village,
    from: dateBound(query.from, false),
    to: dateBound(query.to, true),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(presentPayment), total, page: query.page, pageSize: query.pageSize };
}

export async function getPayment(db: Db, ctx: PaymentContext, id: string): Promise<PaymentDetailDto> {
  const row = await findPayment(db, id, ctx.actor.regionCode);
  if (!row) throw errors.notFound('Pembayaran');
  return presentDetail(db, ctx, row);
}

// ---- Exchange files ------------------------------------------------------------------------------------

function assertFullNikExport(ctx: PaymentContext): void {
  if (mustMaskNik(ctx.actor.role)) {
    throw errors.forbidden('Berkas untuk BPJS memuat NIK lengkap; peran Anda hanya dapat melihat NIK yang disamarkan.');
  }
}

const PAYMENT_COLUMNS: ExchangeColumn[] = [
  { header: 'Tanggal Bayar', width: 14 },
  { header: 'Nomor Referensi', width: 22 },
  { header: 'NIK', width: 20, text: true },
  { header: 'Nama', width: 30 },
  { header: 'No. KPJ', width: 16, text: true },
  { header: 'Desa/Kelurahan', width: 22 },
  { header: 'Program', width: 10 },
  { header: 'Bulan Dari', width: 12 },
  { header: 'Bulan Sampai', width: 12 },
  { header: 'Jumlah (Rp)', width: 14 },
  { header: 'Sumber Dana', width: 24 },
];

export interface PaymentExportQuery {
  sourceId?: string;
  from?: string;
  to?: string;
  format: ExchangeFormat;
}

/** The counting payment lines of a period for BPJS: one row per worker and programme paid. */
export async function exportPayments(db: Db, ctx: PaymentContext, query: PaymentExportQuery): Promise<ExchangeFile> {
  assertFullNikExport(ctx);
  let source: SourceRow | undefined;
  if (query.sourceId) {
    source = await findSource(db, query.sourceId);
    const visible = source && (isWithinRegion(source.regionCode, ctx.actor.regionCode) || isWithinRegion(ctx.actor.regionCode, source.regionCode));
    if (!source || !visible) throw errors.notFound('Sumber dana');
  }
  const from = dateBound(query.from, false);
  const to = dateBound(query.to, true);
  const lines = await findExportLines(db, { scope: ctx.actor.regionCode, sourceId: query.sourceId, from, to });
  const rows: Cell[][] = lines.map((l) => [
    l.paidOn,
    l.reference,
    l.nik,
    l.name,
    l.kpj,
    ctx.regions.get(l.villageCode)?.name ?? l.villageCode,
    l.program,
    l.fromMonth,
    l.toMonth,
    l.amount,
    l.sourceName,
  ]);
  await recordAudit(db, ctx, {
    action: 'export',
    entity: 'payment',
    regionCode: source?.regionCode ?? ctx.actor.regionCode,
    changes: { file: 'payments', format: query.format, sourceId: query.sourceId ?? null, from: from ?? null, to: to ?? null, rows: rows.length },
  });
  const period = [query.from, query.to].filter(Boolean).join('-sd-') || ctx.today;
  return exchangeFile(query.format, `pembayaran-iuran${source ? `-${source.kind}` : ''}-${period}`, 'Pembayaran', PAYMENT_COLUMNS, rows);
}

const REGISTRATION_COLUMNS: ExchangeColumn[] = [
  { header: 'NIK', width: 20, text: true },
  { header: 'Nama', width: 30 },
  { header: 'Tanggal Lahir', width: 14 },
  { header: 'Jenis Kelamin (L/P)', width: 10 },
  { header: 'Dusun', width: 18 },
  { header: 'RT/RW', width: 10, text: true },
  { header: 'Desa/Kelurahan', width: 22 },
  { header: 'Kecamatan', width: 20 },
  { header: 'Pekerjaan', width: 22 },
  { header: 'Penghasilan per Bulan (Rp)', width: 16 },
  { header: 'Program', width: 14 },
  { header: 'No. KPJ', width: 16, text: true },
  { header: 'Bulan Dibiayai', width: 24 },
  { header: 'Jumlah Bulan', width: 10 },
];

/** Who may download a source's collective-registration list: admin and BPJS within their region, a village its own sources. */
function canExportRegistration(ctx: PaymentContext, source: SourceRow): boolean {
  switch (ctx.actor.role) {
    case 'admin':
    case 'bpjs':
      return isWithinRegion(source.regionCode, ctx.actor.regionCode);
    case 'village':
      return source.regionCode === ctx.actor.regionCode;
    default:
      return false;
  }
}

/** The collective-registration list of a source for a fiscal year: one row per worker it funds. */
export async function exportRegistration(db: Db, ctx: PaymentContext, sourceId: string, query: { year?: number; format: ExchangeFormat }): Promise<ExchangeFile> {
  assertFullNikExport(ctx);
  const source = await findSource(db, sourceId);
  if (!source) throw errors.notFound('Sumber dana');
  if (!canExportRegistration(ctx, source)) throw errors.forbidden(`Anda tidak berwenang mengunduh daftar pendaftaran ${sourceLabel(source)}.`);
  const year = query.year ?? fiscalYearOf(ctx.today);
  const found = await findRegistrationRows(db, source.id, year);

  const byWorker = new Map<string, { row: (typeof found)[number]; spans: string[]; months: number; programs: Set<string>; income: number }>();
  for (const r of found) {
    const entry = byWorker.get(r.workerId) ?? { row: r, spans: [], months: 0, programs: new Set<string>(), income: 0 };
    // Files for BPJS keep machine-readable months.
    entry.spans.push(r.fromMonth === r.toMonth ? r.fromMonth : `${r.fromMonth} s.d. ${r.toMonth}`);
    entry.months += monthsBetween(r.fromMonth, r.toMonth) + 1;
    for (const p of r.programs.split(',')) entry.programs.add(p.trim());
    entry.income = Math.max(entry.income, r.declaredIncome);
    byWorker.set(r.workerId, entry);
  }
  const rows: Cell[][] = [...byWorker.values()].map(({ row: r, spans, months, programs, income }) => [
    r.nik,
    r.name,
    r.birthDate,
    r.sex === 'F' ? 'P' : 'L',
    r.hamlet,
    r.rt || r.rw ? `${r.rt ?? '-'}/${r.rw ?? '-'}` : null,
    ctx.regions.get(r.villageCode)?.name ?? r.villageCode,
    ctx.regions.get(r.districtCode)?.name ?? r.districtCode,
    occupationLabel(r.occupation),
    income,
    PROGRAM_ORDER.filter((p) => programs.has(p)).join(', '),
    r.kpj,
    spans.join(', '),
    months,
  ]);
  await recordAudit(db, ctx, {
    action: 'export',
    entity: 'funding_source',
    entityId: source.id,
    regionCode: source.regionCode,
    changes: { file: 'registration', format: query.format, fiscalYear: year, rows: rows.length },
  });
  return exchangeFile(query.format, `pendaftaran-kolektif-${source.kind}-${year}`, 'Pendaftaran Kolektif', REGISTRATION_COLUMNS, rows);
}
