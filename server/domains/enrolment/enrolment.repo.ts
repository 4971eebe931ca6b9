import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PaidRange, Participation } from '../../../core/coverage.ts';
import type { Db } from '../../db/client.ts';
import { enrolments, premiumPayments } from './enrolment.table.ts';
import { refreshProtectionHistory, resolveWorkerIds } from './protection-history.ts';

export interface ParticipationRow extends Participation {
  kpj: string | null;
  fundingSource: string;
  /** What the latest reconciled BPJS file said, when one did. */
  bpjsStatus: 'active' | 'non_active' | null;
  bpjsReportedOn: string | null;
}

/**
 * Every participation of the given workers with the last month paid for and every paid range, in two queries.
 * With `paidBy`, payments made after that day do not count (a premium paid after an accident does not cover it).
 */
export async function findParticipations(db: Db, workerIds: string[], paidBy?: string): Promise<Map<string, ParticipationRow[]>> {
  const byWorker = new Map<string, ParticipationRow[]>();
  if (workerIds.length === 0) return byWorker;
  const rows = await db
    .select({
      id: enrolments.id,
      bpjsPaidUntil: enrolments.bpjsPaidUntil,
      workerId: enrolments.workerId,
      program: enrolments.program,
      kpj: enrolments.kpj,
      fundingSource: enrolments.fundingSource,
      startMonth: enrolments.startMonth,
      endedOn: enrolments.endedOn,
      // A correlated max per enrolment always walks the (enrolment_id, to_month) index, whatever the table sizes.
      // (Spelled out: inside a one-table select Drizzle would leave the columns unqualified.)
      // Paid-until is the later of Jaring's recorded payments and the month BPJS reports as paid (reconciliation).
      paidUntil: sql<string | null>`${paidUntilOf(sql`"enrolments"`)}`,
      bpjsStatus: enrolments.bpjsStatus,
      bpjsReportedOn: enrolments.bpjsReportedOn,
    })
    .from(enrolments)
    .where(inArray(enrolments.workerId, workerIds));
  const ranges = await findPaidRanges(db, rows.map((r) => r.id), paidBy);
  for (const { workerId, id, bpjsPaidUntil, ...participation } of rows) {
    const list = byWorker.get(workerId) ?? [];
    const paidRanges = [...(ranges.get(id) ?? [])];
    // BPJS reports how far a participation is paid, not month by month: paid from its start up to then.
    if (bpjsPaidUntil && bpjsPaidUntil >= participation.startMonth) paidRanges.push({ from: participation.startMonth, to: bpjsPaidUntil });
    if (paidBy) participation.paidUntil = paidRanges.map((r) => r.to).sort().at(-1) ?? null;
    list.push({ ...participation, paidRanges });
    byWorker.set(workerId, list);
  }
  return byWorker;
}

/** The month ranges paid by payment lines that count (paid on or before `paidBy`, when given), per enrolment. */
export async function findPaidRanges(db: Db, enrolmentIds: string[], paidBy?: string): Promise<Map<string, PaidRange[]>> {
  const out = new Map<string, PaidRange[]>();
  if (enrolmentIds.length === 0) return out;
  const ids = sql.join(enrolmentIds.map((id) => sql`${id}::uuid`), sql`, `);
  const result = await db.execute(sql`
    select pl.enrolment_id, pl.from_month, pl.to_month from premium_payments pl
    where pl.enrolment_id in (${ids}) and ${countingLine(sql`pl`)} ${paidBy ? sql`and pl.paid_on <= ${paidBy}::date` : sql``}`);
  for (const r of (result as unknown as { rows: { enrolment_id: string; from_month: string; to_month: string }[] }).rows) {
    const list = out.get(r.enrolment_id) ?? [];
    list.push({ from: r.from_month, to: r.to_month });
    out.set(r.enrolment_id, list);
  }
  return out;
}

/**
 * The last month paid for of one enrolment (SQL, `e` the enrolments row): the later of its payment lines
 * that still count — not a reversal, not reversed — and the month BPJS reports as paid (reconciliation).
 */
export function paidUntilOf(e: SQL): SQL {
  return sql`greatest((
    select max(pl.to_month) from premium_payments pl where pl.enrolment_id = ${e}."id" and ${countingLine(sql`pl`)}
  ), ${e}."bpjs_paid_until")`;
}

/** A premium_payments row (`pl`) that counts: recorded before the ledger, or of a payment neither reversing nor reversed. */
export function countingLine(pl: SQL): SQL {
  return sql`(${pl}.payment_id is null or exists (
    select 1 from payments pay where pay.id = ${pl}.payment_id and pay.reverses_payment_id is null
      and not exists (select 1 from payments rev where rev.reverses_payment_id = pay.id)))`;
}

/**
 * Recomputes worker_protection for the given workers (ids, or a subquery yielding worker ids) from
 * their open enrolments, payments and BPJS file (a deleted worker gets no row), and their protection history
 * (coverage_spans). Call it inside the transaction of every write that changes enrolments or payments, so
 * neither projection ever disagrees with the ledger.
 */
export async function refreshProtection(db: Db, workerIds: string[] | SQL): Promise<void> {
  if (Array.isArray(workerIds) && workerIds.length === 0) return;
  const ids = Array.isArray(workerIds) ? sql.join(workerIds.map((id) => sql`${id}::uuid`), sql`, `) : workerIds;
  await db.execute(sql`delete from worker_protection wp where wp.worker_id in (${ids})`);
  await db.execute(sql`
    with e as (
      select e.id, e.worker_id, e.program, e.start_month, e.declared_income, e.bpjs_paid_until
      from enrolments e
      where e.worker_id in (${ids}) and e.ended_on is null
    ), paid as (
      -- Every month range that counts: payment lines not reversed, and what BPJS reports as paid.
      select pl.enrolment_id, pl.from_month, pl.to_month
      from premium_payments pl join e on e.id = pl.enrolment_id
      where ${countingLine(sql`pl`)}
      union all
      select e.id, e.start_month, e.bpjs_paid_until from e where e.bpjs_paid_until >= e.start_month
    ), ordered as (
      select paid.*, max(paid.to_month) over (
        partition by paid.enrolment_id order by paid.from_month, paid.to_month rows between unbounded preceding and 1 preceding) as before_max
      from paid
    ), numbered as (
      -- A range that starts after the month following everything before it opens a new run of paid months.
      select ordered.*, sum(case when before_max is null or from_month > to_char(to_date(before_max, 'YYYY-MM') + interval '1 month', 'YYYY-MM') then 1 else 0 end)
        over (partition by enrolment_id order by from_month, to_month rows unbounded preceding) as run_no
      from ordered
    ), runs as (
      select enrolment_id, run_no, min(from_month) as run_from, max(to_month) as run_to from numbered group by 1, 2
    ), per_enrolment as (
      select enrolment_id, max(run_to) as paid_until,
        (array_agg(run_from order by run_no desc))[1] as run_from,
        (array_agg(run_to order by run_no desc))[2] as prev_paid_until
      from runs group by 1
    ), w as (
      -- JKK and JKM together decide protection: the earlier paid-until, the later run start; a programme
      -- without an earlier run does not limit the month before the run (min ignores nulls).
      select e.worker_id,
        max(e.start_month) filter (where e.program <> 'JHT') as start_month,
        case when bool_or(pe.paid_until is null) filter (where e.program <> 'JHT') then null
          else min(pe.paid_until) filter (where e.program <> 'JHT') end as paid_until,
        case when bool_or(pe.paid_until is null) filter (where e.program <> 'JHT') then null
          else max(pe.run_from) filter (where e.program <> 'JHT') end as run_from,
        min(pe.prev_paid_until) filter (where e.program <> 'JHT') as prev_paid_until,
        max(e.declared_income) filter (where e.program = 'JKK') as declared_income,
        coalesce(bool_or(e.program = 'JHT'), false) as has_jht
      from e left join per_enrolment pe on pe.enrolment_id = e.id
      group by e.worker_id
      having count(distinct e.program) filter (where e.program <> 'JHT') = 2
    )
    insert into worker_protection (worker_id, village_code, district_code, start_month, paid_until, run_from, prev_paid_until, declared_income, has_jht, source_id, updated_at)
    select w.worker_id, wk.village_code, wk.district_code, w.start_month, w.paid_until, w.run_from,
      case when w.run_from is null then null else w.prev_paid_until end, w.declared_income, w.has_jht, (
        -- Who pays the month protection runs to (or, unpaid, the first month).
        select c.source_id from funding_commitments c
        where c.worker_id = w.worker_id and c.cancelled_at is null
          and c.from_month <= coalesce(w.paid_until, w.start_month) and c.to_month >= coalesce(w.paid_until, w.start_month)
        order by c.created_at desc limit 1
      ), now()
    from w
    join workers wk on wk.id = w.worker_id and wk.deleted_at is null`);
  // The month-by-month history (coverage figures and trend) follows in the same transaction.
  await refreshProtectionHistory(db, Array.isArray(workerIds) ? workerIds : await resolveWorkerIds(db, workerIds));
}

export interface EnrolmentDefaults {
  programs: readonly ('JKK' | 'JKM' | 'JHT')[];
  startMonth: string;
  declaredIncome: number;
  fundingSource: string;
}

/**
 * Opens the missing participations of each worker (an open one of the same programme is kept as it is)
 * and returns the workers that got at least one new participation. Callers refresh protection afterwards.
 */
export async function ensureEnrolments(db: Db, workerIds: string[], defaults: EnrolmentDefaults): Promise<string[]> {
  if (workerIds.length === 0) return [];
  const rows = workerIds.flatMap((workerId) =>
    defaults.programs.map((program) => ({
      id: crypto.randomUUID(),
      workerId,
      program,
      startMonth: defaults.startMonth,
      declaredIncome: defaults.declaredIncome,
      fundingSource: defaults.fundingSource,
    })),
  );
  const created: { workerId: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    created.push(
      ...(await db
        .insert(enrolments)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing({ target: [enrolments.workerId, enrolments.program], where: sql`${enrolments.endedOn} is null` })
        .returning({ workerId: enrolments.workerId })),
    );
  }
  return [...new Set(created.map((r) => r.workerId))];
}

export interface EnrolmentRow {
  id: string;
  workerId: string;
  program: 'JKK' | 'JKM' | 'JHT';
  kpj: string | null;
  startMonth: string;
  declaredIncome: number;
  fundingSource: string;
  endedOn: string | null;
  paidUntil: string | null;
  bpjsStatus: 'active' | 'non_active' | null;
  bpjsReportedOn: string | null;
  bpjsPaidUntil: string | null;
}

const enrolmentColumns = {
  id: enrolments.id,
  workerId: enrolments.workerId,
  program: enrolments.program,
  kpj: enrolments.kpj,
  startMonth: enrolments.startMonth,
  declaredIncome: enrolments.declaredIncome,
  fundingSource: enrolments.fundingSource,
  endedOn: enrolments.endedOn,
  paidUntil: sql<string | null>`${paidUntilOf(sql`"enrolments"`)}`,
  bpjsStatus: enrolments.bpjsStatus,
  bpjsReportedOn: enrolments.bpjsReportedOn,
  bpjsPaidUntil: enrolments.bpjsPaidUntil,
};

/** Every participation of one worker, open and ended, with its last month paid for. */
export async function findEnrolmentsOfWorker(db: Db, workerId: string): Promise<EnrolmentRow[]> {
  return db.select(enrolmentColumns).from(enrolments).where(eq(enrolments.workerId, workerId));
}

export async function findEnrolmentById(db: Db, id: string): Promise<EnrolmentRow | undefined> {
  const [row] = await db.select(enrolmentColumns).from(enrolments).where(eq(enrolments.id, id));
  return row;
}

export interface PaymentLineRow {
  enrolmentId: string;
  paymentId: string | null;
  fromMonth: string;
  toMonth: string;
  amount: number;
  sourceKind: string;
  sourceName: string | null;
  paidOn: string;
  reference: string | null;
  reversed: boolean;
}

/** The payment lines of some enrolments, oldest first, with their source and whether they still count. */
export async function findPaymentLines(db: Db, enrolmentIds: string[]): Promise<PaymentLineRow[]> {
  if (enrolmentIds.length === 0) return [];
  const ids = sql.join(enrolmentIds.map((id) => sql`${id}::uuid`), sql`, `);
  const result = await db.execute(sql`
    select pl.enrolment_id as "enrolmentId", pl.payment_id as "paymentId", pl.from_month as "fromMonth", pl.to_month as "toMonth",
      pl.amount, coalesce(fs.kind, pl.funding_source) as "sourceKind", fs.name as "sourceName", pl.paid_on::text as "paidOn",
      coalesce(pl.reference, pay.reference) as reference,
      (pay.reverses_payment_id is not null or exists (select 1 from payments rev where rev.reverses_payment_id = pay.id)) as reversed
    from premium_payments pl
    left join payments pay on pay.id = pl.payment_id
    left join funding_sources fs on fs.id = pay.source_id
    where pl.enrolment_id in (${ids})
    order by pl.from_month, pl.paid_on, pl.created_at`);
  return (result as unknown as { rows: PaymentLineRow[] }).rows.map((r) => ({ ...r, amount: Number(r.amount), reversed: Boolean(r.reversed) }));
}

export type EnrolmentInsert = typeof enrolments.$inferInsert;

export async function insertEnrolmentRows(db: Db, rows: EnrolmentInsert[]): Promise<void> {
  if (rows.length > 0) await db.insert(enrolments).values(rows);
}

export async function updateEnrolmentRow(db: Db, id: string, values: Partial<Pick<EnrolmentInsert, 'kpj' | 'declaredIncome' | 'endedOn'>>): Promise<void> {
  await db.update(enrolments).set(values).where(eq(enrolments.id, id));
}

/** Ends an open participation; false when it was already ended (a concurrent end). */
export async function endEnrolmentRow(db: Db, id: string, endedOn: string): Promise<boolean> {
  const rows = await db
    .update(enrolments)
    .set({ endedOn })
    .where(and(eq(enrolments.id, id), isNull(enrolments.endedOn)))
    .returning({ id: enrolments.id });
  return rows.length > 0;
}

/** A payment line written straight into the ledger table (tests, and lines from before the financing ledger). */
export async function insertPaymentLine(db: Db, line: typeof premiumPayments.$inferInsert): Promise<void> {
  await db.insert(premiumPayments).values(line);
}

/** Ends every open participation of a worker on a day (a death); returns the participations ended. */
export async function endOpenEnrolmentsOfWorker(db: Db, workerId: string, endedOn: string): Promise<{ id: string; program: string }[]> {
  return db
    .update(enrolments)
    .set({ endedOn })
    .where(and(eq(enrolments.workerId, workerId), isNull(enrolments.endedOn)))
    .returning({ id: enrolments.id, program: enrolments.program });
}

/**
 * Reopens participations ended on `endedOn` (a death report cancelled). One that was ended otherwise since,
 * or whose programme has been opened again meanwhile, stays as it is; returns the ids reopened.
 */
export async function reopenEnrolments(db: Db, ids: readonly string[], endedOn: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .update(enrolments)
    .set({ endedOn: null })
    .where(
      and(
        inArray(enrolments.id, [...ids]),
        eq(enrolments.endedOn, endedOn),
        // Spelled out: in an UPDATE Drizzle leaves columns unqualified, and they would name `o`'s here.
        sql`not exists (select 1 from enrolments o where o.worker_id = "enrolments"."worker_id" and o.program = "enrolments"."program" and o.ended_on is null)`,
      ),
    )
    .returning({ id: enrolments.id });
  return rows.map((r) => r.id);
}
