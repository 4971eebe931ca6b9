import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workers } from '../workers/workers.table.ts';

/**
 * A worker's participation in one BPJS Ketenagakerjaan programme (JKK, JKM, JHT). Its status on any
 * day is derived from payments (core/coverage.ts), never stored.
 */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    program: text('program', { enum: ['JKK', 'JKM', 'JHT'] }).notNull(),
    /** BPJS participant number (Kartu Peserta Jamsostek). */
    kpj: text('kpj'),
    /** First month of protection, YYYY-MM. */
    startMonth: text('start_month').notNull(),
    declaredIncome: integer('declared_income').notNull(),
    /** Who pays by default: APBD, ADD, DBHCHT, CSR, SELF. */
    fundingSource: text('funding_source').notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    /** What the latest BPJS participant file said about this participation (reconciliation), as of `bpjsReportedOn`. */
    bpjsStatus: text('bpjs_status', { enum: ['active', 'non_active'] }),
    /** Last month paid for according to BPJS, YYYY-MM; counts like a payment when deriving the status. */
    bpjsPaidUntil: text('bpjs_paid_until'),
    bpjsReportedOn: date('bpjs_reported_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolments_worker_program_open_uq').on(t.workerId, t.program).where(sql`${t.endedOn} is null`),
    index('enrolments_worker_idx').on(t.workerId),
  ],
);

/** A premium payment covering the months `fromMonth`..`toMonth` (inclusive) of one enrolment. */
export const premiumPayments = pgTable(
  'premium_payments',
  {
    id: uuid('id').primaryKey(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    /** Whole Rupiah. */
    amount: integer('amount').notNull(),
    fundingSource: text('funding_source').notNull(),
    /** The payment (financing ledger) this line belongs to; null for lines recorded before the ledger existed. */
    paymentId: uuid('payment_id'),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('premium_payments_enrolment_idx').on(t.enrolmentId, t.toMonth), index('premium_payments_payment_idx').on(t.paymentId)],
);

/**
 * One row per worker holding open JKK and JKM participations: the month protection is paid until (the
 * earlier of the two), so renewal and lapse worklists over a million participations use an index
 * instead of re-deriving every worker. A projection of enrolments, payments and the BPJS file,
 * refreshed in the same transaction as every write that changes them (enrolment.repo refreshProtection);
 * statuses are still derived from it on the day asked, never stored. Deleted workers have no row.
 */
export const workerProtection = pgTable(
  'worker_protection',
  {
    workerId: uuid('worker_id')
      .primaryKey()
      .references(() => workers.id),
    /** The worker's village and district, kept in step by a trigger on workers (migration 0006). */
    villageCode: text('village_code').notNull(),
    districtCode: text('district_code').notNull(),
    /** The later of the JKK and JKM start months. */
    startMonth: text('start_month').notNull(),
    /** The earlier of the JKK and JKM paid-until months; null when nothing is paid yet. */
    paidUntil: text('paid_until'),
    /**
     * First month of the unbroken run of paid months that ends at `paidUntil`, and the last month paid
     * before that run (null: none). Months paid in advance after a lapse protect only from `runFrom`: before
     * it, protection is measured from `prevPaidUntil` (see core/coverage.ts paidThroughIn).
     */
    runFrom: text('run_from'),
    prevPaidUntil: text('prev_paid_until'),
    /** Declared income of the open JKK participation, and whether JHT is open too: what a renewal costs. */
    declaredIncome: integer('declared_income').notNull(),
    hasJht: boolean('has_jht').notNull().default(false),
    /** The source of the latest payment or commitment reaching `paidUntil`, when known. */
    sourceId: uuid('source_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('worker_protection_paid_until_idx').on(t.paidUntil, t.villageCode),
    index('worker_protection_village_idx').on(t.villageCode, t.paidUntil),
    index('worker_protection_district_idx').on(t.districtCode, t.paidUntil),
    // Few rows: workers whose latest paid run has not begun yet (paid in advance after a gap).
    index('worker_protection_run_from_idx').on(t.runFrom),
  ],
);
