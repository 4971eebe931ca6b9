import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workers } from '../workers/workers.table.ts';

/**
 * Who pays premiums: APBD, DBHCHT, CSR and SELF belong to a regency (`regionCode` = regency); ADD and
 * DD belong to one village (`regionCode` = village). `name` tells apart several CSR sponsors.
 */
export const fundingSources = pgTable(
  'funding_sources',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['APBD', 'ADD', 'DBHCHT', 'CSR', 'SELF', 'DD'] }).notNull(),
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('funding_sources_kind_region_name_uq').on(t.kind, t.regionCode, t.name), index('funding_sources_region_idx').on(t.regionCode)],
);

/** A source's budget for one fiscal (calendar) year, with the budget line and legal basis it is recorded under. */
export const fundingBudgets = pgTable(
  'funding_budgets',
  {
    id: uuid('id').primaryKey(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundingSources.id),
    fiscalYear: integer('fiscal_year').notNull(),
    /** Whole Rupiah; regency budgets exceed 2^31. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Budget line (kode rekening / DPA, or the APBDes line for ADD). */
    budgetLine: text('budget_line'),
    /** Regulation or decree behind the allocation (Perbup, Perdes, SK …). */
    legalBasis: text('legal_basis'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('funding_budgets_source_year_uq').on(t.sourceId, t.fiscalYear)],
);

/**
 * A source's promise to pay one worker's premiums for `fromMonth`..`toMonth` (inclusive, one fiscal
 * year). Its cost is reserved against the year's budget. Never edited: a commitment is cancelled (its
 * unpaid cost released) and a new one made.
 */
export const fundingCommitments = pgTable(
  'funding_commitments',
  {
    id: uuid('id').primaryKey(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundingSources.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    fiscalYear: integer('fiscal_year').notNull(),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    /** Programmes paid for, comma-separated in a fixed order ("JKK,JKM" or "JKK,JKM,JHT"). */
    programs: text('programs').notNull(),
    declaredIncome: integer('declared_income').notNull(),
    /** Whole Rupiah for the whole period, from the rates in force for each month. */
    totalAmount: integer('total_amount').notNull(),
    /** After the sponsored period the worker pays for themself; they are reminded a month before it ends. */
    handoverToSelf: boolean('handover_to_self').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('funding_commitments_worker_idx').on(t.workerId, t.fromMonth),
    index('funding_commitments_source_year_idx').on(t.sourceId, t.fiscalYear),
    index('funding_commitments_to_month_idx').on(t.toMonth).where(sql`${t.cancelledAt} is null`),
  ],
);

/**
 * One payment from a source for a set of workers and months (its lines are premium_payments rows, one
 * per enrolment). Never edited: a correction is a reversing payment (`reversesPaymentId`, negative
 * amount and lines), after which the original no longer counts towards paid-until.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => fundingSources.id),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    workerCount: integer('worker_count').notNull(),
    /** Whole Rupiah actually paid (negative on a reversal). */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The cost quoted from the rates for those workers and months. */
    expectedAmount: bigint('expected_amount', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference'),
    note: text('note'),
    reversesPaymentId: uuid('reverses_payment_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_source_paid_idx').on(t.sourceId, t.paidOn),
    uniqueIndex('payments_reverses_uq').on(t.reversesPaymentId).where(sql`${t.reversesPaymentId} is not null`),
  ],
);
