/**
 * Premium rates and grace rules (dated rows an admin adds when a regulation changes) and the premium
 * quote computed from them. Every rule change and its audit entry commit together.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { graceRuleCreateSchema, graceRuleSchema, premiumRateSchema, PremiumRateCreateInput, QuoteRequest, QuoteResponse } from '../../../core/financing.schema.ts';
import { addMonths, monthOf } from '../../../core/months.ts';
import { quotePremiums, type QuoteProblem } from '../../../core/premiums.ts';
import { canManageRates } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { type AuditContext, createdChanges, recordAudit } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { isUniqueViolation } from '../workers/workers.repo.ts';
import { findGraceRules, findRates, insertGraceRule, insertRate } from './premiums.repo.ts';
import { formatRupiah } from '../../../core/money.ts';
import { rebuildProtectionHistory } from '../enrolment/protection-history.ts';

export interface PremiumContext extends AuditContext {
  actor: SessionUser;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: string;
}

type RateDto = z.infer<typeof premiumRateSchema>;
type GraceRuleDto = z.infer<typeof graceRuleSchema>;
type GraceRuleCreateInput = z.infer<typeof graceRuleCreateSchema>;
type RateRow = Awaited<ReturnType<typeof findRates>>[number];
type GraceRow = Awaited<ReturnType<typeof findGraceRules>>[number];


/** The month before the next row starts (rows of one programme, or grace rules), null while in force. */
function validUntilOf(validFrom: string, siblings: readonly { validFrom: string }[]): string | null {
  const next = siblings.map((r) => r.validFrom).filter((m) => m > validFrom).sort()[0];
  return next ? addMonths(next, -1) : null;
}

function presentRate(row: RateRow, all: readonly RateRow[]): RateDto {
  return {
    id: row.id,
    program: row.program,
    percentBp: row.percentBp,
    flatAmount: row.flatAmount,
    minIncome: row.minIncome,
    validFrom: row.validFrom,
    validUntil: validUntilOf(row.validFrom, all.filter((r) => r.program === row.program)),
    regulation: row.regulation,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentGraceRule(row: GraceRow, all: readonly GraceRow[]): GraceRuleDto {
  return {
    id: row.id,
    months: row.months,
    validFrom: row.validFrom,
    validUntil: validUntilOf(row.validFrom, all),
    regulation: row.regulation,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every rate and grace rule, each with the month it stops applying. */
export async function listRates(db: Db): Promise<{ rates: RateDto[]; graceRules: GraceRuleDto[] }> {
  const [rates, rules] = await Promise.all([findRates(db), findGraceRules(db)]);
  return { rates: rates.map((r) => presentRate(r, rates)), graceRules: rules.map((r) => presentGraceRule(r, rules)) };
}

function assertCanManage(ctx: PremiumContext): void {
  if (!canManageRates(ctx.actor)) {
    throw errors.forbidden('Tarif iuran dan masa tenggang hanya dapat diubah oleh admin Disnakertrans, sesuai peraturan yang berlaku.');
  }
}

function rateExists(program: string, validFrom: string): AppError {
  return new AppError(
    'conflict',
    'RATE_EXISTS',
    `Tarif ${program} yang berlaku mulai ${validFrom} sudah ada. Tarif tidak diubah; catat tarif baru dengan bulan berlaku yang lain.`,
    'validFrom',
  );
}

/** Records a rate row (admin only); a programme has at most one row per starting month. */
export async function createRate(db: Db, ctx: PremiumContext, input: PremiumRateCreateInput): Promise<RateDto> {
  assertCanManage(ctx);
  const existing = await findRates(db);
  if (existing.some((r) => r.program === input.program && r.validFrom === input.validFrom)) throw rateExists(input.program, input.validFrom);
  const row = {
    id: randomUUID(),
    program: input.program,
    percentBp: input.percent == null ? null : Math.round(input.percent * 100),
    flatAmount: input.flatAmount ?? null,
    minIncome: input.minIncome ?? null,
    validFrom: input.validFrom,
    regulation: input.regulation,
    note: input.note ?? null,
    createdBy: ctx.actor.id,
  };
  try {
    await db.transaction(async (tx) => {
      await insertRate(tx, row);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'premium_rate',
        entityId: row.id,
        regionCode: ctx.actor.regionCode,
        changes: createdChanges(row, ['program', 'percentBp', 'flatAmount', 'minIncome', 'validFrom', 'regulation', 'note']),
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw rateExists(input.program, input.validFrom);
    throw err;
  }
  const rates = await findRates(db);
  return presentRate(rates.find((r) => r.id === row.id)!, rates);
}

/** Records a grace rule (admin only); at most one rule per starting month. */
export async function createGraceRule(db: Db, ctx: PremiumContext, input: GraceRuleCreateInput): Promise<GraceRuleDto> {
  assertCanManage(ctx);
  const exists = () =>
    new AppError(
      'conflict',
      'GRACE_RULE_EXISTS',
      `Aturan masa tenggang yang berlaku mulai ${input.validFrom} sudah ada. Catat aturan baru dengan bulan berlaku yang lain.`,
      'validFrom',
    );
  if ((await findGraceRules(db)).some((r) => r.validFrom === input.validFrom)) throw exists();
  const row = { id: randomUUID(), months: input.months, validFrom: input.validFrom, regulation: input.regulation, note: input.note ?? null, createdBy: ctx.actor.id };
  try {
    await db.transaction(async (tx) => {
      await insertGraceRule(tx, row);
      // Every month's status may change with the grace period: derive all histories again (rare, admin-only).
      await rebuildProtectionHistory(tx);
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'grace_rule',
        entityId: row.id,
        regionCode: ctx.actor.regionCode,
        changes: createdChanges(row, ['months', 'validFrom', 'regulation', 'note']),
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw exists();
    throw err;
  }
  const rules = await findGraceRules(db);
  return presentGraceRule(rules.find((r) => r.id === row.id)!, rules);
}

/** The Indonesian answer to a refused quote or enrolment. */
export function quoteProblemError(problem: QuoteProblem): AppError {
  if (problem.code === 'PROGRAMS_INCOMPLETE') return programsIncomplete(problem.missing);
  return new AppError(
    'validation',
    'RATE_MISSING',
    `Belum ada tarif ${problem.program} yang berlaku untuk bulan ${problem.month}. Minta admin Disnakertrans mencatat tarifnya lebih dulu.`,
    problem.field,
  );
}

export function programsIncomplete(missing: readonly string[]): AppError {
  return new AppError(
    'validation',
    'PROGRAMS_INCOMPLETE',
    `Peserta bukan penerima upah wajib ikut JKK dan JKM sekaligus; tambahkan ${missing.join(' dan ')}.`,
    'programs',
  );
}

/** The sentence shown when a declared income was raised to the minimum. */
export function incomeRaisedNotice(income: number, minimum: number): string {
  return `Penghasilan ${formatRupiah(income)} dinaikkan ke batas terendah ${formatRupiah(minimum)} untuk menghitung iuran.`;
}

/** Prices a period month by month from the rates in force; the period starts this month unless asked. */
export async function quote(db: Db, today: string, input: QuoteRequest): Promise<QuoteResponse> {
  const startMonth = input.startMonth ?? monthOf(today);
  const result = quotePremiums(await findRates(db), { income: input.income, programs: [...new Set(input.programs)], months: input.months, startMonth });
  if (!result.ok) throw quoteProblemError(result.problem);
  const q = result.quote;
  return {
    ...q,
    notice: q.incomeRaised && q.minimumIncome !== null ? incomeRaisedNotice(q.income, q.minimumIncome) : null,
    months: q.months.map((m) => ({ month: m.month, amounts: m.amounts as Record<string, number>, total: m.total })),
  };
}
