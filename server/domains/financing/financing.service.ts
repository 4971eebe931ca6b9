/**
 * Funding sources, their yearly budgets and commitments (a source promising to pay workers' months): the
 * rules of shared/domain.md "Who pays" — no double funding, no Dana Desa from 2024, never past a budget —
 * with the caller's scope checked on every call and every write audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ageOn } from '../../../core/dates.ts';
import type {
  CommitmentCreateInput,
  commitmentCreateResponseSchema,
  commitmentListSchema,
  commitmentSchema,
  fundingSourceCreateSchema,
  budgetPutSchema,
  FundingSourceDto,
  PlanResponse,
  ProposalRequest,
  ProposalResponse,
} from '../../../core/financing.schema.ts';
import {
  canManageSource,
  fiscalYearOf,
  fundingRefusal,
  splitByFiscalYear,
  UNBUDGETED_KINDS,
  VILLAGE_KINDS,
  workersCoverable,
  type FundingKind,
} from '../../../core/funding.ts';
import { maskNik } from '../../../core/nik.ts';
import { OCCUPATIONS } from '../../../core/occupations.ts';
import { PROGRAM_ORDER, monthCount, quotePremiums, type PremiumRate, type Quote } from '../../../core/premiums.ts';
import { rankCandidates } from '../../../core/prioritise.ts';
import { isWithinRegion, regionLevelOf } from '../../../core/regions.ts';
import { canReadRegion, canWriteEnrolment, mustMaskNik, nikFor } from '../../../core/roles.ts';
import type { Program } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { type AuditContext, createdChanges, recordAudit } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { ensureEnrolments, refreshProtection } from '../enrolment/enrolment.repo.ts';
import { findRates } from '../premiums/premiums.repo.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { isUniqueViolation } from '../workers/workers.repo.ts';
import {
  cancelCommitmentRow,
  committedInYear,
  countVillageWorkers,
  findBudgets,
  findCommitmentForUpdate,
  findFundingConflicts,
  findOpenJkkIncomes,
  findProposalWorkers,
  findSource,
  findSourceByKey,
  findSourceFigures,
  findSourcesAround,
  hasCountingPayment,
  insertCommitments,
  insertSourceStatement,
  lockBudget,
  lockWorkers,
  searchCommitments,
  upsertBudget,
  type BudgetRow,
  type CommitmentListRow,
  type FundingConflict,
  type SourceFigures,
  type SourceRow,
} from './financing.repo.ts';
import { formatRupiah } from '../../../core/money.ts';
import { dateLabel, monthOf, monthSpanLabel } from '../../../core/months.ts';

export { findFundingConflicts, findSource, type FundingConflict, type SourceRow } from './financing.repo.ts';

export interface FinancingContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
  /** Today in the regency's calendar, YYYY-MM-DD (injected). */
  today: string;
}

type CommitmentDto = z.infer<typeof commitmentSchema>;


function regionName(ctx: FinancingContext, code: string): string {
  return ctx.regions.get(code)?.name ?? code;
}

/** The API shape of a source with its figures for one fiscal year. */
export function presentSource(
  source: SourceRow,
  ctx: FinancingContext,
  year: number,
  budget: BudgetRow | undefined,
  figures: SourceFigures = { committed: 0, paid: 0, workersFunded: 0 },
): FundingSourceDto {
  const unbudgeted = UNBUDGETED_KINDS.includes(source.kind);
  return {
    id: source.id,
    kind: source.kind,
    regionCode: source.regionCode,
    regionName: regionName(ctx, source.regionCode),
    name: source.name,
    canManage: canManageSource(ctx.actor, source),
    fiscalYear: year,
    budget: budget
      ? { amount: Number(budget.amount), budgetLine: budget.budgetLine, legalBasis: budget.legalBasis, updatedAt: budget.updatedAt.toISOString() }
      : null,
    committed: figures.committed,
    paid: figures.paid,
    remaining: unbudgeted || !budget ? null : Number(budget.amount) - figures.committed,
    workersFunded: figures.workersFunded,
  };
}

async function presentSources(db: Db, ctx: FinancingContext, sources: SourceRow[], year: number): Promise<FundingSourceDto[]> {
  const ids = sources.map((s) => s.id);
  const [budgets, figures] = await Promise.all([findBudgets(db, ids, year), findSourceFigures(db, ids, year)]);
  return sources.map((s) => presentSource(s, ctx, year, budgets.get(s.id), figures.get(s.id)));
}

const currentYear = (ctx: FinancingContext) => Number(ctx.today.slice(0, 4));
const currentMonth = (ctx: FinancingContext) => ctx.today.slice(0, 7);

function assertCanManage(ctx: FinancingContext, source: { kind: FundingKind; regionCode: string; name?: string }): void {
  if (canManageSource(ctx.actor, source)) return;
  const what = source.name ?? source.kind;
  const message =
    ctx.actor.role === 'village'
      ? `Operator desa hanya dapat mengelola ADD desanya sendiri; ${what} dikelola Disnakertrans kabupaten.`
      : ctx.actor.role === 'bpjs'
        ? 'Petugas BPJS hanya dapat mencatat iuran mandiri (SELF).'
        : ctx.actor.role === 'admin'
          ? `${what} berada di luar wilayah Anda.`
          : 'Peran Anda hanya dapat membaca data pembiayaan, tidak mengubahnya.';
  throw errors.forbidden(message);
}

async function loadSource(db: Db, id: string): Promise<SourceRow> {
  const source = await findSource(db, id);
  if (!source) throw errors.notFound('Sumber dana');
  return source;
}

function ddRefused(kind: FundingKind, fromMonth: string, toMonth: string, field: string): void {
  const reason = fundingRefusal(kind, fromMonth, toMonth);
  if (reason) throw new AppError('validation', 'DD_NOT_ALLOWED', reason, field);
}

function assertPeriod(fromMonth: string, toMonth: string): void {
  if (fromMonth > toMonth) {
    throw new AppError('validation', 'PERIOD_INVALID', `Bulan akhir (${toMonth}) tidak boleh sebelum bulan awal (${fromMonth}).`, 'toMonth');
  }
}

/** Prices a period at an income (0 = the minimum); a missing rate becomes an error an operator can act on. */
function quote(rates: readonly PremiumRate[], income: number, programs: readonly Program[], fromMonth: string, toMonth: string): Quote {
  const result = quotePremiums(rates, { income, programs: [...programs], months: monthCount(fromMonth, toMonth), startMonth: fromMonth });
  if (result.ok) return result.quote;
  if (result.problem.code === 'PROGRAMS_INCOMPLETE') {
    throw new AppError('validation', 'PROGRAMS_INCOMPLETE', 'Pekerja informal selalu didaftarkan JKK dan JKM bersama; pilih keduanya.', 'programs');
  }
  throw new AppError(
    'validation',
    'RATE_MISSING',
    `Tarif iuran ${result.problem.program} untuk bulan ${result.problem.month} belum dicatat. Minta admin Disnakertrans menambahkan tarifnya.`,
    'fromMonth',
  );
}

// ---- Sources and budgets -------------------------------------------------------------------------------

export async function listSources(db: Db, ctx: FinancingContext, query: { year?: number; region?: string }): Promise<{ items: FundingSourceDto[] }> {
  const region = query.region ?? ctx.actor.regionCode;
  if (!canReadRegion(ctx.actor, region)) throw errors.forbidden('Wilayah ini berada di luar wilayah Anda.');
  const sources = await findSourcesAround(db, region);
  return { items: await presentSources(db, ctx, sources, query.year ?? currentYear(ctx)) };
}

const KIND_PREFIX: Record<FundingKind, string> = { APBD: 'APBD', ADD: 'ADD', DBHCHT: 'DBHCHT', CSR: 'CSR', SELF: 'Mandiri', DD: 'DD' };

export async function createSource(db: Db, ctx: FinancingContext, input: z.infer<typeof fundingSourceCreateSchema>): Promise<FundingSourceDto> {
  const isVillageKind = VILLAGE_KINDS.includes(input.kind);
  let regionCode: string;
  let name: string;
  if (isVillageKind) {
    const village = input.regionCode ? ctx.regions.village(input.regionCode) : undefined;
    if (!village) {
      throw new AppError(
        'validation',
        'REGION_INVALID',
        `${input.kind} adalah dana milik satu desa: isi kode desa (misalnya 52.03.01.2001) di ${ctx.regions.served.name}.`,
        'regionCode',
      );
    }
    regionCode = village.code;
    name = input.name ?? `${input.kind} Desa ${village.name}`;
  } else {
    regionCode = input.regionCode ?? ctx.regions.servedCode;
    if (regionLevelOf(regionCode) !== 'regency' || !ctx.regions.isServed(regionCode)) {
      throw new AppError(
        'validation',
        'REGION_INVALID',
        `${input.kind} adalah dana kabupaten: gunakan kode kabupaten ${ctx.regions.servedCode} (${ctx.regions.served.name}), bukan kode desa atau kecamatan.`,
        'regionCode',
      );
    }
    name = input.name ?? `${KIND_PREFIX[input.kind]} ${regionName(ctx, regionCode)}`;
  }
  assertCanManage(ctx, { kind: input.kind, regionCode, name });
  const exists = () =>
    new AppError('conflict', 'SOURCE_EXISTS', `Sumber dana "${name}" sudah ada. Pakai sumber yang sudah ada, atau beri nama lain (misalnya nama perusahaan CSR).`, 'name');
  if (await findSourceByKey(db, input.kind, regionCode, name)) throw exists();
  const row: SourceRow = { id: randomUUID(), kind: input.kind, regionCode, name, createdBy: ctx.actor.id, createdAt: new Date() };
  try {
    await db.transaction(async (tx) => {
      await insertSourceStatement(tx, row);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'funding_source',
        entityId: row.id,
        regionCode,
        changes: createdChanges(row, ['kind', 'regionCode', 'name']),
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw exists();
    throw err;
  }
  return presentSource(row, ctx, currentYear(ctx), undefined);
}

export async function putBudget(
  db: Db,
  ctx: FinancingContext,
  sourceId: string,
  year: number,
  input: z.infer<typeof budgetPutSchema>,
): Promise<FundingSourceDto> {
  return db.transaction(async (tx) => {
    const source = await loadSource(tx, sourceId);
    assertCanManage(ctx, source);
    if (UNBUDGETED_KINDS.includes(source.kind)) {
      throw new AppError('validation', 'BUDGET_NOT_APPLICABLE', 'Iuran mandiri dibayar pekerja sendiri dan tidak memiliki anggaran.', 'amount');
    }
    ddRefused(source.kind, `${year}-01`, `${year}-12`, 'year');
    const before = await lockBudget(tx, sourceId, year);
    const committed = await committedInYear(tx, sourceId, year);
    if (input.amount < committed) {
      throw new AppError(
        'validation',
        'BUDGET_BELOW_COMMITTED',
        `Anggaran ${source.name} tahun ${year} tidak boleh kurang dari yang sudah dijanjikan untuk pekerja: ${formatRupiah(committed)}. ` +
          'Batalkan sebagian komitmen terlebih dahulu atau isi anggaran paling sedikit sebesar itu.',
        'amount',
      );
    }
    const budget = await upsertBudget(tx, {
      id: before?.id ?? randomUUID(),
      sourceId,
      fiscalYear: year,
      amount: input.amount,
      budgetLine: input.budgetLine ?? null,
      legalBasis: input.legalBasis ?? null,
      updatedBy: ctx.actor.id,
      updatedAt: new Date(),
    });
    await recordAudit(tx, ctx, {
      action: before ? 'update' : 'create',
      entity: 'funding_budget',
      entityId: budget.id,
      regionCode: source.regionCode,
      changes: {
        sourceId,
        fiscalYear: year,
        amount: { before: before ? Number(before.amount) : null, after: input.amount },
        budgetLine: { before: before?.budgetLine ?? null, after: budget.budgetLine },
        legalBasis: { before: before?.legalBasis ?? null, after: budget.legalBasis },
      },
    });
    const figures = await findSourceFigures(tx, [sourceId], year);
    return presentSource(source, ctx, year, budget, figures.get(sourceId));
  });
}

// ---- Commitments ----------------------------------------------------------------------------------------

function presentCommitment(row: CommitmentListRow, ctx: FinancingContext): CommitmentDto {
  const iso = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());
  return {
    id: row.id,
    sourceId: row.sourceId,
    sourceKind: row.sourceKind,
    sourceName: row.sourceName,
    workerId: row.workerId,
    workerName: row.workerName,
    nik: nikFor(ctx.actor.role, row.nik),
    villageCode: row.villageCode,
    fiscalYear: row.fiscalYear,
    fromMonth: row.fromMonth,
    toMonth: row.toMonth,
    programs: row.programs.split(',') as Program[],
    declaredIncome: row.declaredIncome,
    totalAmount: row.totalAmount,
    paidAmount: row.paidAmount,
    handoverToSelf: row.handoverToSelf,
    cancelledAt: iso(row.cancelledAt),
    cancelReason: row.cancelReason,
    createdAt: iso(row.createdAt)!,
  };
}

function doubleFunding(conflicts: FundingConflict[]): AppError {
  const first = conflicts[0]!;
  const others = new Set(conflicts.map((c) => c.workerId)).size - 1;
  const message =
    `${first.name} sudah dibiayai ${first.sourceName} untuk ${monthSpanLabel(first.fromMonth, first.toMonth)}; satu bulan tidak boleh dibayar dua sumber.` +
    (others > 0 ? ` ${others} pekerja lain yang dipilih juga sudah dibiayai (lihat daftarnya); keluarkan mereka dari pilihan atau ubah periodenya.` : ' Keluarkan pekerja ini dari pilihan atau ubah periodenya.');
  return new AppError('conflict', 'DOUBLE_FUNDING', message, 'workerIds', {
    conflicts: conflicts.map((c) => ({ workerId: c.workerId, name: c.name, sourceId: c.sourceId, sourceName: c.sourceName, fromMonth: c.fromMonth, toMonth: c.toMonth })),
  } as Record<string, unknown>);
}

export async function createCommitments(db: Db, ctx: FinancingContext, input: CommitmentCreateInput): Promise<z.infer<typeof commitmentCreateResponseSchema>> {
  assertPeriod(input.fromMonth, input.toMonth);
  const workerIds = [...new Set(input.workerIds)];
  const programs = PROGRAM_ORDER.filter((p) => input.programs.includes(p));
  return db.transaction(async (tx) => {
    const source = await loadSource(tx, input.sourceId);
    assertCanManage(ctx, source);
    ddRefused(source.kind, input.fromMonth, input.toMonth, 'sourceId');

    const found = await lockWorkers(tx, workerIds);
    const live = new Map(found.filter((w) => !w.deleted).map((w) => [w.id, w]));
    const missing = workerIds.filter((id) => !live.has(id));
    if (missing.length > 0) {
      throw new AppError(
        'notFound',
        'NOT_FOUND',
        `${missing.length} pekerja yang dipilih tidak ditemukan (mungkin sudah dihapus dari daftar). Muat ulang daftar lalu pilih lagi.`,
        'workerIds',
      );
    }
    const deceased = [...live.values()].filter((w) => w.deceasedOn !== null && monthOf(w.deceasedOn) < input.toMonth);
    if (deceased.length > 0) {
      throw new AppError(
        'conflict',
        'WORKER_DECEASED',
        `${deceased.map((w) => `${w.name} meninggal dunia pada ${dateLabel(w.deceasedOn!)}`).slice(0, 5).join('; ')}: iuran sesudahnya tidak dibiayai. Keluarkan dari pilihan.`,
        'workerIds',
      );
    }
    const outside = [...live.values()].filter((w) => !isWithinRegion(w.villageCode, source.regionCode) || !canWriteEnrolment(ctx.actor, w.villageCode));
    if (outside.length > 0) {
      const named = outside.filter((w) => canReadRegion(ctx.actor, w.villageCode)).map((w) => w.name);
      const where = VILLAGE_KINDS.includes(source.kind) ? `desa ${regionName(ctx, source.regionCode)}` : regionName(ctx, source.regionCode);
      throw new AppError(
        'validation',
        'WORKER_OUT_OF_SCOPE',
        `${outside.length} pekerja tidak dapat dibiayai ${source.name}: hanya pekerja ${where} di wilayah Anda` +
          (named.length ? ` (${named.slice(0, 5).join(', ')}${named.length > 5 ? ', …' : ''}).` : '.') +
          ' Keluarkan mereka dari pilihan.',
        'workerIds',
      );
    }

    const conflicts = await findFundingConflicts(tx, workerIds, input.fromMonth, input.toMonth);
    if (conflicts.length > 0) throw doubleFunding(conflicts);

    const rates = await findRates(tx);
    const incomes = await findOpenJkkIncomes(tx, workerIds);
    const segments = splitByFiscalYear(input.fromMonth, input.toMonth);
    const now = new Date();
    const rows = segments.flatMap((segment) =>
      workerIds.map((workerId) => {
        const q = quote(rates, incomes.get(workerId) ?? 0, programs, segment.fromMonth, segment.toMonth);
        return {
          id: randomUUID(),
          sourceId: source.id,
          workerId,
          fiscalYear: segment.fiscalYear,
          fromMonth: segment.fromMonth,
          toMonth: segment.toMonth,
          programs: programs.join(','),
          declaredIncome: q.declaredIncome,
          totalAmount: q.total,
          handoverToSelf: input.handoverToSelf,
          createdBy: ctx.actor.id,
          createdAt: now,
        };
      }),
    );

    if (!UNBUDGETED_KINDS.includes(source.kind)) {
      for (const segment of segments) {
        const budget = await lockBudget(tx, source.id, segment.fiscalYear);
        if (!budget) {
          throw new AppError(
            'validation',
            'BUDGET_MISSING',
            `Anggaran ${source.name} untuk tahun ${segment.fiscalYear} belum dicatat. Isi anggarannya terlebih dahulu, lalu simpan lagi.`,
            'sourceId',
          );
        }
        const costs = rows.filter((r) => r.fiscalYear === segment.fiscalYear).map((r) => r.totalAmount);
        const needed = costs.reduce((a, b) => a + b, 0);
        const committed = await committedInYear(tx, source.id, segment.fiscalYear);
        const remaining = Number(budget.amount) - committed;
        if (needed > remaining) {
          let coverable = 0;
          for (let spent = 0; coverable < costs.length && spent + costs[coverable]! <= remaining; coverable++) spent += costs[coverable]!;
          throw new AppError(
            'validation',
            'BUDGET_EXCEEDED',
            `Anggaran ${source.name} tahun ${segment.fiscalYear} tidak cukup: sisa ${formatRupiah(Math.max(0, remaining))}, ` +
              `dibutuhkan ${formatRupiah(needed)} untuk ${costs.length} pekerja (kurang ${formatRupiah(needed - Math.max(0, remaining))}). ` +
              `Sisa anggaran cukup untuk ${coverable} dari ${costs.length} pekerja ini; kurangi pilihan pekerja atau tambah anggaran.`,
            'workerIds',
          );
        }
      }
    }

    const inserted = await insertCommitments(tx, rows);
    // A worker not yet enrolled is enrolled from the first sponsored month, at the income premiums were priced on.
    const firstYear = segments[0]!.fiscalYear;
    const byIncome = new Map<number, string[]>();
    for (const r of rows.filter((r) => r.fiscalYear === firstYear)) byIncome.set(r.declaredIncome, [...(byIncome.get(r.declaredIncome) ?? []), r.workerId]);
    let enrolledWorkers = 0;
    for (const [declaredIncome, ids] of byIncome) {
      enrolledWorkers += (await ensureEnrolments(tx, ids, { programs, startMonth: input.fromMonth, declaredIncome, fundingSource: source.kind })).length;
    }
    await refreshProtection(tx, workerIds);
    const totalAmount = rows.reduce((sum, r) => sum + r.totalAmount, 0);
    await recordAudit(tx, ctx, {
      action: 'create',
      entity: 'funding_commitment',
      entityId: source.id,
      regionCode: source.regionCode,
      changes: { sourceId: source.id, workers: workerIds.length, fromMonth: input.fromMonth, toMonth: input.toMonth, totalAmount, enrolledWorkers },
    });
    return {
      items: inserted.map((c) => {
        const w = live.get(c.workerId)!;
        return presentCommitment(
          {
            ...c,
            sourceKind: source.kind,
            sourceName: source.name,
            workerName: w.name,
            nik: w.nik,
            villageCode: w.villageCode,
            paidAmount: 0,
          },
          ctx,
        );
      }),
      totalAmount,
      enrolledWorkers,
    };
  });
}

export interface CommitmentListQuery {
  sourceId?: string;
  village?: string;
  year?: number;
  page: number;
  pageSize: number;
}

export async function listCommitments(db: Db, ctx: FinancingContext, query: CommitmentListQuery): Promise<z.infer<typeof commitmentListSchema>> {
  const region = query.village ?? ctx.actor.regionCode;
  if (!canReadRegion(ctx.actor, region)) throw errors.forbidden('Wilayah ini berada di luar wilayah Anda.');
  const { rows, total, totalAmount } = await searchCommitments(db, {
    regionCode: region,
    sourceId: query.sourceId,
    year: query.year,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map((r) => presentCommitment(r, ctx)), total, totalAmount };
}

export async function cancelCommitment(db: Db, ctx: FinancingContext, id: string, reason: string): Promise<CommitmentDto> {
  return db.transaction(async (tx) => {
    const commitment = await findCommitmentForUpdate(tx, id);
    if (!commitment || !canReadRegion(ctx.actor, commitment.villageCode)) throw errors.notFound('Komitmen pembiayaan');
    const source = await loadSource(tx, commitment.sourceId);
    assertCanManage(ctx, source);
    if (commitment.cancelledAt) {
      throw new AppError('conflict', 'COMMITMENT_CANCELLED', 'Komitmen ini sudah dibatalkan sebelumnya; tidak ada yang perlu diubah.');
    }
    if (await hasCountingPayment(tx, commitment)) {
      throw new AppError(
        'conflict',
        'COMMITMENT_PAID',
        `${source.name} sudah membayar sebagian bulan ${monthSpanLabel(commitment.fromMonth, commitment.toMonth)} untuk pekerja ini. ` +
          'Balikkan (batalkan) pembayarannya terlebih dahulu, lalu batalkan komitmen ini.',
      );
    }
    // Queue behind commitments being made against the same budget.
    await lockBudget(tx, source.id, commitment.fiscalYear);
    await cancelCommitmentRow(tx, id, { cancelledAt: new Date(), cancelledBy: ctx.actor.id, cancelReason: reason });
    await refreshProtection(tx, [commitment.workerId]);
    await recordAudit(tx, ctx, {
      action: 'update',
      entity: 'funding_commitment',
      entityId: id,
      regionCode: commitment.villageCode,
      changes: {
        sourceId: source.id,
        workerId: commitment.workerId,
        fromMonth: commitment.fromMonth,
        toMonth: commitment.toMonth,
        totalAmount: commitment.totalAmount,
        cancelled: { before: false, after: true },
      },
    });
    const { rows } = await searchCommitments(tx, { regionCode: commitment.villageCode, ids: [id], limit: 1, offset: 0 });
    return presentCommitment(rows[0]!, ctx);
  });
}

// ---- Plan and proposals -------------------------------------------------------------------------------

function loadVillage(ctx: FinancingContext, villageCode: string, field: string) {
  const village = ctx.regions.village(villageCode);
  if (!village) {
    throw new AppError('validation', 'VILLAGE_UNKNOWN', `Desa dengan kode ${villageCode} tidak ada di ${ctx.regions.served.name}. Pilih desa dari daftar.`, field);
  }
  if (!canReadRegion(ctx.actor, village.code)) throw errors.forbidden('Desa ini berada di luar wilayah Anda.');
  return village;
}

export async function getPlan(db: Db, ctx: FinancingContext, query: { village?: string; year?: number }): Promise<PlanResponse> {
  const villageCode = query.village ?? ctx.actor.regionCode;
  const village = loadVillage(ctx, villageCode, 'village');
  const year = query.year ?? currentYear(ctx);
  const month = currentMonth(ctx);
  const restFromMonth = year === currentYear(ctx) ? month : year > currentYear(ctx) ? `${year}-01` : `${year + 1}-01`;
  const rates = await findRates(db);
  const costPerWorkerRestOfYear = restFromMonth <= `${year}-12` ? quote(rates, 0, ['JKK', 'JKM'], restFromMonth, `${year}-12`).total : 0;

  const sources = await findSourcesAround(db, village.code);
  const ids = sources.map((s) => s.id);
  const [budgets, figures, villageFigures, workers] = await Promise.all([
    findBudgets(db, ids, year),
    findSourceFigures(db, ids, year),
    findSourceFigures(db, ids, year, village.code),
    countVillageWorkers(db, village.code, month, year),
  ]);
  return {
    villageCode: village.code,
    villageName: village.name,
    fiscalYear: year,
    restFromMonth,
    costPerWorkerRestOfYear,
    sources: sources.map((s) => {
      const dto = presentSource(s, ctx, year, budgets.get(s.id), figures.get(s.id));
      const local = villageFigures.get(s.id)!;
      return {
        ...dto,
        villageWorkers: local.workersFunded,
        villageCommitted: local.committed,
        villagePaid: local.paid,
        moreWorkersCoverable: dto.remaining === null ? null : workersCoverable(dto.remaining, costPerWorkerRestOfYear),
      };
    }),
    workers: { ...workers, uncovered: workers.total - workers.covered },
  };
}

const HAZARDOUS = new Set<string>(OCCUPATIONS.filter((o) => o.hazardous).map((o) => o.code));

export async function proposeWorkers(db: Db, ctx: FinancingContext, input: ProposalRequest): Promise<ProposalResponse> {
  const village = loadVillage(ctx, input.villageCode, 'villageCode');
  assertPeriod(input.fromMonth, input.toMonth);
  const source = await loadSource(db, input.sourceId);
  if (!isWithinRegion(village.code, source.regionCode)) {
    throw new AppError('validation', 'SOURCE_NOT_FOR_VILLAGE', `${source.name} tidak membiayai pekerja desa ${village.name}. Pilih sumber dana desa ini atau kabupaten.`, 'sourceId');
  }
  ddRefused(source.kind, input.fromMonth, input.toMonth, 'sourceId');
  const programs = PROGRAM_ORDER.filter((p) => input.programs.includes(p));
  const rates = await findRates(db);
  const costPerWorker = quote(rates, 0, programs, input.fromMonth, input.toMonth).total;
  let budget = input.budget;
  if (budget === undefined) {
    const year = fiscalYearOf(input.fromMonth);
    const row = (await findBudgets(db, [source.id], year)).get(source.id);
    budget = row ? Math.max(0, Number(row.amount) - (await committedInYear(db, source.id, year))) : 0;
  }
  const rows = await findProposalWorkers(db, village.code, input.fromMonth, input.toMonth);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ranked = rankCandidates(
    rows.map((r) => ({
      workerId: r.id,
      name: r.name,
      age: ageOn(r.birthDate, ctx.today),
      hazardous: HAZARDOUS.has(r.occupation),
      dependants: r.dependants,
      fundedBy: r.fundedBy,
      coveredForPeriod: r.paidUntil !== null && r.paidUntil >= input.toMonth,
      cost: costPerWorker,
    })),
    input.rules,
    budget,
  );
  const masked = mustMaskNik(ctx.actor.role);
  const selected = ranked.filter((c) => c.selected);
  return {
    budget,
    costPerWorker,
    selectedCount: selected.length,
    selectedCost: selected.reduce((sum, c) => sum + c.cost, 0),
    rules: input.rules,
    candidates: ranked.map((c) => {
      const row = byId.get(c.workerId)!;
      return {
        workerId: c.workerId,
        name: c.name,
        nik: masked ? maskNik(row.nik) : row.nik,
        age: c.age,
        occupation: row.occupation,
        hazardous: c.hazardous,
        dependants: c.dependants,
        fundedBy: c.fundedBy,
        coveredForPeriod: c.coveredForPeriod,
        eligible: c.eligible,
        score: c.score,
        reasons: c.reasons,
        cost: c.cost,
        selected: c.selected,
        cumulativeCost: c.cumulativeCost,
      };
    }),
  };
}
