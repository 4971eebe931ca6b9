/**
 * SQL of funding sources, budgets and commitments. No permission checks here (the service does them);
 * every function takes a database or a transaction.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { cachedRead } from '../../db/read-cache.ts';
import { workers } from '../workers/workers.table.ts';
import { fundingBudgets, fundingCommitments, fundingSources } from './financing.table.ts';

export type SourceRow = typeof fundingSources.$inferSelect;
export type BudgetRow = typeof fundingBudgets.$inferSelect;
export type CommitmentRow = typeof fundingCommitments.$inferSelect;

/** `YYYY-MM` text → a month number, so SQL can count months between two of them. */
function monthIndex(month: SQL): SQL<number> {
  return sql<number>`(substr(${month}, 1, 4)::int * 12 + substr(${month}, 6, 2)::int)`;
}

const yearStart = (year: number) => `${year}-01`;
const yearEnd = (year: number) => `${year}-12`;

export async function findSource(db: Db, id: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(fundingSources).where(eq(fundingSources.id, id));
  return row;
}

export async function findSourceByKey(db: Db, kind: SourceRow['kind'], regionCode: string, name: string): Promise<SourceRow | undefined> {
  const [row] = await db
    .select()
    .from(fundingSources)
    .where(and(eq(fundingSources.kind, kind), eq(fundingSources.regionCode, regionCode), eq(fundingSources.name, name)));
  return row;
}

export function insertSourceStatement(db: Db, row: typeof fundingSources.$inferInsert) {
  return db.insert(fundingSources).values(row);
}

/**
 * Sources whose region lies inside `regionCode` or contains it: for a village, its own ADD/DD and the
 * regency's sources; for the regency, every source of it and its villages.
 */
export async function findSourcesAround(db: Db, regionCode: string): Promise<SourceRow[]> {
  return db
    .select()
    .from(fundingSources)
    .where(
      sql`(${fundingSources.regionCode} = ${regionCode} or ${fundingSources.regionCode} like ${`${regionCode}.%`}
        or ${regionCode} like ${fundingSources.regionCode} || '.%')`,
    )
    .orderBy(sql`length(${fundingSources.regionCode})`, asc(fundingSources.regionCode), asc(fundingSources.kind), asc(fundingSources.name));
}

export async function findBudgets(db: Db, sourceIds: string[], year: number): Promise<Map<string, BudgetRow>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(fundingBudgets)
    .where(and(inArray(fundingBudgets.sourceId, sourceIds), eq(fundingBudgets.fiscalYear, year)));
  return new Map(rows.map((r) => [r.sourceId, r]));
}

/** The budget row of a source and year, locked until the transaction ends (commitments and budget edits queue on it). */
export async function lockBudget(db: Db, sourceId: string, year: number): Promise<BudgetRow | undefined> {
  const [row] = await db
    .select()
    .from(fundingBudgets)
    .where(and(eq(fundingBudgets.sourceId, sourceId), eq(fundingBudgets.fiscalYear, year)))
    .for('update');
  return row;
}

export async function upsertBudget(db: Db, values: typeof fundingBudgets.$inferInsert): Promise<BudgetRow> {
  const [row] = await db
    .insert(fundingBudgets)
    .values(values)
    .onConflictDoUpdate({
      target: [fundingBudgets.sourceId, fundingBudgets.fiscalYear],
      set: { amount: values.amount, budgetLine: values.budgetLine, legalBasis: values.legalBasis, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
    })
    .returning();
  return row!;
}

/** What a source has promised (non-cancelled commitments) in one fiscal year. */
export async function committedInYear(db: Db, sourceId: string, year: number): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${fundingCommitments.totalAmount}), 0)`.mapWith(Number) })
    .from(fundingCommitments)
    .where(and(eq(fundingCommitments.sourceId, sourceId), eq(fundingCommitments.fiscalYear, year), isNull(fundingCommitments.cancelledAt)));
  return row?.total ?? 0;
}

export interface SourceFigures {
  committed: number;
  paid: number;
  workersFunded: number;
}

/**
 * Per source, for one fiscal year: committed (non-cancelled commitments), paid (payment lines whose last
 * month falls in the year; reversals count negative) and workers funded. With `villageCode`, only that
 * village's workers count.
 */
export async function findSourceFigures(db: Db, sourceIds: string[], year: number, villageCode?: string): Promise<Map<string, SourceFigures>> {
  const out = new Map<string, SourceFigures>(sourceIds.map((id) => [id, { committed: 0, paid: 0, workersFunded: 0 }]));
  if (sourceIds.length === 0) return out;
  // Sums over every payment line of the year: from the read cache until funding or payments change (or a
  // worker moves; a new worker has neither).
  const key = `source-figures:${year}:${villageCode ?? ''}:${[...sourceIds].sort().join(',')}`;
  const { commitments, paid } = await cachedRead(db, key, ['funding_commitments', 'premium_payments', 'payments', 'enrolments', 'workers'], async () => {
    const ids = sql.join(
      sourceIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const village = villageCode ? sql`and w.village_code = ${villageCode}` : sql``;
    return {
      commitments: await queryRows<{ source_id: string; committed: string | number; workers: string | number }>(
        db,
        sql`
          select c.source_id, coalesce(sum(c.total_amount), 0) as committed, count(distinct c.worker_id) as workers
          from funding_commitments c join workers w on w.id = c.worker_id
          where c.source_id in (${ids}) and c.fiscal_year = ${year} and c.cancelled_at is null ${village}
          group by c.source_id`,
      ),
      paid: await queryRows<{ source_id: string; paid: string | number }>(
        db,
        sql`
          select p.source_id, coalesce(sum(pl.amount), 0) as paid
          from premium_payments pl
            join payments p on p.id = pl.payment_id
            join enrolments e on e.id = pl.enrolment_id
            join workers w on w.id = e.worker_id
          where p.source_id in (${ids}) and pl.to_month between ${yearStart(year)} and ${yearEnd(year)} ${village}
          group by p.source_id`,
      ),
    };
  });
  for (const r of commitments) {
    const f = out.get(r.source_id)!;
    f.committed = Number(r.committed);
    f.workersFunded = Number(r.workers);
  }
  for (const r of paid) out.get(r.source_id)!.paid = Number(r.paid);
  return out;
}

/** node-postgres answers `{rows}`, PGlite too; both through Drizzle's execute. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export interface FundingConflict {
  commitmentId: string;
  workerId: string;
  name: string;
  sourceId: string;
  sourceName: string;
  sourceKind: SourceRow['kind'];
  fromMonth: string;
  toMonth: string;
}

/**
 * Non-cancelled commitments (of any source but `exceptSourceId`) that pay for some month of
 * `fromMonth`..`toMonth` of these workers: one month may never be paid by two sources.
 */
export async function findFundingConflicts(db: Db, workerIds: string[], fromMonth: string, toMonth: string, exceptSourceId?: string): Promise<FundingConflict[]> {
  if (workerIds.length === 0) return [];
  const conflicts: FundingConflict[] = [];
  for (let i = 0; i < workerIds.length; i += 1000) {
    const rows = await db
      .select({
        commitmentId: fundingCommitments.id,
        workerId: fundingCommitments.workerId,
        name: workers.name,
        sourceId: fundingSources.id,
        sourceName: fundingSources.name,
        sourceKind: fundingSources.kind,
        fromMonth: fundingCommitments.fromMonth,
        toMonth: fundingCommitments.toMonth,
      })
      .from(fundingCommitments)
      .innerJoin(fundingSources, eq(fundingSources.id, fundingCommitments.sourceId))
      .innerJoin(workers, eq(workers.id, fundingCommitments.workerId))
      .where(
        and(
          inArray(fundingCommitments.workerId, workerIds.slice(i, i + 1000)),
          isNull(fundingCommitments.cancelledAt),
          sql`${fundingCommitments.fromMonth} <= ${toMonth} and ${fundingCommitments.toMonth} >= ${fromMonth}`,
          exceptSourceId ? sql`${fundingCommitments.sourceId} <> ${exceptSourceId}` : undefined,
        ),
      )
      .orderBy(asc(workers.name), asc(fundingCommitments.fromMonth));
    conflicts.push(...rows);
  }
  return conflicts;
}

export interface CommitmentWorker {
  id: string;
  name: string;
  nik: string;
  villageCode: string;
  deleted: boolean;
  /** Day of death (a death claim), or null. */
  deceasedOn: string | null;
}

/** The workers, locked (in id order, so two commitments for the same people queue instead of deadlocking). */
export async function lockWorkers(db: Db, workerIds: string[]): Promise<CommitmentWorker[]> {
  const out: CommitmentWorker[] = [];
  const sorted = [...new Set(workerIds)].sort();
  for (let i = 0; i < sorted.length; i += 1000) {
    const rows = await db
      .select({ id: workers.id, name: workers.name, nik: workers.nik, villageCode: workers.villageCode, deletedAt: workers.deletedAt, deceasedOn: workers.deceasedOn })
      .from(workers)
      .where(inArray(workers.id, sorted.slice(i, i + 1000)))
      .orderBy(asc(workers.id))
      .for('update');
    out.push(...rows.map(({ deletedAt, ...r }) => ({ ...r, deleted: deletedAt !== null })));
  }
  return out;
}

/** Declared income of each worker's open JKK participation (premiums are priced on it). */
export async function findOpenJkkIncomes(db: Db, workerIds: string[]): Promise<Map<string, number>> {
  if (workerIds.length === 0) return new Map();
  const out = new Map<string, number>();
  for (let i = 0; i < workerIds.length; i += 1000) {
    const rows = await db.execute<{ worker_id: string; declared_income: number }>(sql`
      select e.worker_id, e.declared_income from enrolments e
      where e.program = 'JKK' and e.ended_on is null
        and e.worker_id in (${sql.join(
          workerIds.slice(i, i + 1000).map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`);
    for (const r of rowsOf<{ worker_id: string; declared_income: number }>(rows)) out.set(r.worker_id, Number(r.declared_income));
  }
  return out;
}

export async function insertCommitments(db: Db, rows: (typeof fundingCommitments.$inferInsert)[]): Promise<CommitmentRow[]> {
  const out: CommitmentRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) out.push(...(await db.insert(fundingCommitments).values(rows.slice(i, i + 1000)).returning()));
  return out;
}

/**
 * What a source has paid for one commitment's worker and months: its payment lines (reversals count
 * negative), a line reaching outside the commitment counted for the months inside it only.
 */
function paidAmountOf(c: SQL): SQL<number> {
  return sql<number>`coalesce((
    select round(sum(pl.amount::numeric
      * (least(${monthIndex(sql`pl.to_month`)}, ${monthIndex(sql`${c}.to_month`)}) - greatest(${monthIndex(sql`pl.from_month`)}, ${monthIndex(sql`${c}.from_month`)}) + 1)
      / (${monthIndex(sql`pl.to_month`)} - ${monthIndex(sql`pl.from_month`)} + 1)))
    from premium_payments pl
      join payments p on p.id = pl.payment_id
      join enrolments e on e.id = pl.enrolment_id
    where p.source_id = ${c}.source_id and e.worker_id = ${c}.worker_id
      and pl.from_month <= ${c}.to_month and pl.to_month >= ${c}.from_month
  ), 0)`;
}

export interface CommitmentListRow {
  id: string;
  sourceId: string;
  sourceKind: SourceRow['kind'];
  sourceName: string;
  workerId: string;
  workerName: string;
  nik: string;
  villageCode: string;
  fiscalYear: number;
  fromMonth: string;
  toMonth: string;
  programs: string;
  declaredIncome: number;
  totalAmount: number;
  paidAmount: number;
  handoverToSelf: boolean;
  cancelledAt: Date | string | null;
  cancelReason: string | null;
  createdAt: Date | string;
}

export interface CommitmentSearch {
  /** Workers' villages must lie inside this region (the caller's scope or a narrower filter). */
  regionCode: string;
  sourceId?: string;
  ids?: string[];
  year?: number;
  limit: number;
  offset: number;
}

function commitmentWhere(search: Omit<CommitmentSearch, 'limit' | 'offset'>): SQL {
  const parts: SQL[] = [sql`(w.village_code = ${search.regionCode} or w.village_code like ${`${search.regionCode}.%`})`];
  if (search.sourceId) parts.push(sql`c.source_id = ${search.sourceId}`);
  if (search.year !== undefined) parts.push(sql`c.fiscal_year = ${search.year}`);
  if (search.ids) parts.push(search.ids.length ? sql`c.id in (${sql.join(search.ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
  return sql.join(parts, sql` and `);
}

/** Commitments with their source, worker and what was paid so far; newest first. */
export async function searchCommitments(db: Db, search: CommitmentSearch): Promise<{ rows: CommitmentListRow[]; total: number; totalAmount: number }> {
  const where = commitmentWhere(search);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, c.source_id, s.kind as source_kind, s.name as source_name, c.worker_id, w.name as worker_name, w.nik, w.village_code,
        c.fiscal_year, c.from_month, c.to_month, c.programs, c.declared_income, c.total_amount, ${paidAmountOf(sql`c`)} as paid_amount,
        c.handover_to_self, c.cancelled_at, c.cancel_reason, c.created_at
      from funding_commitments c
        join funding_sources s on s.id = c.source_id
        join workers w on w.id = c.worker_id
      where ${where}
      order by c.created_at desc, w.name, c.from_month, c.id
      limit ${search.limit} offset ${search.offset}`),
  );
  const [totals] = rowsOf<{ total: string | number; total_amount: string | number }>(
    await db.execute(sql`
      select count(*) as total, coalesce(sum(c.total_amount) filter (where c.cancelled_at is null), 0) as total_amount
      from funding_commitments c join workers w on w.id = c.worker_id
      where ${where}`),
  );
  return {
    rows: rows.map((r) => ({
      id: String(r.id),
      sourceId: String(r.source_id),
      sourceKind: r.source_kind as SourceRow['kind'],
      sourceName: String(r.source_name),
      workerId: String(r.worker_id),
      workerName: String(r.worker_name),
      nik: String(r.nik),
      villageCode: String(r.village_code),
      fiscalYear: Number(r.fiscal_year),
      fromMonth: String(r.from_month),
      toMonth: String(r.to_month),
      programs: String(r.programs),
      declaredIncome: Number(r.declared_income),
      totalAmount: Number(r.total_amount),
      paidAmount: Number(r.paid_amount),
      handoverToSelf: Boolean(r.handover_to_self),
      cancelledAt: (r.cancelled_at as Date | string | null) ?? null,
      cancelReason: (r.cancel_reason as string | null) ?? null,
      createdAt: r.created_at as Date | string,
    })),
    total: Number(totals?.total ?? 0),
    totalAmount: Number(totals?.total_amount ?? 0),
  };
}

export async function findCommitmentForUpdate(db: Db, id: string): Promise<(CommitmentRow & { villageCode: string }) | undefined> {
  const [row] = await db
    .select({ commitment: fundingCommitments, villageCode: workers.villageCode })
    .from(fundingCommitments)
    .innerJoin(workers, eq(workers.id, fundingCommitments.workerId))
    .where(eq(fundingCommitments.id, id))
    .for('update', { of: fundingCommitments });
  return row ? { ...row.commitment, villageCode: row.villageCode } : undefined;
}

/** True when a payment of the commitment's source that still counts (not reversed) pays some month of it. */
export async function hasCountingPayment(db: Db, c: CommitmentRow): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`
      select 1 from premium_payments pl
        join payments p on p.id = pl.payment_id
        join enrolments e on e.id = pl.enrolment_id
      where p.source_id = ${c.sourceId} and e.worker_id = ${c.workerId}
        and pl.from_month <= ${c.toMonth} and pl.to_month >= ${c.fromMonth}
        and p.reverses_payment_id is null
        and not exists (select 1 from payments rev where rev.reverses_payment_id = p.id)
      limit 1`),
  );
  return rows.length > 0;
}

export async function cancelCommitmentRow(db: Db, id: string, values: { cancelledAt: Date; cancelledBy: string; cancelReason: string }): Promise<CommitmentRow> {
  const [row] = await db.update(fundingCommitments).set(values).where(eq(fundingCommitments.id, id)).returning();
  return row!;
}

/** The register of one village as the plan counts it, on the month `month` of the fiscal year `year`. */
export async function countVillageWorkers(db: Db, villageCode: string, month: string, year: number): Promise<{ total: number; covered: number; funded: number }> {
  const [row] = rowsOf<{ total: string | number; covered: string | number; funded: string | number }>(
    await db.execute(sql`
      select count(*) as total,
        count(*) filter (where exists (
          select 1 from worker_protection wp where wp.worker_id = w.id and wp.start_month <= ${month} and wp.paid_until >= ${month}
        )) as covered,
        count(*) filter (where exists (
          select 1 from funding_commitments c where c.worker_id = w.id and c.cancelled_at is null
            and (c.fiscal_year = ${year} or (c.from_month <= ${month} and c.to_month >= ${month}))
        )) as funded
      from workers w
      where w.village_code = ${villageCode} and w.deleted_at is null and w.deceased_on is null`),
  );
  return { total: Number(row?.total ?? 0), covered: Number(row?.covered ?? 0), funded: Number(row?.funded ?? 0) };
}

export interface ProposalWorkerRow {
  id: string;
  name: string;
  nik: string;
  birthDate: string;
  occupation: string;
  dependants: number | null;
  fundedBy: string | null;
  paidUntil: string | null;
}

/** A village's workers with who already pays some month of the period and how far they are paid. */
export async function findProposalWorkers(db: Db, villageCode: string, fromMonth: string, toMonth: string): Promise<ProposalWorkerRow[]> {
  return db
    .select({
      id: workers.id,
      name: workers.name,
      nik: workers.nik,
      birthDate: workers.birthDate,
      occupation: workers.occupation,
      dependants: workers.dependants,
      // Spelled out: inside a one-table select Drizzle leaves the columns unqualified.
      fundedBy: sql<string | null>`(
        select s.name from funding_commitments c join funding_sources s on s.id = c.source_id
        where c.worker_id = "workers"."id" and c.cancelled_at is null and c.from_month <= ${toMonth} and c.to_month >= ${fromMonth}
        order by c.from_month limit 1)`,
      paidUntil: sql<string | null>`(select wp.paid_until from worker_protection wp where wp.worker_id = "workers"."id")`,
    })
    .from(workers)
    // The deceased are no longer anyone's to fund.
    .where(and(eq(workers.villageCode, villageCode), isNull(workers.deletedAt), isNull(workers.deceasedOn)))
    .orderBy(asc(workers.name), desc(workers.id));
}
