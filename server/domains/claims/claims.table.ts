import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { BenefitAmounts, BenefitEstimate, SchoolLevel } from '../../../core/benefits.ts';
import type { HeirRelation, ProgramProtection } from '../../../core/claims.ts';
import { users } from '../auth/auth.table.ts';
import { workers } from '../workers/workers.table.ts';

/**
 * Benefit amounts as dated rows, never code constants: a regulation change is a new row from the day
 * it takes effect, and an event is paid with the row in force on its day (core/benefits.ts). Rows are
 * never edited or deleted. Seeded with PP 44/2015 jo. PP 82/2019 by the migration.
 */
export const benefitRates = pgTable(
  'benefit_rates',
  {
    id: uuid('id').primaryKey(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    regulation: text('regulation').notNull(),
    amounts: jsonb('amounts').$type<BenefitAmounts>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('benefit_rates_valid_from_uq').on(t.validFrom)],
);

/** Numbers claims as families and officers quote them: KLM-2026-00012. */
export const claimNumberSeq = pgSequence('claim_number_seq', { startWith: 1 });

/**
 * One claim for one event (a death or a work accident) of one worker, or one school year's scholarship
 * of one child (`type` scholarship, under the death or disability claim it follows). Protection on the
 * event day and the benefit estimate are kept as checked (at report, or at the latest re-check) so the
 * record shows what the family was told; the status moves only through the workflow in core/claims.ts.
 */
export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    type: text('type', { enum: ['jkm_death', 'jkk_death', 'jkk_injury', 'scholarship'] }).notNull(),
    program: text('program', { enum: ['JKM', 'JKK'] }).notNull(),
    event: text('event', { enum: ['death_natural', 'death_work_accident', 'work_accident_injury'] }).notNull(),
    parentClaimId: uuid('parent_claim_id').references((): AnyPgColumn => claims.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    /** The worker's village when the event was reported: scope, totals and lists follow it. */
    villageCode: text('village_code').notNull(),
    districtCode: text('district_code').notNull(),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    description: text('description').notNull(),
    trafficAccident: boolean('traffic_accident').notNull().default(false),
    injuryOutcome: text('injury_outcome', { enum: ['temporary', 'permanent_disability'] }),
    incapacityDays: integer('incapacity_days'),
    status: text('status', {
      enum: ['reported', 'documents_complete', 'submitted', 'approved', 'rejected', 'paid', 'not_eligible', 'cancelled'],
    }).notNull(),
    eligible: boolean('eligible').notNull(),
    ineligibleReason: text('ineligible_reason'),
    protection: jsonb('protection').$type<ProgramProtection[]>().notNull(),
    graceMonths: integer('grace_months').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Months paid for the claim's programme up to the event, from Jaring's records. */
    contributionMonths: integer('contribution_months').notNull(),
    /** What BPJS holds, when an officer recorded it (it then decides). */
    contributionMonthsBpjs: integer('contribution_months_bpjs'),
    /** Declared income of the JKK participation at the event (the JKK benefit is a multiple of it). */
    declaredIncome: integer('declared_income').notNull(),
    declaredIncomeBpjs: integer('declared_income_bpjs'),
    estimate: jsonb('estimate').$type<BenefitEstimate>(),
    /** The estimate's total (scholarship: the year's amount). */
    estimatedAmount: bigint('estimated_amount', { mode: 'number' }).notNull(),
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    /** Scholarship claims: the child (a claim_heirs row of the parent claim), the school year and its level. */
    heirId: uuid('heir_id'),
    schoolYear: integer('school_year'),
    schoolLevel: text('school_level'),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** The day the payments reached the approved amount. */
    paidOn: date('paid_on', { mode: 'string' }),
    /**
     * The first day this claim shows a warning (core/claims.ts firstWarningDay, and a child's next school
     * year 30 days ahead), kept with every write to it: "needs action" reads it instead of deriving every
     * claim's warnings. Null: nothing ahead.
     */
    attentionOn: date('attention_on', { mode: 'string' }),
    /** Death claims: the participations this report ended (restored if the report is cancelled). */
    endedEnrolmentIds: jsonb('ended_enrolment_ids').$type<string[]>().notNull().default([]),
    reportedBy: uuid('reported_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('claims_number_uq').on(t.number),
    index('claims_village_status_idx').on(t.villageCode, t.status),
    index('claims_worker_idx').on(t.workerId),
    index('claims_parent_idx').on(t.parentClaimId),
    index('claims_attention_idx').on(t.attentionOn).where(sql`${t.attentionOn} is not null`),
    // A person dies once: one live death claim per worker.
    uniqueIndex('claims_one_death_uq')
      .on(t.workerId)
      .where(sql`${t.type} in ('jkm_death', 'jkk_death') and ${t.status} <> 'cancelled'`),
    // One live scholarship claim per child and school year.
    uniqueIndex('claims_scholarship_year_uq')
      .on(t.heirId, t.schoolYear)
      .where(sql`${t.type} = 'scholarship' and ${t.status} not in ('cancelled', 'rejected')`),
  ],
);

/** The heirs (or family members) of a claim, in the order entered; children carry their schooling. */
export const claimHeirs = pgTable(
  'claim_heirs',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    position: integer('position').notNull(),
    nik: varchar('nik', { length: 16 }).notNull(),
    name: text('name').notNull(),
    relation: text('relation').$type<HeirRelation>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: ['M', 'F'] }).notNull(),
    phone: text('phone'),
    schoolLevel: text('school_level').$type<SchoolLevel>(),
    married: boolean('married').notNull().default(false),
    working: boolean('working').notNull().default(false),
    isPayee: boolean('is_payee').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('claim_heirs_claim_idx').on(t.claimId, t.position), uniqueIndex('claim_heirs_claim_nik_uq').on(t.claimId, t.nik)],
);

/** A document of the checklist marked received, with the day. */
export const claimDocuments = pgTable(
  'claim_documents',
  {
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    code: text('code').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    receivedBy: uuid('received_by').references(() => users.id),
    receivedByUsername: text('received_by_username'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.code] })],
);

/** Each step of a claim's workflow: who, when, and why (rejections, cancellations). Append-only. */
export const claimEvents = pgTable(
  'claim_events',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    step: text('step').notNull(),
    /** The day it happened (a BPJS decision may be recorded later than it was taken). */
    onDate: date('on_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    actorUsername: text('actor_username'),
    note: text('note'),
  },
  (t) => [index('claim_events_claim_idx').on(t.claimId, t.at)],
);

/**
 * A benefit paid to an heir (or to the participant, or a provider for medical care). Never edited: a
 * correction is a reversing row (negative amount) pointing at the payment, after which neither counts.
 */
export const claimPayments = pgTable(
  'claim_payments',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    heirId: uuid('heir_id').references(() => claimHeirs.id),
    kind: text('kind', {
      enum: ['lump_sum', 'income_multiple', 'periodic', 'funeral', 'temporary_incapacity', 'medical', 'scholarship', 'late_interest'],
    }).notNull(),
    /** Whole Rupiah; negative for a reversal. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    note: text('note'),
    reversesPaymentId: uuid('reverses_payment_id').references((): AnyPgColumn => claimPayments.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdByUsername: text('created_by_username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('claim_payments_claim_idx').on(t.claimId),
    index('claim_payments_paid_on_idx').on(t.paidOn),
    uniqueIndex('claim_payments_reverses_uq').on(t.reversesPaymentId),
  ],
);

/** A ceremony where benefits are handed over, and the paid claims whose recipients it lists. */
export const claimHandovers = pgTable(
  'claim_handovers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    note: text('note'),
    /** The caller's region when it was made: who else may see it. */
    regionCode: text('region_code').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdByUsername: text('created_by_username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('claim_handovers_region_idx').on(t.regionCode, t.heldOn)],
);

export const claimHandoverClaims = pgTable(
  'claim_handover_claims',
  {
    handoverId: uuid('handover_id')
      .notNull()
      .references(() => claimHandovers.id, { onDelete: 'cascade' }),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
  },
  (t) => [primaryKey({ columns: [t.handoverId, t.claimId] }), index('claim_handover_claims_claim_idx').on(t.claimId)],
);
