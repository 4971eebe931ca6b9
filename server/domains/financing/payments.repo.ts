/**
 * SQL of the payments ledger: payment headers, their lines (premium_payments), and the rows of the BPJS
 * exchange files. A payment "counts" when it is not a reversal and has not been reversed.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cachedRead } from '../../db/read-cache.ts';
import { enrolments, premiumPayments } from '../enrolment/enrolment.table.ts';
import { workers } from '../workers/workers.table.ts';
import { fundingCommitments, fundingSources, payments } from './financing.table.ts';
import { villagesOf } from '../ucj/coverage.repo.ts';
import { lockWorkers as lockWorkersInOrder } from './financing.repo.ts';

export type SourceRow = typeof fundingSources.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type PaymentInsert = typeof payments.$inferInsert;
export type PaymentLineInsert = typeof premiumPayments.$inferInsert;

/** `column` lies inside the region `code` (the code itself or below it). */
function inRegion(column: SQL | typeof workers.villageCode, code: string): SQL {
  return sql`(${column} = ${code} or ${column} like ${`${code}.%`})`;
}

/** The payment `p` does not count: it reverses another, or another reverses it. */
const isCounting = sql`(${payments.reversesPaymentId} is null and not exists (select 1 from payments rev where rev.reverses_payment_id = ${payments.id}))`;

/**
 * Payments visible from a region scope: those of sources inside it, and those of wider sources (a regency
 * budget seen by a village) that pay for at least one worker inside it.
 */
function visibleFrom(scope: string): SQL {
  return sql`(${inRegion(sql`${fundingSources.regionCode}`, scope)} or (${scope} like ${fundingSources.regionCode} || '.%' and exists (
    select 1 from premium_payments vl join enrolments ve on ve.id = vl.enrolment_id join workers vw on vw.id = ve.worker_id
    where vl.payment_id = ${payments.id} and ${villagesOf(sql`vw.village_code`, scope)})))`;
}

export { findSource } from './financing.repo.ts';

export interface PayeeRow {
  id: string;
  name: string;
  villageCode: string;
}

/**
 * The (not removed) workers among `ids`, locked until the transaction ends so two payments — or a payment
 * and a commitment — for them queue (in id order, never deadlocking).
 */
export async function lockWorkers(db: Db, ids: string[]): Promise<PayeeRow[]> {
  const locked = await lockWorkersInOrder(db, ids);
  return locked.filter((w) => !w.deleted).map(({ id, name, villageCode }) => ({ id, name, villageCode }));
}

export interface OpenEnrolmentRow {
  id: string;
  workerId: string;
  program: 'JKK' | 'JKM' | 'JHT';
  declaredIncome: number;
}

export async function findOpenEnrolments(db: Db, workerIds: string[]): Promise<OpenEnrolmentRow[]> {
  if (workerIds.length === 0) return [];
  return db
    .select({ id: enrolments.id, workerId: enrolments.workerId, program: enrolments.program, declaredIncome: enrolments.declaredIncome })
    .from(enrolments)
    .where(and(inArray(enrolments.workerId, workerIds), isNull(enrolments.endedOn)));
}

export interface CommitmentSpan {
  workerId: string;
  sourceId: string;
  sourceKind: SourceRow['kind'];
  sourceName: string;
  fromMonth: string;
  toMonth: string;
  /** Programmes the commitment pays for, e.g. "JKK,JKM". */
  programs: string;
}

/** Non-cancelled commitments of any source for these workers overlapping `fromMonth`..`toMonth`. */
export async function findOverlappingCommitments(db: Db, workerIds: string[], fromMonth: string, toMonth: string): Promise<CommitmentSpan[]> {
  if (workerIds.length === 0) return [];
  return db
    .select({
      workerId: fundingCommitments.workerId,
      sourceId: fundingCommitments.sourceId,
      sourceKind: fundingSources.kind,
      sourceName: fundingSources.name,
      fromMonth: fundingCommitments.fromMonth,
      toMonth: fundingCommitments.toMonth,
      programs: fundingCommitments.programs,
    })
    .from(fundingCommitments)
    .innerJoin(fundingSources, eq(fundingSources.id, fundingCommitments.sourceId))
    .where(
      and(
        inArray(fundingCommitments.workerId, workerIds),
        isNull(fundingCommitments.cancelledAt),
        lte(fundingCommitments.fromMonth, toMonth),
        gte(fundingCommitments.toMonth, fromMonth),
      ),
    )
    .orderBy(asc(fundingCommitments.fromMonth));
}

export interface PaidSpan {
  workerId: string;
  fromMonth: string;
  toMonth: string;
  paymentId: string | null;
  reference: string | null;
  paidOn: string;
}

/** Payment lines that still count (legacy lines without a payment included) of these workers overlapping the months. */
export async function findCountingLines(db: Db, workerIds: string[], fromMonth: string, toMonth: string): Promise<PaidSpan[]> {
  if (workerIds.length === 0) return [];
  return db
    .select({
      workerId: enrolments.workerId,
      fromMonth: premiumPayments.fromMonth,
      toMonth: premiumPayments.toMonth,
      paymentId: premiumPayments.paymentId,
      reference: premiumPayments.reference,
      paidOn: premiumPayments.paidOn,
    })
    .from(premiumPayments)
    .innerJoin(enrolments, eq(enrolments.id, premiumPayments.enrolmentId))
    .where(
      and(
        inArray(enrolments.workerId, workerIds),
        lte(premiumPayments.fromMonth, toMonth),
        gte(premiumPayments.toMonth, fromMonth),
        sql`(${premiumPayments.paymentId} is null or exists (
          select 1 from payments pay where pay.id = ${premiumPayments.paymentId} and pay.reverses_payment_id is null
            and not exists (select 1 from payments rev where rev.reverses_payment_id = pay.id)))`,
      ),
    )
    .orderBy(asc(premiumPayments.fromMonth));
}

export async function insertPayment(db: Db, row: PaymentInsert): Promise<void> {
  await db.insert(payments).values(row);
}

export async function insertPaymentLines(db: Db, rows: PaymentLineInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(premiumPayments).values(rows.slice(i, i + 1000));
}

export interface PaymentWithSource extends PaymentRow {
  sourceKind: SourceRow['kind'];
  sourceName: string;
  sourceRegionCode: string;
  reversedByPaymentId: string | null;
}

const paymentColumns = {
  id: payments.id,
  sourceId: payments.sourceId,
  fromMonth: payments.fromMonth,
  toMonth: payments.toMonth,
  workerCount: payments.workerCount,
  amount: payments.amount,
  expectedAmount: payments.expectedAmount,
  paidOn: payments.paidOn,
  reference: payments.reference,
  note: payments.note,
  reversesPaymentId: payments.reversesPaymentId,
  createdBy: payments.createdBy,
  createdAt: payments.createdAt,
  sourceKind: fundingSources.kind,
  sourceName: fundingSources.name,
  sourceRegionCode: fundingSources.regionCode,
  reversedByPaymentId: sql<string | null>`(select r.id from payments r where r.reverses_payment_id = ${payments.id})`,
};

/** One payment with its source, if visible from `scope`. */
export async function findPayment(db: Db, id: string, scope: string): Promise<PaymentWithSource | undefined> {
  const [row] = await db
    .select(paymentColumns)
    .from(payments)
    .innerJoin(fundingSources, eq(fundingSources.id, payments.sourceId))
    .where(and(eq(payments.id, id), visibleFrom(scope)));
  return row;
}

export interface PaymentSearch {
  scope: string;
  sourceId?: string;
  villageCode?: string;
  /** paid_on range, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/**
 * A page of payments visible from a scope, newest first, with the total. From the read cache until a
 * payment, its lines or its workers change: whether a regency payment is visible from a village looks
 * through every line of it.
 */
export function searchPayments(db: Db, search: PaymentSearch): Promise<{ rows: PaymentWithSource[]; total: number }> {
  return cachedRead(db, `payments:${JSON.stringify(search)}`, ['payments', 'premium_payments', 'enrolments', 'workers', 'funding_sources'], () =>
    searchPaymentsNow(db, search),
  );
}

async function searchPaymentsNow(db: Db, search: PaymentSearch): Promise<{ rows: PaymentWithSource[]; total: number }> {
  const where = and(
    visibleFrom(search.scope),
    search.sourceId ? eq(payments.sourceId, search.sourceId) : undefined,
    search.villageCode
      ? sql`exists (select 1 from premium_payments fl join enrolments fe on fe.id = fl.enrolment_id join workers fw on fw.id = fe.worker_id
          where fl.payment_id = ${payments.id} and fw.village_code = ${search.villageCode})`
      : undefined,
    search.from ? gte(payments.paidOn, search.from) : undefined,
    search.to ? lte(payments.paidOn, search.to) : undefined,
  );
  const rows = await db
    .select(paymentColumns)
    .from(payments)
    .innerJoin(fundingSources, eq(fundingSources.id, payments.sourceId))
    .where(where)
    .orderBy(desc(payments.paidOn), desc(payments.createdAt), desc(payments.id))
    .limit(search.limit)
    .offset(search.offset);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(payments)
    .innerJoin(fundingSources, eq(fundingSources.id, payments.sourceId))
    .where(where);
  return { rows, total };
}

export interface PaymentLineRow {
  lineId: string;
  enrolmentId: string;
  workerId: string;
  program: 'JKK' | 'JKM' | 'JHT';
  fromMonth: string;
  toMonth: string;
  amount: number;
  fundingSource: string;
  reference: string | null;
  name: string;
  nik: string;
  villageCode: string;
}

/** The lines of one payment with their workers, ordered by worker name. */
export async function findPaymentLines(db: Db, paymentId: string): Promise<PaymentLineRow[]> {
  return db
    .select({
      lineId: premiumPayments.id,
      enrolmentId: premiumPayments.enrolmentId,
      workerId: enrolments.workerId,
      program: enrolments.program,
      fromMonth: premiumPayments.fromMonth,
      toMonth: premiumPayments.toMonth,
      amount: premiumPayments.amount,
      fundingSource: premiumPayments.fundingSource,
      reference: premiumPayments.reference,
      name: workers.name,
      nik: workers.nik,
      villageCode: workers.villageCode,
    })
    .from(premiumPayments)
    .innerJoin(enrolments, eq(enrolments.id, premiumPayments.enrolmentId))
    .innerJoin(workers, eq(workers.id, enrolments.workerId))
    .where(eq(premiumPayments.paymentId, paymentId))
    .orderBy(asc(workers.name), asc(workers.id), asc(enrolments.program));
}

export interface ExportLineRow {
  paidOn: string;
  reference: string | null;
  nik: string;
  name: string;
  kpj: string | null;
  villageCode: string;
  program: 'JKK' | 'JKM' | 'JHT';
  fromMonth: string;
  toMonth: string;
  amount: number;
  sourceKind: SourceRow['kind'];
  sourceName: string;
}

/** Counting lines of payments visible from `scope`, of workers inside it, for the BPJS payment list. */
export async function findExportLines(db: Db, search: { scope: string; sourceId?: string; from?: string; to?: string }): Promise<ExportLineRow[]> {
  return db
    .select({
      paidOn: payments.paidOn,
      reference: payments.reference,
      nik: workers.nik,
      name: workers.name,
      kpj: enrolments.kpj,
      villageCode: workers.villageCode,
      program: enrolments.program,
      fromMonth: premiumPayments.fromMonth,
      toMonth: premiumPayments.toMonth,
      amount: premiumPayments.amount,
      sourceKind: fundingSources.kind,
      sourceName: fundingSources.name,
    })
    .from(premiumPayments)
    .innerJoin(payments, eq(payments.id, premiumPayments.paymentId))
    .innerJoin(fundingSources, eq(fundingSources.id, payments.sourceId))
    .innerJoin(enrolments, eq(enrolments.id, premiumPayments.enrolmentId))
    .innerJoin(workers, eq(workers.id, enrolments.workerId))
    .where(
      and(
        isCounting,
        visibleFrom(search.scope),
        inRegion(workers.villageCode, search.scope),
        search.sourceId ? eq(payments.sourceId, search.sourceId) : undefined,
        search.from ? gte(payments.paidOn, search.from) : undefined,
        search.to ? lte(payments.paidOn, search.to) : undefined,
      ),
    )
    .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(workers.name), asc(workers.id), asc(enrolments.program));
}

export interface RegistrationRow {
  workerId: string;
  nik: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  hamlet: string | null;
  rt: string | null;
  rw: string | null;
  villageCode: string;
  districtCode: string;
  occupation: string;
  fromMonth: string;
  toMonth: string;
  programs: string;
  declaredIncome: number;
  kpj: string | null;
}

/** One row per non-cancelled commitment of a source in a fiscal year, with the worker and a known KPJ. */
export async function findRegistrationRows(db: Db, sourceId: string, fiscalYear: number): Promise<RegistrationRow[]> {
  return db
    .select({
      workerId: workers.id,
      nik: workers.nik,
      name: workers.name,
      birthDate: workers.birthDate,
      sex: workers.sex,
      hamlet: workers.hamlet,
      rt: workers.rt,
      rw: workers.rw,
      villageCode: workers.villageCode,
      districtCode: workers.districtCode,
      occupation: workers.occupation,
      fromMonth: fundingCommitments.fromMonth,
      toMonth: fundingCommitments.toMonth,
      programs: fundingCommitments.programs,
      declaredIncome: fundingCommitments.declaredIncome,
      kpj: sql<string | null>`(select ke.kpj from enrolments ke where ke.worker_id = ${workers.id} and ke.kpj is not null
        order by (ke.ended_on is null) desc, ke.program limit 1)`,
    })
    .from(fundingCommitments)
    .innerJoin(workers, eq(workers.id, fundingCommitments.workerId))
    .where(
      and(
        eq(fundingCommitments.sourceId, sourceId),
        eq(fundingCommitments.fiscalYear, fiscalYear),
        isNull(fundingCommitments.cancelledAt),
        isNull(workers.deletedAt),
      ),
    )
    .orderBy(asc(workers.villageCode), asc(workers.name), asc(workers.id), asc(fundingCommitments.fromMonth));
}
